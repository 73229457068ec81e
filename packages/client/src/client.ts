import {
  CancelOrderRequest,
  createInvoiceOrderRequestSchema,
  DEMO_BASE_URL,
  InvoiceNumberResponse,
  InvoiceOrderCreated,
  type InvoiceOrderRequest,
  maskPersonalNumbers,
  OrderActionAccepted,
  OrderDetailsResponse,
  OrderStatusListQuery,
  OrderStatusListResponse,
  OrderStatusResponse,
  OrderUuidParameter,
  RefundOrderRequest,
  ResendOrderRequest,
} from "@fakturabot/schema";
import type { paths } from "@fakturabot/schema/openapi-types";
import createClient, { type Client } from "openapi-fetch";
import {
  errorFromResponse,
  FrontPaymentNotFoundError,
  FrontPaymentResponseError,
  FrontPaymentValidationError,
  type Operation,
  type ValidationIssue,
} from "./errors.js";
import { type FrontPaymentLogger, SILENT_LOGGER } from "./logger.js";
import { type RetryOptions, retryAfterMs, retrySettings } from "./retry.js";
import { createTransport, type FetchLike, OutgoingRequest } from "./transport.js";
import { VERSION } from "./version.js";

export const DEFAULT_TIMEOUT_MS = 15_000;
export const USER_AGENT = `fakturabot-client/${VERSION} (@fakturabot/client; Node.js ${process.version})`;

export interface FrontPaymentClientOptions {
  /** The API token Front Payment issued; sent as `Authorization: Bearer …`, never logged. */
  token: string;
  /**
   * `demo` (default) or `production`. Production needs `baseUrl`: its address is not documented
   * (docs/front-payment.md §2).
   */
  environment?: "demo" | "production";
  /** Where the API is; overrides the environment's address (e.g. the sandbox's URL). */
  baseUrl?: string;
  /** The transport, e.g. a fake in tests. Default: undici's `request` (no redirects followed; see the README). */
  fetch?: FetchLike;
  /** How long one attempt may take, the answer's body included. Default 15 000 ms. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** pino or anything of its shape. Logs method, path, status, attempt, duration; never the token or bodies. */
  logger?: FrontPaymentLogger;
  /**
   * The VAT rates the account accepts (docs/front-payment.md §7); Front Payment's default 0, 12,
   * 15, 25 when left out.
   */
  taxRates?: readonly number[];
}

export type InvoiceOrderCreatedData = InvoiceOrderCreated["data"];
export type OrderStatusData = OrderStatusResponse["data"];
export type InvoiceNumberData = InvoiceNumberResponse["data"];
export type OrderDetailsData = OrderDetailsResponse["data"];
export type OrderStatusListItem = OrderStatusListResponse["data"][number];

/** What the bot uses, each call checked before sending and its answer validated. */
export interface FrontPaymentMethods {
  /**
   * Creates an invoice order. Never retried once it may have reached Front Payment: creating an
   * order is not idempotent (docs/front-payment.md §12). When it fails, `isOutcomeUnknown(error)`
   * says whether the order may exist anyway.
   */
  submitInvoiceOrder(order: InvoiceOrderRequest): Promise<InvoiceOrderCreatedData>;
  getOrderStatus(orderUuid: string): Promise<OrderStatusData>;
  /** Cancels an order that is not paid yet (a paid one gives `FrontPaymentConflictError`). */
  cancelOrder(orderUuid: string, cancellationNote: string): Promise<void>;
  /** Sends the payment link again, by SMS (`countryCode` + `msisdn`) and/or `email`. */
  resendOrder(orderUuid: string, contact: ResendOrderRequest): Promise<void>;
  getInvoiceNumber(orderUuid: string): Promise<InvoiceNumberData>;
  /** The order as Front Payment holds it; `productList[].id` is what `refundOrder` names. */
  getOrderDetails(orderUuid: string): Promise<OrderDetailsData>;
  /**
   * Every order of the account with its status, or only those in status `type` (e.g. `PAID`).
   * Empty when there are none: Front Payment answers that with 404 `Order Not Found`.
   */
  getAllOrderStatuses(filter?: OrderStatusListQuery): Promise<OrderStatusListItem[]>;
  /**
   * Refunds a paid order, fully or partly, per line (`products[].id` from `getOrderDetails`);
   * `grandTotal` must be the lines' sum. Like submit, never retried once it may have arrived.
   */
  refundOrder(orderUuid: string, refund: RefundOrderRequest): Promise<void>;
}

/** The methods above, plus openapi-fetch's typed raw access (`client.GET(path, …)`) through the same transport. */
export type FrontPaymentClient = Client<paths> & FrontPaymentMethods;

