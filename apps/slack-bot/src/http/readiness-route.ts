import type { CustomRoute } from "@slack/bolt";
import type { Logger } from "pino";
import type { InvoiceStore } from "../store/types.js";

/**
 * `GET /readyz` for load balancers: 200 while this instance should be sent work (its database
 * answers, at this build's schema), 503 otherwise: until Slack has confirmed the bot token, and from
 * the moment it begins to stop (`notReady` says why). Liveness (`/healthz`) stays apart: a database
 * outage makes an instance unready, not worth restarting.
 */
export function readinessRoute({
  store,
  notReady,
  logger,
}: {
  store: Pick<InvoiceStore, "ping">;
  /** Why the instance should not be sent work whatever its database says, or null. */
  notReady: () => string | null;
  logger: Logger;
}): CustomRoute {
  return {
    path: "/readyz",
    method: ["GET"],
    handler: async (_request, response) => {
      const problem =
        notReady() ??
        (await store.ping().then(
          () => null,
          (error: unknown) => {
            logger.warn({ err: error }, "not ready: the database did not answer as expected");
            return "database unavailable";
          },
        ));
      response.writeHead(problem ? 503 : 200, {
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "no-store",
      });
      response.end(problem ? `not ready: ${problem}` : "ready");
    },
  };
}
