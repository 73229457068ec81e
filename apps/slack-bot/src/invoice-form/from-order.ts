import type { InvoiceOrderRequest, Numeric } from "@fakturabot/schema";
import { numericValue } from "@fakturabot/schema";
import { addLine, type FormMetadata, MAX_LINES } from "./metadata.js";
import type { InvoiceFormValues } from "./read.js";

function text(value: Numeric | undefined): string | undefined {
  return value === undefined ? undefined : String(numericValue(value));
}

/** What the form is filled from: a request as sent, or one rebuilt from Front Payment's details. */
export type FormSource = Pick<
  InvoiceOrderRequest,
  | "products"
  | "customerDetails"
  | "invoiceFeeApplicable"
  | "separateInvoices"
  | "invoiceMaturity"
  | "invoiceInterval"
  | "referenceNo"
  | "customerReference"
>;

/**
 * The form that produces `order`, to put a person back into it ("Edit" after a failed
 * submission, or Front Payment's 417): the customer type and line count follow the order, and
 * the metadata's line keys are reused where they can be. A `referenceNo` equal to `orderId` was
 * filled in by the bot, not typed, so the "Our reference" field stays empty. The form holds
 * {@link MAX_LINES} lines: `linesLeftOut` says how many an older, longer order has beyond them, so
 * the caller can say so (or refuse) instead of losing them silently.
 */
export function formFromOrder(
  order: FormSource,
  metadata: FormMetadata,
  { orderId }: { orderId?: string } = {},
): { metadata: FormMetadata; values: InvoiceFormValues; linesLeftOut: number } {
  const products = order.products.slice(0, MAX_LINES);
  const linesLeftOut = order.products.length - products.length;
  let shaped: FormMetadata = { ...metadata, customerType: order.customerDetails.type };
  while (shaped.lineKeys.length < products.length) shaped = addLine(shaped);
  shaped = { ...shaped, lineKeys: shaped.lineKeys.slice(0, Math.max(products.length, 1)) };

  const customer = order.customerDetails;
  const values: InvoiceFormValues = {
    customerType: customer.type,
    name: customer.name,
    email: customer.email,
    countryCode: customer.countryCode,
    mobile: customer.msisdn,
    ...(customer.type === "private"
      ? { personalNumber: customer.personalNumber }
      : { organizationId: customer.organizationId }),
    street: customer.address.street,
    zip: customer.address.zip,
    city: customer.address.city,
    country: customer.address.country,
    ...(customer.preferredLanguage ? { preferredLanguage: customer.preferredLanguage } : {}),
    lines: products.map((product, index) => {
      const discount =
        product.discount === undefined || numericValue(product.discount) === 0 ? undefined : product.discount;
      return {
        key: shaped.lineKeys[index] ?? "",
        name: product.name,
        ...(product.productId ? { productId: product.productId } : {}),
        quantity: text(product.quantity),
        rate: text(product.rate),
        tax: text(product.tax),
        ...(discount === undefined ? {} : { discount: text(discount) }),
      };
    }),
    invoiceFeeApplicable: order.invoiceFeeApplicable,
    separateInvoices: order.separateInvoices ?? false,
    ...(order.invoiceMaturity === undefined ? {} : { invoiceMaturity: text(order.invoiceMaturity) }),
    ...(order.invoiceInterval === undefined ? {} : { invoiceInterval: text(order.invoiceInterval) }),
    ...(order.referenceNo && order.referenceNo !== orderId ? { referenceNo: order.referenceNo } : {}),
    ...(order.customerReference ? { customerReference: order.customerReference } : {}),
  };
  return { metadata: shaped, values, linesLeftOut };
}
