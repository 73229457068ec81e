import type { CustomRoute } from "@slack/bolt";
import type { OrderLifecycle } from "../orders/lifecycle.js";
import { pageLanguage, type ReturnOutcome, returnPage } from "./return-pages.js";
import { routeParam } from "./route-param.js";

export const RETURN_PATH = "/frontpayment/return";

/** `GET /frontpayment/return/<our order id>/<success|failure>`: where the customer lands after BankID. */
export function returnPagesRoute({ orders }: { orders: Pick<OrderLifecycle, "get"> }): CustomRoute {
  return {
    path: `${RETURN_PATH}/:orderId/:outcome`,
    method: ["GET"],
    handler: async (request, response) => {
      const outcome = routeParam(request.params?.outcome);
      if (outcome !== "success" && outcome !== "failure") {
        response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
        response.end("Not found.");
        return;
      }
      const order = await orders.get(routeParam(request.params?.orderId)).catch(() => null);
      const language = pageLanguage(order?.preferredLanguage, request.headers["accept-language"]);
      const reference = order?.state === "created" ? order.fpOrderUuid : undefined;
      const html = returnPage(outcome as ReturnOutcome, language, reference);
      response.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
      });
      response.end(html);
    },
  };
}
