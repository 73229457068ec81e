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

/** For pino's `mixin`: the current request's context, or none outside a request; never written to. */
export function requestLogFields(): Partial<RequestContext> {
  return current.getStore() ?? OUTSIDE_A_REQUEST;
}

const OUTSIDE_A_REQUEST: Partial<RequestContext> = Object.freeze({});

/**
 * For pino's `mixinMergeStrategy`: a line's own fields after its request's id (the line's win). A new
 * object: pino's default assigns the line's fields into what `mixin` returned, the context itself
 * here. The id first and the line spread after it: on Node 20's V8 an object made by a spread and
 * then given more properties outlives young-generation collections (issue 14).
 */
export function withRequestLogFields(line: object, request: Partial<RequestContext>): object {
  return request.requestId === undefined ? line : { requestId: request.requestId, ...line };
}
