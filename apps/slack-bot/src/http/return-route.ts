import type { CustomRoute } from "@slack/bolt";
import type { Logger } from "pino";
import type { OrderLifecycle } from "../orders/lifecycle.js";
import type { OrderRecord } from "../store/types.js";
import { RETURN_PAGE_HEADERS, returnPage } from "./return-pages.js";
import { routeParam } from "./route-param.js";

export const RETURN_PATH = "/frontpayment/return";

/**
 * `GET /frontpayment/return/<our order id>/<success|failure>`: where the customer lands after BankID.
 * Only for an order the store knows: a made-up id gets a plain 404, not a thank-you. On the
 * failure page of a created order, the seller is told once that the customer stopped at BankID.
 */
export function returnPagesRoute({
  orders,
  logger,
}: {
  orders: Pick<OrderLifecycle, "get" | "customerStopped">;
  logger: Logger;
}): CustomRoute {
  return {
    path: `${RETURN_PATH}/:orderId/:outcome`,
    method: ["GET"],
    handler: async (request, response) => {
      const outcome = routeParam(request.params?.outcome);
      if (outcome !== "success" && outcome !== "failure") return plain(response, 404, "Not found.");
      let order: OrderRecord | null;
      try {
        order = await orders.get(routeParam(request.params?.orderId));
      } catch {
        return plain(response, 503, "The order could not be looked up just now. Please reload the page.");
      }
      if (!order) return plain(response, 404, "No such order.");
      if (outcome === "failure" && order.state === "created") {
        // The page is the customer's: a failure to tell the seller must not keep it from them.
        await orders.customerStopped(order.id).catch((error: unknown) => {
          logger.error(
            { orderId: order.id, err: error },
            "could not record that the customer stopped at BankID",
          );
        });
      }
      // In the customer's language (docs/front-payment.md §10): the order has it, whatever the browser prefers.
      const html = returnPage(
        outcome,
        order.preferredLanguage,
        order.state === "created" ? order.fpOrderUuid : undefined,
      );
      response.writeHead(200, { ...RETURN_PAGE_HEADERS, "content-type": "text/html; charset=utf-8" });
      response.end(html);
    },
  };
}

function plain(response: Parameters<CustomRoute["handler"]>[1], status: number, text: string) {
  response.writeHead(status, { ...RETURN_PAGE_HEADERS, "content-type": "text/plain; charset=utf-8" });
  response.end(text);
}
