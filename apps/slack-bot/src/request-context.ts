import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** What every log line written while handling one request carries. */
export interface RequestContext {
  requestId: string;
}

const current = new AsyncLocalStorage<RequestContext>();

/** An incoming id is reused only if it is short and plain, so it is safe in logs and headers. */
const REQUEST_ID_FORMAT = /^[A-Za-z0-9._:-]{8,128}$/;

export const REQUEST_ID_HEADER = "x-request-id";

/** The caller's id (e.g. the load balancer's `X-Request-Id`) when well-formed, else a new one. */
export function requestIdFrom(incoming: string | string[] | undefined): string {
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  return candidate !== undefined && REQUEST_ID_FORMAT.test(candidate) ? candidate : randomUUID();
}

/**
 * Runs `work` with `context` as the current request's: every log line written inside it, and in
 * the follow-up work it starts (promises keep their context), carries the request id.
 */
export function withRequestContext<T>(context: RequestContext, work: () => T): T {
  return current.run(context, work);
}

/**
 * For pino's `mixin`: the current request's fields, or none outside a request. A new object: pino
 * assigns each line's own fields into what `mixin` returns, which would add them to the context
 * (and to every later line of the request). Not a spread copy: on Node 20's V8 an object made by
 * a spread and then given more properties outlives young-generation collections (issue 14).
 */
export function requestLogFields(): Partial<RequestContext> {
  const context = current.getStore();
  return context ? { requestId: context.requestId } : {};
}
