import type { CustomRoute } from "@slack/bolt";

/** `GET /healthz` for load balancers and uptime checks. */
export function healthRoute(): CustomRoute {
  return {
    path: "/healthz",
    method: ["GET"],
    handler: (_request, response) => {
      response.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
      response.end("ok");
    },
  };
}
