import { safeKronerToOre } from "@fakturabot/schema";
import type { BotDeps } from "../../deps.js";
import { personMessages } from "../../services/locales.js";
import { refundModal } from "../../views/order-action-modals.js";
import { openWithDetails } from "./open-for-order.js";
import { type MessageActionArgs, orderForAction } from "./order-action.js";

/** Front Payment's amount in øre, or `fallback` when it gave none. */
function orOre(amount: string | number | undefined, fallback: number): number {
  return (amount === undefined ? undefined : safeKronerToOre(amount)) ?? fallback;
}

/**
 * "Refund…": what was paid and refunded from Front Payment's Get Order Status, the lines from Get
 * Order Details, less what Fakturabot refunded of each already.
 */
export function refundClicked(deps: BotDeps) {
  return async (args: MessageActionArgs) => {
    await args.ack();
    const order = await orderForAction(deps, args, "refund");
    if (!order) return;
    const t = await personMessages(deps.locales, { teamId: order.teamId, userId: args.body.user.id });
    await openWithDetails(deps, t, args, order, t.orderActions.refundTitle, async (details) => {
      const status = await deps.frontPayment.getOrderStatus(order.fpOrderUuid);
      const refundedLines = order.facts?.refundedLines ?? {};
      return refundModal(t, {
        orderId: order.id,
        customerName: order.customerName,
        paidOre: orOre(status.orderAmount, order.grandTotalOre),
        refundedOre: orOre(status.refundedAmount, order.facts?.refundedOre ?? 0),
        lines: details.productList.map((line) => ({
          id: line.id,
          name: line.name,
          leftOre: (safeKronerToOre(line.amount) ?? 0) - (refundedLines[line.id] ?? 0),
        })),
      });
    });
  };
}
