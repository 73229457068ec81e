import type { Messages } from "../i18n/index.js";
import { BLOCK_IDS, type FormField, LINE_FIELDS, type LineField, lineBlockId } from "./ids.js";
import { fieldName, lineFieldNames } from "./labels.js";
import type { CustomerType } from "./metadata.js";

/**
 * Which form field shows each part of the order a person types, by the order's path
 * (`customerDetails.personalNumber`, `products.2.quantity`). Anything else in the order
 * (orderSummary, amounts, orderDate, callback) is computed by the bot, not typed.
 */
export const ORDER_PATH_FIELDS: ReadonlyMap<string, FormField> = new Map<string, FormField>(
  Object.entries({
    "customerDetails.type": "customerType",
    "customerDetails.name": "name",
    "customerDetails.email": "email",
    "customerDetails.countryCode": "countryCode",
    "customerDetails.msisdn": "mobile",
    "customerDetails.personalNumber": "personalNumber",
    "customerDetails.organizationId": "organizationId",
    "customerDetails.preferredLanguage": "preferredLanguage",
    "customerDetails.address.street": "street",
    "customerDetails.address.zip": "zip",
    "customerDetails.address.city": "city",
    "customerDetails.address.country": "country",
    invoiceFeeApplicable: "invoiceOptions",
    separateInvoices: "invoiceOptions",
    invoiceMaturity: "invoiceMaturity",
    invoiceInterval: "invoiceInterval",
    referenceNo: "referenceNo",
    customerReference: "customerReference",
  } satisfies Record<string, FormField>),
);

/** The typed fields of `products.N`; `amount` is computed. */
export const PRODUCT_PATH_FIELDS: ReadonlyMap<string, LineField> = new Map(
  LINE_FIELDS.map((field) => [field, field]),
);

/** An input block of the form and what the field is called in messages. */
export interface FieldBlock {
  blockId: string;
  name: string;
}

/** Whether the form shows `field` for this customer type (one identifier field at a time). */
export function isFieldShown(field: FormField, customerType: CustomerType): boolean {
  if (field === "personalNumber") return customerType === "private";
  if (field === "organizationId") return customerType === "corporate";
  return true;
}

/**
 * The input block that shows the order's `path`, or undefined when the path is computed or the
 * block is not in the view (the other customer type's identifier, a line that does not exist).
 */
export function blockForOrderPath(
  t: Messages,
  path: readonly (string | number)[],
  form: { customerType: CustomerType; lineKeys: readonly string[] },
): FieldBlock | undefined {
  if (path[0] === "products") {
    const [, index, key] = path;
    const lineKey = typeof index === "number" ? form.lineKeys[index] : undefined;
    const field = typeof key === "string" ? PRODUCT_PATH_FIELDS.get(key) : undefined;
    return lineKey && field
      ? { blockId: lineBlockId(lineKey, field), name: lineFieldNames(t)[field] }
      : undefined;
  }
  const field = ORDER_PATH_FIELDS.get(path.join("."));
  if (!field || !isFieldShown(field, form.customerType)) return undefined;
  return { blockId: BLOCK_IDS[field], name: fieldName(t, field, form.customerType) };
}
