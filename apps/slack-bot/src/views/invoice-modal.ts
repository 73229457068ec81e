import type { Messages } from "../i18n/index.js";
import { INVOICE_MODAL_CALLBACK_ID, LAYOUT_BLOCK_IDS } from "../invoice-form/ids.js";
import { encodeFormMetadata, MAX_LINES } from "../invoice-form/metadata.js";
import { escapeMrkdwn, type ModalView, plainText, section } from "./block-kit.js";
import { customerBlocks } from "./invoice-modal/customer-section.js";
import { fieldBuilder } from "./invoice-modal/field-builder.js";
import { linesBlocks } from "./invoice-modal/lines-section.js";
import type { InvoiceModalOptions } from "./invoice-modal/modal-options.js";
import { referencesBlocks } from "./invoice-modal/references-section.js";
import { savedCustomerPicker } from "./invoice-modal/saved-customer-picker.js";
import { termsBlocks } from "./invoice-modal/terms-section.js";

export type { InvoiceModalOptions };
export { MAX_LINES };

/**
 * The `/invoice` modal: customer (type switch, name, personal or organisation number, email,
 * mobile, address, language), product lines with add/remove and running totals, terms and
 * references. Within Slack's limits at every size up to {@link MAX_LINES} lines: ≤ 100 blocks,
 * unique block ids, labels, placeholders and options within their lengths.
 */
export function invoiceModal(t: Messages, options: InvoiceModalOptions): ModalView {
  const form = fieldBuilder(t, options);
  const words = t.invoiceModal;
  const notice = options.notice
    ? [section(`:warning: ${escapeMrkdwn(options.notice)}`, LAYOUT_BLOCK_IDS.notice)]
    : [];
  return {
    type: "modal",
    callback_id: INVOICE_MODAL_CALLBACK_ID,
    title: plainText(options.metadata.editOf ? words.titleEdit : words.titleNew),
    submit: plainText(options.metadata.editOf ? words.submitEdit : words.submitNew),
    close: plainText(t.common.cancel),
    notify_on_close: true,
    private_metadata: encodeFormMetadata(options.metadata),
    blocks: [
      ...notice,
      ...savedCustomerPicker(t),
      ...customerBlocks(form),
      ...linesBlocks(form, options),
      ...termsBlocks(form, options),
      ...referencesBlocks(form),
    ],
  };
}
