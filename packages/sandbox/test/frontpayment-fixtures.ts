import { type InvoiceOrderRequest, SEED_INVOICE_ORDER_EXAMPLE } from "@fakturabot/schema";
import { afterEach } from "vitest";
import { listen, RecordLog } from "../src/http.js";
import {
  type FrontPaymentSandbox,
  type FrontPaymentSandboxOptions,
  startFrontPaymentSandbox,
} from "../src/index.js";

export const CALLBACK_SECRET = "sandbox-callback-secret";
export const TOKEN = "sandbox-token";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A sandbox for one test, closed after it. Callbacks are retried quickly unless told otherwise. */
export async function sandboxForTest(
  options: Partial<FrontPaymentSandboxOptions> = {},
): Promise<FrontPaymentSandbox> {
  const sandbox = await startFrontPaymentSandbox({
    callbackSecret: CALLBACK_SECRET,
    callbackRetry: { attempts: 3, delaysMs: [5, 10] },
    ...options,
  });
  cleanups.push(() => sandbox.close());
  return sandbox;
}

export interface ReceivedCallback {
  method: string;
  /** Path and query, as received. */
  url: string;
  /** What the receiver answered. */
  answered: number;
}

/**
 * A real loopback endpoint for callbacks, like Fakturabot's: it records every request and
 * answers 200, or `failWith` for the first `failFirst` requests.
 */
export async function callbackReceiverForTest({ failFirst = 0, failWith = 503 } = {}) {
  const received = new RecordLog<ReceivedCallback>();
  let failuresLeft = failFirst;
  const server = await listen((request, response) => {
    const answered = failuresLeft > 0 ? failWith : 200;
    if (failuresLeft > 0) failuresLeft--;
    received.push({ method: request.method ?? "", url: request.url ?? "", answered });
    response.writeHead(answered, { "content-type": "text/plain" });
    response.end(answered === 200 ? "ok" : "not now");
  });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= server.close();
    return closing;
  };
  cleanups.push(close);
  return {
    /** A callback URL without a query string of its own, as docs/front-payment.md §9 asks. */
    callbackUrl: `${server.url}/frontpayment/callback/FB-TEST-1`,
    received,
    /** Stops answering: deliveries fail with a connection error. */
    close,
  };
}

/** The seed's example order, as a valid private-customer order with the given callback URL. */
export function privateOrder(callbackUrl?: string): InvoiceOrderRequest {
  return {
    ...SEED_INVOICE_ORDER_EXAMPLE,
    callback: {
      ...(callbackUrl !== undefined && { callbackUrl }),
      success: "https://fakturabot.example/frontpayment/return/FB-TEST-1/success",
      failure: "https://fakturabot.example/frontpayment/return/FB-TEST-1/failure",
    },
  };
}

/** A corporate customer's order: it skips BankID and is INVOICED at once. */
export function corporateOrder(callbackUrl?: string): InvoiceOrderRequest {
  const order = privateOrder(callbackUrl);
  return {
    ...order,
    customerDetails: {
      type: "corporate",
      countryCode: "+47",
      msisdn: "46567468",
      email: "post@example.no",
      name: "Eksempel AS",
      organizationId: "923609016",
      address: order.customerDetails.address,
    },
  };
}

/** Raw HTTP to the sandbox's Connect API, for what the client does not show (bodies, headers). */
export function connectApi(sandbox: FrontPaymentSandbox, token: string | null = TOKEN) {
  const headers = (extra: Record<string, string> = {}) => ({
    ...(token !== null && { authorization: `Bearer ${token}` }),
    ...extra,
  });
  async function call(method: "GET" | "POST", path: string, body?: unknown) {
    const response = await fetch(`${sandbox.url}/api/v1/connect/${path}`, {
      method,
      headers: headers(body === undefined ? {} : { "content-type": "application/json" }),
      ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  return {
    submit: (order: unknown) => call("POST", "orders/invoice/submit", order),
    status: (uuid: string) => call("GET", `orders/status/${uuid}`),
    cancel: (uuid: string, body: unknown = { cancellationNote: "Sent by mistake" }) =>
      call("POST", `orders/cancel/${uuid}`, body),
    resend: (uuid: string, body: unknown = { email: "kari@example.no" }) =>
      call("POST", `orders/resend/${uuid}`, body),
    invoiceNumber: (uuid: string) => call("GET", `orders/invoice-number/${uuid}`),
    call,
  };
}

/** Submits an order over raw HTTP and returns its uuid. */
export async function submitted(sandbox: FrontPaymentSandbox, order: InvoiceOrderRequest): Promise<string> {
  const { status, body } = await connectApi(sandbox).submit(order);
  if (status !== 201) throw new Error(`submit answered ${status}: ${JSON.stringify(body)}`);
  return (body.data as { orderUuid: string }).orderUuid;
}

/** The sandbox's `/_sandbox/…` controls over HTTP. */
export async function control<T = Record<string, unknown>>(
  sandbox: FrontPaymentSandbox,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
    method,
    ...(body !== undefined && {
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  });
  return { status: response.status, body: (await response.json()) as T };
}
