import type { IncomingHttpHeaders } from "node:http";
import type { Dispatcher } from "undici";
import {
  type Delivery,
  FrontPaymentNetworkError,
  FrontPaymentTimeoutError,
  FrontPaymentTransitError,
  type Operation,
} from "./errors.js";
import type { FrontPaymentLogger } from "./logger.js";
import { backoffMs, type RetrySettings, retryAfterMs } from "./retry.js";

/** A transport given in place of the default: `globalThis.fetch` or anything shaped like it. */
export type FetchLike = (request: Request) => Promise<Response>;

/**
 * What openapi-fetch builds for each call in place of a `Request` (its `Request` option): the
 * parts as it gives them. A `Request` would copy the headers, wrap the body in a stream and follow
 * a signal of its own on every call, only for the transport to take it apart again; a JSON body
 * kept as its string is also sent again on a retry as it is, without a clone.
 */
export class OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit["body"];
  readonly redirect: RequestInit["redirect"];
  /** The caller's signal (raw calls may pass one), if any. */
  readonly signal: AbortSignal | null;

  constructor(url: string | URL, init: RequestInit = {}) {
    this.url = String(url);
    // Stryker disable next-line StringLiteral: openapi-fetch always gives the method; the default is `Request`'s
    this.method = init.method ?? "GET";
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    // Stryker disable next-line LogicalOperator: left undefined, `new Request` defaults to "follow" too
    this.redirect = init.redirect ?? "follow";
    this.signal = init.signal ?? null;
  }
}

/** What an answer's status line and headers are, from `fetch`'s `Response` or from undici's `request`. */
type AnswerHead = Pick<Response, "status" | "statusText" | "headers">;

/** What the transport answers openapi-fetch with: a whole `Response` (raw calls), or only the parts it reads. */
type Answer = (head: AnswerHead, body: ArrayBuffer | null) => Response;

/** openapi-fetch builds its requests with `OutgoingRequest` (the client gives it as `Request`), whatever its types say. */
function outgoing(request: Request): OutgoingRequest {
  return request as unknown as OutgoingRequest;
}

export interface TransportOptions {
  /**
   * Left out: undici's `request` on the global dispatcher (the one `fetch` uses too), without
   * `fetch`'s Request/Response machinery, which costs more than the rest of a call.
   */
  fetch?: FetchLike | undefined;
  timeoutMs: number;
  retry: RetrySettings;
  logger: FrontPaymentLogger;
}

/**
 * Error codes that prove no connection was ever established, so Front Payment cannot have seen
 * the request: DNS, routing, refusal, connect timeouts, and TLS handshakes that failed (the
 * request is only written after the handshake).
 */
const NEVER_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "ENETDOWN",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);
const CONNECT_TIMEOUTS = new Set(["UND_ERR_CONNECT_TIMEOUT", "ERR_SOCKET_CONNECTION_TIMEOUT"]);
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * Wraps `fetch` with a per-attempt timeout, retries and logging, for openapi-fetch's `fetch`
 * option (openapi-fetch itself does not retry, and middleware cannot re-send). Reads (GET) retry
 * network errors, timeouts, 429 and 5xx; anything else only when it was certainly not sent,
 * since creating an order is not idempotent (docs/front-payment.md §12). Transport failures become
 * `FrontPaymentTimeoutError` / `FrontPaymentNetworkError`; answers are returned with their body
 * read, so the timeout covers the whole exchange.
 */
export function createTransport(options: TransportOptions) {
  /** For the client's methods, which read only the answer's status, headers and text. */
  function forOperation(operation: Operation): FetchLike {
    return (request) => sendWithRetries(outgoing(request), operation, options, answerParts);
  }
  /** For raw calls (`client.GET(…)`), named after the request: their caller gets the `Response`. */
  const forRawCalls: FetchLike = (request) => {
    const path = new URL(request.url).pathname;
    const name = `${request.method} ${path}`;
    return sendWithRetries(
      outgoing(request),
      { name, method: request.method, subject: `the request ${name}` },
      options,
      readResponse,
    );
  };
  return { forOperation, forRawCalls };
}

