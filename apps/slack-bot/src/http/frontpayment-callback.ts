import { verifyCallback } from "@fakturabot/client";
import type { CustomRoute } from "@slack/bolt";
import type { Logger } from "pino";
import type { OrderMessages } from "../services/order-messages.js";
import type { StatusUpdates } from "../services/status-updates.js";
import type { InvoiceStore } from "../store/types.js";
import { routeParam } from "./route-param.js";

/** Callbacks older or newer than this (by their `timestamp`) are refused: a bound on replays. */
export const CALLBACK_MAX_AGE_SECONDS = 60 * 60;

export const CALLBACK_PATH = "/frontpayment/callback";

function reply(response: Parameters<CustomRoute["handler"]>[1], status: number, text: string) {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  response.end(text);
}

/**
 * `GET /frontpayment/callback/<our order id>?orderUuid=…&status=…&checksum=…`: Front Payment's
 * status notifications (docs/front-payment.md §9). Verified, recorded durably and answered before Slack is
 * updated, so a slow Slack never makes Front Payment retry; repeats and late arrivals are harmless.
 */
export function frontPaymentCallbackRoute({
  store,
  statusUpdates,
  messages,
  callbackSecret,
  logger,
  now = Date.now,
}: {
  store: InvoiceStore;
  statusUpdates: StatusUpdates;
  messages: OrderMessages;
  callbackSecret: string;
  logger: Logger;
  now?: () => number;
}): CustomRoute {
  return {
    path: `${CALLBACK_PATH}/:orderId`,
    method: ["GET"],
    handler: async (request, response) => {
      const orderId = routeParam(request.params?.orderId);
      try {
        const verified = verifyCallback(request.url ?? "", callbackSecret, {
          maxAgeSeconds: CALLBACK_MAX_AGE_SECONDS,
          now,
        });
        if (!verified.ok) {
          logger.warn({ orderId, reason: verified.reason }, "rejected a Front Payment callback");
          return reply(response, 403, "The callback's checksum or timestamp did not verify.");
        }
        const { notification } = verified;
        const order = await store.get(orderId);
        if (!order) {
          logger.warn(
            { orderId, fpOrderUuid: notification.orderUuid },
            "callback for an order we do not know",
          );
          return reply(response, 404, "No such order.");
        }
        if (order.fpOrderUuid !== null && order.fpOrderUuid !== notification.orderUuid) {
          // Only possible after the user re-sent an order whose first outcome was unknown, and
          // both reached Front Payment: say so loudly, once, so one of them gets cancelled; then
          // only what changes (the customer paid it, it was cancelled).
          const news = await store.recordOtherFpOrder(orderId, notification.orderUuid, {
            status: notification.status,
            at:
              notification.timestamp === undefined
                ? Math.floor(now() / 1000)
                : Number(notification.timestamp),
          });
          logger.error(
            { orderId, known: order.fpOrderUuid, other: notification.orderUuid, news },
            "second Front Payment order",
          );
          reply(response, 200, "Recorded.");
          if (news !== "same") {
            await messages.reportSecondOrder(order, notification.orderUuid, {
              first: news === "new",
              change: {
                status: notification.status,
                paymentMethod: notification.paymentMethod || null,
                amount: notification.amount || null,
              },
            });
          }
          return;
        }
        const { published } = await statusUpdates.record(orderId, {
          fpOrderUuid: notification.orderUuid,
          status: notification.status,
          sentAt: notification.timestamp === undefined ? null : Number(notification.timestamp),
          paymentMethod: notification.paymentMethod || null,
          amount: notification.amount || null,
          source: "callback",
          receivedAt: new Date(now()),
        });
        reply(response, 200, "Recorded.");
        await published;
      } catch (error) {
        logger.error({ orderId, err: error }, "could not handle a Front Payment callback");
        if (!response.headersSent) reply(response, 500, "Could not record the callback; please retry.");
      }
    },
  };
}
