import { randomBytes } from "node:crypto";
import {
  formatKroner,
  type InvoiceOrderRequest,
  numericValue,
  parseKroner,
  safeKronerToOre,
} from "@fakturabot/schema";
import type { BotDeps } from "../deps.js";
import type { Messages } from "../i18n/index.js";
import { NUMBER_MAX_VALUES } from "../invoice-form/limits.js";
import { addLine, type FormMetadata } from "../invoice-form/metadata.js";
import { normaliseText } from "../invoice-form/normalise.js";
import type { InvoiceLineValues, ViewStateValues } from "../invoice-form/read.js";
import type { EarlierLine, LineDetails, ProductDetails, SavedProduct } from "../store/types.js";
import { PRODUCT_ID_MAX_LENGTH, PRODUCT_NAME_MAX_LENGTH } from "../views/home/product-edit-modal.js";
import { type ProductEditField, productEditBlockId } from "../views/ids.js";

function hexId(prefix: string): string {
  return `${prefix}${randomBytes(8).toString("hex").toUpperCase()}`;
}

/** A new product's id: `PR` and 16 hex characters. */
export function newProductId(): string {
  return hexId("PR");
}

/** A new earlier line's id: `LN` and 16 hex characters. */
export function newEarlierLineId(): string {
  return hexId("LN");
}

/** An invoice's lines as the picker offers them again: name, product id, unit price and VAT rate. */
export function lineDetailsOf(products: InvoiceOrderRequest["products"]): LineDetails[] {
  return products.flatMap((product) => {
    const unitPriceOre = safeKronerToOre(product.rate);
    const taxRate = numericValue(product.tax);
    return unitPriceOre === undefined || !Number.isFinite(taxRate)
      ? []
      : [{ name: product.name, productId: product.productId || null, unitPriceOre, taxRate }];
  });
}

/**
 * Remembers an order's lines for the team's next invoices once Front Payment has created the order
 * (a failed or unknown one is not). A failure to record is logged: the invoice is sent either way.
 */
export async function rememberLinesIfCreated(
  deps: Pick<BotDeps, "orders" | "products" | "logger">,
  order: { id: string; teamId: string },
  products: InvoiceOrderRequest["products"],
): Promise<void> {
  if ((await deps.orders.get(order.id))?.state !== "created") return;
  try {
    await deps.products.recordLines(order.teamId, lineDetailsOf(products), newEarlierLineId);
  } catch (error) {
    deps.logger.warn({ orderId: order.id, err: error }, "could not remember the invoice's lines");
  }
}

/** How many of each kind the picker offers; more means the person should type more. */
const PRODUCTS_OFFERED = 30;
const EARLIER_LINES_OFFERED = 20;

const sameLine = (a: LineDetails, b: LineDetails) =>
  a.name.toLocaleLowerCase("nb") === b.name.toLocaleLowerCase("nb") &&
  a.productId === b.productId &&
  a.unitPriceOre === b.unitPriceOre &&
  a.taxRate === b.taxRate;

/**
 * What the product picker offers for `query`: the price list's matches, and the earlier lines
 * that are not already products of the list (a line saved as a product is offered once).
 */
export async function productChoices(
  deps: Pick<BotDeps, "products">,
  teamId: string,
  query: string,
  limits = { products: PRODUCTS_OFFERED, earlier: EARLIER_LINES_OFFERED },
): Promise<{ products: SavedProduct[]; earlier: EarlierLine[] }> {
  const [products, earlier] = await Promise.all([
    deps.products.searchProducts(teamId, query, limits.products),
    deps.products.searchEarlierLines(teamId, query, limits.earlier + limits.products),
  ]);
  return {
    products,
    earlier: earlier
      .filter((line) => !products.some((product) => sameLine(product, line)))
      .slice(0, limits.earlier),
  };
}

/**
 * A line's fields as a product fills them: name, product id, unit price and VAT rate; quantity
 * and discount stay as typed. The price is written the Norwegian way, which the form reads.
 */