async function sendWithRetries(
  request: OutgoingRequest,
  operation: Operation,
  options: TransportOptions,
  answer: Answer,
) {
  const { retry, logger } = options;
  const { method } = request;
  const isRead = method === "GET" || method === "HEAD";
  const path = new URL(request.url).pathname;
  for (let attempt = 1; ; attempt++) {
    const startedAt = performance.now();
    let response: Response;
    try {
      response = await sendOnce(request, operation, options, answer);
    } catch (error) {
      if (!(error instanceof FrontPaymentTransitError)) throw error; // the caller's own abort
      const durationMs = Math.round(performance.now() - startedAt);
      const { delivery } = error;
      const fields = {
        operation: operation.name,
        method,
        path,
        attempt,
        durationMs,
        error: error.name,
        delivery,
      };
      if (!(attempt <= retry.maxRetries && (isRead || delivery === "not_sent"))) {
        logger.warn({ ...fields, willRetry: false }, "Front Payment request failed");
        throw error;
      }
      const delayMs = backoffMs(attempt, retry);
      logger.warn({ ...fields, willRetry: true, delayMs }, "Front Payment request failed; retrying");
      await retry.sleep(delayMs);
      continue;
    }
    const durationMs = Math.round(performance.now() - startedAt);
    const { status } = response;
    const fields = { operation: operation.name, method, path, attempt, status, durationMs };
    if (!(status === 429 || status >= 500)) {
      logger.debug(fields, "Front Payment answered");
      return response;
    }
    const askedMs = retryAfterMs(response.headers, retry.now());
    const delayMs = askedMs ?? backoffMs(attempt, retry);
    if (!(isRead && attempt <= retry.maxRetries && delayMs <= retry.maxRetryAfterMs)) {
      logger.warn({ ...fields, willRetry: false }, "Front Payment answered with an error");
      return response;
    }
    logger.warn({ ...fields, willRetry: true, delayMs }, "Front Payment answered with an error; retrying");
    await retry.sleep(delayMs);
  }
}

/**
 * One attempt, body included, within the timeout. Throws timeout and network errors, or the
 * caller's abort reason. One timer and one signal per attempt: the caller's signal, if it ever
 * aborts, aborts ours (cheaper than `AbortSignal.any`, which this path would pay on every call).
 * undici's own `headersTimeout`/`bodyTimeout` would cost less still, but neither counts the wait
 * for a connection, and the body's restarts with every chunk.
 */
async function sendOnce(
  request: OutgoingRequest,
  operation: Operation,
  { fetch, timeoutMs }: TransportOptions,
  answer: Answer,
) {
  const callerSignal = request.signal;
  if (callerSignal?.aborted) throw callerSignal.reason;
  // Loaded before the attempt: a failure to load it is no sign that anything was sent.
  const through: { fetch: FetchLike } | { undici: UndiciRequest } = fetch
    ? { fetch }
    : { undici: await undiciRequest() };
  const attempt = new AbortController();
  const { signal } = attempt;
  const handle = setTimeout(() => attempt.abort(), timeoutMs);
  const onCallerAbort = () => attempt.abort(callerSignal?.reason);
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: `finally` removes the listener, once or not
  callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  try {
    return await ("fetch" in through
      ? viaFetch(through.fetch, request, signal, answer)
      : viaUndici(through.undici, request, signal, answer));
  } catch (error) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    if (signal.aborted)
      throw new FrontPaymentTimeoutError(
        `Front Payment did not answer ${operation.subject} within ${formatSeconds(timeoutMs)}: whether it received it is unknown.`,
        operation,
        { delivery: "unknown", timeoutMs, cause: error },
      );
    throw transportError(error, operation);
  } finally {
    clearTimeout(handle);
    // Stryker disable next-line StringLiteral: a listener left behind would only abort a finished attempt (memory, not behaviour)
    callerSignal?.removeEventListener("abort", onCallerAbort);
  }
}

/** Through an injected `fetch`, given a `Request` of its own; it may ignore the signal. */
async function viaFetch(fetch: FetchLike, request: OutgoingRequest, signal: AbortSignal, answer: Answer) {
  const { url, method, headers, body, redirect } = request;
  const response = await settledBy(
    signal,
    fetch(new Request(url, { method, headers, body, redirect, signal })),
  );
  const read = NULL_BODY_STATUSES.has(response.status)
    ? null
    : await settledBy(signal, response.arrayBuffer());
  return answer(response, read);
}

/**
 * Through undici's `request`, which honours the signal for the answer and its body. It follows no
 * redirects: Front Payment's API answers without them, and a 3xx is then an answer like any other
 * rather than the token sent on to another address. Bodies are openapi-fetch's: JSON as a string.
 */
async function viaUndici(send: UndiciRequest, request: OutgoingRequest, signal: AbortSignal, answer: Answer) {
  const { url, method, headers } = request;
  const body = request.body as Dispatcher.RequestOptions["body"];
  const {
    statusCode,
    statusText,
    headers: received,
    body: stream,
  } = await send(url, {
    method: method as Dispatcher.HttpMethod,
    headers,
    body,
    signal,
  });
  const read = await stream.arrayBuffer(); // read even when empty, so the connection is reused
  const head = { status: statusCode, statusText, headers: headersOf(received) };
  return answer(head, NULL_BODY_STATUSES.has(statusCode) ? null : read);
}

