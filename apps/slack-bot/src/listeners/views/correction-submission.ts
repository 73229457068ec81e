import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { CALLBACK_PATH } from "../../http/frontpayment-callback.js";
import { RETURN_PATH } from "../../http/return-route.js";
import type { Messages } from "../../i18n/index.js";
import type { FormMetadata } from "../../invoice-form/metadata.js";
import { readInvoiceForm } from "../../invoice-form/read.js";
import { validateInvoiceForm } from "../../invoice-form/validate.js";
import type { ActionOutcome } from "../../orders/lifecycle.js";
import { getInTeam } from "../../orders/team-scope.js";
import { personMessages } from "../../services/locales.js";
import type { CreatedOrder } from "../../store/types.js";
import { noticeModal } from "../../views/order-action-modals.js";
import { actionName } from "../../views/order-message.js";
import { mayAct, whoMay } from "../access.js";
import { refusalText } from "../actions/order-action.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** What an Edit… submission came to, for the modal (exported for its tests). */
export function outcomeText(t: Messages, order: CreatedOrder, outcome: ActionOutcome, grandTotalOre: number) {
  const words = t.orderActions;
  switch (outcome.kind) {
    case "done":
      return {
        title: words.corrected,
        text: words.correctedText({ fpOrderUuid: order.fpOrderUuid, total: t.format.money(grandTotalOre) }),
      };
    case "refused":
      return { title: words.notCorrected, text: refusalText(t, order, "edit", outcome.refusal) };
    case "failed":
      return {
        title: words.notCorrected,
        text:
          outcome.otherFpOrderUuid !== undefined
            ? words.answeredWithAnotherOrder({ fpOrderUuid: outcome.otherFpOrderUuid })
            : outcome.messageKey === "orderStatusAlreadyInvoiced"
              ? words.invoicedMeanwhile
              : words.nothingChanged({ message: outcome.message }),
      };
    case "too-much":
      return { title: words.notCorrected, text: words.nothingChangedPlain };
  }
}

/**
 * The invoice form of Edit… submitted: validated as a new one would be, with the order's own
 * reference and callback addresses, then sent as an update of the same Front Payment order.
 */
export async function correctionSubmitted(
  deps: BotDeps,
  { ack, body, view, client }: Args,
  metadata: FormMetadata,
) {
  const order = metadata.editOf ? await getInTeam(deps.orders, view.team_id, metadata.editOf) : null;
  const who = { userId: body.user.id, channelId: order?.message?.channelId ?? "" };
  const t = await personMessages(deps.locales, { teamId: view.team_id, userId: body.user.id });
  const words = t.orderActions;
  if (order?.state !== "created" || !mayAct(deps.access, who, order, "edit")) {
    const text = order
      ? t.commands.onlySomeMay({ action: actionName(t, "edit"), who: whoMay(t, "edit", order.userId) })
      : words.iDontKnowIt;
    await ack({ response_action: "update", view: noticeModal(t, words.notCorrected, text) });
    return;
  }
  const form = readInvoiceForm(view.state.values, metadata);
  const validation = validateInvoiceForm(t, form, {
    now: deps.now(),
    referenceNo: order.id,
    callback: {
      callbackUrl: `${deps.publicBaseUrl}${CALLBACK_PATH}/${order.id}`,
      success: `${deps.publicBaseUrl}${RETURN_PATH}/${order.id}/success`,
      failure: `${deps.publicBaseUrl}${RETURN_PATH}/${order.id}/failure`,
    },
    taxRates: deps.taxRates,
    defaults: deps.formDefaults,
  });
  if (!validation.ok) {
    await ack({ response_action: "errors", errors: validation.errors });
    return;
  }
  await ack({
    response_action: "update",
    view: noticeModal(t, words.correcting, words.sendingCorrection({ fpOrderUuid: order.fpOrderUuid })),
  });
  const outcome = await deps.orders.edit(order, validation.order, body.user.id);
  const shown = outcomeText(t, order, outcome, validation.grandTotalOre);
  await client.views.update({ view_id: view.id, view: noticeModal(t, shown.title, shown.text) });
}
