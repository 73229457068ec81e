import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { messagesFor } from "../../i18n/index.js";
import { getInTeam } from "../../orders/team-scope.js";
import { REJECT_REASON_ACTION_ID, REJECT_REASON_BLOCK_ID } from "../../views/ids.js";
import { mayApprove } from "../access.js";
import { alreadyDecidedText, approverRefusalText } from "../actions/approval-order.js";

/**
 * The reject modal is submitted: with a reason, the invoice is rejected and its creator told; a
 * blank reason, or an invoice someone decided on meanwhile, is said next to the reason.
 */
export function rejectSubmission(deps: BotDeps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const teamId = body.team?.id ?? view.team_id;
    const t = messagesFor(await deps.locales.forPerson(teamId, body.user.id));
    const reason = view.state.values[REJECT_REASON_BLOCK_ID]?.[REJECT_REASON_ACTION_ID]?.value ?? "";
    const refuse = (message: string) =>
      ack({ response_action: "errors", errors: { [REJECT_REASON_BLOCK_ID]: message } });
    if (reason.trim() === "") return refuse(t.approval.reasonMissing);
    const order = await getInTeam(deps.orders, teamId, view.private_metadata);
    if (!order) return refuse(t.approval.notFound);
    const problem = mayApprove(deps.orders.approval, body.user.id, order);
    if (problem) return refuse(approverRefusalText(t, problem, deps.orders.approval?.approverUserIds ?? []));
    const rejected = await deps.orders.reject(order.id, body.user.id, reason);
    if (rejected.outcome !== "changed") return refuse(alreadyDecidedText(t, rejected.order));
    await ack();
  };
}
