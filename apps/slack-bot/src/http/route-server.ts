import { createServer, type IncomingMessage, type Server } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import { match } from "path-to-regexp";
import type { Logger } from "pino";
import { answerMalformedPath } from "./route-param.js";

/**
 * The HTTP server of our own routes in Socket Mode. Bolt's SocketModeReceiver decodes path
 * parameters with `decodeURIComponent` inside its request listener, where a `URIError` (`%ZZ`)
 * becomes an unhandled rejection that ends the process; it also offers no error handler. So in
 * Socket Mode the routes get this server instead: the same `path-to-regexp` matching, with a
 * malformed path answered 400 and a failing handler answered 500, the process unharmed.
 */
export function customRouteServer(routes: readonly CustomRoute[], logger: Logger): Server {
  const matchers = routes.map((route) => ({
    route,
    methods: [route.method].flat().map((method) => method.toUpperCase()),
    match: match<Record<string, string | string[]>>(route.path, { decode: decodeURIComponent }),
  }));

  async function handle(request: IncomingMessage, response: Parameters<CustomRoute["handler"]>[1]) {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    for (const { route, methods, match: matchPath } of matchers) {
      let matched: ReturnType<typeof matchPath>;
      try {
        matched = matchPath(path);
      } catch (error) {
        if (error instanceof URIError) return answerMalformedPath(response);
        throw error;
      }
      if (matched && methods.includes(request.method?.toUpperCase() ?? "")) {
        // As Bolt passes them: `:name` segments are strings; our routes have no repeated segments.
        const params = matched.params as Record<string, string>;
        await route.handler(Object.assign(request, { params }), response);
        return;
      }
    }
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    response.end("Not found.");
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error, path: request.url?.split("?")[0] }, "a route failed");
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end();
    });
  });
}
