import type { BotDeps } from "../../deps.js";
import { openCancelDialog } from "../commands/cancel.js";
import { clickerWords, type MessageActionArgs, orderForAction, tellClicker } from "./order-action.js";

/** "Cancel…" on the message: the same confirmation, with a reason, as `/invoice cancel`. */
export function cancelClicked(deps: BotDeps) {
  return async (args: MessageActionArgs) => {
    await args.ack();
    const order = await orderForAction(deps, args, "cancel");
    if (!order) return;
    const refusal = await openCancelDialog(await clickerWords(deps, args), deps, args.client, {
      reference: order.id,
      note: "",
      userId: args.body.user.id,
      teamId: order.teamId,
      triggerId: args.body.trigger_id,
    });
    if (refusal) await tellClicker(args, refusal);
  };
}
