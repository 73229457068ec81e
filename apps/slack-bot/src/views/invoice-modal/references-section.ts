import { LAYOUT_BLOCK_IDS } from "../../invoice-form/ids.js";
import { TEXT_MAX_LENGTHS } from "../../invoice-form/limits.js";
import { header, type KnownBlock } from "../block-kit.js";
import type { FieldBuilder } from "./field-builder.js";

/** Our reference and the customer's, both printed on the invoice. */
export function referencesBlocks({ textInput }: FieldBuilder): KnownBlock[] {
  return [
    header("References", LAYOUT_BLOCK_IDS.referencesHeader),
    textInput("referenceNo", {
      optional: true,
      maxLength: TEXT_MAX_LENGTHS.referenceNo,
      hint: "Shown on the invoice. Left empty, the bot's order id (FB…) is used.",
    }),
    textInput("customerReference", {
      optional: true,
      maxLength: TEXT_MAX_LENGTHS.customerReference,
      hint: "The customer's order number or contact person, shown on the invoice.",
    }),
  ];
}