export function lineFilledWith(
  typed: Partial<InvoiceLineValues>,
  product: LineDetails,
): Partial<InvoiceLineValues> {
  const { productId: _, ...kept } = typed;
  return {
    ...kept,
    name: product.name,
    ...(product.productId === null ? {} : { productId: product.productId }),
    rate: formatKroner(product.unitPriceOre),
    tax: String(product.taxRate),
  };
}

/**
 * The line `lineKey` gets a new key in the same place, so its blocks are new to Slack and show
 * what a product fills in rather than what was typed (Slack keeps typed values while block and
 * action ids stay). Other lines keep their keys. An unknown key leaves the metadata unchanged.
 */
export function renewLine(metadata: FormMetadata, lineKey: string): { metadata: FormMetadata; key: string } {
  const index = metadata.lineKeys.indexOf(lineKey);
  if (index < 0) return { metadata, key: lineKey };
  // Adding after taking the line out gives a fresh key (never one used before) even at MAX_LINES.
  const grown = addLine({ ...metadata, lineKeys: metadata.lineKeys.filter((key) => key !== lineKey) });
  const key = grown.lineKeys.at(-1) as string;
  const lineKeys = [...metadata.lineKeys];
  lineKeys[index] = key;
  return { metadata: { ...grown, lineKeys }, key };
}

/** What the product editor's submission says: the product's details, or messages by block id. */
export type ProductEdit =
  | { ok: true; details: Omit<ProductDetails, "teamId"> }
  | { ok: false; errors: Record<string, string> };

/**
 * Reads and checks the product editor (`view.state.values`): a name (at most 255 characters), an
 * optional product id (at most 25), a unit price in kroner as Norwegians type it (`1 250,50`, read
 * by the form's own parser), and one of the deployment's VAT rates. Never throws.
 */
export function readProductEdit(
  t: Messages,
  values: ViewStateValues,
  taxRates: readonly number[],
): ProductEdit {
  const typed = (field: ProductEditField) => {
    const state = values[productEditBlockId(field)]?.[productEditBlockId(field)];
    return normaliseText(state?.value ?? state?.selected_option?.value ?? undefined);
  };
  const errors: Record<string, string> = {};
  const problem = (field: ProductEditField, message: string) => {
    errors[productEditBlockId(field)] ??= message;
  };
  const tooLong = (field: ProductEditField, text: string | undefined, max: number) => {
    if (text !== undefined && text.length > max)
      problem(field, t.products.tooLong({ max, length: text.length }));
  };

  const name = typed("name");
  if (name === undefined) problem("name", t.products.nameRequired);
  tooLong("name", name, PRODUCT_NAME_MAX_LENGTH);
  const productId = typed("productId") ?? null;
  tooLong("productId", productId ?? undefined, PRODUCT_ID_MAX_LENGTH);

  const price = parseKroner(typed("price") ?? "");
  const maxOre = NUMBER_MAX_VALUES.rate * 100;
  if (!price.ok) problem("price", t.products.numberProblem({ code: price.code }));
  else if (price.ore > maxOre) problem("price", t.products.priceTooLarge({ max: t.format.money(maxOre) }));

  const tax = typed("tax");
  const taxRate = tax === undefined ? undefined : taxRates.find((rate) => String(rate) === tax);
  if (taxRate === undefined) problem("tax", t.products.taxRequired);

  if (Object.keys(errors).length > 0 || name === undefined || !price.ok || taxRate === undefined)
    return { ok: false, errors };
  return { ok: true, details: { name, productId, unitPriceOre: price.ore, taxRate } };
}

/** The editor's values for a stored product or an earlier line: the price as Norwegians write it. */
export function draftValues(line: LineDetails) {
  return {
    name: line.name,
    productId: line.productId,
    price: formatKroner(line.unitPriceOre),
    taxRate: line.taxRate,
  };
}
