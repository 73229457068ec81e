import { maskPersonalNumber } from "@fakturabot/schema";
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { CALLBACK_PATH } from "../../http/frontpayment-callback.js";
import { RETURN_PATH } from "../../http/return-route.js";
import { decodeFormMetadata } from "../../invoice-form/metadata.js";
import { readInvoiceForm } from "../../invoice-form/read.js";
import { validateInvoiceForm } from "../../invoice-form/validate.js";
import { newOrderId } from "../../orders/order-id.js";
import { personMessages } from "../../services/locales.js";
import { submissionView } from "../../services/outcome-modal.js";
import { rememberCustomerIfCreated } from "../../services/saved-customers.js";
import { rememberLinesIfCreated } from "../../services/saved-products.js";
import { correctionSubmitted } from "./correction-submission.js";

/**
 * The invoice form is submitted: errors go next to their fields; a valid order is recorded,
 * the modal shows "Sending…" within Slack's 3 s, and then the outcome.
 */
export function invoiceSubmission(deps: BotDeps) {
  return async (args: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const { ack, body, view } = args;
    const metadata = decodeFormMetadata(view.private_metadata);
    // Edit… on a sent order: an update of the same Front Payment order, never a new one.
    if (metadata.editOf) return correctionSubmitted(deps, args, metadata);
    const form = readInvoiceForm(view.state.values, metadata);
    const orderId = newOrderId();
    const t = await personMessages(deps.locales, {
      teamId: body.team?.id ?? view.team_id,
      userId: body.user.id,
    });
    const validation = validateInvoiceForm(t, form, {
      now: deps.now(),
      referenceNo: orderId,
      callback: {
        callbackUrl: `${deps.publicBaseUrl}${CALLBACK_PATH}/${orderId}`,
        success: `${deps.publicBaseUrl}${RETURN_PATH}/${orderId}/success`,
        failure: `${deps.publicBaseUrl}${RETURN_PATH}/${orderId}/failure`,
      },
      taxRates: deps.taxRates,
      defaults: deps.formDefaults,
      maxInvoiceTotalOre: deps.maxInvoiceTotalOre,
    });
    if (!validation.ok) {
      await ack({ response_action: "errors", errors: validation.errors });
      return;
    }
    const customer = validation.order.customerDetails;
    const { order, created } = await deps.orders.begin({
      id: orderId,
      // The same view state submitted twice (a double click) is one submission.
      submissionKey: `${view.id}:${view.hash}`,
      teamId: body.team?.id ?? view.team_id,
      channelId: metadata.channelId,
      userId: body.user.id,
      customerType: customer.type,
      customerName: customer.name,
      customerIdentifier:
        customer.type === "private" ? maskPersonalNumber(customer.personalNumber) : customer.organizationId,
      preferredLanguage: customer.preferredLanguage ?? "no",
      grandTotalOre: validation.grandTotalOre,
      request: validation.order,
    });
    // A double submit finds the first order and shows it as it is now; a new one shows "Sending…"
    // (or, at or above the approval threshold, "Waiting for approval").
    await ack({ response_action: "update", view: submissionView(t, order) });
    if (!created) return;
    await deps.orders.send(order, { viewId: view.id, form: { values: form, metadata } });
    await rememberCustomerIfCreated(deps, order, customer);
    await rememberLinesIfCreated(deps, order, validation.order.products);
  };
}
