import type { BotDeps } from "../../deps.js";
import { getInTeam } from "../../orders/team-scope.js";
import { formAfterRejection } from "../../services/approval-messages.js";
import { clickerWords } from "./approval-order.js";
import { type MessageActionArgs, tellClicker } from "./order-action.js";

/** "Correct and send again" in the creator's message about a rejection: the form, filled in from it. */
export function reopenRejectedClicked(deps: BotDeps) {
  return async (args: MessageActionArgs) => {
    await args.ack();
    const t = await clickerWords(deps, args);
    const orderId = args.action.type === "button" ? args.action.value : undefined;
    const order = orderId ? await getInTeam(deps.orders, args.body.team?.id, orderId) : null;
    if (!order || order.userId !== args.body.user.id) {
      await tellClicker(args, t.approval.notFound);
      return;
    }
    if (order.state !== "rejected") {
      await tellClicker(args, t.approval.reopenGone);
      return;
    }
    const view = formAfterRejection(t, order, {
      taxRates: deps.taxRates,
      defaults: deps.formDefaults,
      now: deps.now,
    });
    await args.client.views.open({ trigger_id: args.body.trigger_id, view });
  };
}
