import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { decodeFormMetadata, type FormMetadata } from "../../invoice-form/metadata.js";
import { type InitialFormValues, readInvoiceForm } from "../../invoice-form/read.js";
import { formTotals } from "../../invoice-form/totals.js";
import { personMessages } from "../../services/locales.js";
import { slackErrorCode } from "../../services/order-messages.js";
import { updateView } from "../../services/slack-views.js";
import { invoiceModal } from "../../views/invoice-modal.js";

export type ModalActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** The open form a `block_actions` came from. */
type FormView = NonNullable<BlockAction["view"]>;

/**
 * Replaces the open form with `metadata`'s shape filled with `initial`, with fresh running
 * totals. The view hash makes a stale redraw lose to a newer one (the person kept typing): that
 * is logged and skipped, nothing typed is lost.
 */
export async function redrawInvoiceModal(
  deps: BotDeps,
  { body, client }: Pick<ModalActionArgs, "body" | "client">,
  view: FormView,
  next: { metadata: FormMetadata; initial: InitialFormValues; fieldErrors?: Record<string, string> },
): Promise<void> {
  // The form is drawn in the language of whoever has it open.
  const t = await personMessages(deps.locales, {
    teamId: body.team?.id ?? view.team_id,
    userId: body.user.id,
  });
  try {
    await updateView(client, {
      view_id: view.id,
      hash: view.hash,
      view: invoiceModal(t, {
        metadata: next.metadata,
        initial: next.initial,
        totals: formTotals(next.initial),
        taxRates: deps.taxRates,
        defaults: deps.formDefaults,
        now: deps.now(),
        ...(next.fieldErrors ? { fieldErrors: next.fieldErrors } : {}),
      }),
    });
  } catch (error) {
    if (slackErrorCode(error) !== "hash_conflict") throw error;
    deps.logger.debug({ viewId: view.id }, "stale form redraw skipped");
  }
}

/**
 * Redraws the open invoice form after an interaction: a new shape (`reshape`: a line added or
 * removed, the other customer type) and fresh running totals. Block and action ids stay the same,
 * so Slack keeps what was typed.
 */
export async function refreshInvoiceModal(
  deps: BotDeps,
  args: ModalActionArgs,
  reshape: (metadata: FormMetadata) => FormMetadata = (metadata) => metadata,
): Promise<void> {
  await args.ack();
  const view = args.body.view;
  if (!view) return;
  const metadata = reshape(decodeFormMetadata(view.private_metadata));
  const form = readInvoiceForm(view.state.values, metadata);
  await redrawInvoiceModal(deps, args, view, { metadata, initial: form });
}
