import type { InvoiceOrderRequest } from "@fakturabot/schema";
import { maskPersonalNumber } from "@fakturabot/schema";
import { approvalColumns, approvalOrder, approvedByOf, keepsRequest } from "./approval-rows.js";
import type { ApprovalMessageRef, InvoiceFacts, LineSummary, OrderRecord, SubmissionState } from "./types.js";

/**
 * How a store encodes what SQL has no one type for, read back: a time (`Time`), a JSON column
 * (`Json`: text to parse, or a value the driver parsed) and a boolean (`Flag`).
 */
export interface RowEncoding<Time, Json, Flag> {
  date(time: Time): Date;
  json(value: Json): unknown;
  flag(value: Flag): boolean;
}

/** An order's row, as both stores keep it: only the encodings differ. */
export interface OrderRow<Time, Json, Flag> {
  id: string;
  submission_key: string;
  team_id: string;
  channel_id: string;
  user_id: string;
  state: SubmissionState;
  fp_order_uuid: string | null;
  fp_customer_uuid: string | null;
  bank_id_url: string | null;
  status: string | null;
  status_at: number | null;
  customer_type: OrderRecord["customerType"];
  customer_name: string;
  customer_identifier: string;
  preferred_language: OrderRecord["preferredLanguage"];
  grand_total_ore: number;
  request_json: Json | null;
  failure_reason: string | null;
  message_channel_id: string | null;
  message_ts: string | null;
  sent_anyway: Flag;
  version: number;
  created_at: Time;
  updated_at: Time;
  customer_stopped_at: number | null;
  due_date: string | null;
  overdue_since: string | null;
  checked_at: number | null;
  lines_json: Json | null;
  order_date: number | null;
  maturity_days: number | null;
  invoice_number: string | null;
  payment_method: string | null;
  refunded_ore: number | null;
  refunded_lines_json: Json | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  approval_messages_json: Json | null;
  rejected_by: string | null;
  rejection_reason: string | null;
  approved_by: string | null;
}

/**
 * Every column of `OrderRow`, for a store to read an order with: only what the order is built
 * from (not the lease, nor the search text), as a row of fewer columns costs a read less memory.
 * The record makes the compiler keep it complete.
 */
const ORDER_ROW_KEYS = {
  id: true,
  submission_key: true,
  team_id: true,
  channel_id: true,
  user_id: true,
  state: true,
  fp_order_uuid: true,
  fp_customer_uuid: true,
  bank_id_url: true,
  status: true,
  status_at: true,
  customer_type: true,
  customer_name: true,
  customer_identifier: true,
  preferred_language: true,
  grand_total_ore: true,
  request_json: true,
  failure_reason: true,
  message_channel_id: true,
  message_ts: true,
  sent_anyway: true,
  version: true,
  created_at: true,
  updated_at: true,
  customer_stopped_at: true,
  due_date: true,
  overdue_since: true,
  checked_at: true,
  lines_json: true,
  order_date: true,
  maturity_days: true,
  invoice_number: true,
  payment_method: true,
  refunded_ore: true,
  refunded_lines_json: true,
  cancelled_by: true,
  cancel_reason: true,
  approval_messages_json: true,
  rejected_by: true,
  rejection_reason: true,
  approved_by: true,
} satisfies Record<keyof OrderRow<unknown, unknown, unknown>, true>;

/** `ORDER_ROW_KEYS` as a select list (`SELECT ${ORDER_ROW_COLUMNS} FROM orders …`). */
export const ORDER_ROW_COLUMNS = Object.keys(ORDER_ROW_KEYS).join(", ");

/**
 * The order a row holds, by the store's `encoding`. Each state's own fields come first and the
 * shared ones (`base`) are spread after them, never `{ ...base, state, … }`: on Node 20's V8 an
 * object built by a spread followed by new properties survives young-generation collections it
 * is not reachable in, so every order read was promoted to the old generation (issue 14's memory
 * goal; see apps/bench's memory row).
 */
