import { successEnvelope } from "./envelope.js";
import { Numeric } from "./numeric.js";
import { KNOWN_ORDER_STATUSES, OrderStatus } from "./order-status.js";
import { OrderUuid } from "./order-uuid.js";
import { z } from "./zod.js";

/**
 * The BankID link of a submit answer: `bankIdUrl`, else the first https URL under any other key.
 * ASSUMPTION (docs/front-payment.md §3): the seed names the link only as "BankID verification URL"; the one real
 * answer recorded from the demo (the frontgo gem's `regular/submit` cassette) calls it `paymentUrl`.
 * Until Front Payment confirms the field, any https string in `data` is taken to be the link.
 */
function withBankIdUrl<Data extends { orderUuid: string; customerUuid: string; bankIdUrl?: string | null }>(
  data: Data,
): Pick<Data, "orderUuid" | "customerUuid" | "bankIdUrl"> {
  const { orderUuid, customerUuid, bankIdUrl } = data;
  const link = bankIdUrl ?? Object.values(data).find(isHttpsUrl) ?? bankIdUrl;
  return link === undefined ? { orderUuid, customerUuid } : { orderUuid, customerUuid, bankIdUrl: link };
}

function isHttpsUrl(value: unknown): value is string {
  return typeof value === "string" && URL.canParse(value) && new URL(value).protocol === "https:";
}

export const InvoiceOrderCreated = successEnvelope(
  z
    .object({
      orderUuid: OrderUuid,
      customerUuid: z
        .string()
        .openapi({ description: "Front Payment's customer id.", example: "CSRT3419523642" }),
      bankIdUrl: z.string().url().nullable().optional().openapi({
        description:
          "Where the customer verifies with BankID. Missing or null when the order goes straight to INVOICED (docs/front-payment.md §3). Read from another field holding an https URL (such as `paymentUrl`) when `bankIdUrl` is absent.",
      }),
    })
    .passthrough()
    .openapi({ title: "InvoiceOrderCreatedData" })
    .transform(withBankIdUrl),
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

/** Unix seconds of 2001–2286: always 10 digits, so a digit moved to or from a neighbour changes the length. */
const UNIX_SECONDS = [/^[1-9]\d{9}$/, "must be Unix seconds (10 digits)"] as const;

/**
 * The shape of each documented callback parameter, with the message for a value that lacks it.
 * The checksum hashes the values joined without separators (docs/front-payment.md §9), so characters can move
 * across a parameter boundary unnoticed: each shape is one its neighbours' characters cannot fit.
 */
export const CALLBACK_PARAMETER_SHAPES = {
  orderUuid: [/^ODR\d+$/, "must be ODR followed by digits"],
  status: [/^[^0-9]+$/, "must be non-empty text without digits"],
  paymentMethod: [/^[^0-9]*$/, "must be text without digits"],
  amount: [/^\d+(?:\.\d{1,2})?$/, "must be an amount with at most two decimals"],
  createdAt: UNIX_SECONDS,
  timestamp: UNIX_SECONDS,
  checksum: [/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits"],
} as const satisfies Record<string, readonly [RegExp, string]>;

function callbackParameter(name: keyof typeof CALLBACK_PARAMETER_SHAPES) {
  const [pattern, message] = CALLBACK_PARAMETER_SHAPES[name];
  return z.string().regex(pattern, message);
}

/**
 * The query parameters of a status callback (docs/front-payment.md §9), as strings. `checksum` is the lowercase
 * hex SHA-256 of the other values in arrival order followed by the secret: verify it with the
 * client's `verifyCallback` before trusting anything here. The checksum hashes values without
 * separators, so characters can move across a parameter boundary unnoticed; each field therefore
 * has a shape its neighbours' characters cannot fit.
 */
export const CallbackNotification = z
  .object({
    orderUuid: callbackParameter("orderUuid").openapi({
      description: "Front Payment's order id.",
      example: "ODR4286244937",
    }),
    status: callbackParameter("status").openapi({
      description: `The order's status, any text without digits. Known values: ${KNOWN_ORDER_STATUSES.join(", ")}; others may appear.`,
      example: "PAID",
    }),
    createdAt: callbackParameter("createdAt")
      .optional()
      .openapi({ description: "When the order was created (Unix seconds).", example: "1755150000" }),
    paymentMethod: callbackParameter("paymentMethod")
      .optional()
      .openapi({ description: "How the customer paid, e.g. `Visa`; may be empty.", example: "Visa" }),
    amount: callbackParameter("amount")
      .optional()
      .openapi({ description: "The order's amount.", example: "1250.00" }),
    timestamp: callbackParameter("timestamp")
      .optional()
      .openapi({ description: "When the callback was sent (Unix seconds).", example: "1755150600" }),
    checksum: callbackParameter("checksum").openapi({
      description: "SHA-256 of the other parameters' values in arrival order, then the secret.",
    }),
  })
  .openapi({
    title: "CallbackNotification",
    description: "Query parameters of a status callback from Front Payment.",
  });
export type CallbackNotification = z.infer<typeof CallbackNotification>;
