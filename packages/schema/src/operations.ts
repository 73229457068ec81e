import { successEnvelope } from "./envelope.js";
import { Numeric } from "./numeric.js";
import { OrderStatus } from "./order-status.js";
import { OrderUuid } from "./order-uuid.js";
import { z } from "./zod.js";

export const InvoiceOrderCreated = successEnvelope(
  z
    .object({
      orderUuid: OrderUuid,
      customerUuid: z
        .string()
        .openapi({ description: "Front Payment's customer id.", example: "CSRT3419523642" }),
      bankIdUrl: z.string().url().nullable().optional().openapi({
        description:
          "Where the customer verifies with BankID. Missing or null when the order goes straight to INVOICED (docs/front-payment.md §3).",
      }),
    })
    .openapi({ title: "InvoiceOrderCreatedData" }),
).openapi({
  title: "InvoiceOrderCreated",
  description: "201 `orderCreatedSuccessfully`: the order exists at Front Payment.",
  example: {
    status_code: 201,
    status_message: "OK",
    message: "orderCreatedSuccessfully",
    is_data: true,
    data: {
      orderUuid: "ODR4286244937",
      customerUuid: "CSRT3419523642",
      bankIdUrl: "https://auth.current.bankid.no/precheck/auth?state=eyJvcmRlclV1aWQiOiJPRFI0Mjg2MjQ0OTM3In0",
    },
  },
});
export type InvoiceOrderCreated = z.infer<typeof InvoiceOrderCreated>;

export const OrderStatusResponse = successEnvelope(
  z
    .object({
      uuid: OrderUuid,
      status: OrderStatus,
      orderAmount: Numeric.optional().openapi({ description: "The order's total." }),
      refundedAmount: Numeric.optional().openapi({ description: "How much has been refunded." }),
    })
    .openapi({ title: "OrderStatusData" }),
).openapi({
  title: "OrderStatusResponse",
  description: "200: the order's current status.",
  example: {
    status_code: 200,
    status_message: "OK",
    message: "Order Status Retrieved Successfully",
    is_data: true,
    data: { uuid: "ODR4286244937", status: "PAID", orderAmount: 40, refundedAmount: 0 },
  },
});
export type OrderStatusResponse = z.infer<typeof OrderStatusResponse>;

export const OrderStatusListResponse = successEnvelope(
  z
    .array(
      z
        .object({ uuid: OrderUuid, status: OrderStatus })
        .openapi({ title: "OrderStatusListItem", description: "One order and its status." }),
    )
    .openapi({ title: "OrderStatusList" }),
).openapi({
  title: "OrderStatusListResponse",
  description: "200: every order of the account (of one status, with `type`), with its status.",
  example: {
    status_code: 200,
    status_message: "OK",
    message: "Order Status Retrieved Successfully",
    is_data: true,
    data: [{ uuid: "ODR4286244937", status: "PAID" }],
  },
});
export type OrderStatusListResponse = z.infer<typeof OrderStatusListResponse>;

/** Get All Order Status's optional filter (docs/front-payment.md §13.6); the docs' example writes `Paid`. */
export const OrderStatusListQuery = z
  .object({
    type: z.string().trim().min(1, "must not be empty").optional().openapi({
      description: "Only orders in this status, e.g. `PAID` or `PARTIAL REFUNDED`.",
      example: "PAID",
    }),
  })
  .openapi({ title: "OrderStatusListQuery", description: "Filter of Get All Order Status." });
export type OrderStatusListQuery = z.infer<typeof OrderStatusListQuery>;

export const CancelOrderRequest = z
  .object({
    cancellationNote: z
      .string()
      .trim()
      .min(1, "is required")
      .openapi({ description: "Why the order is cancelled." }),
  })
  .openapi({
    title: "CancelOrderRequest",
    description: "Body of Cancel Order.",
    example: { cancellationNote: "Sent by mistake" },
  });
export type CancelOrderRequest = z.infer<typeof CancelOrderRequest>;

/** 202 answers of Cancel, Resend and Refund: accepted, no data. */
export const OrderActionAccepted = successEnvelope(z.null().optional()).openapi({
  title: "OrderActionAccepted",
  description: "202: Front Payment accepted the request.",
  example: {
    status_code: 202,
    status_message: "OK",
    message: "cancelledOrderSuccessfully",
    is_data: false,
    data: null,
  },
});
export type OrderActionAccepted = z.infer<typeof OrderActionAccepted>;

export const ResendOrderRequest = z
  .object({
    countryCode: z
      .string()
      .regex(/^\+\d{1,4}$/, "must be a dialling code such as +47")
      .optional(),
    msisdn: z
      .string()
      .regex(/^\d{4,15}$/, "must be the mobile number in digits")
      .optional(),
    email: z.string().email("must be an email address").optional(),
  })
  .refine(
    (body) => body.email !== undefined || (body.msisdn !== undefined && body.countryCode !== undefined),
    {
      message: "give an email, or a mobile number with its country code",
    },
  )
  .refine(
    (body) => body.email === undefined || (body.msisdn === undefined) === (body.countryCode === undefined),
    { message: "give the mobile number and its country code together" },
  )
  .openapi({
    title: "ResendOrderRequest",
    description: "Where to resend the payment link: by SMS (countryCode and msisdn), by email, or both.",
    example: { email: "kari@example.no" },
  });
export type ResendOrderRequest = z.infer<typeof ResendOrderRequest>;

export const InvoiceNumberResponse = successEnvelope(
  z
    .object({
      orderUuid: OrderUuid,
      invoiceNumber: z.string().nullable().openapi({
        description:
          "The invoice number; null until the order is invoiced (Invoiced, Purring, Inkasso, Paid, Refunded).",
        example: "99900753",
      }),
      status: OrderStatus,
    })
    .openapi({ title: "InvoiceNumberData" }),
).openapi({
  title: "InvoiceNumberResponse",
  description: "200: the order's invoice number.",
  example: {
    status_code: 200,
    status_message: "OK",
    message: "orderInvoiceNoRetrievedSuccessfully",
    is_data: true,
    data: { orderUuid: "ODR4286244937", invoiceNumber: "99900753", status: "INVOICED" },
  },
});
export type InvoiceNumberResponse = z.infer<typeof InvoiceNumberResponse>;

/**
 * The query parameters of a status callback (docs/front-payment.md §9), as strings. `checksum` is
 * the lowercase hex SHA-256 of the other values in arrival order followed by the secret: verify it
 * with the client's `verifyCallback` before trusting anything here.
 */
export const CallbackNotification = z
  .object({
    orderUuid: OrderUuid,
    status: OrderStatus,
    createdAt: z.string().optional().openapi({ description: "When the order was created (Unix seconds)." }),
    paymentMethod: z
      .string()
      .optional()
      .openapi({ description: "How the customer paid, e.g. `Visa`.", example: "Visa" }),
    amount: z.string().optional().openapi({ description: "The order's amount.", example: "1250.00" }),
    timestamp: z
      .string()
      .regex(/^\d+$/, "must be Unix seconds")
      .optional()
      .openapi({ description: "When the callback was sent (Unix seconds).", example: "1755150600" }),
    checksum: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits")
      .openapi({ description: "SHA-256 of the other parameters' values in arrival order, then the secret." }),
  })
  .openapi({
    title: "CallbackNotification",
    description: "Query parameters of a status callback from Front Payment.",
  });
export type CallbackNotification = z.infer<typeof CallbackNotification>;
