import { type Numeric, numericValue } from "./numeric.js";

/**
 * Order arithmetic of decision 4, done in integer øre so totals agree to the øre:
 * rates are VAT-inclusive; per line `amount = quantity × rate − discount` rounded half-up to øre;
 * the line's net is `amount / (1 + tax/100)` rounded half-up; `subTotal = Σ net`,
 * `totalTax = Σ (amount − net)`, `grandTotal = Σ amount`, `totalDiscount = Σ discount`.
 * Assumption (decision 4): `discount` is an amount in kroner for the whole line, not a percentage.
 */

/** One product line as a person enters it. Any other fields (name, productId) pass through. */
export interface PriceLineInput {
  quantity: Numeric;
  /** Unit price including VAT, in kroner. */
  rate: Numeric;
  /** VAT percentage, e.g. 25. */
  tax: Numeric;
  /** Discount for the whole line, in kroner. */
  discount?: Numeric | undefined;
}

export interface OrderSummary {
  subTotal: number;
  totalTax: number;
  totalDiscount: number;
  grandTotal: number;
}

export type PricedLine<L extends PriceLineInput> = Omit<L, "quantity" | "rate" | "tax" | "discount"> & {
  quantity: number;
  rate: number;
  tax: number;
  discount: number;
  amount: number;
};

export interface PricedOrder<L extends PriceLineInput> {
  products: PricedLine<L>[];
  orderSummary: OrderSummary;
}

/** An exact decimal: `units / 10^scale`. */
interface Decimal {
  units: bigint;
  scale: number;
}

function toDecimal(value: Numeric, field: string, line: number): Decimal {
  const text = typeof value === "number" ? numberToPlainString(value) : value.trim();
  const match = /^-?\d+(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`Line ${line + 1}: ${field} "${String(value)}" is not a number`);
  return { units: BigInt(text.replace(".", "")), scale: match[1]?.length ?? 0 };
}

function numberToPlainString(value: number): string {
  // toString gives exponent notation for tiny numbers; toFixed(20) spells them out, exactly
  // enough for prices typed by people. Huge ones (1e21 and up) stay in exponent notation and are
  // refused; Infinity and NaN are refused as they are.
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20) : text;
}

const TEN = 10n;

/**
 * round-half-up(numerator / denominator) for non-negative numerators, half away from zero
 * otherwise. Every denominator here is positive (a power of ten, or 100 + a checked VAT rate).
 */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return negative ? -rounded : rounded;
}

/** A decimal in kroner as whole øre, rounded half-up. */
function toOre(value: Decimal): bigint {
  return divideRounded(value.units * 100n, TEN ** BigInt(value.scale));
}

function fromOre(ore: bigint): number {
  return Number(ore) / 100;
}

function priceLine(line: PriceLineInput, index: number) {
  const quantity = toDecimal(line.quantity, "quantity", index);
  const rate = toDecimal(line.rate, "rate", index);
  const tax = toDecimal(line.tax, "tax", index);
  const discountOre = toOre(toDecimal(line.discount ?? 0, "discount", index));
  if (quantity.units <= 0n) throw new RangeError(`Line ${index + 1}: quantity must be more than 0`);
  if (rate.units < 0n) throw new RangeError(`Line ${index + 1}: rate must not be negative`);
  if (tax.units < 0n) throw new RangeError(`Line ${index + 1}: tax must not be negative`);
  if (discountOre < 0n) throw new RangeError(`Line ${index + 1}: discount must not be negative`);

  const grossOre = toOre({ units: quantity.units * rate.units, scale: quantity.scale + rate.scale });
  const amountOre = grossOre - discountOre;
  if (amountOre < 0n) throw new RangeError(`Line ${index + 1}: discount is larger than the line total`);
  // net = amount / (1 + tax/100) = amount × 100 × 10^s / (100 × 10^s + tax.units)
  const taxScale = TEN ** BigInt(tax.scale);
  const netOre = divideRounded(amountOre * 100n * taxScale, 100n * taxScale + tax.units);
  return { amountOre, netOre, discountOre };
}

/**
 * Prices product lines the way Front Payment expects (decision 4): each product gets its `amount`
 * and numeric fields, and the order gets its `orderSummary`. Throws a RangeError naming the line
 * when a value is not a number, a quantity is not positive, or a discount exceeds its line.
 */
export function priceOrder<L extends PriceLineInput>(lines: readonly L[]): PricedOrder<L> {
  let subTotal = 0n;
  let grandTotal = 0n;
  let totalDiscount = 0n;
  const products = lines.map((line, index) => {
    const { amountOre, netOre, discountOre } = priceLine(line, index);
    subTotal += netOre;
    grandTotal += amountOre;
    totalDiscount += discountOre;
    return {
      ...line,
      quantity: numericValue(line.quantity),
      rate: numericValue(line.rate),
      tax: numericValue(line.tax),
      discount: fromOre(discountOre),
      amount: fromOre(amountOre),
    };
  });
  return {
    products,
    orderSummary: {
      subTotal: fromOre(subTotal),
      totalTax: fromOre(grandTotal - subTotal),
      totalDiscount: fromOre(totalDiscount),
      grandTotal: fromOre(grandTotal),
    },
  };
}