/** The part of a zod schema used here: this package needs no zod of its own. */
interface Schema<Output> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: Output }
    | { success: false; error: { issues: { path: (string | number)[]; message: string }[] } };
}

export function createFrontPaymentClient(options: FrontPaymentClientOptions): FrontPaymentClient {
  const { token, environment = "demo", logger = SILENT_LOGGER, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  if (typeof token !== "string" || token.trim().length === 0)
    throw new TypeError("createFrontPaymentClient: token is required (the API token Front Payment issued)");
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new RangeError(`createFrontPaymentClient: timeoutMs must be a positive number, not ${timeoutMs}`);
  const retry = retrySettings(options.retry);
  const baseUrl = resolveBaseUrl(environment, options.baseUrl);
  const orderSchema = createInvoiceOrderRequestSchema(
    options.taxRates === undefined ? {} : { taxRates: options.taxRates },
  );

  const transport = createTransport({
    fetch: options.fetch,
    timeoutMs,
    retry,
    logger,
  });
  // Plain headers rather than a middleware: openapi-fetch then skips its middleware round (an id,
  // a frozen options object and an await per call), and raw calls get them too. `Accept` is said
  // outright: the default transport (undici's `request`) adds none, and a JSON API may answer a
  // request that does not ask for JSON with an HTML page or a redirect.
  const api = createClient<paths>({
    baseUrl,
    Request: OutgoingRequest as unknown as typeof Request,
    fetch: transport.forRawCalls,
    headers: {
      Accept: "application/json",
      Authorization: `Bearer ${token.trim()}`,
      "User-Agent": USER_AGENT,
    },
  });

  /** The answer's envelope if it is a 2xx that matches `schema`, else the fitting error. */
  async function read<Envelope>(
    operation: Operation,
    call: Promise<{ data?: string | undefined; error?: unknown; response: Response }>,
    schema: Schema<Envelope>,
  ): Promise<Envelope> {
    const { data, error, response } = await call;
    if (!response.ok) {
      const retryAfter = retryAfterMs(response.headers, retry.now());
      throw errorFromResponse(
        operation,
        response.status,
        error,
        retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000),
      );
    }
    const parsed = parseBody(data, schema);
    if (parsed.ok) return parsed.value;
    const effect =
      operation.method === "GET" ? "" : " It was probably carried out: check before sending it again.";
    throw new FrontPaymentResponseError(
      `Front Payment answered ${operation.subject} with HTTP ${response.status}, but not as its API documents (${parsed.problems.join("; ")}).${effect}`,
      operation,
      { status: response.status, body: data, problems: parsed.problems },
    );
  }

  const methods: FrontPaymentMethods = {
    async submitInvoiceOrder(order) {
      const operation = { name: "submitInvoiceOrder", method: "POST", subject: "the order" };
      const body = checked(operation, orderSchema, order);
      const { data } = await read(
        operation,
        api.POST("/api/v1/connect/orders/invoice/submit", {
          body,
          parseAs: "text",
          fetch: transport.forOperation(operation),
        }),
        InvoiceOrderCreated,
      );
      return data;
    },

    async getOrderStatus(orderUuid) {
      const operation = orderOperation("getOrderStatus", "GET", `the status request for order`, orderUuid);
      const { data } = await read(
        operation,
        api.GET("/api/v1/connect/orders/status/{orderUuid}", {
          params: { path: { orderUuid: operation.orderUuid } },
          parseAs: "text",
          fetch: transport.forOperation(operation),
        }),
        OrderStatusResponse,
      );
      return data;
    },

    async cancelOrder(orderUuid, cancellationNote) {
      const operation = orderOperation("cancelOrder", "POST", "the cancellation of order", orderUuid);
      const body = checked(operation, CancelOrderRequest, { cancellationNote });
      await read(
        operation,
        api.POST("/api/v1/connect/orders/cancel/{orderUuid}", {
          params: { path: { orderUuid: operation.orderUuid } },
          body,
          parseAs: "text",
          fetch: transport.forOperation(operation),
        }),
        OrderActionAccepted,
      );
    },

    async resendOrder(orderUuid, contact) {
      const operation = orderOperation("resendOrder", "POST", "the payment link resend for order", orderUuid);
      const body = checked(operation, ResendOrderRequest, contact);
      await read(
        operation,
        api.POST("/api/v1/connect/orders/resend/{orderUuid}", {
          params: { path: { orderUuid: operation.orderUuid } },
          body,
          parseAs: "text",
          fetch: transport.forOperation(operation),
        }),
        OrderActionAccepted,
      );
    },

    async getInvoiceNumber(orderUuid) {
      const operation = orderOperation(
        "getInvoiceNumber",
        "GET",
        "the invoice number request for order",
        orderUuid,
      );
      const { data } = await read(
        operation,
        api.GET("/api/v1/connect/orders/invoice-number/{orderUuid}", {
          params: { path: { orderUuid: operation.orderUuid } },
          parseAs: "text",
          fetch: transport.forOperation(operation),
        }),
        InvoiceNumberResponse,
      );
      return data;
    },

    async getOrderDetails(orderUuid) {
      const operation = orderOperation("getOrderDetails", "GET", "the details request for order", orderUuid);
      const { data } = await read(
        operation,
        api.GET("/api/v1/connect/orders/details/{orderUuid}", {
          params: { path: { orderUuid: operation.orderUuid } },
          parseAs: "text",
          fetch: transport.forOperation(operation),
        }),
        OrderDetailsResponse,
      );
      return data;
    },

    async getAllOrderStatuses(filter = {}) {
      const subject = filter.type === undefined ? "the list of orders" : `the list of ${filter.type} orders`;
      const operation = { name: "getAllOrderStatuses", method: "GET", subject };
      const query = checked(operation, OrderStatusListQuery, filter);
      try {
        const { data } = await read(
          operation,
          api.GET("/api/v1/connect/orders/status", {
            params: { query },
            parseAs: "text",
            fetch: transport.forOperation(operation),
          }),
          OrderStatusListResponse,
        );
        return data;
      } catch (error) {
        if (error instanceof FrontPaymentNotFoundError && NO_ORDERS.has(error.messageKey ?? "")) return [];
        throw error;
      }
    },

    async refundOrder(orderUuid, refund) {
      const operation = orderOperation("refundOrder", "POST", "the refund of order", orderUuid);
      const body = checked(operation, RefundOrderRequest, refund);
      await read(
        operation,
        api.POST("/api/v1/connect/orders/refund/{orderUuid}", {
          params: { path: { orderUuid: operation.orderUuid } },
          body,
          parseAs: "text",
          fetch: transport.forOperation(operation),
        }),
        OrderActionAccepted,
      );
    },
  };

  return Object.assign(api, methods);
}

