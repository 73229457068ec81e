import { ACTION_IDS, BLOCK_IDS, INVOICE_OPTION_VALUES, LAYOUT_BLOCK_IDS } from "../../invoice-form/ids.js";
import { FIELD_NAMES } from "../../invoice-form/labels.js";
import { NUMBER_MAX_VALUES } from "../../invoice-form/limits.js";
import { lazyDateFormat } from "../../lazy-date-format.js";
import { addDays, osloDay } from "../../orders/due-date.js";
import { header, type KnownBlock, plainText } from "../block-kit.js";
import type { FieldBuilder } from "./field-builder.js";
import type { InvoiceModalOptions } from "./modal-options.js";
import { INTERVAL_OPTIONS, INVOICE_OPTIONS, selected } from "./select-options.js";

/** The invoice's terms: invoice fee, separate invoices, days until due, Front Payment's interval. */
export function termsBlocks(
  { initial, defaults, input, numberInput }: FieldBuilder,
  { now }: Pick<InvoiceModalOptions, "now">,
): KnownBlock[] {
  const checked = INVOICE_OPTIONS.filter(({ value }) =>
    value === INVOICE_OPTION_VALUES.invoiceFee
      ? (initial.invoiceFeeApplicable ?? defaults.invoiceFeeApplicable)
      : (initial.separateInvoices ?? defaults.separateInvoices),
  );
  const interval = selected(INTERVAL_OPTIONS, initial.invoiceInterval);
  const maturity = initial.invoiceMaturity ?? String(defaults.invoiceMaturityDays);
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
      value: maturity,
      decimals: false,
      max: NUMBER_MAX_VALUES.invoiceMaturity,
      dispatch: true,
      hint: dueDateHint(maturity, now),
    }),
    input({
      blockId: BLOCK_IDS.invoiceInterval,
      label: FIELD_NAMES.invoiceInterval,
      optional: true,
      hint: "Front Payment documents the values 0, 1 and 2 but not what they mean. Leave it empty for Front Payment's default.",
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

/** A calendar day (`YYYY-MM-DD`) in words: "Tuesday, 15 December 2026". */
const CALENDAR_DAY = lazyDateFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/**
 * "Due Tuesday, 15 December 2026 (14 days after today).": the maturity days counted from today in
 * Norway, as the bot reckons an order's due date (`orders/due-date.ts`; docs/front-payment.md §17:
 * we assume Front Payment counts them from the order date).
 */
export function dueDateHint(maturity: string | undefined, now: Date | undefined): string {
  const days = maturity !== undefined && /^\d{1,4}$/.test(maturity.trim()) ? Number(maturity) : undefined;
  if (now === undefined || days === undefined) return "Days from today until the invoice is due.";
  const date = CALENDAR_DAY.format(new Date(`${addDays(osloDay(now), days)}T12:00:00Z`));
  return `Due ${date} (${days} ${days === 1 ? "day" : "days"} after today).`;
}
