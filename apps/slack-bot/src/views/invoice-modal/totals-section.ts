import type { Messages } from "../../i18n/index.js";
import { LAYOUT_BLOCK_IDS } from "../../invoice-form/ids.js";
import type { FormTotals } from "../../invoice-form/totals.js";
import { context, type KnownBlock, section } from "../block-kit.js";

/** The running totals under the lines, naming the lines not counted yet, and how to update them. */
export function totalsBlocks(t: Messages, totals: FormTotals): KnownBlock[] {
  const words = t.invoiceModal;
  // A sum of lines each within its bounds can still pass whole øre's safe range: said, not blank.
  const money = (ore: number) => t.format.money(ore) || words.tooLargeToShow;
  const counted = totals.lineAmountsOre.filter((amount) => amount !== null).length;
  const waiting = totals.lineAmountsOre.flatMap((amount, index) => (amount === null ? [index + 1] : []));
  const parts = [
    words.totalLine({ total: money(totals.grandTotalOre) }),
    `${words.totalParts({ excl: money(totals.subTotalOre), vat: money(totals.totalTaxOre) })}${
      totals.totalDiscountOre > 0 ? `  ·  ${words.discounts({ amount: money(totals.totalDiscountOre) })}` : ""
    }`,
  ];
  if (waiting.length > 0 && counted > 0) {
    parts.push(words.notCounted({ lines: waiting.join(", "), count: waiting.length }));
  }
  return [
    section(counted === 0 ? words.noTotalYet : parts.join("\n"), LAYOUT_BLOCK_IDS.totals),
    context(words.totalsHowTo),
  ];
}
