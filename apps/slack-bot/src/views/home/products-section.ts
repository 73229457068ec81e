import type { Messages } from "../../i18n/index.js";
import type { EarlierLine, SavedProduct } from "../../store/types.js";
import { button, context, escapeMrkdwn, header, type KnownBlock, plainText, section } from "../block-kit.js";
import {
  ADD_PRODUCT_ACTION_ID,
  DELETE_PRODUCT_ACTION_ID,
  EDIT_PRODUCT_ACTION_ID,
  SAVE_EARLIER_LINE_ACTION_ID,
} from "../ids.js";
import { vatText } from "../invoice-modal/product-picker.js";

/**
 * Products shown at most (two blocks each), and earlier lines (one each): with the other sections
 * the Home tab stays within Slack's 100 blocks.
 */
export const HOME_PRODUCTS_SHOWN = 8;
export const HOME_EARLIER_LINES_SHOWN = 3;

export interface ProductsHomeSectionOptions {
  /** Whether this person may change the price list (otherwise it is shown without buttons). */
  mayManage: boolean;
  /** Whether the workspace has more products than those shown. */
  more?: boolean;
}

/** A product or an earlier line in Home: its name in bold, then product id, price and VAT rate. */
function lineText(t: Messages, line: EarlierLine | SavedProduct): string {
  const details = [line.productId, t.format.money(line.unitPriceOre), vatText(t, line.taxRate)].filter(
    (part): part is string => part !== null,
  );
  return `*${escapeMrkdwn(line.name)}*\n${escapeMrkdwn(details.join(" · "))}`;
}

/**
 * App Home's "Products" section: the workspace's price list (what the product picker in
 * `/invoice` offers first), each with Edit and Delete, "Add product", and the latest lines of
 * earlier invoices not in the list, each with "Save as product". Pure; never throws.
 */
export function productsHomeSection(
  t: Messages,
  products: readonly SavedProduct[],
  earlier: readonly EarlierLine[],
  { mayManage, more = false }: ProductsHomeSectionOptions,
): KnownBlock[] {
  const shown = products.slice(0, HOME_PRODUCTS_SHOWN);
  const blocks: KnownBlock[] = [
    header(t.products.homeTitle, "home.products"),
    context(t.products.homeAbout, "home.products.about"),
  ];
  if (mayManage)
    blocks.push({
      type: "actions",
      block_id: "home.products.add",
      elements: [button({ text: t.products.add, actionId: ADD_PRODUCT_ACTION_ID, style: "primary" })],
    });
  if (shown.length === 0) blocks.push(section(t.products.homeNone, "home.products.none"));
  for (const product of shown) {
    blocks.push(section(lineText(t, product), `home.product.${product.id}`));
    if (!mayManage) continue;
    blocks.push({
      type: "actions",
      block_id: `home.product.${product.id}.actions`,
      elements: [
        button({ text: t.products.edit, actionId: EDIT_PRODUCT_ACTION_ID, value: product.id }),
        button({
          text: t.products.delete,
          actionId: DELETE_PRODUCT_ACTION_ID,
          value: product.id,
          style: "danger",
          confirm: {
            title: plainText(t.products.deleteTitle),
            text: plainText(t.products.deleteText({ name: product.name.slice(0, 200) })),
            confirm: plainText(t.products.delete),
            deny: plainText(t.products.deleteKeep),
            style: "danger",
          },
        }),
      ],
    });
  }
  if (more || products.length > shown.length)
    blocks.push(context(t.products.homeMore({ shown: shown.length }), "home.products.more"));
  const lines = earlier.slice(0, HOME_EARLIER_LINES_SHOWN);
  if (lines.length > 0) {
    blocks.push(context(`${t.products.earlierTitle}  ${t.products.earlierAbout}`, "home.products.earlier"));
    for (const line of lines)
      blocks.push(
        section(
          lineText(t, line),
          `home.earlier.${line.id}`,
          mayManage
            ? button({
                text: t.products.saveAsProduct,
                actionId: SAVE_EARLIER_LINE_ACTION_ID,
                value: line.id,
              })
            : undefined,
        ),
      );
  }
  return blocks;
}
