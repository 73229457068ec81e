import type { CustomRoute } from "@slack/bolt";
import type { BotMetrics } from "../metrics.js";

/** `GET /metrics`: the bot's Prometheus metrics in the text format. */
export function metricsRoute(metrics: Pick<BotMetrics, "exposition">): CustomRoute {
  return {
    path: "/metrics",
    method: ["GET"],
    handler: async (_request, response) => {
      const { contentType, body } = await metrics.exposition();
      response.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
      response.end(body);
    },
  };
}
