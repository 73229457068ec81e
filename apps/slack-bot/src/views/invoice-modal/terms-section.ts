import type { Messages } from "../../i18n/index.js";
import { ACTION_IDS, BLOCK_IDS, INVOICE_OPTION_VALUES, LAYOUT_BLOCK_IDS } from "../../invoice-form/ids.js";
import { NUMBER_MAX_VALUES } from "../../invoice-form/limits.js";
import { addDays, osloDay } from "../../orders/due-date.js";
import { header, type KnownBlock, plainText } from "../block-kit.js";
import type { FieldBuilder } from "./field-builder.js";
import type { InvoiceModalOptions } from "./modal-options.js";
import { intervalOptions, invoiceOptions, selected } from "./select-options.js";

/** The invoice's terms: invoice fee, separate invoices, days until due, Front Payment's interval. */
export function termsBlocks(
  { t, names, initial, defaults, input, numberInput }: FieldBuilder,
  { now }: Pick<InvoiceModalOptions, "now">,
): KnownBlock[] {
  const words = t.invoiceModal;
  const options = invoiceOptions(t);
  const intervals = intervalOptions(t);
  const checked = options.filter(({ value }) =>
    value === INVOICE_OPTION_VALUES.invoiceFee
      ? (initial.invoiceFeeApplicable ?? defaults.invoiceFeeApplicable)
      : (initial.separateInvoices ?? defaults.separateInvoices),
  );
  const interval = selected(intervals, initial.invoiceInterval);
  const maturity = initial.invoiceMaturity ?? String(defaults.invoiceMaturityDays);
  return [
    header(words.termsHeader, LAYOUT_BLOCK_IDS.termsHeader),
    input({
      blockId: BLOCK_IDS.invoiceOptions,
      label: names.invoiceOptions,
      optional: true,
      element: {
        type: "checkboxes",
        action_id: ACTION_IDS.invoiceOptions,
        options,
        ...(checked.length > 0 ? { initial_options: checked } : {}),
      },
    }),
    numberInput(BLOCK_IDS.invoiceMaturity, names.invoiceMaturity, ACTION_IDS.invoiceMaturity, {
      value: maturity,
      decimals: false,
      max: NUMBER_MAX_VALUES.invoiceMaturity,
      dispatch: true,
      hint: dueDateHint(t, maturity, now),
    }),
    input({
      blockId: BLOCK_IDS.invoiceInterval,
      label: names.invoiceInterval,
      optional: true,
      hint: words.intervalHint,
      element: {
        type: "static_select",
        action_id: ACTION_IDS.invoiceInterval,
        placeholder: plainText(words.intervalPlaceholder),
        options: intervals,
        ...(interval ? { initial_option: interval } : {}),
      },
    }),
  ];
}

/**
 * "Due Tuesday, 15 December 2026 (14 days after today).": the maturity days counted from today in
 * Norway, as the bot reckons an order's due date (`orders/due-date.ts`; docs/front-payment.md §17:
 * we assume Front Payment counts them from the order date).
 */
export function dueDateHint(t: Messages, maturity: string | undefined, now: Date | undefined): string {
  const days = maturity !== undefined && /^\d{1,4}$/.test(maturity.trim()) ? Number(maturity) : undefined;
  if (now === undefined || days === undefined) return t.invoiceModal.maturityHint;
  const date = t.format.longDay(addDays(osloDay(now), days));
  return t.invoiceModal.dueOn({ date, days });
}