type UndiciRequest = typeof import("undici").request;
let loadedRequest: Promise<UndiciRequest> | undefined;

/**
 * undici's `request`, loaded by the first call that sends with it: the package is some 90
 * modules (about 100 ms of CPU), which a process importing the client should not pay at start.
 */
function undiciRequest() {
  loadedRequest ??= import("undici").then((undici) => undici.request);
  return loadedRequest;
}

/** undici's header object (repeated headers as arrays) as `Headers`. */
function headersOf(received: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(received)) {
    if (Array.isArray(value)) for (const each of value) headers.append(name, each);
    else if (value !== undefined) headers.append(name, value);
  }
  return headers;
}

/** `promise`, or the signal's reason once it aborts: an injected `fetch` may ignore its signal. */
function settledBy<T>(signal: AbortSignal, promise: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: `finally` removes the listener, once or not
    signal.addEventListener("abort", onAbort, { once: true });
    // Stryker disable next-line ArrowFunction,StringLiteral: a listener left behind would only reject a settled promise (memory, not behaviour)
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

const DECODER = new TextDecoder();

/**
 * The answer with its body already read, served from memory: a `new Response(body)` would build a
 * stream only for openapi-fetch to read it back.
 */
function readResponse(head: AnswerHead, body: ArrayBuffer | null): Response {
  const { status, statusText, headers } = head;
  const bytes = body ?? new ArrayBuffer(0);
  const text = async () => DECODER.decode(bytes);
  return Object.defineProperties(new Response(null, { status, statusText, headers }), {
    body: { get: () => (body === null ? null : new Blob([bytes]).stream()) },
    arrayBuffer: { value: async () => bytes.slice(0) },
    text: { value: text },
    json: { value: async () => JSON.parse(await text()) },
    clone: { value: () => readResponse(head, body) },
  });
}

/**
 * Only what openapi-fetch and the client's methods read of an answer (its status, headers and
 * text), without building a second `Response` for every call.
 */
class AnswerParts implements Pick<Response, "status" | "statusText" | "ok" | "headers" | "text"> {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: Headers;
  readonly #body: ArrayBuffer | null;

  constructor({ status, statusText, headers }: AnswerHead, body: ArrayBuffer | null) {
    this.status = status;
    this.statusText = statusText;
    this.ok = status >= 200 && status < 300;
    this.headers = headers;
    this.#body = body;
  }

  async text(): Promise<string> {
    return DECODER.decode(this.#body ?? undefined); // no body reads as ""
  }
}

function answerParts(head: AnswerHead, body: ArrayBuffer | null): Response {
  return new AnswerParts(head, body) as unknown as Response;
}

/**
 * Classifies a thrown transport error by whether anything was sent: undici's `request` throws the
 * system or undici error itself, `fetch` puts it in `cause`.
 */
function transportError(
  error: unknown,
  operation: Operation,
): FrontPaymentTimeoutError | FrontPaymentNetworkError {
  const codes = errorCodes(error);
  const delivery: Delivery =
    codes.length > 0 && codes.every((code) => NEVER_CONNECTED.has(code)) ? "not_sent" : "unknown";
  const code = codes[0];
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  if (delivery === "not_sent" && codes.some((each) => CONNECT_TIMEOUTS.has(each)))
    return new FrontPaymentTimeoutError(
      `Could not connect to Front Payment in time (${reason}): ${operation.subject} was not sent.`,
      operation,
      { delivery, cause: error },
    );
  return new FrontPaymentNetworkError(
    delivery === "not_sent"
      ? `Could not connect to Front Payment (${reason}): ${operation.subject} was not sent.`
      : `The connection to Front Payment failed (${reason}) after ${operation.subject} was sent: whether Front Payment received it is unknown.`,
    operation,
    { delivery, code, cause: error },
  );
}

/** Every `code` on the error, its causes and (for AggregateError) its inner errors. */
function errorCodes(error: unknown, depth = 0): string[] {
  if (depth > 5 || error === null || typeof error !== "object") return [];
  const own = "code" in error && typeof error.code === "string" ? [error.code] : [];
  const inner =
    error instanceof AggregateError ? error.errors.flatMap((each) => errorCodes(each, depth + 1)) : [];
  const cause = "cause" in error ? errorCodes(error.cause, depth + 1) : [];
  return [...own, ...inner, ...cause];
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
