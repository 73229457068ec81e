import {
  type NumberProblem,
  oreToKroner,
  parseDiscount,
  parseKroner,
  parseNorwegianNumber,
  priceOrderInOre,
} from "@fakturabot/schema";
import type { Messages } from "../i18n/index.js";
import type { LineField } from "./ids.js";
import { lineFieldNames } from "./labels.js";
import { LINE_TEXT_MAX_LENGTHS, NUMBER_MAX_VALUES } from "./limits.js";
import { normaliseText } from "./normalise.js";
import { numberProblemText } from "./phrases.js";
import type { InvoiceLineValues } from "./read.js";

/** Quantities keep up to three decimals (0,125 kg; 1,25 hours). */
export const QUANTITY_DECIMALS = 3;

/**
 * A product line as the order sends it: canonical decimal strings (`"1250.5"`, `"1.5"`), the
 * discount always in kroner (a percentage is converted here), empty fields absent.
 */
export interface CheckedLine extends Partial<Record<LineField, string>> {
  /** Messages by field, phrased for the person ("Quantity: 1.250,50 could mean …"). */
  problems: Partial<Record<LineField, string>>;
  /** The line's amount (quantity × unit price − discount, VAT included) in øre; null while it has problems. */
  amountOre: number | null;
  /** The discount as typed when it was a percentage (`"10"` for `10 %`), for the line's heading. */
  discountPercent?: string;
}

type BoundedField = "quantity" | "rate" | "discount";

/** "Unit price must be at most 10 000 000 kr": the field's bound in `limits.ts`. */
function maximum(t: Messages, field: BoundedField): string {
  const max = t.format.number(NUMBER_MAX_VALUES[field], 0);
  const bound =
    field === "quantity" ? t.formErrors.atMostNumber({ max }) : t.formErrors.atMostKroner({ max });
  return `${lineFieldNames(t)[field]} ${bound}`;
}

/**
 * "Unit price: 1.250,50 could mean …": the parser's message after the field's name. A number with
 * more digits than the parser reads is above the field's bound, and said so the same way.
 */
function named(t: Messages, field: BoundedField, problem: NumberProblem): string {
  return problem.code === "too_many_digits"
    ? maximum(t, field)
    : `${lineFieldNames(t)[field]}: ${numberProblemText(t, problem)}`;
}

/** The bound's message when `ore` is above the field's bound. */
function aboveMaximum(t: Messages, field: "rate" | "discount", ore: number): string | undefined {
  return ore > NUMBER_MAX_VALUES[field] * 100 ? maximum(t, field) : undefined;
}

/** What was typed is longer than the input takes (a signed payload need not respect `max_length`). */
function tooLong(
  t: Messages,
  field: keyof typeof LINE_TEXT_MAX_LENGTHS,
  value: string | undefined,
): string | undefined {
  const max = LINE_TEXT_MAX_LENGTHS[field];
  return value !== undefined && value.length > max
    ? `${lineFieldNames(t)[field]} ${t.formErrors.atMostCharacters({ max })}`
    : undefined;
}

/** `part` per cent of `ore`, rounded half-up to the øre, exactly (BigInt: no floating point). */
function percentOf(ore: number, units: number, scale: number): number {
  const denominator = 100n * 10n ** BigInt(scale);
  return Number((BigInt(ore) * BigInt(units) * 2n + denominator) / (2n * denominator));
}

/**
 * Reads a line with the Norwegian number parser (`1,5`, `1 250,50`, `1250.50`; `1.250,50` refused
 * with both readings) and checks what pricing needs: a positive quantity, a unit price, a VAT
 * rate (one of `taxRates` when given), a discount (kroner or `%`) no larger than the line, and
 * every number and text within what `limits.ts` allows, so a line's total is a safe integer.
 * Never throws, so the one reading serves both the running totals of half-typed lines and the
 * submission's validation: they cannot disagree.
 */
export function checkLine(
  t: Messages,
  line: Partial<InvoiceLineValues>,
  taxRates?: readonly number[],
): CheckedLine {
  const names = lineFieldNames(t);
  const words = t.formErrors;
  const checked: CheckedLine = {
    name: normaliseText(line.name),
    productId: normaliseText(line.productId),
    problems: {},
    amountOre: null,
  };
  const { problems } = checked;
  const typed = (field: LineField) => normaliseText(line[field]);

  const quantityText = typed("quantity");
  if (quantityText === undefined) problems.quantity = `${names.quantity} ${words.isRequired}`;
  else {
    const quantity = parseNorwegianNumber(quantityText, { maxDecimals: QUANTITY_DECIMALS });
    if (!quantity.ok) problems.quantity = named(t, "quantity", quantity);
    else if (quantity.units === 0) problems.quantity = `${names.quantity} ${words.moreThanZero}`;
    else if (Number(quantity.value) > NUMBER_MAX_VALUES.quantity) problems.quantity = maximum(t, "quantity");
    else checked.quantity = quantity.value;
  }

  for (const field of ["name", "productId"] as const) {
    const problem = tooLong(t, field, line[field]);
    if (problem) problems[field] = problem;
  }

  const rateText = typed("rate");
  if (rateText === undefined) problems.rate = `${names.rate} ${words.isRequired}`;
  else {
    const rate = parseKroner(rateText);
    if (!rate.ok) problems.rate = named(t, "rate", rate);
    else {
      const problem = aboveMaximum(t, "rate", rate.ore);
      if (problem) problems.rate = problem;
      else checked.rate = rate.value;
    }
  }

  const taxText = typed("tax");
  const tax = taxText === undefined ? undefined : parseNorwegianNumber(taxText, { maxDecimals: 2 });
  const rates = taxRates?.map((rate) => t.format.number(rate)).join(", ");
  if (tax === undefined) problems.tax = `${names.tax} ${words.isRequired}`;
  else if (!tax.ok || (taxRates && !taxRates.includes(Number(tax.value))))
    problems.tax = `${names.tax} ${rates ? words.taxOneOf({ rates }) : words.taxPercentage}`;
  else checked.tax = tax.value;

  const discountText = typed("discount");
  const discount = discountText === undefined ? undefined : parseDiscount(discountText);
  if (discount && !discount.ok) problems.discount = named(t, "discount", discount);
  else if (discount?.kind === "amount") {
    const problem = aboveMaximum(t, "discount", discount.ore);
    if (problem) problems.discount = problem;
  }

  if (checked.quantity === undefined || checked.rate === undefined || checked.tax === undefined)
    return checked;
  if (problems.discount || (discount && !discount.ok)) return checked;
  // The strings are canonical non-negative decimals from the parser, within the bounds above:
  // priceOrderInOre cannot throw and the line's øre are a safe integer.
  const [gross] = priceOrderInOre([
    { quantity: checked.quantity, rate: checked.rate, tax: checked.tax },
  ]).lines;
  const grossOre = gross?.amountOre ?? 0;
  let discountOre = 0;
  if (discount?.kind === "amount") discountOre = discount.ore;
  if (discount?.kind === "percent") {
    discountOre = percentOf(grossOre, discount.units, discount.scale);
    checked.discountPercent = discount.value;
  }
  if (discountOre > grossOre) {
    problems.discount = `${names.discount} ${words.discountLargerThanLine({ total: t.format.money(grossOre) })}`;
    return checked;
  }
  if (discount) checked.discount = String(oreToKroner(discountOre));
  checked.amountOre = grossOre - discountOre;
  return checked;
}
