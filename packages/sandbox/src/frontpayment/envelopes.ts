/**
 * Front Payment's response bodies (docs/front-payment.md §4, seed), one function per answer, so
 * every endpoint answers in the same words. The HTTP status is repeated in `status_code`, as Front
 * Payment does.
 */
import type { OrderDetails } from "@fakturabot/schema";

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

function success(status: number, message: string, data: unknown): ApiAnswer {
  return {
    status,
    body: { status_code: status, status_message: "OK", message, is_data: data !== null, data },
  };
}

function failure(status: number, statusMessage: string, message: string, errors: unknown): ApiAnswer {
  return {
    status,
    body: { status_code: status, status_message: statusMessage, message, is_error: true, errors },
  };
}

/** Resend's and Refund's docs show `is_data: true` next to `data: null`; kept as documented. */
function acceptedWithoutData(message: string): ApiAnswer {
  return {
    status: 202,
    body: { status_code: 202, status_message: "OK", message, is_data: true, data: null },
  };
}

export const answers = {
  orderCreated: (data: { orderUuid: string; customerUuid: string; bankIdUrl: string | null }) =>
    success(201, "orderCreatedSuccessfully", data),

  orderStatus: (data: { uuid: string; status: string; orderAmount: number; refundedAmount: number }) =>
    success(200, "Order Status Retrieved Successfully", data),

  invoiceNumber: (data: { orderUuid: string; invoiceNumber: string | null; status: string }) =>
    success(200, "orderInvoiceNoRetrievedSuccessfully", data),

  orderDetails: (data: OrderDetails) => success(200, "orderRetrievedSuccessfully", data),

  // The docs do not show Get All Order Status's message; Get Order Status's is assumed.
  orderStatuses: (data: { uuid: string; status: string }[]) =>
    success(200, "Order Status Retrieved Successfully", data),

  /** What the demo answered Get All Order Status for an account without orders (docs/front-payment.md §13.6). */
  noOrders: (): ApiAnswer => ({
    status: 404,
    body: {
      status_code: 404,
      status_message: "Not Found",
      message: "Order Not Found",
      is_data: false,
      data: null,
    },
  }),

  cancelled: () => success(202, "cancelledOrderSuccessfully", null),

  resent: () => acceptedWithoutData("resentOrderSuccessfully"),

  refunded: () => acceptedWithoutData("orderRefundedSuccessfully"),

  validationFailed: (messages: readonly string[]) =>
    failure(417, "Client Error", "payloadValidationErrors", messages),

  /**
   * The docs disagree per page on a 404's flags: Get Order Status shows
   * `is_error: false, errors: null`, Get Invoice Number `is_data: false, data: null`
   * (docs/front-payment.md §4, §13). Both are kept, so clients are tested against each.
   */
  orderNotFound: (shape: "errors" | "data"): ApiAnswer => ({
    status: 404,
    body:
      shape === "errors"
        ? {
            status_code: 404,
            status_message: "Not Found",
            message: "orderNotFound",
            is_error: false,
            errors: null,
          }
        : {
            status_code: 404,
            status_message: "Not Found",
            message: "orderNotFound",
            is_data: false,
            data: null,
          },
  }),

  conflict: (message: string) => failure(400, "Conflict of Business Logic", message, null),

  /** 401 bodies are undocumented (docs/front-payment.md §4); this one follows the error envelope. */
  unauthenticated: (reason: string) => failure(401, "Unauthorized", "unauthenticated", [reason]),

  routeNotFound: (method: string, path: string) =>
    failure(404, "Not Found", "routeNotFound", [`No endpoint ${method} ${path}.`]),

  methodNotAllowed: (method: string, path: string, allowed: string) =>
    failure(405, "Method Not Allowed", "methodNotAllowed", [
      `${path} does not support ${method}; use ${allowed}.`,
    ]),

  internalError: (happenedAt: string) =>
    failure(500, "Internal Dependency Error", "Internal Error Occurred Please Try Again Later", {
      happenedAt,
      internalErrorDetails: [],
    }),

  tooManyRequests: () => failure(429, "Too Many Requests", "tooManyRequests", []),

  executionException: () => failure(510, "Execution Exception Occurred", "Something Went Wrong", []),
};
