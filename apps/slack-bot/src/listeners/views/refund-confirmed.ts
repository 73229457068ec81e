import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import type { Messages } from "../../i18n/index.js";
import type { ActionOutcome } from "../../orders/lifecycle.js";
import { getInTeam } from "../../orders/team-scope.js";
import { personMessages } from "../../services/locales.js";
import type { OrderRecord } from "../../store/types.js";
import { noticeModal, readRefundPlan } from "../../views/order-action-modals.js";
import { actionName } from "../../views/order-message.js";
import { mayAct, whoMay } from "../access.js";
import { refusalText } from "../actions/order-action.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Front Payment's refusals of a refund, said plainly (docs/front-payment.md §13.7). */
function conflicts(t: Messages): Record<string, string> {
  const words = t.orderActions;
  return {
    refundRejectionForOrderAmountExceeded: words.orderAmountExceeded,
    refundRejectionForProductAmountExceeded: words.productAmountExceeded,
    refundRejectionForRefundedCancelledInvoicedOrderParamRefunded: words.notPaidOrRefunded,
    requestProductIdNotAvailable: words.lineGone,
  };
}

function outcomeText(
  t: Messages,
  order: OrderRecord,
  amountOre: number,
  outcome: ActionOutcome,
): { title: string; text: string } {
  const words = t.orderActions;
  const total = t.format.money(amountOre);
  switch (outcome.kind) {
    case "done":
      return { title: words.refunded, text: words.refundedText({ total, customer: order.customerName }) };
    case "too-much":
      return {
        title: words.notRefunded,
        text: words.refundTooMuch({ total, left: t.format.money(outcome.remainingOre) }),
      };
    case "refused":
      return { title: words.notRefunded, text: refusalText(t, order, "refund", outcome.refusal) };
    case "failed":
      return {
        title: words.notRefunded,
        text: words.nothingRefunded({
          why:
            conflicts(t)[outcome.messageKey ?? ""] ?? words.frontPaymentRefused({ message: outcome.message }),
        }),
      };
  }
}

/** The refund confirmed: sent through the lifecycle, its outcome in the modal, the news in the thread. */
export function refundConfirmed(deps: BotDeps) {
  return async ({ ack, body, view, client }: Args) => {
    const plan = readRefundPlan(view.private_metadata);
    const order = plan && (await getInTeam(deps.orders, view.team_id, plan.orderId));
    const who = { userId: body.user.id, channelId: order?.message?.channelId ?? "" };
    const t = await personMessages(deps.locales, { teamId: view.team_id, userId: body.user.id });
    const words = t.orderActions;
    if (!plan || !order || order.state !== "created" || !mayAct(deps.access, who, order, "refund")) {
      const text = order
        ? t.commands.onlySomeMay({ action: actionName(t, "refund"), who: whoMay(t, "refund", order.userId) })
        : words.iDontKnowIt;
      await ack({ response_action: "update", view: noticeModal(t, words.notRefunded, text) });
      return;
    }
    const amountOre = plan.lines.reduce((sum, line) => sum + line.amountOre, 0);
    await ack({
      response_action: "update",
      view: noticeModal(t, words.refunding, words.sendingRefund({ total: t.format.money(amountOre) })),
    });
    const outcome = await deps.orders.refund(order, plan.lines, body.user.id);
    const shown = outcomeText(t, order, amountOre, outcome);
    await client.views.update({ view_id: view.id, view: noticeModal(t, shown.title, shown.text) });
  };
}
