import { SEED_INVOICE_ORDER_EXAMPLE } from "@fakturabot/schema";
import {
  createFrontPaymentClient,
  type FrontPaymentClientOptions,
  type FrontPaymentLogger,
} from "../src/index.js";

export const TOKEN = "fp-test-token-5f1c9a2e7b";
export const BASE_URL = "https://fp.test";
export const ORDER = SEED_INVOICE_ORDER_EXAMPLE;

/** One scripted answer of the fake transport. */
export type Step =
  | Response
  | { throws: unknown }
  /** Never answers: only the client's timeout ends it. */
  | { hang: true }
  /** Answers with headers, then the body breaks with `error` after its first bytes. */
  | { status: number; bodyBreaks: unknown };

export interface RecordedCall {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

/**
 * A fake of the outside world in the style of openapi-fetch's `createObservedClient`: a `fetch`
 * that answers from a script and records every request it received. A request beyond the script
 * fails the test.
 */
export function scriptedFetch(...steps: Step[]) {
  const calls: RecordedCall[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    calls.push({
      method: request.method,
      url: request.url,
      headers: new Headers(request.headers),
      body: await request.text(),
    });
    const step = steps.shift();
    if (step === undefined) throw new Error(`the script has no answer for request ${calls.length}`);
    if (step instanceof Response) return step;
    if ("throws" in step) throw step.throws;
    if ("hang" in step) return new Promise<never>(() => {});
    return new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"status_code":'));
          controller.error(step.bodyBreaks);
        },
      }),
      { status: step.status, headers: { "content-type": "application/json" } },
    );
  };
  return { fetch, calls };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** How undici reports a failed connection: `TypeError: fetch failed` with the system error as `cause`. */
export function fetchFailed(code: string, message = code): TypeError {
  const cause = Object.assign(new Error(message), { code });
  return new TypeError("fetch failed", { cause });
}

/** undici's `SocketError: other side closed`, as the cause of a failed fetch or a broken body. */
export function socketClosed(outer = "fetch failed"): TypeError {
  const cause = Object.assign(new Error("other side closed"), {
    name: "SocketError",
    code: "UND_ERR_SOCKET",
  });
  return new TypeError(outer, { cause });
}

export const CREATED = {
  status_code: 201,
  status_message: "OK",
  message: "orderCreatedSuccessfully",
  is_data: true,
  data: {
    orderUuid: "ODR4286244937",
    customerUuid: "CSRT3419523642",
    bankIdUrl: "https://auth.current.bankid.no/precheck/auth?state=abc",
  },
};

/**
 * A real 201 from Front Payment's demo API, in the shape the frontgo gem recorded and asserts for
 * `orders/regular/submit` (docs/front-payment.md §3): the link is `paymentUrl`, not `bankIdUrl`.
 */
export const CREATED_AS_RECORDED = {
  status_code: 201,
  status_message: "OK",
  message: "Order Submitted Successfully",
  is_data: true,
  data: {
    orderUuid: "ODR2005869234",
    customerUuid: "CSRT3672053467",
    paymentUrl: "https://demo.frontpayment.no/checkout/ODR2005869234?lang=en",
  },
};

export const STATUS = {
  status_code: 200,
  status_message: "OK",
  message: "Order Status Retrieved Successfully",
  is_data: true,
  data: { uuid: "ODR4286244937", status: "PAID", orderAmount: 40, refundedAmount: 0 },
};

export const ACCEPTED = {
  status_code: 202,
  status_message: "OK",
  message: "cancelledOrderSuccessfully",
  is_data: false,
  data: null,
};

export const INVOICE_NUMBER = {
  status_code: 200,
  status_message: "OK",
  message: "orderInvoiceNoRetrievedSuccessfully",
  is_data: true,
  data: { orderUuid: "ODR4286244937", invoiceNumber: "99900753", status: "INVOICED" },
};

/** A pino-shaped logger that keeps every line. */
export function recordingLogger() {
  const lines: { level: string; fields: object; message: string | undefined }[] = [];
  const at =
    (level: string) =>
    (fields: object, message?: string): void => {
      lines.push({ level, fields, message });
    };
  const logger: FrontPaymentLogger = {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
  };
  return { logger, lines };
}

/** Retry options that never wait: the waits asked for are recorded instead. */
export function instantRetry(random = () => 0.5) {
  const delays: number[] = [];
  return {
    delays,
    retry: {
      sleep: async (ms: number) => {
        delays.push(ms);
      },
      random,
      now: () => Date.parse("2025-08-14T06:00:00Z"),
    },
  };
}

/** A client on the fake transport, retries recorded instead of waited for. */
export function clientWith(steps: Step[], options: Partial<FrontPaymentClientOptions> = {}) {
  const transport = scriptedFetch(...steps);
  const { delays, retry } = instantRetry();
  const { logger, lines } = recordingLogger();
  const client = createFrontPaymentClient({
    token: TOKEN,
    baseUrl: BASE_URL,
    fetch: transport.fetch,
    logger,
    ...options,
    retry: { ...retry, ...options.retry },
  });
  return { client, calls: transport.calls, delays, lines };
}

/** The rejection of `promise`, which must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}
