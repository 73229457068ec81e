import { formatNok, kronerToOre, priceOrderInOre } from "@fakturabot/schema";
import type { LineField } from "./ids.js";
import { LINE_FIELD_NAMES } from "./labels.js";
import { LINE_TEXT_MAX_LENGTHS, NUMBER_MAX_VALUES } from "./limits.js";
import { decimalPlaces, isPlainDecimal, normaliseDecimal, normaliseText } from "./normalise.js";
import type { InvoiceLineValues } from "./read.js";

/** A product line normalised (empty fields absent), with what keeps it from being priced. */
export interface CheckedLine extends Partial<Record<LineField, string>> {
  /** Messages by field, phrased for the person ("Quantity must be more than 0"). */
  problems: Partial<Record<LineField, string>>;
  /** The line's amount (quantity × unit price − discount, VAT included) in øre; null while it has problems. */
  amountOre: number | null;
}

/** A whole number with its thousands grouped as Norwegians write them: 1000000 → "1 000 000". */
function groupedNumber(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
}

function money(field: "rate" | "discount", value: string, example: string): string | undefined {
  const name = LINE_FIELD_NAMES[field];
  if (!isPlainDecimal(value)) return `${name} must be a number of kroner, such as ${example}`;
  if (Number(value) < 0) return `${name} must not be negative`;
  if (decimalPlaces(value) > 2) return `${name} can have at most 2 decimals (øre)`;
  const max = NUMBER_MAX_VALUES[field];
  if (Number(value) > max) return `${name} must be at most ${groupedNumber(max)} kr`;
  return undefined;
}

/** What was typed is longer than the input takes (a signed payload need not respect `max_length`). */
function tooLong(field: keyof typeof LINE_TEXT_MAX_LENGTHS, value: string | undefined): string | undefined {
  const max = LINE_TEXT_MAX_LENGTHS[field];
  return value !== undefined && value.length > max
    ? `${LINE_FIELD_NAMES[field]} must be at most ${max} characters`
    : undefined;
}

/**
 * Normalises a line and checks what pricing needs: a positive quantity, a unit price, a VAT rate
 * (one of `taxRates` when given), a discount no larger than the line, and every number and text
 * within what its input accepts (`limits.ts`), so a line's total is a safe integer. Never throws, so it
 * serves both the running totals of half-typed lines and the submission's validation.
 */
export function checkLine(line: Partial<InvoiceLineValues>, taxRates?: readonly number[]): CheckedLine {
  const quantity = normaliseDecimal(line.quantity);
  const rate = normaliseDecimal(line.rate);
  const tax = normaliseDecimal(line.tax);
  const discount = normaliseDecimal(line.discount);
  const checked: CheckedLine = {
    name: normaliseText(line.name),
    productId: normaliseText(line.productId),
    quantity,
    rate,
    tax,
    discount,
    problems: {},
    amountOre: null,
  };
  const { problems } = checked;

  if (quantity === undefined) problems.quantity = `${LINE_FIELD_NAMES.quantity} is required`;
  else if (!isPlainDecimal(quantity))
    problems.quantity = `${LINE_FIELD_NAMES.quantity} must be a number, such as 1 or 2.5`;
  else if (Number(quantity) <= 0) problems.quantity = `${LINE_FIELD_NAMES.quantity} must be more than 0`;
  else if (Number(quantity) > NUMBER_MAX_VALUES.quantity)
    problems.quantity = `${LINE_FIELD_NAMES.quantity} must be at most ${groupedNumber(NUMBER_MAX_VALUES.quantity)}`;

  for (const field of ["name", "productId"] as const) {
    const problem = tooLong(field, line[field]);
    if (problem) problems[field] = problem;
  }

  if (rate === undefined) problems.rate = `${LINE_FIELD_NAMES.rate} is required`;
  else {
    const problem = money("rate", rate, "1500 or 99.50");
    if (problem) problems.rate = problem;
  }

  const rates = taxRates?.join(", ");
  if (tax === undefined) problems.tax = `${LINE_FIELD_NAMES.tax} is required`;
  else if (!isPlainDecimal(tax) || Number(tax) < 0 || (taxRates && !taxRates.includes(Number(tax))))
    problems.tax = rates
      ? `${LINE_FIELD_NAMES.tax} must be one of ${rates} %`
      : `${LINE_FIELD_NAMES.tax} must be a percentage`;

  if (discount !== undefined) {
    const problem = money("discount", discount, "100");
    if (problem) problems.discount = problem;
  }

  if (problems.quantity || problems.rate || problems.tax || problems.discount) return checked;
  // Checked above: the strings are plain non-negative decimals (money with at most 2), so neither
  // priceOrderInOre nor kronerToOre can throw here.
  const [gross] = priceOrderInOre([{ quantity: quantity ?? "", rate: rate ?? "", tax: tax ?? "" }]).lines;
  const grossOre = gross?.amountOre ?? 0;
  const discountOre = discount === undefined ? 0 : kronerToOre(discount);
  if (discountOre > grossOre) {
    problems.discount = `${LINE_FIELD_NAMES.discount} is larger than the line's total (${formatNok(grossOre)})`;
    return checked;
  }
  checked.amountOre = grossOre - discountOre;
  return checked;
}
