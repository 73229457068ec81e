import {
  CancelOrderRequest,
  createInvoiceOrderRequestSchema,
  type InvoiceOrderRequest,
  numericValue,
  type OrderDetails,
  RefundOrderRequest,
  ResendOrderRequest,
} from "@fakturabot/schema";
import { decodedSegment } from "./checks.js";
import { type ApiAnswer, answers } from "./envelopes.js";
import {
  businessConflict,
  type FrontPaymentSandboxOrder,
  type OrderBook,
  refundConflict,
  updateConflict,
} from "./orders.js";
import { type Parser, validateBody } from "./validation.js";

/** The Connect endpoints the sandbox implements, by their operationId in the OpenAPI document. */
export type ConnectEndpoint =
  | "submitInvoiceOrder"
  | "getAllOrderStatuses"
  | "getOrderStatus"
  | "getOrderDetails"
  | "cancelOrder"
  | "resendOrder"
  | "refundOrder"
  | "getInvoiceNumber";

/** What a request did to the sandbox's orders, for tests that count ("created exactly once"). */
export type ConnectRequestEffect = "created" | "updated" | "cancelled" | "resent" | "refunded";

export interface ConnectResult {
  answer: ApiAnswer;
  orderUuid: string | null;
  effect: ConnectRequestEffect | null;
}

interface Route {
  endpoint: ConnectEndpoint;
  method: "GET" | "POST";
  pattern: RegExp;
}

const ROUTES: readonly Route[] = [
  {
    endpoint: "submitInvoiceOrder",
    method: "POST",
    pattern: /^\/api\/v1\/connect\/orders\/invoice\/submit$/,
  },
  { endpoint: "getAllOrderStatuses", method: "GET", pattern: /^\/api\/v1\/connect\/orders\/status$/ },
  { endpoint: "getOrderStatus", method: "GET", pattern: /^\/api\/v1\/connect\/orders\/status\/([^/]+)$/ },
  { endpoint: "getOrderDetails", method: "GET", pattern: /^\/api\/v1\/connect\/orders\/details\/([^/]+)$/ },
  { endpoint: "cancelOrder", method: "POST", pattern: /^\/api\/v1\/connect\/orders\/cancel\/([^/]+)$/ },
  { endpoint: "resendOrder", method: "POST", pattern: /^\/api\/v1\/connect\/orders\/resend\/([^/]+)$/ },
  { endpoint: "refundOrder", method: "POST", pattern: /^\/api\/v1\/connect\/orders\/refund\/([^/]+)$/ },
  {
    endpoint: "getInvoiceNumber",
    method: "GET",
    pattern: /^\/api\/v1\/connect\/orders\/invoice-number\/([^/]+)$/,
  },
];

/** Every endpoint, in the order of the routes. */
export const CONNECT_ENDPOINTS: readonly ConnectEndpoint[] = ROUTES.map((route) => route.endpoint);

export type RouteMatch =
  | { kind: "endpoint"; endpoint: ConnectEndpoint; orderUuid: string | null }
  | { kind: "wrong-method"; allowed: string }
  | { kind: "none" };

export function matchConnectRoute(method: string, path: string): RouteMatch {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method !== method) return { kind: "wrong-method", allowed: route.method };
    const uuid = match[1] === undefined ? null : decodedSegment(match[1]);
    return { kind: "endpoint", endpoint: route.endpoint, orderUuid: uuid };
  }
  return { kind: "none" };
}

