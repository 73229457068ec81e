import type { Numeric } from "./numeric.js";

/** An exact decimal: `units / 10^scale`. */
export interface Decimal {
  units: bigint;
  scale: number;
}

/** A `Numeric` as an exact decimal, or undefined when it is not a finite decimal number. */
export function parseDecimal(value: Numeric): Decimal | undefined {
  const text = typeof value === "number" ? numberToPlainString(value) : value.trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, sign = "", whole = "", fraction = ""] = match;
  return { units: BigInt(`${sign}${whole}${fraction}`), scale: fraction.length };
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // toString gives exponent notation for tiny and huge numbers; toFixed(20) stays exact enough
  // for prices typed by people, and trailing zeros are dropped.
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, "") : text;
}

/**
 * round-half-up(numerator / denominator) for non-negative numerators, half away from zero
 * otherwise. Every denominator here is positive (a power of ten, or 100 + a checked VAT rate).
 */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return negative ? -rounded : rounded;
}
