import {
  type CustomerDetails,
  type InvoiceOrderRequest,
  numericValue,
  type RefundOrderRequest,
  type ResendOrderRequest,
  unixSeconds,
} from "@fakturabot/schema";
import type { IdGenerator } from "./ids.js";

/** An order as the sandbox holds it. What `orders()` and `order(uuid)` return are copies. */
export interface FrontPaymentSandboxOrder {
  uuid: string;
  customerUuid: string;
  status: string;
  /** The submitted body, as validated. */
  request: InvoiceOrderRequest;
  /** `orderSummary.grandTotal` as a number. */
  orderAmount: number;
  /**
   * The numeric id of each of `request.products`, in the same order: Get Order Details'
   * `productList[].id`, which Refund Order names. New ids when an update replaces the lines.
   */
  lineIds: number[];
  /** Every accepted refund, in order. */
  refunds: SandboxRefund[];
  /** The sum of the refunds' totals (Get Order Status's `refundedAmount`). */
  refundedAmount: number;
  /** When the order was created, in Unix seconds (the callbacks' `createdAt`). */
  createdAt: number;
  /** Where the customer verifies with BankID; null when the order went straight to INVOICED. */
  bankIdUrl: string | null;
  /** Issued when the order is first INVOICED. */
  invoiceNumber: string | null;
  /** The last payment method reported in a callback. */
  paymentMethod: string;
  cancellationNote: string | null;
  /** Every accepted Resend request, in order. */
  resends: ResendOrderRequest[];
  /** Every BankID rejection, in clock milliseconds. The order stays SENT after one. */
  bankIdRejections: number[];
  /** Every status the order has had, with when it got it (clock milliseconds). */
  history: { status: string; at: number }[];
}

/** An accepted refund: the validated body, and when it was made (clock milliseconds). */
export interface SandboxRefund {
  request: RefundOrderRequest;
  at: number;
}

