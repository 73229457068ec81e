import type { EarlierLine, InvoiceStore, LineDetails, ProductDetails, SavedProduct } from "./types.js";

/** Text as the price list compares it: ignoring case (æøå too) and surrounding spaces. */
function folded(text: string): string {
  return text.trim().toLocaleLowerCase("nb");
}

/**
 * The keys that make a product unique in its team, as every store keeps them: its name and its
 * product id (when it has one), ignoring case.
 */
export function productKeys(details: Pick<ProductDetails, "name" | "productId">) {
  return {
    nameKey: folded(details.name),
    productIdKey: details.productId === null ? null : folded(details.productId),
  };
}

/** The text a search looks in (a product's or an earlier line's): name and product id, lower-cased. */
export function lineSearchText(details: Pick<LineDetails, "name" | "productId">): string {
  return `${folded(details.name)}\n${details.productId === null ? "" : folded(details.productId)}`;
}

/** What a product search looks for in {@link lineSearchText}; undefined for an empty query. */
export function lineSearchNeedle(query: string): string | undefined {
  const needle = folded(query);
  return needle === "" ? undefined : needle;
}

/** What makes two invoice lines the same earlier line: name (ignoring case), product id, price and VAT. */
export function earlierLineKey(line: LineDetails): string {
  return JSON.stringify([folded(line.name), line.productId ?? "", line.unitPriceOre, line.taxRate]);
}

/**
 * An invoice's lines as `recordLines` records them: one per earlier-line key (a line twice on one
 * invoice is one use), each with its place in the invoice for its new id.
 */
export function distinctLines(
  lines: readonly LineDetails[],
): { line: LineDetails; index: number; key: string }[] {
  const seen = new Map<string, { line: LineDetails; index: number; key: string }>();
  lines.forEach((line, index) => {
    const key = earlierLineKey(line);
    if (!seen.has(key)) seen.set(key, { line, index, key });
  });
  return [...seen.values()];
}

/** The columns a product and an earlier line share: the line as an invoice has it. */
interface LineDetailsRow {
  id: string;
  team_id: string;
  name: string;
  product_id: string | null;
  unit_price_ore: number;
  tax_rate: number;
}

function lineDetailsFromRow(row: LineDetailsRow) {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    productId: row.product_id,
    unitPriceOre: row.unit_price_ore,
    taxRate: row.tax_rate,
  };
}

/** A product's row, as both stores keep it: only how a time is encoded differs (`Time`). */
export interface ProductRow<Time> extends LineDetailsRow {
  created_at: Time;
  updated_at: Time;
}

export function productFromRow<Time>(row: ProductRow<Time>, date: (time: Time) => Date): SavedProduct {
  return { ...lineDetailsFromRow(row), createdAt: date(row.created_at), updatedAt: date(row.updated_at) };
}

/** An earlier line's row, as both stores keep it. */
export interface EarlierLineRow<Time> extends LineDetailsRow {
  last_used_at: Time;
  times_used: number;
}

export function earlierLineFromRow<Time>(row: EarlierLineRow<Time>, date: (time: Time) => Date): EarlierLine {
  return { ...lineDetailsFromRow(row), lastUsedAt: date(row.last_used_at), timesUsed: row.times_used };
}

/** The store methods of the price list and the earlier lines, which each store builds in its own file. */
export type ProductMethods = Pick<
  InvoiceStore,
  | "saveProduct"
  | "searchProducts"
  | "getProduct"
  | "updateProduct"
  | "deleteProduct"
  | "recordLines"
  | "searchEarlierLines"
  | "getEarlierLine"
>;
