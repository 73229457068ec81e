import type { BotDeps } from "../../deps.js";
import { rememberCustomerIfCreated } from "../../services/saved-customers.js";
import { alreadyDecidedText, clickerWords, orderToDecide } from "./approval-order.js";
import { type MessageActionArgs, tellClicker } from "./order-action.js";

/**
 * Approve in an approval message: the invoice is sent, once. A second click (or another
 * approver's, at the same moment) finds it no longer waiting and is told how it ended.
 */
export function approveClicked(deps: BotDeps) {
  return async (args: MessageActionArgs) => {
    await args.ack();
    const t = await clickerWords(deps, args);
    const order = await orderToDecide(deps, args, t);
    if (!order) return;
    const approved = await deps.orders.approve(order.id, args.body.user.id);
    if (approved.outcome !== "changed") {
      await tellClicker(args, alreadyDecidedText(t, approved.order));
      return;
    }
    // Sent: its customer is remembered, as any invoice's once created.
    await approved.effects;
    await rememberCustomerIfCreated(deps, order, order.request.customerDetails);
  };
}
