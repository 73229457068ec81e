import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { getInTeam } from "../../orders/team-scope.js";
import { personMessages } from "../../services/locales.js";
import { submissionView } from "../../services/outcome-modal.js";

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** "Open" in the direct message about a submission: its outcome view again, in a new modal. */
export function openSubmissionClicked(deps: BotDeps) {
  return async ({ ack, body, action, client }: Args) => {
    await ack();
    const orderId = action.type === "button" ? action.value : undefined;
    if (!orderId) return;
    const order = await getInTeam(deps.orders, body.team?.id ?? body.view?.team_id, orderId);
    if (!order || order.userId !== body.user.id) return;
    const t = await personMessages(deps.locales, { teamId: order.teamId, userId: body.user.id });
    await client.views.open({ trigger_id: body.trigger_id, view: submissionView(t, order) });
  };
}
