import { formatNok } from "@fakturabot/schema";
import { LAYOUT_BLOCK_IDS } from "../../invoice-form/ids.js";
import type { FormTotals } from "../../invoice-form/totals.js";
import { context, type KnownBlock, section } from "../block-kit.js";

/** The running totals under the lines, naming the lines not counted yet, and how to update them. */
export function totalsBlocks(totals: FormTotals): KnownBlock[] {
  const counted = totals.lineAmountsOre.filter((amount) => amount !== null).length;
  const waiting = totals.lineAmountsOre.flatMap((amount, index) => (amount === null ? [index + 1] : []));
  const parts = [
    `*Total ${formatNok(totals.grandTotalOre)}*`,
    `Excl. VAT ${formatNok(totals.subTotalOre)}  ·  VAT ${formatNok(totals.totalTaxOre)}${
      totals.totalDiscountOre > 0 ? `  ·  Discounts ${formatNok(totals.totalDiscountOre)}` : ""
    }`,
  ];
  if (waiting.length > 0 && counted > 0) {
    parts.push(
      `Line ${waiting.join(", ")} ${waiting.length === 1 ? "is" : "are"} not counted until complete.`,
    );
  }
  return [
    section(
      counted === 0
        ? "*Total:* appears when a line has a quantity, a unit price and a VAT rate."
        : parts.join("\n"),
      LAYOUT_BLOCK_IDS.totals,
    ),
    context(
      "Totals update when you press Enter in a number field, change a VAT rate, or add or remove a line.",
    ),
  ];
}
