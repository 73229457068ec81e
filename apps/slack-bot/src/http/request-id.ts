import type { CustomRoute } from "@slack/bolt";
import { REQUEST_ID_HEADER, requestIdFrom, withRequestContext } from "../request-context.js";

/**
 * `route` with a request id: the caller's well-formed `X-Request-Id` or a new one, echoed in the
 * answer and carried by every log line the handler (and the work it starts) writes.
 */
export function withRequestId(route: CustomRoute): CustomRoute {
  return {
    ...route,
    handler: (request, response) => {
      const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
      response.setHeader(REQUEST_ID_HEADER, requestId);
      return withRequestContext({ requestId }, () => route.handler(request, response));
    },
  };
}
