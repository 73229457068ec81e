import type { Numeric } from "./numeric.js";

/** An exact decimal: `units / 10^scale`. */
export interface Decimal {
  units: bigint;
  scale: number;
}

/** A `Numeric` as an exact decimal, or undefined when it is not a finite decimal number. */
export function parseDecimal(value: Numeric): Decimal | undefined {
  const text = typeof value === "number" ? numberToPlainString(value) : value.trim();
  const match = /^-?\d+(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  return { units: BigInt(text.replace(".", "")), scale: match[1]?.length ?? 0 };
}

/**
 * A number as plain decimal digits: toString gives exponent notation for tiny numbers, toFixed(20)
 * spells them out, exactly enough for prices typed by people. Huge ones (1e21 and up), Infinity and
 * NaN stay as they are, and are refused.
 */
function numberToPlainString(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20) : text;
}

/**
 * round-half-up(numerator / denominator) for non-negative numerators, half away from zero
 * otherwise. Every denominator here is positive (a power of ten, or 100 + a checked VAT rate).
 */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  // Stryker disable next-line EqualityOperator: `<= 0n` only changes how 0 is negated, and -0n is 0n
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return negative ? -rounded : rounded;
}