function resolveBaseUrl(environment: string, baseUrl: string | undefined): string {
  if (environment !== "demo" && environment !== "production")
    throw new TypeError(
      `createFrontPaymentClient: environment must be "demo" or "production", not ${environment}`,
    );
  if (baseUrl === undefined) {
    if (environment === "production")
      throw new TypeError(
        "createFrontPaymentClient: give baseUrl for the production environment; Front Payment has not confirmed its production address",
      );
    return DEMO_BASE_URL;
  }
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol))
    throw new TypeError(
      `createFrontPaymentClient: baseUrl must be an http or https URL, not ${JSON.stringify(baseUrl)}`,
    );
  return baseUrl;
}

/** How Get All Order Status says there are no orders (the demo's words, and the newer key). */
const NO_ORDERS = new Set(["Order Not Found", "orderNotFound"]);

/** The operation on one order, whose id is checked first: one that is not `ODR` + digits is never sent. */
function orderOperation(
  name: string,
  method: string,
  subjectPrefix: string,
  orderUuid: string,
): Operation & { orderUuid: string } {
  const operation = { name, method, subject: `${subjectPrefix} ${String(orderUuid)}`, orderUuid };
  const result = OrderUuidParameter.safeParse(orderUuid);
  if (!result.success)
    throw localValidationError(
      operation,
      result.error.issues.map(({ message }) => ({ path: "orderUuid", message })),
    );
  return { ...operation, orderUuid: result.data };
}

/** The body as the schema outputs it, or a local validation error: an invalid body is never sent. */
function checked<Output>(operation: Operation, schema: Schema<Output>, value: unknown): Output {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw localValidationError(
    operation,
    result.error.issues.map((issue) => ({
      path: issue.path.join("."),
      message: maskPersonalNumbers(issue.message === "Required" ? "is required" : lowerFirst(issue.message)),
    })),
  );
}

function localValidationError(operation: Operation, issues: ValidationIssue[]): FrontPaymentValidationError {
  const messages = issues.map(({ path, message }) => (path ? `${path} ${message}` : message));
  const subject = operation.subject.charAt(0).toUpperCase() + operation.subject.slice(1);
  return new FrontPaymentValidationError(
    `${subject} is invalid and was not sent: ${messages.join("; ")}.`,
    operation,
    { messages, origin: "local", issues },
  );
}

function parseBody<Output>(
  text: string | undefined,
  schema: Schema<Output>,
): { ok: true; value: Output } | { ok: false; problems: string[] } {
  if (!text) return { ok: false, problems: ["the body is empty"] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problems: ["the body is not JSON"] };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`),
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
