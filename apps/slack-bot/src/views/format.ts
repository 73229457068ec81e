/** A non-breaking space: keeps "1 250,00 kr" on one line in Slack. */
const NBSP = "\u00a0";

/**
 * Whole øre as Norwegian kroner: `formatNok(125000)` → "1 250,00 kr" (thousands grouped with
 * non-breaking spaces, decimal comma, "kr" after the amount, as Norwegian invoices write it).
 * Done with integer arithmetic so no locale data or floating point can change the result.
 */
export function formatNok(ore: number): string {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`formatNok needs whole øre, got ${ore}`);
  const sign = ore < 0 ? "-" : "";
  const absolute = Math.abs(ore);
  const kroner = Math.trunc(absolute / 100).toString();
  const cents = (absolute % 100).toString().padStart(2, "0");
  const grouped = kroner.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${sign}${grouped},${cents}${NBSP}kr`;
}
