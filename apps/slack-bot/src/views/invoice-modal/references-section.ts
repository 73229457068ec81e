import { LAYOUT_BLOCK_IDS } from "../../invoice-form/ids.js";
import { TEXT_MAX_LENGTHS } from "../../invoice-form/limits.js";
import { header, type KnownBlock } from "../block-kit.js";
import type { FieldBuilder } from "./field-builder.js";

/** Our reference and the customer's, both printed on the invoice. */
export function referencesBlocks({ t, textInput }: FieldBuilder): KnownBlock[] {
  return [
    header(t.invoiceModal.referencesHeader, LAYOUT_BLOCK_IDS.referencesHeader),
    textInput("referenceNo", {
      optional: true,
      maxLength: TEXT_MAX_LENGTHS.referenceNo,
      hint: t.invoiceModal.referenceNoHint,
    }),
    textInput("customerReference", {
      optional: true,
      maxLength: TEXT_MAX_LENGTHS.customerReference,
      hint: t.invoiceModal.customerReferenceHint,
    }),
  ];
}
