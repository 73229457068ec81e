import { parseDecimal } from "./decimal.js";
import type { Numeric } from "./numeric.js";

/**
 * Whole øre in an amount of kroner, exactly (`"1250.50"` → 125050, no floating point), or
 * undefined when it is not one: not a finite decimal, more than 2 decimals, or beyond a safe integer.
 */
export function safeKronerToOre(kroner: Numeric): number | undefined {
  const decimal = parseDecimal(kroner);
  if (!decimal || decimal.scale > 2) return undefined;
  const ore = Number(decimal.units * 10n ** BigInt(2 - decimal.scale));
  return Number.isSafeInteger(ore) ? ore : undefined;
}

/**
 * {@link safeKronerToOre} for amounts that are known to be money (checked input, `priceOrder`'s
 * results); throws a RangeError naming the value otherwise.
 */
export function kronerToOre(kroner: Numeric): number {
  const ore = safeKronerToOre(kroner);
  if (ore === undefined)
    throw new RangeError(`${JSON.stringify(kroner)} is not an amount of kroner with at most 2 decimals`);
  return ore;
}

/** Whole øre as the kroner Front Payment's JSON carries: 125050 → 1250.5. */
export function oreToKroner(ore: number): number {
  return ore / 100;
}

/** A non-breaking space: keeps "1 250,00 kr" on one line in Slack. */
const NBSP = "\u00a0";

/**
 * Whole øre as Norwegian kroner: `formatNok(125000)` → "1 250,00 kr" (thousands grouped with
 * non-breaking spaces, decimal comma, "kr" after the amount, as Norwegian invoices write it).
 * Done with integer arithmetic so no locale data or floating point can change the result.
 * Total, since views call it and views never throw: what is not a safe whole number of øre reads
 * as words ("an amount too large to show") instead of a wrong figure.
 */
export function formatNok(ore: number): string {
  if (!Number.isSafeInteger(ore)) {
    // Stryker disable next-line EqualityOperator: an unsafe number is never exactly MAX_SAFE_INTEGER
    return Math.abs(ore) > Number.MAX_SAFE_INTEGER
      ? "an amount too large to show"
      : "an amount that is not whole øre";
  }
  const sign = ore < 0 ? "-" : "";
  const absolute = Math.abs(ore);
  const kroner = Math.trunc(absolute / 100).toString();
  const cents = (absolute % 100).toString().padStart(2, "0");
  const grouped = kroner.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${sign}${grouped},${cents}${NBSP}kr`;
}
