import {
  CancelOrderRequest,
  createInvoiceOrderRequestSchema,
  type InvoiceOrderRequest,
  ResendOrderRequest,
} from "@fakturabot/schema";
import { decodedSegment } from "./checks.js";
import { type ApiAnswer, answers } from "./envelopes.js";
import { businessConflict, type FrontPaymentSandboxOrder, type OrderBook } from "./orders.js";
import { type Parser, validateBody } from "./validation.js";

/** The Connect endpoints the sandbox implements, by their operationId in the OpenAPI document. */
export type ConnectEndpoint =
  | "submitInvoiceOrder"
  | "getOrderStatus"
  | "cancelOrder"
  | "resendOrder"
  | "getInvoiceNumber";

/** What a request did to the sandbox's orders, for tests that count ("created exactly once"). */
export type ConnectRequestEffect = "created" | "updated" | "cancelled" | "resent";

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
  { endpoint: "getOrderStatus", method: "GET", pattern: /^\/api\/v1\/connect\/orders\/status\/([^/]+)$/ },
  { endpoint: "cancelOrder", method: "POST", pattern: /^\/api\/v1\/connect\/orders\/cancel\/([^/]+)$/ },
  { endpoint: "resendOrder", method: "POST", pattern: /^\/api\/v1\/connect\/orders\/resend\/([^/]+)$/ },
  {
    endpoint: "getInvoiceNumber",
    method: "GET",
    pattern: /^\/api\/v1\/connect\/orders\/invoice-number\/([^/]+)$/,
  },
];

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
export function createConnectApi(book: OrderBook, { taxRates }: { taxRates: readonly number[] | undefined }) {
  const orderSchema = createInvoiceOrderRequestSchema(taxRates ? { taxRates } : {});

  function submitInvoiceOrder(body: string): ConnectResult {
    const validated = validateBody(orderSchema, body);
    if (!validated.ok) return unchanged(answers.validationFailed(validated.messages));
    const request = validated.value;
    if (request.fpgoUuid !== undefined) return updateOrder(request.fpgoUuid, request);
    return orderSaved(book.create(request), "created");
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
    const conflict = businessConflict(order.status);
    if (conflict) return unchanged(answers.conflict(conflict), uuid);
    book.update(order, request);
    return orderSaved(order, "updated");
  }

  function getOrderStatus(uuid: string): ConnectResult {
    const order = book.find(uuid);
    if (!order) return unchanged(answers.orderNotFound("errors"), uuid);
    return unchanged(
      answers.orderStatus({ uuid, status: order.status, orderAmount: order.orderAmount, refundedAmount: 0 }),
      uuid,
    );
  }

  /** Cancel and resend: a valid body, then an existing order whose status allows it, then `act`. */
  function actOnOrder<T>(
    uuid: string,
    body: string,
    schema: Parser<T>,
    act: (order: FrontPaymentSandboxOrder, request: T) => ConnectResult,
  ): ConnectResult {
    const validated = validateBody(schema, body);
    if (!validated.ok) return unchanged(answers.validationFailed(validated.messages), uuid);
    const order = book.find(uuid);
    if (!order) return unchanged(answers.orderNotFound("errors"), uuid);
    const conflict = businessConflict(order.status);
    if (conflict) return unchanged(answers.conflict(conflict), uuid);
    return act(order, validated.value);
  }

  function cancelOrder(uuid: string, body: string): ConnectResult {
    return actOnOrder(uuid, body, CancelOrderRequest, (order, request) => {
      book.cancel(order, request.cancellationNote);
      return { answer: answers.cancelled(), orderUuid: uuid, effect: "cancelled" };
    });
  }

  function resendOrder(uuid: string, body: string): ConnectResult {
    return actOnOrder(uuid, body, ResendOrderRequest, (order, request) => {
      order.resends.push(request);
      return { answer: answers.resent(), orderUuid: uuid, effect: "resent" };
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
    handle(endpoint: ConnectEndpoint, orderUuid: string | null, body: string): ConnectResult {
      const uuid = orderUuid ?? "";
      switch (endpoint) {
        case "submitInvoiceOrder":
          return submitInvoiceOrder(body);
        case "getOrderStatus":
          return getOrderStatus(uuid);
        case "cancelOrder":
          return cancelOrder(uuid, body);
        case "resendOrder":
          return resendOrder(uuid, body);
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
function orderSaved(order: FrontPaymentSandboxOrder, effect: "created" | "updated"): ConnectResult {
  const { uuid, customerUuid, bankIdUrl } = order;
  return {
    answer: answers.orderCreated({ orderUuid: uuid, customerUuid, bankIdUrl }),
    orderUuid: uuid,
    effect,
  };
}