/** The Connect API's behaviour, without HTTP: the sandbox's server adds auth, faults and latency. */
export function createConnectApi(
  book: OrderBook,
  {
    taxRates,
    linkInSubmitAnswer = true,
  }: { taxRates: readonly number[] | undefined; linkInSubmitAnswer?: boolean },
) {
  const orderSchema = createInvoiceOrderRequestSchema(taxRates ? { taxRates } : {});

  function submitInvoiceOrder(body: string): ConnectResult {
    const validated = validateBody(orderSchema, body);
    if (!validated.ok) return unchanged(answers.validationFailed(validated.messages));
    const request = validated.value;
    if (request.fpgoUuid !== undefined) return updateOrder(request.fpgoUuid, request);
    return orderSaved(book.create(request), "created", linkInSubmitAnswer);
  }

  /**
   * `fpgoUuid` updates an existing order instead of creating one (docs/front-payment.md §12, newest docs): it
   * must name an order of this account, and `orderFrom: "PARTNER"` must come with it.
   */
  function updateOrder(uuid: string, request: InvoiceOrderRequest): ConnectResult {
    const messages: string[] = [];
    if (request.orderFrom === undefined)
      messages.push("The order from field is required when fpgo uuid is present.");
    const order = book.find(uuid);
    if (!order) messages.push("The selected fpgo uuid is invalid.");
    if (messages.length > 0 || !order) return unchanged(answers.validationFailed(messages));
    const conflict = updateConflict(order.status);
    if (conflict) return unchanged(answers.conflict(conflict), uuid);
    book.update(order, request);
    return orderSaved(order, "updated", linkInSubmitAnswer);
  }

  function getOrderStatus(uuid: string): ConnectResult {
    const order = book.find(uuid);
    if (!order) return unchanged(answers.orderNotFound("errors"), uuid);
    const { status, orderAmount, refundedAmount } = order;
    return unchanged(answers.orderStatus({ uuid, status, orderAmount, refundedAmount }), uuid);
  }

  /**
   * Every order, or those whose status is `type` ignoring case (the docs' example writes `Paid`).
   * ASSUMPTION: an empty result is 404 `Order Not Found`, filtered or not, as the demo answered
   * for an account without orders (docs/front-payment.md §13.6).
   */
  function getAllOrderStatuses(query: URLSearchParams): ConnectResult {
    const type = query.get("type")?.trim().toLowerCase() ?? "";
    const orders = book.all().filter((order) => type === "" || order.status.toLowerCase() === type);
    if (orders.length === 0) return unchanged(answers.noOrders());
    return unchanged(answers.orderStatuses(orders.map(({ uuid, status }) => ({ uuid, status }))));
  }

  function getOrderDetails(uuid: string): ConnectResult {
    const order = book.find(uuid);
    if (!order) return unchanged(answers.orderNotFound("errors"), uuid);
    return unchanged(answers.orderDetails(detailsOf(order, book.visibleInvoiceNumber(order))), uuid);
  }

  /**
   * Cancel, resend and refund: a valid body, then an existing order for which `conflictOf` finds
   * nothing against it, then `act`.
   */
  function actOnOrder<T>(
    uuid: string,
    body: string,
    schema: Parser<T>,
    conflictOf: (order: FrontPaymentSandboxOrder, request: T) => string | undefined,
    act: (order: FrontPaymentSandboxOrder, request: T) => ConnectResult,
  ): ConnectResult {
    const validated = validateBody(schema, body);
    if (!validated.ok) return unchanged(answers.validationFailed(validated.messages), uuid);
    const order = book.find(uuid);
    if (!order) return unchanged(answers.orderNotFound("errors"), uuid);
    const conflict = conflictOf(order, validated.value);
    if (conflict) return unchanged(answers.conflict(conflict), uuid);
    return act(order, validated.value);
  }

  const statusConflict = (order: FrontPaymentSandboxOrder) => businessConflict(order.status);

  function cancelOrder(uuid: string, body: string): ConnectResult {
    return actOnOrder(uuid, body, CancelOrderRequest, statusConflict, (order, request) => {
      book.cancel(order, request.cancellationNote);
      return { answer: answers.cancelled(), orderUuid: uuid, effect: "cancelled" };
    });
  }

  function resendOrder(uuid: string, body: string): ConnectResult {
    return actOnOrder(uuid, body, ResendOrderRequest, statusConflict, (order, request) => {
      order.resends.push(request);
      return { answer: answers.resent(), orderUuid: uuid, effect: "resent" };
    });
  }

  function refundOrder(uuid: string, body: string): ConnectResult {
    return actOnOrder(uuid, body, RefundOrderRequest, refundConflict, (order, request) => {
      book.refund(order, request);
      return { answer: answers.refunded(), orderUuid: uuid, effect: "refunded" };
    });
  }

  function getInvoiceNumber(uuid: string): ConnectResult {
    const order = book.find(uuid);
    if (!order) return unchanged(answers.orderNotFound("data"), uuid);
    return unchanged(
      answers.invoiceNumber({
        orderUuid: uuid,
        invoiceNumber: book.visibleInvoiceNumber(order),
        status: order.status,
      }),
      uuid,
    );
  }

  return {
    handle(
      endpoint: ConnectEndpoint,
      orderUuid: string | null,
      body: string,
      query: URLSearchParams,
    ): ConnectResult {
      const uuid = orderUuid ?? "";
      switch (endpoint) {
        case "submitInvoiceOrder":
          return submitInvoiceOrder(body);
        case "getAllOrderStatuses":
          return getAllOrderStatuses(query);
        case "getOrderStatus":
          return getOrderStatus(uuid);
        case "getOrderDetails":
          return getOrderDetails(uuid);
        case "cancelOrder":
          return cancelOrder(uuid, body);
        case "resendOrder":
          return resendOrder(uuid, body);
        case "refundOrder":
          return refundOrder(uuid, body);
        case "getInvoiceNumber":
          return getInvoiceNumber(uuid);
      }
    },
  };
}

