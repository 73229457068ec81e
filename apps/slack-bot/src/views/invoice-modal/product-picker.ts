import type { Messages } from "../../i18n/index.js";
import { lineProductBlockId, PRODUCT_PICKER_ACTION_ID, productOptionValue } from "../../invoice-form/ids.js";
import type { EarlierLine, LineDetails, SavedProduct } from "../../store/types.js";
import { type KnownBlock, type PlainTextOption, plainText, truncate } from "../block-kit.js";

/** Slack's most options in one answer, and characters in an option's text and description. */
const MAX_OPTIONS = 100;
const MAX_OPTION_TEXT = 75;

/** "25 %" as the reader writes the rate: "MVA 12,5 %" / "VAT 12.5 %". */
export function vatText(t: Messages, taxRate: number): string {
  return t.products.vat({ rate: t.format.number(taxRate) });
}

/** A product or earlier line as an option: name and price, then product id and VAT rate. */
function lineOption(t: Messages, line: LineDetails, value: string): PlainTextOption {
  const price = t.format.money(line.unitPriceOre);
  const name = truncate(line.name, MAX_OPTION_TEXT - price.length - 3);
  return {
    text: plainText(`${name} · ${price}`),
    value,
    description: plainText(
      truncate(
        t.products.optionDetails({ productId: line.productId, vat: vatText(t, line.taxRate) }),
        MAX_OPTION_TEXT,
      ),
    ),
  };
}

/**
 * The answer to a product picker's `block_suggestion`: the price list's matches first, then the
 * earlier invoices' lines, each in its group, at most 100 in all (as Slack allows). No group is
 * empty; with nothing to offer, no options.
 */
export function productPickerOptions(
  t: Messages,
  products: readonly SavedProduct[],
  earlier: readonly EarlierLine[],
):
  | { options: PlainTextOption[] }
  | { option_groups: { label: ReturnType<typeof plainText>; options: PlainTextOption[] }[] } {
  const shownProducts = products.slice(0, MAX_OPTIONS);
  const shownEarlier = earlier.slice(0, MAX_OPTIONS - shownProducts.length);
  const groups = [
    {
      label: plainText(t.products.pickerPriceList),
      options: shownProducts.map((product) =>
        lineOption(t, product, productOptionValue({ kind: "product", id: product.id })),
      ),
    },
    {
      label: plainText(t.products.pickerEarlier),
      options: shownEarlier.map((line) =>
        lineOption(t, line, productOptionValue({ kind: "earlier", id: line.id })),
      ),
    },
  ].filter((group) => group.options.length > 0);
  return groups.length === 0 ? { options: [] } : { option_groups: groups };
}

/** A line's product picker, under its heading: search as you type by name or product id. */
export function lineProductPicker(t: Messages, lineKey: string): KnownBlock {
  return {
    type: "actions",
    block_id: lineProductBlockId(lineKey),
    elements: [
      {
        type: "external_select",
        action_id: PRODUCT_PICKER_ACTION_ID,
        placeholder: plainText(t.products.pickerPlaceholder),
        min_query_length: 0,
      },
    ],
  };
}
