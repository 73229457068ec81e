import { ErrorResponse, maskPersonalNumbers } from "@fakturabot/schema";

/**
 * Whether a request that failed in transit reached Front Payment: `not_sent` only when no
 * connection was ever established (so nothing can have happened there), `unknown` otherwise.
 */
export type Delivery = "not_sent" | "unknown";

/** What the client was doing when it failed; every error names it. */
export interface Operation {
  /** The client method (`submitInvoiceOrder`), or `METHOD /path` for raw calls. */
  name: string;
  /** The HTTP method. */
  method: string;
  /** A noun phrase for messages: "the order", "the cancellation of order ODR1". */
  subject: string;
  /** The order the operation is about, if any. */
  orderUuid?: string;
}

interface ErrorDetails {
  status?: number | undefined;
  messageKey?: string | undefined;
  errors?: unknown;
  body?: unknown;
  cause?: unknown;
}

/**
 * Every failure of the client. `status`, `messageKey` (Front Payment's `message`, e.g.
 * `orderNotFound`), `errors` and `body` are set when Front Payment answered. `body` is the raw
 * answer and is kept out of `JSON.stringify` and structured logs, since it may hold personal data.
 */
export class FrontPaymentError extends Error {
  override readonly name: string = "FrontPaymentError";
  /** The client method, or `METHOD /path` for raw calls. */
  readonly operation: string;
  /** The HTTP method of the request. */
  readonly method: string;
  readonly status: number | undefined;
  readonly messageKey: string | undefined;
  readonly errors: unknown;
  declare readonly body: unknown;

  constructor(message: string, operation: Operation, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.operation = operation.name;
    this.method = operation.method;
    this.status = details.status;
    this.messageKey = details.messageKey;
    this.errors = details.errors;
    Object.defineProperty(this, "body", { value: details.body, enumerable: false });
  }
}

/** One problem with a request body found before sending it; `path` names the field. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * The request is invalid: Front Payment answered 417 (`origin: "front_payment"`), or the client's
 * own check of the body against the schema failed and nothing was sent (`origin: "local"`, with
 * `issues` naming each field). `messages` are readable sentences either way.
 */
export class FrontPaymentValidationError extends FrontPaymentError {
  override readonly name: string = "FrontPaymentValidationError";
  readonly messages: string[];
  readonly origin: "local" | "front_payment";
  readonly issues: ValidationIssue[];

  constructor(
    message: string,
    operation: Operation,
    init: {
      messages: string[];
      origin: "local" | "front_payment";
      issues?: ValidationIssue[];
    } & ErrorDetails,
  ) {
    super(message, operation, init);
    this.messages = init.messages;
    this.origin = init.origin;
    this.issues = init.issues ?? [];
  }
}

/** 400 `Conflict of Business Logic`: the order's state forbids this, e.g. `orderStatusAlreadyPaid`. */
export class FrontPaymentConflictError extends FrontPaymentError {
  override readonly name: string = "FrontPaymentConflictError";
}

/** 404 `orderNotFound`: Front Payment has no such order. */
export class FrontPaymentNotFoundError extends FrontPaymentError {
  override readonly name: string = "FrontPaymentNotFoundError";
}

/** 401 or 403: the API token is missing, wrong, or not allowed to do this. Not retried. */
export class FrontPaymentAuthenticationError extends FrontPaymentError {
  override readonly name: string = "FrontPaymentAuthenticationError";
}

/** 429: too many requests. `retryAfterSeconds` is Front Payment's `Retry-After`, when it sent one. */
export class FrontPaymentRateLimitError extends FrontPaymentError {
  override readonly name: string = "FrontPaymentRateLimitError";
  readonly retryAfterSeconds: number | undefined;

  constructor(message: string, operation: Operation, details: ErrorDetails & { retryAfterSeconds?: number }) {
    super(message, operation, details);
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** 5xx, including 500 `Internal Dependency Error` and 510 `Execution Exception Occurred`. */
export class FrontPaymentServerError extends FrontPaymentError {
  override readonly name: string = "FrontPaymentServerError";
}

/**
 * A request that failed in transit, without an answer: a timeout or a network error. `delivery`
 * says whether it can have reached Front Payment.
 */
export abstract class FrontPaymentTransitError extends FrontPaymentError {
  readonly delivery: Delivery;

  constructor(message: string, operation: Operation, details: ErrorDetails & { delivery: Delivery }) {
    super(message, operation, details);
    this.delivery = details.delivery;
  }
}

/**
 * No answer in time. `delivery` is `unknown` when the request may have reached Front Payment (the
 * usual case), `not_sent` only when the connection itself could not be opened in time.
 */
export class FrontPaymentTimeoutError extends FrontPaymentTransitError {
  override readonly name: string = "FrontPaymentTimeoutError";
  readonly timeoutMs: number | undefined;

  constructor(
    message: string,
    operation: Operation,
    details: ErrorDetails & { delivery: Delivery; timeoutMs?: number },
  ) {
    super(message, operation, details);
    this.timeoutMs = details.timeoutMs;
  }
}

/**
 * The connection failed. `delivery` is `not_sent` when it was never established (refused, DNS,
 * unreachable, TLS handshake), `unknown` when it broke after the request may have been sent.
 * `code` is the system or undici error code, e.g. `ECONNREFUSED` or `UND_ERR_SOCKET`.
 */
export class FrontPaymentNetworkError extends FrontPaymentTransitError {
  override readonly name: string = "FrontPaymentNetworkError";
  readonly code: string | undefined;

  constructor(
    message: string,
    operation: Operation,
    details: ErrorDetails & { delivery: Delivery; code?: string },
  ) {
    super(message, operation, details);
    this.code = details.code;
  }
}

/**
 * Front Payment answered 2xx with a body that is not what its API documents. For a POST the
 * request was most likely carried out (an order created, cancelled…): `isOutcomeUnknown` is true.
 */
export class FrontPaymentResponseError extends FrontPaymentError {
  override readonly name: string = "FrontPaymentResponseError";
  /** What did not match, e.g. `data.orderUuid: Required`. */
  readonly problems: string[];

  constructor(message: string, operation: Operation, details: ErrorDetails & { problems: string[] }) {
    super(message, operation, details);
    this.problems = details.problems;
  }
}

/**
 * True when a request may have taken effect at Front Payment but the caller cannot tell: a timeout
 * or broken connection after sending, or a POST answered 5xx (Front Payment may have failed after
 * creating the order) or 2xx with an unreadable body. Such a request must not be re-sent blindly
 * (docs/front-payment.md §12): record it as unknown and check first. Only a refusal (4xx, a connection never
 * made) proves that nothing happened.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  if (error instanceof FrontPaymentTransitError) return error.delivery === "unknown";
  const answeredWithoutProof =
    error instanceof FrontPaymentResponseError || error instanceof FrontPaymentServerError;
  return answeredWithoutProof && changesState(error.method);
}

/** Whether a request of this method can change anything at Front Payment (reads cannot). */
function changesState(method: string): boolean {
  return method !== "GET" && method !== "HEAD";
}

/** Told after a failure that does not prove a request changing state was refused. */
const MAY_HAVE_BEEN_CARRIED_OUT = "It may have been carried out: check before sending it again.";

function maskDeep(value: unknown): unknown {
  if (typeof value === "string") return maskPersonalNumbers(value);
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, maskDeep(inner)]));
  return value;
}

