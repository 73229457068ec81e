import { successEnvelope } from "./envelope.js";
import { Numeric } from "./numeric.js";
import { OrderStatus } from "./order-status.js";
import { OrderUuid } from "./order-uuid.js";
import { z } from "./zod.js";

/*
 * Get Order Details (docs/front-payment.md §13.5). The answer is parsed leniently: the docs' revisions disagree on
 * which fields exist, so only what identifies the order and its lines is required, and every
 * other field may be missing or null.
 */

const OptionalText = z.string().nullable().optional();
/** `Numeric.nullable()` would convert to a schema that admits only null; a union converts right. */
const OptionalNumeric = z.union([Numeric, z.null()]).optional();
/** A date whose format the docs do not show: a string or a number. */
const OptionalDate = z.union([z.string(), z.number(), z.null()]).optional();

export const OrderDetailsProduct = z
  .object({
    // ASSUMPTION (the one place it is made): each line carries its numeric order-product `id`.
    // Refund Order needs it "from Get Order Details", but the documented `productList` shows none
    // (docs/front-payment.md §13.5, §15). Confirm with Front Payment.
    id: z
      .number()
      .int()
      .openapi({ description: "Front Payment's id of this order line: what Refund Order's products name." }),
    name: z.string().openapi({ description: "What was sold." }),
    productId: OptionalText.openapi({ description: "Your identifier of the product, if you gave one." }),
    quantity: Numeric,
    rate: Numeric.openapi({ description: "Unit price in NOK, VAT included." }),
    discount: OptionalNumeric,
    tax: Numeric.openapi({ description: "VAT rate in percent." }),
    amount: Numeric.openapi({ description: "Line total, VAT included." }),
  })
  .openapi({
    title: "OrderDetailsProduct",
    description: "One line of the order, as Front Payment holds it.",
  });
export type OrderDetailsProduct = z.infer<typeof OrderDetailsProduct>;

export const OrderDetailsSummary = z
  .object({
    subTotal: Numeric.openapi({ description: "Sum of the lines' net amounts, excluding VAT." }),
    tax: Numeric.openapi({ description: "VAT of the whole order (the request's `totalTax`)." }),
    discount: OptionalNumeric.openapi({
      description: "Sum of the discounts (the request's `totalDiscount`).",
    }),
    grandTotal: Numeric.openapi({ description: "What the customer pays, VAT included." }),
  })
  .openapi({
    title: "OrderDetailsSummary",
    description: "The order's totals. The keys are `tax`/`discount` here, not `totalTax`/`totalDiscount`.",
  });

export const OrderDetailsCustomer = z
  .object({
    type: z.string().openapi({ description: "`private` or `corporate`.", example: "private" }),
    uuid: OptionalText.openapi({ description: "Front Payment's customer id.", example: "CSRT3419523642" }),
    countryCode: OptionalText,
    msisdn: OptionalText,
    email: OptionalText,
    name: OptionalText,
    preferredLanguage: OptionalText,
    personalNumber: OptionalText.openapi({ description: "A private customer's personal number." }),
    organizationId: OptionalText.openapi({ description: "A corporate customer's organisation number." }),
    address: z
      .object({ street: OptionalText, zip: OptionalText, city: OptionalText, country: OptionalText })
      .nullable()
      .optional(),
  })
  .openapi({ title: "OrderDetailsCustomer", description: "Who the order is for." });

export const OrderDetails = z
  .object({
    type: OptionalText.openapi({
      description: "The kind of order; the docs do not list the values.",
      example: "invoiced",
    }),
    orderUuid: OrderUuid,
    invoiceNumber: OptionalText.openapi({
      description: "Null until the order is invoiced.",
      example: "99900753",
    }),
    status: OrderStatus,
    orderDate: OptionalDate.openapi({ description: "The order's date as submitted.", example: "1755150488" }),
    paymentLinkDueDate: OptionalDate,
    productList: z.array(OrderDetailsProduct),
    orderSummary: OrderDetailsSummary,
    customerDetails: OrderDetailsCustomer,
  })
  .openapi({ title: "OrderDetails" });
export type OrderDetails = z.infer<typeof OrderDetails>;

export const OrderDetailsResponse = successEnvelope(OrderDetails).openapi({
  title: "OrderDetailsResponse",
  description: "200 `orderRetrievedSuccessfully`: the order as Front Payment holds it.",
  example: {
    status_code: 200,
    status_message: "OK",
    message: "orderRetrievedSuccessfully",
    is_data: true,
    data: {
      type: "invoiced",
      orderUuid: "ODR4286244937",
      invoiceNumber: "99900753",
      status: "PAID",
      orderDate: "1755150488",
      paymentLinkDueDate: null,
      productList: [
        {
          id: 1001,
          name: "Router",
          productId: "R_1",
          quantity: 1,
          rate: 40,
          discount: 0,
          tax: 0,
          amount: 40,
        },
      ],
      orderSummary: { subTotal: 40, tax: 0, discount: 0, grandTotal: 40 },
      customerDetails: {
        type: "corporate",
        uuid: "CSRT3419523642",
        countryCode: "+47",
        msisdn: "46567468",
        email: "post@example.no",
        name: "Eksempel AS",
        preferredLanguage: "no",
        personalNumber: null,
        organizationId: "923609016",
        address: { street: "Klosterenget 144", zip: "7030", city: "Trondheim", country: "NO" },
      },
    },
  },
});
export type OrderDetailsResponse = z.infer<typeof OrderDetailsResponse>;
