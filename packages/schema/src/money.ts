import { type Decimal, divideRounded, parseDecimal } from "./decimal.js";
import { oreToKroner } from "./kroner.js";
import { type Numeric, numericValue } from "./numeric.js";

/**
 * Order arithmetic of docs/front-payment.md §6, done in integer øre so totals agree to the øre:
 * rates are VAT-inclusive; per line `amount = quantity × rate − discount` rounded half-up to øre;
 * the line's net is `amount / (1 + tax/100)` rounded half-up; `subTotal = Σ net`,
 * `totalTax = Σ (amount − net)`, `grandTotal = Σ amount`, `totalDiscount = Σ discount`. Assumption
 * (docs/front-payment.md §6): `discount` is an amount in kroner for the whole line, not a
 * percentage.
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

const TEN = 10n;

function toDecimal(value: Numeric, field: string, line: number): Decimal {
  const decimal = parseDecimal(value);
  if (!decimal) throw new RangeError(`Line ${line + 1}: ${field} "${String(value)}" is not a number`);
  return decimal;
}

/** A decimal in kroner as whole øre, rounded half-up. */
function toOre(value: Decimal): bigint {
  return divideRounded(value.units * 100n, TEN ** BigInt(value.scale));
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

/** One line's amount (VAT included) and discount, in whole øre. */
export interface LineOre {
  amountOre: number;
  discountOre: number;
}

/** An order's `orderSummary`, in whole øre. */
export interface OrderSummaryOre {
  subTotalOre: number;
  totalTaxOre: number;
  totalDiscountOre: number;
  grandTotalOre: number;
}

/**
 * The arithmetic of {@link priceOrder} in whole øre, for callers that count or show money rather
 * than send it. Throws as `priceOrder` does.
 */
export function priceOrderInOre(lines: readonly PriceLineInput[]): {
  lines: LineOre[];
  summary: OrderSummaryOre;
} {
  let subTotal = 0n;
  let grandTotal = 0n;
  let totalDiscount = 0n;
  const priced = lines.map((line, index) => {
    const { amountOre, netOre, discountOre } = priceLine(line, index);
    subTotal += netOre;
    grandTotal += amountOre;
    totalDiscount += discountOre;
    return { amountOre: Number(amountOre), discountOre: Number(discountOre) };
  });
  return {
    lines: priced,
    summary: {
      subTotalOre: Number(subTotal),
      totalTaxOre: Number(grandTotal - subTotal),
      totalDiscountOre: Number(totalDiscount),
      grandTotalOre: Number(grandTotal),
    },
  };
}

/**
 * Prices product lines the way Front Payment expects (docs/front-payment.md §6): each product gets
 * its `amount` and numeric fields, and the order gets its `orderSummary`, in kroner. Throws a
 * RangeError naming the line when a value is not a number, a quantity is not positive, or a
 * discount exceeds its line.
 */
export function priceOrder<L extends PriceLineInput>(lines: readonly L[]): PricedOrder<L> {
  const { lines: priced, summary } = priceOrderInOre(lines);
  return {
    products: priced.map(({ amountOre, discountOre }, index) => {
      // priceOrderInOre gives one entry per line, in order.
      const line = lines[index] as L;
      return {
        ...line,
        quantity: numericValue(line.quantity),
        rate: numericValue(line.rate),
        tax: numericValue(line.tax),
        discount: oreToKroner(discountOre),
        amount: oreToKroner(amountOre),
      };
    }),
    orderSummary: {
      subTotal: oreToKroner(summary.subTotalOre),
      totalTax: oreToKroner(summary.totalTaxOre),
      totalDiscount: oreToKroner(summary.totalDiscountOre),
      grandTotal: oreToKroner(summary.grandTotalOre),
    },
  };
}
