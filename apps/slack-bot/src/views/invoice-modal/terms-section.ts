import { ACTION_IDS, BLOCK_IDS, INVOICE_OPTION_VALUES, LAYOUT_BLOCK_IDS } from "../../invoice-form/ids.js";
import { FIELD_NAMES } from "../../invoice-form/labels.js";
import { NUMBER_MAX_VALUES } from "../../invoice-form/limits.js";
import { header, type KnownBlock, plainText } from "../block-kit.js";
import type { FieldBuilder } from "./field-builder.js";
import { INTERVAL_OPTIONS, INVOICE_OPTIONS, selected } from "./select-options.js";

/** The invoice's terms: invoice fee, separate invoices, days until due, Front Payment's interval. */
export function termsBlocks({ initial, defaults, input, numberInput }: FieldBuilder): KnownBlock[] {
  const checked = INVOICE_OPTIONS.filter(({ value }) =>
    value === INVOICE_OPTION_VALUES.invoiceFee
      ? (initial.invoiceFeeApplicable ?? defaults.invoiceFeeApplicable)
      : (initial.separateInvoices ?? defaults.separateInvoices),
  );
  const interval = selected(INTERVAL_OPTIONS, initial.invoiceInterval);
  return [
    header("Terms", LAYOUT_BLOCK_IDS.termsHeader),
    input({
      blockId: BLOCK_IDS.invoiceOptions,
      label: FIELD_NAMES.invoiceOptions,
      optional: true,
      element: {
        type: "checkboxes",
        action_id: ACTION_IDS.invoiceOptions,
        options: INVOICE_OPTIONS,
        ...(checked.length > 0 ? { initial_options: checked } : {}),
      },
    }),
    numberInput(BLOCK_IDS.invoiceMaturity, FIELD_NAMES.invoiceMaturity, ACTION_IDS.invoiceMaturity, {
      value: initial.invoiceMaturity ?? String(defaults.invoiceMaturityDays),
      decimals: false,
      max: NUMBER_MAX_VALUES.invoiceMaturity,
    }),
    input({
      blockId: BLOCK_IDS.invoiceInterval,
      label: FIELD_NAMES.invoiceInterval,
      optional: true,
      hint: "Front Payment's invoice interval (0, 1 or 2). Leave it empty unless Front Payment told you which to use.",
      element: {
        type: "static_select",
        action_id: ACTION_IDS.invoiceInterval,
        placeholder: plainText("Front Payment's default"),
        options: INTERVAL_OPTIONS,
        ...(interval ? { initial_option: interval } : {}),
      },
    }),
  ];
}
