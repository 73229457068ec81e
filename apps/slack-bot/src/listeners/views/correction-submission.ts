import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { CALLBACK_PATH } from "../../http/frontpayment-callback.js";
import { RETURN_PATH } from "../../http/return-route.js";
import { messagesFor } from "../../i18n/index.js";
import type { FormMetadata } from "../../invoice-form/metadata.js";
import { readInvoiceForm } from "../../invoice-form/read.js";
import { validateInvoiceForm } from "../../invoice-form/validate.js";
import type { ActionOutcome } from "../../orders/lifecycle.js";
import { getInTeam } from "../../orders/team-scope.js";
import type { CreatedOrder } from "../../store/types.js";
import { noticeModal } from "../../views/order-action-modals.js";
import { money } from "../../views/order-words.js";
import { mayAct, whoMay } from "../access.js";
import { refusalText } from "../actions/order-action.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

function outcomeText(order: CreatedOrder, outcome: ActionOutcome, grandTotalOre: number) {
  switch (outcome.kind) {
    case "done":
      return {
        title: "Invoice corrected",
        text: `:pencil2: Front Payment updated \`${order.fpOrderUuid}\`: now ${money(grandTotalOre)}. The customer sees the corrected invoice when they confirm it.`,
      };
    case "refused":
      return { title: "Not corrected", text: refusalText(messagesFor("en"), order, "edit", outcome.refusal) };
    case "failed":
      return {
        title: "Not corrected",
        text:
          outcome.messageKey === "orderStatusAlreadyInvoiced"
            ? "The customer has confirmed it meanwhile, so it is an invoice now: it can't be edited. Make a refund or credit note instead."
            : `Nothing changed: ${outcome.message}`,
      };
    case "too-much":
      return { title: "Not corrected", text: "Nothing changed." };
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
  if (order?.state !== "created" || !mayAct(deps.access, who, order, "edit")) {
    const text = order
      ? `Edit: ${whoMay(messagesFor("en"), "edit", order.userId)} can do that.`
      : "I don't know this invoice.";
    await ack({ response_action: "update", view: noticeModal("Not corrected", text) });
    return;
  }
  const form = readInvoiceForm(view.state.values, metadata);
  const validation = validateInvoiceForm(form, {
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
    view: noticeModal(
      "Correcting…",
      `Sending the corrected invoice to Front Payment as an update of \`${order.fpOrderUuid}\`…`,
    ),
  });
  const outcome = await deps.orders.edit(order, validation.order, body.user.id);
  const shown = outcomeText(order, outcome, validation.grandTotalOre);
  await client.views.update({ view_id: view.id, view: noticeModal(shown.title, shown.text) });
}
