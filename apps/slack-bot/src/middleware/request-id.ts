import type { AnyMiddlewareArgs, BufferedIncomingMessage, Middleware } from "@slack/bolt";
import { REQUEST_ID_HEADER, requestIdFrom, withRequestContext } from "../request-context.js";

/** For the HTTP receiver's `customPropertiesExtractor`: the request id, into Bolt's `context`. */
export function requestIdProperty(request: BufferedIncomingMessage): { requestId: string } {
  return { requestId: requestIdFrom(request.headers[REQUEST_ID_HEADER]) };
}

/**
 * Global middleware: the rest of the request (listeners, and the work they start after `ack()`)
 * runs with the request id, so every log line of one Slack request carries it. Over Socket Mode,
 * which has no headers, each request gets a new one.
 */
export const requestIdMiddleware: Middleware<AnyMiddlewareArgs> = ({ context, next }) => {
  const requestId = typeof context.requestId === "string" ? context.requestId : requestIdFrom(undefined);
  return withRequestContext({ requestId }, next);
};
