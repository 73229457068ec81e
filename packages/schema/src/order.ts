import { CustomerDetails } from "./customer.js";
import { norwegianIdProblem } from "./norwegian-ids.js";
import { Numeric, numericWhere } from "./numeric.js";
import { z } from "./zod.js";

/** VAT rates Front Payment accepts unless the account is configured otherwise (docs/front-payment.md §7). */
export const DEFAULT_TAX_RATES = [0, 12, 15, 25] as const;

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

const HttpUrl = z.string().refine(isHttpUrl, "must be an http or https URL").openapi({ format: "uri" });

export const OrderCallback = z
  .object({
    callbackUrl: HttpUrl.optional().openapi({
      description:
        "Where Front Payment sends status notifications (GET with query parameters, see the `orderStatusChanged` callback). Keep it free of its own query string: the checksum covers every query parameter.",
      example: "https://fakturabot.example.com/frontpayment/callback/FB-01J9Z5K3",
    }),
    success: HttpUrl.openapi({
      description: "Where the customer's browser is sent after a successful BankID step.",
      example: "https://fakturabot.example.com/frontpayment/return/FB-01J9Z5K3/success",
    }),
    failure: HttpUrl.openapi({
      description: "Where the customer's browser is sent when the BankID step fails or is cancelled.",
      example: "https://fakturabot.example.com/frontpayment/return/FB-01J9Z5K3/failure",
    }),
  })
  .openapi({ title: "OrderCallback", description: "Notification and redirect URLs for the order." });
export type OrderCallback = z.infer<typeof OrderCallback>;

export const OrderSummary = z
  .object({
    subTotal: Numeric.openapi({ description: "Sum of the lines' net amounts, excluding VAT." }),
    totalTax: Numeric.openapi({ description: "VAT of the whole order." }),
    totalDiscount: Numeric.openapi({ description: "Sum of the lines' discounts." }),
    grandTotal: Numeric.openapi({
      description: "What the customer pays: the sum of the lines' amounts, VAT included.",
    }),
  })
  .openapi({ title: "OrderSummary", description: "Totals of the order, consistent with its lines." });

export const OrderSettings = z
  .object({
    secureDetails: z.boolean().optional().openapi({ description: "Enable Front Payment's secure details." }),
  })
  .openapi({ title: "OrderSettings", description: "Optional order settings." });

function productLine(taxRates: readonly number[]) {
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(1, "is required")
        .openapi({ description: "What is sold, as the invoice shows it." }),
      productId: z
        .string()
        .max(25, "must be at most 25 characters")
        .optional()
        .openapi({ description: "Your identifier of the product, at most 25 characters.", example: "R_1" }),
      quantity: Numeric.openapi({ description: "How many units; may be fractional (hours, kilos)." }),
      rate: Numeric.openapi({ description: "Unit price in NOK, VAT included." }),
      discount: Numeric.optional().openapi({ description: "Discount on the whole line, in NOK." }),
      tax: numericWhere(
        (rate) => taxRates.includes(rate),
        `must be one of the VAT rates ${taxRates.join(", ")}`,
      ).openapi({
        description: `VAT rate in percent: ${taxRates.join(", ")} unless the account is configured otherwise.`,
      }),
      amount: Numeric.openapi({ description: "Line total: quantity × rate − discount, VAT included." }),
    })
    .openapi({ title: "ProductLine", description: "One line of the invoice." });
}

/** Options for {@link createInvoiceOrderRequestSchema}. */
export interface InvoiceOrderSchemaOptions {
  /** The VAT rates the account accepts; Front Payment's default set when left out. */
  taxRates?: readonly number[];
}

/**
 * The body of `POST /api/v1/connect/orders/invoice/submit`, by the rules of the seed page. Use
 * this factory when the Front Payment account is configured with other VAT rates.
 */
export function createInvoiceOrderRequestSchema({
  taxRates = DEFAULT_TAX_RATES,
}: InvoiceOrderSchemaOptions = {}) {
  return z
    .object({
      products: z.array(productLine(taxRates)).min(1, "must have at least one product line"),
      orderSummary: OrderSummary,
      orderDate: z
        .string()
        .regex(/^\d+$/, "must be a Unix timestamp in seconds, as a string of digits")
        .openapi({
          description: "Date of the order as a Unix timestamp in seconds, sent as a string.",
          example: "1755150488",
        }),
      referenceNo: z
        .string()
        .optional()
        .openapi({ description: "Your own reference, such as your order id." }),
      customerReference: z
        .string()
        .optional()
        .openapi({ description: "The customer's reference, shown on the invoice." }),
      orderFrom: z
        .literal("PARTNER")
        .optional()
        .openapi({ description: "Only `PARTNER`, and only when sent by a registered partner." }),
      fpgoUuid: z.string().optional().openapi({
        description:
          "An existing Front Payment order to update. It is not an idempotency key: leave it out to create an order.",
      }),
      invoiceInterval: numericWhere((interval) => [0, 1, 2].includes(interval), "must be 0, 1 or 2")
        .optional()
        .openapi({
          description: "Invoice interval: 0, 1 or 2 (Front Payment does not document their meaning).",
        }),
      separateInvoices: z
        .boolean()
        .optional()
        .openapi({ description: "Whether each product is invoiced separately." }),
      invoiceFeeApplicable: z.boolean({ required_error: "is required" }).openapi({
        description: "Whether the invoice fee is added to the invoice.",
      }),
      invoiceMaturity: numericWhere(
        (days) => Number.isInteger(days) && days >= 0,
        "must be a whole number of days",
      )
        .optional()
        .openapi({ description: "Days until the invoice is due.", example: 14 }),
      callback: OrderCallback,
      settings: OrderSettings.optional(),
      customerDetails: CustomerDetails,
    })
    .openapi({ title: "InvoiceOrderRequest", description: "An invoice order for Front Payment Go." });
}

export const InvoiceOrderRequest = createInvoiceOrderRequestSchema();
export type InvoiceOrderRequest = z.infer<typeof InvoiceOrderRequest>;
export type ProductLine = InvoiceOrderRequest["products"][number];

/**
 * `InvoiceOrderRequest` plus the Norwegian check digits (docs/front-payment.md §8): what Fakturabot checks
 * before any money moves. Front Payment itself asks only for 11 digits / alphanumeric.
 */
export function createCheckedInvoiceOrderRequestSchema(options: InvoiceOrderSchemaOptions = {}) {
  return createInvoiceOrderRequestSchema(options).superRefine((order, context) => {
    const problem = norwegianIdProblem(order.customerDetails);
    if (problem)
      context.addIssue({
        code: "custom",
        path: ["customerDetails", problem.field],
        message: problem.message,
      });
  });
}

export const CheckedInvoiceOrderRequest = createCheckedInvoiceOrderRequestSchema();
