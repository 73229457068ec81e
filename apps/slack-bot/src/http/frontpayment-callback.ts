import { verifyCallback } from "@fakturabot/client";
import type { CustomRoute } from "@slack/bolt";
import type { Logger } from "pino";
import { type BotMetrics, type CallbackResult, callbackRejection } from "../metrics.js";
import { OrderNotFoundError } from "../orders/errors.js";
import type { Applied, OrderLifecycle } from "../orders/lifecycle.js";
import { canonicalStatus } from "../orders/status.js";
import type { OrderRecord } from "../store/types.js";
import { routeParam } from "./route-param.js";

/** Callbacks older or newer than this (by their `timestamp`) are refused: a bound on replays. */
export const CALLBACK_MAX_AGE_SECONDS = 60 * 60;

export const CALLBACK_PATH = "/frontpayment/callback";

/**
 * A verified callback's result: a change is `applied` when the order now shows its status, else
 * `late` (an earlier status arriving after a later one, kept in the history only).
 */
function callbackResult(outcome: Applied["outcome"], order: OrderRecord, status: string): CallbackResult {
  if (outcome !== "changed") return outcome;
  return order.state === "created" && order.status?.status === canonicalStatus(status) ? "applied" : "late";
}

function reply(response: Parameters<CustomRoute["handler"]>[1], status: number, text: string) {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  response.end(text);
}

/**
 * `GET /frontpayment/callback/<our order id>?orderUuid=…&status=…&checksum=…`: Front Payment's
 * status notifications (docs/front-payment.md §9). Verified, then answered after one durable write
 * that records the change and the Slack work it leaves (the outbox): Slack is updated off the
 * request path, so a slow or rate-limiting Slack never makes Front Payment retry, and a crash after
 * the answer loses nothing. Repeats and late arrivals are harmless.
 */
export function frontPaymentCallbackRoute({
  orders,
  callbackSecret,
  logger,
  now = Date.now,
  metrics,
}: {
  orders: OrderLifecycle;
  callbackSecret: string;
  logger: Logger;
  now?: () => number;
  metrics?: Pick<BotMetrics, "callback">;
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
          metrics?.callback("rejected", callbackRejection(verified.reason));
          return reply(response, 403, "The callback's checksum or timestamp did not verify.");
        }
        const { notification } = verified;
        const { order, outcome, effects } = await orders.notify(orderId, {
          fpOrderUuid: notification.orderUuid,
          status: notification.status,
          sentAt: notification.timestamp === undefined ? null : Number(notification.timestamp),
          paymentMethod: notification.paymentMethod || null,
          amount: notification.amount || null,
          source: "callback",
          receivedAt: new Date(now()),
        });
        logger.info({ orderId, status: notification.status, outcome }, "status notification");
        metrics?.callback(callbackResult(outcome, order, notification.status));
        reply(response, 200, "Recorded.");
        await effects;
      } catch (error) {
        if (error instanceof OrderNotFoundError) {
          logger.warn({ orderId }, "callback for an order we do not know");
          metrics?.callback("unknown_order");
          return reply(response, 404, "No such order.");
        }
        logger.error({ orderId, err: error }, "could not handle a Front Payment callback");
        metrics?.callback("error");
        if (!response.headersSent) reply(response, 500, "Could not record the callback; please retry.");
      }
    },
  };
}