function unchanged(answer: ApiAnswer, orderUuid: string | null = null): ConnectResult {
  return { answer, orderUuid, effect: null };
}

/** A submit that created or (with `fpgoUuid`) updated an order gets the same answer either way. */
function orderSaved(
  order: FrontPaymentSandboxOrder,
  effect: "created" | "updated",
  withLink: boolean,
): ConnectResult {
  const { uuid, customerUuid } = order;
  const bankIdUrl = withLink ? order.bankIdUrl : null;
  return {
    answer: answers.orderCreated({ orderUuid: uuid, customerUuid, bankIdUrl }),
    orderUuid: uuid,
    effect,
  };
}

/**
 * Get Order Details' `data`, from the stored order. ASSUMPTION: the order's `type` is `invoiced`,
 * the word Refund Order uses for invoice orders; `paymentLinkDueDate` is null, as the sandbox's
 * links do not expire on their own.
 */
function detailsOf(order: FrontPaymentSandboxOrder, invoiceNumber: string | null): OrderDetails {
  const { request } = order;
  const customer = request.customerDetails;
  const summary = request.orderSummary;
  return {
    type: "invoiced",
    orderUuid: order.uuid,
    invoiceNumber,
    status: order.status,
    orderDate: request.orderDate,
    paymentLinkDueDate: null,
    productList: request.products.map((line, index) => ({
      id: order.lineIds[index] as number,
      name: line.name,
      productId: line.productId ?? null,
      quantity: numericValue(line.quantity),
      rate: numericValue(line.rate),
      discount: numericValue(line.discount ?? 0),
      tax: numericValue(line.tax),
      amount: numericValue(line.amount),
    })),
    orderSummary: {
      subTotal: numericValue(summary.subTotal),
      tax: numericValue(summary.totalTax),
      discount: numericValue(summary.totalDiscount),
      grandTotal: numericValue(summary.grandTotal),
    },
    customerDetails: {
      type: customer.type,
      uuid: order.customerUuid,
      countryCode: customer.countryCode,
      msisdn: customer.msisdn,
      email: customer.email,
      name: customer.name,
      preferredLanguage: customer.preferredLanguage ?? "no",
      personalNumber: customer.type === "private" ? customer.personalNumber : null,
      organizationId: customer.type === "corporate" ? customer.organizationId : null,
      address: customer.address,
    },
  };
}
