import type { BotDeps } from "../../deps.js";
import { BLOCK_IDS } from "../../invoice-form/ids.js";
import { decodeFormMetadata, fillCustomerFields } from "../../invoice-form/metadata.js";
import { readInvoiceForm } from "../../invoice-form/read.js";
import { personMessages } from "../../services/locales.js";
import { customerFormValues } from "../../services/saved-customers.js";
import { type ModalActionArgs, redrawInvoiceModal } from "./refresh-invoice-modal.js";

/**
 * A saved customer was picked: its details replace the customer fields (new action ids, so Slack
 * shows them instead of what was typed). A person's personal number is asked for again.
 */
export function savedCustomerPicked(deps: BotDeps) {
  return async (args: ModalActionArgs) => {
    await args.ack();
    const { action, body } = args;
    const view = body.view;
    const id = action.type === "external_select" ? action.selected_option?.value : undefined;
    if (!view || !id) return;
    const customer = await deps.customers.getCustomer(body.team?.id ?? view.team_id, id);
    if (!customer) return;
    const metadata = decodeFormMetadata(view.private_metadata);
    const form = readInvoiceForm(view.state.values, metadata);
    const { personalNumber: _, organizationId: __, ...rest } = form;
    const t = await personMessages(deps.locales, {
      teamId: body.team?.id ?? view.team_id,
      userId: body.user.id,
    });
    await redrawInvoiceModal(deps, args, view, {
      metadata: fillCustomerFields(metadata, { customerType: customer.type }),
      initial: { ...rest, ...customerFormValues(customer) },
      ...(customer.type === "private"
        ? { fieldErrors: { [BLOCK_IDS.personalNumber]: t.formErrors.askPersonalNumberAgain } }
        : {}),
    });
  };
}