/** A control that does not apply to the order as it is (a wrong transition, an unknown order). */
export class FrontPaymentSandboxError extends Error {
  override readonly name = "FrontPaymentSandboxError";
  constructor(
    readonly code: "order_not_found" | "invalid_transition",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Statuses for which Get Invoice Number returns the number (docs/front-payment.md §13.4); for the
 * others it is null, even when one was issued before (a CANCELLED order shows null in the docs'
 * example).
 */
const INVOICE_NUMBER_STATUSES = new Set([
  "INVOICED",
  "Purring",
  "Inkasso",
  "PAID",
  "REFUNDED",
  "PARTIAL REFUNDED",
]);

/** Statuses from which a customer can pay: an invoice, its reminder or its debt collection. */
const PAYABLE_STATUSES = new Set(["INVOICED", "Purring", "Inkasso"]);

/**
 * Why Cancel or Resend refuse an order in `status` (400 `Conflict of Business Logic`), or undefined
 * when they may proceed. The paid and cancelled keys are documented (docs/front-payment.md §13.2,
 * §13.3); ASSUMPTION: the expired and refunded keys follow their pattern, the docs show none.
 */
export function businessConflict(status: string): string | undefined {
  switch (status) {
    case "PAID":
      return "orderStatusAlreadyPaid";
    case "CANCELLED":
      return "orderStatusAlreadyCancelled";
    case "EXPIRED":
      return "orderStatusAlreadyExpired";
    case "REFUNDED":
    case "PARTIAL REFUNDED":
      return "orderStatusAlreadyRefunded";
    default:
      return undefined;
  }
}

/**
 * Why a `fpgoUuid` update of an order in `status` is refused (400), or undefined. ASSUMPTION (the
 * docs name no rule): only a SENT order, not yet invoiced, can be updated; an invoiced one
 * (INVOICED, Purring, Inkasso, any other status) gets `orderStatusAlreadyInvoiced`, the rest the
 * key Cancel and Resend give.
 */
export function updateConflict(status: string): string | undefined {
  if (status === "SENT") return undefined;
  return businessConflict(status) ?? "orderStatusAlreadyInvoiced";
}

/** Statuses a refund can be made from: a paid order, or one partly refunded already. */
const REFUNDABLE_STATUSES = new Set(["PAID", "PARTIAL REFUNDED"]);

/**
 * Why Refund Order refuses `refund` of `order` (400 `Conflict of Business Logic`), or undefined.
 * The first two keys appear on the docs' old Refund Reservation page (docs/front-payment.md §13.7), probably shared
 * with orders. ASSUMPTION: the two amount keys, which the docs cut off, and that an order which is
 * not paid gets the first key whatever its status.
 */
export function refundConflict(
  order: FrontPaymentSandboxOrder,
  refund: RefundOrderRequest,
): string | undefined {
  if (!REFUNDABLE_STATUSES.has(order.status))
    return "refundRejectionForRefundedCancelledInvoicedOrderParamRefunded";
  for (const product of refund.products) {
    const index = order.lineIds.indexOf(numericValue(product.id));
    const line = order.request.products[index];
    if (line === undefined) return "requestProductIdNotAvailable";
    const refunded = refundedOre(order, order.lineIds[index] as number);
    if (ore(product.amount) > ore(line.amount) - refunded) return "refundRejectionForProductAmountExceeded";
  }
  if (ore(refund.grandTotal) > ore(order.orderAmount) - ore(order.refundedAmount))
    return "refundRejectionForOrderAmountExceeded";
  return undefined;
}

/** How much of the line with `lineId` has been refunded, in øre. */
function refundedOre(order: FrontPaymentSandboxOrder, lineId: number): number {
  return order.refunds
    .flatMap((refund) => refund.request.products)
    .filter((product) => numericValue(product.id) === lineId)
    .reduce((sum, product) => sum + ore(product.amount), 0);
}

/** Kroner as whole øre, so limits compare exactly. */
function ore(value: number | string): number {
  return Math.round(numericValue(value) * 100);
}

export interface OrderBookOptions {
  ids: IdGenerator;
  clock: () => number;
  /** Whether the customer must verify with BankID before the order is INVOICED. */
  bankIdFor: (customer: CustomerDetails) => boolean;
  bankIdUrlFor: (orderUuid: string) => string;
  /** Told of every status change, after it is made. */
  onStatusChange: (order: Readonly<FrontPaymentSandboxOrder>) => void;
  /** Told of every BankID rejection, which changes no status. */
  onBankIdRejection?: (order: Readonly<FrontPaymentSandboxOrder>) => void;
}

/** The sandbox's orders and the only code that changes their status. */
export class OrderBook {
  readonly #orders = new Map<string, FrontPaymentSandboxOrder>();

  constructor(private readonly options: OrderBookOptions) {}

  create(request: InvoiceOrderRequest): FrontPaymentSandboxOrder {
    const { ids, clock, bankIdFor, bankIdUrlFor } = this.options;
    const uuid = ids.orderUuid();
    const now = clock();
    const order: FrontPaymentSandboxOrder = {
      uuid,
      customerUuid: ids.customerUuid(),
      status: "SENT",
      request,
      orderAmount: numericValue(request.orderSummary.grandTotal),
      lineIds: request.products.map(() => ids.lineId()),
      refunds: [],
      refundedAmount: 0,
      createdAt: unixSeconds(now),
      bankIdUrl: null,
      invoiceNumber: null,
      paymentMethod: "invoice",
      cancellationNote: null,
      resends: [],
      bankIdRejections: [],
      history: [{ status: "SENT", at: now }],
    };
    this.#orders.set(uuid, order);
    if (bankIdFor(request.customerDetails)) order.bankIdUrl = bankIdUrlFor(uuid);
    else this.#moveTo(order, "INVOICED");
    return order;
  }

  find(uuid: string): FrontPaymentSandboxOrder | undefined {
    return this.#orders.get(uuid);
  }

  all(): FrontPaymentSandboxOrder[] {
    return [...this.#orders.values()];
  }

  /** The invoice number Get Invoice Number shows for the order now. */
  visibleInvoiceNumber(order: FrontPaymentSandboxOrder): string | null {
    return INVOICE_NUMBER_STATUSES.has(order.status) ? order.invoiceNumber : null;
  }

  /** The customer approved the BankID step: SENT → INVOICED. */
  approveBankId(uuid: string): FrontPaymentSandboxOrder {
    const order = this.#get(uuid);
    this.#require(order, order.status === "SENT", "only a SENT order can be approved with BankID");
    return this.#moveTo(order, "INVOICED");
  }

  /**
   * The customer rejected the BankID step. ASSUMPTION: the order stays SENT (the link stays valid
   * until it expires or is cancelled), since the docs name no status for it; no callback is sent.
   */
  rejectBankId(uuid: string): FrontPaymentSandboxOrder {
    const order = this.#get(uuid);
    this.#require(order, order.status === "SENT", "only a SENT order can be rejected with BankID");
    order.bankIdRejections.push(this.options.clock());
    this.options.onBankIdRejection?.(order);
    return order;
  }

  /** The customer paid: INVOICED (or Purring/Inkasso) → PAID. */
  markPaid(uuid: string, paymentMethod?: string): FrontPaymentSandboxOrder {
    const order = this.#get(uuid);
    this.#require(
      order,
      PAYABLE_STATUSES.has(order.status),
      "only an INVOICED (or Purring, Inkasso) order can be paid",
    );
    return this.#moveTo(order, "PAID", paymentMethod);
  }

  /** The payment link ran out: SENT → EXPIRED. */
  expire(uuid: string): FrontPaymentSandboxOrder {
    const order = this.#get(uuid);
    this.#require(order, order.status === "SENT", "only a SENT order can expire");
    return this.#moveTo(order, "EXPIRED");
  }

  /**
   * An update through `fpgoUuid`; the caller has checked `updateConflict` first. The new body
   * replaces the old one (lines, totals, customer), with new line ids; uuid and status stay.
   */
  update(order: FrontPaymentSandboxOrder, request: InvoiceOrderRequest): FrontPaymentSandboxOrder {
    order.request = request;
    order.orderAmount = numericValue(request.orderSummary.grandTotal);
    order.lineIds = request.products.map(() => this.options.ids.lineId());
    return order;
  }

  /**
   * Refund Order's transition; the caller has checked `refundConflict` first. PAID → PARTIAL
   * REFUNDED, or REFUNDED once everything paid is refunded. ASSUMPTION: every refund is reported
   * with a callback, also a further partial one that leaves the status PARTIAL REFUNDED.
   */
  refund(order: FrontPaymentSandboxOrder, request: RefundOrderRequest): FrontPaymentSandboxOrder {
    order.refunds.push({ request, at: this.options.clock() });
    order.refundedAmount = (ore(order.refundedAmount) + ore(request.grandTotal)) / 100;
    const everything = ore(order.refundedAmount) >= ore(order.orderAmount);
    return this.#moveTo(order, everything ? "REFUNDED" : "PARTIAL REFUNDED");
  }

  /** Cancel Order's transition; the caller has checked `businessConflict` first. */
  cancel(order: FrontPaymentSandboxOrder, note: string): FrontPaymentSandboxOrder {
    order.cancellationNote = note;
    return this.#moveTo(order, "CANCELLED");
  }

  /**
   * Any status, including ones the lifecycle does not model (Purring, Inkasso, REFUNDED, or an
   * unknown one): for testing how a client copes with the open set of statuses (docs/front-payment.md §11).
   */
  setStatus(uuid: string, status: string, paymentMethod?: string): FrontPaymentSandboxOrder {
    if (status.trim() === "")
      throw new FrontPaymentSandboxError("invalid_transition", "A status must not be empty.");
    return this.#moveTo(this.#get(uuid), status, paymentMethod);
  }

  #moveTo(order: FrontPaymentSandboxOrder, status: string, paymentMethod?: string): FrontPaymentSandboxOrder {
    order.status = status;
    if (paymentMethod !== undefined) order.paymentMethod = paymentMethod;
    if (order.invoiceNumber === null && INVOICE_NUMBER_STATUSES.has(status))
      order.invoiceNumber = this.options.ids.invoiceNumber();
    order.history.push({ status, at: this.options.clock() });
    this.options.onStatusChange(order);
    return order;
  }

  #get(uuid: string): FrontPaymentSandboxOrder {
    const order = this.#orders.get(uuid);
    if (!order)
      throw new FrontPaymentSandboxError("order_not_found", `There is no order ${uuid} in this sandbox.`);
    return order;
  }

  #require(order: FrontPaymentSandboxOrder, allowed: boolean, rule: string) {
    if (!allowed)
      throw new FrontPaymentSandboxError(
        "invalid_transition",
        `Order ${order.uuid} is ${order.status}: ${rule}.`,
      );
  }
}
