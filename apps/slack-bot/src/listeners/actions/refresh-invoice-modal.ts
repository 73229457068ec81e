import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { decodeFormMetadata, type FormMetadata } from "../../invoice-form/metadata.js";
import { readInvoiceForm } from "../../invoice-form/read.js";
import { formTotals } from "../../invoice-form/totals.js";
import { slackErrorCode } from "../../services/order-messages.js";
import { updateView } from "../../services/slack-views.js";
import { invoiceModal } from "../../views/invoice-modal.js";

export type ModalActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/**
 * Redraws the open invoice form after an interaction: a new shape (`reshape`: a line added or
 * removed, the other customer type) and fresh running totals. Block and action ids stay the same,
 * so Slack keeps what was typed; the view hash makes a stale redraw lose to a newer one.
 */
export async function refreshInvoiceModal(
  deps: BotDeps,
  { ack, body, client }: ModalActionArgs,
  reshape: (metadata: FormMetadata) => FormMetadata = (metadata) => metadata,
): Promise<void> {
  await ack();
  const view = body.view;
  if (!view) return;
  const metadata = reshape(decodeFormMetadata(view.private_metadata));
  const form = readInvoiceForm(view.state.values, metadata);
  try {
    await updateView(client, {
      view_id: view.id,
      hash: view.hash,
      view: invoiceModal({
        metadata,
        initial: form,
        totals: formTotals(form),
        taxRates: deps.taxRates,
        defaults: deps.formDefaults,
      }),
    });
  } catch (error) {
    // A newer redraw (the person kept typing) already replaced this view: nothing is lost.
    if (slackErrorCode(error) !== "hash_conflict") throw error;
    deps.logger.debug({ viewId: view.id }, "stale form redraw skipped");
  }
}
