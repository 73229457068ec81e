import type { ServerResponse } from "node:http";
import type { ReceiverDispatchErrorHandlerArgs } from "@slack/bolt";
import { HTTPModuleFunctions } from "../bolt.js";

/** A path parameter of a Bolt custom route (typed `string | string[]` for repeated segments). */
export function routeParam(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

/**
 * The HTTP receiver's `dispatchErrorHandler`. Bolt decodes a custom route's path parameters with
 * `decodeURIComponent` before any handler runs, so a malformed escape such as `%ZZ` throws a
 * `URIError` there: that is the client's mistake, answered 400 with a reason instead of a bare 500.
 * Everything else goes to Bolt's own handler.
 */
export function dispatchErrorHandler(args: ReceiverDispatchErrorHandlerArgs): void {
  if (!(args.error instanceof URIError)) {
    HTTPModuleFunctions.defaultDispatchErrorHandler(args);
    return;
  }
  answerMalformedPath(args.response);
}

/** The answer to a path with a malformed percent-encoding: the client's mistake, said plainly. */
export function answerMalformedPath(response: ServerResponse): void {
  response.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
  response.end("The path is not valid: it has a malformed percent-encoding, such as %ZZ.");
}