/** `orderStatusAlreadyPaid` → `order status already paid`; sentences are left as they are. */
function readable(messageKey: string): string {
  return /^[a-z]+(?:[A-Z][a-z0-9]*)+$/.test(messageKey)
    ? messageKey.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`)
    : messageKey;
}

/** The sentences in `errors`, whatever its shape: lists and objects are searched, other values left out. */
function sentences(errors: unknown): string[] {
  if (typeof errors === "string") return errors.length > 0 ? [errors] : [];
  if (Array.isArray(errors)) return errors.flatMap(sentences);
  if (errors !== null && typeof errors === "object") return Object.values(errors).flatMap(sentences);
  return [];
}

function validationMessages(errors: unknown, messageKey: string | undefined): string[] {
  const found = sentences(errors);
  if (found.length > 0) return found;
  return messageKey && messageKey !== "payloadValidationErrors" ? [readable(messageKey)] : [];
}

/**
 * The error for a non-2xx answer. Bodies are parsed leniently (docs/front-payment.md §4): any shape, even
 * HTML or nothing, gives the right class with what could be read.
 */
export function errorFromResponse(
  operation: Operation,
  status: number,
  body: unknown,
  retryAfterSeconds: number | undefined,
): FrontPaymentError {
  const envelope = ErrorResponse.safeParse(body);
  const messageKey = envelope.success ? envelope.data.message : undefined;
  const errors = envelope.success ? maskDeep(envelope.data.errors) : undefined;
  const details: ErrorDetails = { status, messageKey, errors, body };
  const detail = messageKey ? maskPersonalNumbers(readable(messageKey)) : undefined;
  const { subject } = operation;

  if (status === 417) {
    const messages = validationMessages(errors, messageKey);
    const text = messages.length > 0 ? `: ${messages.join(" ")}` : " as invalid (HTTP 417).";
    return new FrontPaymentValidationError(`Front Payment rejected ${subject}${text}`, operation, {
      ...details,
      messages,
      origin: "front_payment",
    });
  }
  if (status === 400)
    return new FrontPaymentConflictError(
      `Front Payment refused ${subject}: ${detail ?? "a business rule forbids it"} (HTTP 400).`,
      operation,
      details,
    );
  if (status === 404)
    return new FrontPaymentNotFoundError(
      operation.orderUuid
        ? `Front Payment has no order ${operation.orderUuid} (HTTP 404).`
        : `Front Payment found nothing for ${subject} (HTTP 404).`,
      operation,
      details,
    );
  if (status === 401)
    return new FrontPaymentAuthenticationError(
      `Front Payment did not accept the API token for ${subject} (HTTP 401): check the token.`,
      operation,
      details,
    );
  if (status === 403)
    return new FrontPaymentAuthenticationError(
      `Front Payment refused ${subject} (HTTP 403): the API token is not allowed to do this.`,
      operation,
      details,
    );
  if (status === 429) {
    const wait = retryAfterSeconds === undefined ? "" : `; try again in ${retryAfterSeconds} s`;
    return new FrontPaymentRateLimitError(
      `Front Payment is limiting the request rate and refused ${subject} (HTTP 429)${wait}.`,
      operation,
      { ...details, retryAfterSeconds },
    );
  }
  const suffix = detail ? `: ${detail}` : "";
  if (status >= 500)
    return new FrontPaymentServerError(
      `Front Payment failed while handling ${subject} (HTTP ${status}${suffix}).${changesState(operation.method) ? ` ${MAY_HAVE_BEEN_CARRIED_OUT}` : ""}`,
      operation,
      details,
    );
  return new FrontPaymentError(
    `Front Payment answered ${subject} with HTTP ${status}${suffix}.`,
    operation,
    details,
  );
}