export function orderFromRow<Time, Json, Flag>(
  row: OrderRow<Time, Json, Flag>,
  encoding: RowEncoding<Time, Json, Flag>,
): OrderRecord {
  const base = {
    id: row.id,
    submissionKey: row.submission_key,
    teamId: row.team_id,
    channelId: row.channel_id,
    userId: row.user_id,
    customerType: row.customer_type,
    customerName: row.customer_name,
    customerIdentifier: row.customer_identifier,
    preferredLanguage: row.preferred_language,
    grandTotalOre: row.grand_total_ore,
    message:
      row.message_channel_id === null || row.message_ts === null
        ? null
        : { channelId: row.message_channel_id, ts: row.message_ts },
    sentAnyway: encoding.flag(row.sent_anyway),
    version: row.version,
    createdAt: encoding.date(row.created_at),
    updatedAt: encoding.date(row.updated_at),
    ...(row.due_date === null ? {} : { dueDate: row.due_date }),
    ...approvedByOf(row),
  };
  if (row.state === "created") {
    return {
      state: "created",
      // The table's CHECK constraints guarantee these for a created order.
      fpOrderUuid: row.fp_order_uuid as string,
      fpCustomerUuid: row.fp_customer_uuid,
      bankIdUrl: row.bank_id_url,
      status: timedStatus(row.status, row.status_at),
      ...base,
      ...(row.customer_stopped_at === null ? {} : { customerStoppedAt: row.customer_stopped_at }),
      ...(row.overdue_since === null ? {} : { overdueSince: row.overdue_since }),
      ...(row.checked_at === null ? {} : { checkedAt: row.checked_at }),
      ...factsOf(row, encoding),
    };
  }
  if (row.state === "expired") return { state: "expired", failureReason: row.failure_reason ?? "", ...base };
  const request = encoding.json(row.request_json as Json) as InvoiceOrderRequest;
  if (row.state === "sending") return { state: "sending", request, ...base };
  if (row.state === "awaiting_approval" || row.state === "rejected") {
    const messages =
      row.approval_messages_json === null
        ? null
        : (encoding.json(row.approval_messages_json) as ApprovalMessageRef[]);
    return approvalOrder({ ...row, state: row.state }, messages, base, request);
  }
  return { state: row.state, request, failureReason: row.failure_reason ?? "", ...base };
}

/** The order's `InvoiceFacts`, when it has them. */
function factsOf<Time, Json, Flag>(
  row: OrderRow<Time, Json, Flag>,
  encoding: RowEncoding<Time, Json, Flag>,
): { facts?: InvoiceFacts } {
  if (row.lines_json === null) return {};
  return {
    facts: {
      lines: encoding.json(row.lines_json) as LineSummary[],
      orderDate: row.order_date ?? 0,
      maturityDays: row.maturity_days,
      invoiceNumber: row.invoice_number,
      paymentMethod: row.payment_method,
      refundedOre: row.refunded_ore ?? 0,
      refundedLines:
        row.refunded_lines_json === null
          ? {}
          : (encoding.json(row.refunded_lines_json) as Record<string, number>),
      cancelled:
        row.cancelled_by === null || row.cancel_reason === null
          ? null
          : { by: row.cancelled_by, reason: row.cancel_reason },
    },
  };
}

/** A status and when it was reported, from their two columns. */
export function timedStatus(status: string | null, at: number | null) {
  return status === null || at === null ? null : { status, at };
}

/**
 * The columns a write of `order` sets (everything but its creation, lease and search text), JSON
 * as text and the flag as a boolean, for the store to bind.
 */
export function orderColumns(order: OrderRecord) {
  const created = order.state === "created" ? order : null;
  const facts = created?.facts;
  return {
    id: order.id,
    state: order.state,
    fp_order_uuid: created?.fpOrderUuid ?? null,
    fp_customer_uuid: created?.fpCustomerUuid ?? null,
    bank_id_url: created?.bankIdUrl ?? null,
    status: created?.status?.status ?? null,
    status_at: created?.status?.at ?? null,
    // By state, not by which properties the object happens to carry: only these keep a request.
    request_json: keepsRequest(order.state) && "request" in order ? JSON.stringify(order.request) : null,
    failure_reason:
      order.state === "failed" || order.state === "unknown" || order.state === "expired"
        ? order.failureReason
        : null,
    message_channel_id: order.message?.channelId ?? null,
    message_ts: order.message?.ts ?? null,
    sent_anyway: order.sentAnyway,
    version: order.version,
    customer_stopped_at: created?.customerStoppedAt ?? null,
    overdue_since: created?.overdueSince ?? null,
    checked_at: created?.checkedAt ?? null,
    // An edit (docs/front-payment.md §12, fpgoUuid) may correct who the invoice is for and its total.
    customer_type: order.customerType,
    customer_name: order.customerName,
    customer_identifier: storedIdentifier(order.customerType, order.customerIdentifier),
    preferred_language: order.preferredLanguage,
    grand_total_ore: order.grandTotalOre,
    lines_json: facts ? JSON.stringify(facts.lines) : null,
    order_date: facts?.orderDate ?? null,
    maturity_days: facts?.maturityDays ?? null,
    invoice_number: facts?.invoiceNumber ?? null,
    payment_method: facts?.paymentMethod ?? null,
    refunded_ore: facts?.refundedOre ?? null,
    refunded_lines_json: facts ? JSON.stringify(facts.refundedLines) : null,
    cancelled_by: facts?.cancelled?.by ?? null,
    cancel_reason: facts?.cancelled?.reason ?? null,
    ...approvalColumns(order),
  };
}

/** Defence in depth: a private customer's identifier is stored masked whatever the caller passed. */
export function storedIdentifier(customerType: OrderRecord["customerType"], identifier: string): string {
  return customerType === "private" ? maskPersonalNumber(identifier) : identifier;
}

/** A customer's name as searched: folded in JavaScript by both stores, so both find the same. */
export function customerSearch(name: string): string {
  return name.toLocaleLowerCase("nb");
}
