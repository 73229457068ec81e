import type { BotDeps } from "../../deps.js";
import { rejectModal } from "../../views/reject-modal.js";
import { clickerWords, orderToDecide } from "./approval-order.js";
import type { MessageActionArgs } from "./order-action.js";

/** Reject… in an approval message: a modal asks why, for the creator. */
export function rejectClicked(deps: BotDeps) {
  return async (args: MessageActionArgs) => {
    await args.ack();
    const t = await clickerWords(deps, args);
    const order = await orderToDecide(deps, args, t);
    if (!order) return;
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: rejectModal(t, order) });
  };
}
