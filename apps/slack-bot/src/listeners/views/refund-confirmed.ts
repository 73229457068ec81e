import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { messagesFor } from "../../i18n/index.js";
import type { ActionOutcome } from "../../orders/lifecycle.js";
import { getInTeam } from "../../orders/team-scope.js";
import type { OrderRecord } from "../../store/types.js";
import { noticeModal, readRefundPlan } from "../../views/order-action-modals.js";
import { money } from "../../views/order-words.js";
import { mayAct, whoMay } from "../access.js";
import { refusalText } from "../actions/order-action.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Front Payment's refusals of a refund, said plainly (docs/front-payment.md §13.7). */
const CONFLICTS: Record<string, string> = {
  refundRejectionForOrderAmountExceeded: "That is more than is left of what was paid.",
  refundRejectionForProductAmountExceeded: "That is more than is left of one of the lines.",
  refundRejectionForRefundedCancelledInvoicedOrderParamRefunded:
    "The invoice is not paid, or refunded already.",
  requestProductIdNotAvailable: "One of the lines is not on the order any more.",
};

function outcomeText(
  order: OrderRecord,
  amountOre: number,
  outcome: ActionOutcome,
): { title: string; text: string } {
  switch (outcome.kind) {
    case "done":
      return {
        title: "Refunded",
        text: `:leftwards_arrow_with_hook: Front Payment accepted the refund of *${money(amountOre)}* to ${order.customerName}.`,
      };
    case "too-much":
      return {
        title: "Not refunded",
        text: `Nothing was refunded: ${money(amountOre)} is more than is left of what was paid (${money(outcome.remainingOre)}).`,
      };
    case "refused":
      return {
        title: "Not refunded",
        text: refusalText(messagesFor("en"), order, "refund", outcome.refusal),
      };
    case "failed":
      return {
        title: "Not refunded",
        text: `Nothing was refunded. ${CONFLICTS[outcome.messageKey ?? ""] ?? `Front Payment refused: ${outcome.message}`}`,
      };
  }
}

/** The refund confirmed: sent through the lifecycle, its outcome in the modal, the news in the thread. */
export function refundConfirmed(deps: BotDeps) {
  return async ({ ack, body, view, client }: Args) => {
    const plan = readRefundPlan(view.private_metadata);
    const order = plan && (await getInTeam(deps.orders, view.team_id, plan.orderId));
    const who = { userId: body.user.id, channelId: order?.message?.channelId ?? "" };
    if (!plan || !order || order.state !== "created" || !mayAct(deps.access, who, order, "refund")) {
      const text = order
        ? `Refund: ${whoMay(messagesFor("en"), "refund", order.userId)} can do that.`
        : "I don't know this invoice.";
      await ack({ response_action: "update", view: noticeModal("Not refunded", text) });
      return;
    }
    const amountOre = plan.lines.reduce((sum, line) => sum + line.amountOre, 0);
    await ack({
      response_action: "update",
      view: noticeModal("Refunding…", `Sending the refund of ${money(amountOre)} to Front Payment…`),
    });
    const outcome = await deps.orders.refund(order, plan.lines, body.user.id);
    const shown = outcomeText(order, amountOre, outcome);
    await client.views.update({ view_id: view.id, view: noticeModal(shown.title, shown.text) });
  };
}
