import type { WebClient } from "@slack/web-api";
import type { BotDeps } from "../../deps.js";
import { newFormMetadata } from "../../invoice-form/metadata.js";
import { prefillFromCommandText } from "../../invoice-form/prefill.js";
import { personMessages } from "../../services/locales.js";
import { openView } from "../../services/slack-views.js";
import { invoiceModal } from "../../views/invoice-modal.js";

/** Opens a new invoice form, prefilled from what followed `/invoice` (an email, an amount…). */
export async function openInvoiceModal(
  deps: BotDeps,
  client: WebClient,
  request: { triggerId: string; channelId: string; text: string; teamId: string; userId: string },
): Promise<void> {
  // The person's language is one read of the store: well inside the trigger's 3 s.
  const t = await personMessages(deps.locales, request);
  await openView(client, {
    trigger_id: request.triggerId,
    view: invoiceModal(t, {
      metadata: newFormMetadata({ channelId: request.channelId }),
      initial: prefillFromCommandText(request.text),
      taxRates: deps.taxRates,
      defaults: deps.formDefaults,
      now: deps.now(),
    }),
  });
}
