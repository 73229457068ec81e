import type { BotDeps } from "../../deps.js";
import { type Messages, messagesFor } from "../../i18n/index.js";
import { type ApproverProblem, approvalDecisionOf } from "../../orders/approval.js";
import { getInTeam } from "../../orders/team-scope.js";
import type { AwaitingApprovalOrder, OrderRecord } from "../../store/types.js";
import { decisionInWords } from "../../views/approval-message.js";
import { mayApprove } from "../access.js";
import { type MessageActionArgs, tellClicker } from "./order-action.js";

/** The clicker's own words. */
export async function clickerWords(deps: BotDeps, args: MessageActionArgs): Promise<Messages> {
  return messagesFor(await deps.locales.forPerson(args.body.team?.id, args.body.user.id));
}

/** Why `problem` keeps someone from deciding, in words. */
export function approverRefusalText(
  t: Messages,
  problem: ApproverProblem,
  approvers: readonly string[],
): string {
  switch (problem) {
    case "creator":
      return t.approval.refusedCreator;
    case "not-approver":
      return t.approval.refusedNotApprover({ approvers: approvers.map((id) => `<@${id}>`).join(", ") });
    case "off":
      return t.approval.refusedOff;
  }
}

/** What became of an order that no longer waits for approval, in words. */
export function alreadyDecidedText(t: Messages, order: OrderRecord): string {
  const decision = approvalDecisionOf(order);
  return t.approval.alreadyDecided({
    decision: decision ? decisionInWords(t, decision) : t.approval.sentAlready,
  });
}

/**
 * The order an Approve or Reject click is about, when the clicker may decide on it and it still
 * waits for approval; otherwise they are told why, only them, and null.
 */
export async function orderToDecide(
  deps: BotDeps,
  args: MessageActionArgs,
  t: Messages,
): Promise<AwaitingApprovalOrder | null> {
  const orderId = args.action.type === "button" ? args.action.value : undefined;
  const order = orderId ? await getInTeam(deps.orders, args.body.team?.id, orderId) : null;
  if (!order) {
    await tellClicker(args, t.approval.notFound);
    return null;
  }
  const problem = mayApprove(deps.orders.approval, args.body.user.id, order);
  if (problem) {
    await tellClicker(args, approverRefusalText(t, problem, deps.orders.approval?.approverUserIds ?? []));
    return null;
  }
  if (order.state !== "awaiting_approval") {
    await tellClicker(args, alreadyDecidedText(t, order));
    return null;
  }
  return order;
}
