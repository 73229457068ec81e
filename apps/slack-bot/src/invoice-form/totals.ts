import { priceOrderInOre } from "@fakturabot/schema";
import { DEFAULT_LOCALE, messagesFor } from "../i18n/index.js";
import { checkLine } from "./line-check.js";
import type { InvoiceLineValues } from "./read.js";

/** The running totals the modal shows while the lines are typed, in whole øre. */
export interface FormTotals {
  /** Each line's amount (VAT included), in the form's line order; null while a line is incomplete. */
  lineAmountsOre: (number | null)[];
  /** Without VAT. */
  subTotalOre: number;
  totalTaxOre: number;
  totalDiscountOre: number;
  /** What the customer pays. */
  grandTotalOre: number;
}

/**
 * Totals of the lines that are complete (quantity, unit price and VAT rate that are numbers, a
 * discount within the line), computed by `priceOrderInOre` exactly as `priceOrder` prices the order. Half-typed
 * lines count as nothing until they are complete; this never throws.
 */
export function formTotals(form: { lines?: readonly Partial<InvoiceLineValues>[] }): FormTotals {
  // Only the amounts are used: the lines' messages are shown on submission, in the person's language.
  const words = messagesFor(DEFAULT_LOCALE);
  const checked = (form.lines ?? []).map((line) => checkLine(words, line));
  const complete = checked.flatMap((line) =>
    line.amountOre === null
      ? []
      : [
          {
            quantity: line.quantity ?? "",
            rate: line.rate ?? "",
            tax: line.tax ?? "",
            discount: line.discount,
          },
        ],
  );
  const { summary } = priceOrderInOre(complete);
  return {
    lineAmountsOre: checked.map((line) => line.amountOre),
    subTotalOre: summary.subTotalOre,
    totalTaxOre: summary.totalTaxOre,
    totalDiscountOre: summary.totalDiscountOre,
    grandTotalOre: summary.grandTotalOre,
  };
}
