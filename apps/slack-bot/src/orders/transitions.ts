import {
  type InvoiceOrderRequest,
  kronerToOre,
  maskPersonalNumber,
  numericValue,
  unixSeconds,
} from "@fakturabot/schema";
import type {
  ApprovalMessageRef,
  AwaitingApprovalOrder,
  CreatedOrder,
  HistoryEntry,
  InvoiceFacts,
  MessageRef,
  OrderRecord,
  OtherFpOrder,
  RejectedOrder,
  StatusChange,
  TimedStatus,
} from "../store/types.js";
import { approvalDecisionOf, approverProblem } from "./approval.js";
import { dayAfter } from "./due-date.js";
import { canonicalStatus, isFinalStatus, isKnownStatus, shouldApply } from "./status.js";

/**
 * Every transition of an order, decided in one place: `decide(order, event)` gives the order's
 * next record (or none: unchanged) and the effects to carry out once it is stored. The lifecycle
 * (`lifecycle.ts`) reads the order, decides, stores the result naming the version it read, then
 * runs the effects in order. `test/orders.transitions.test.ts` checks every row of this table:
 *
 * | state                    | event              | next      | effects                    |
 * | ------------------------ | ------------------ | --------- | -------------------------- |
 * | sending                  | created            | created   | post-message, show-outcome |
 * | sending                  | created, no link   | created   | lookup-status, post-message, show-outcome |
 * | created                  | created            | created   | post-message, show-outcome |
 * | created, with message    | created            | created   | show-outcome               |
 * | created, other id        | created            | —         | second-order, show-outcome |
 * | failed                   | created            | —         |                            |
 * | unknown                  | created            | —         |                            |
 * | sending                  | refused            | failed    | show-outcome               |
 * | created                  | refused            | —         | show-outcome               |
 * | failed                   | refused            | —         |                            |
 * | unknown                  | refused            | —         |                            |
 * | sending                  | outcome-unknown    | unknown   | show-outcome               |
 * | created                  | outcome-unknown    | —         | show-outcome               |
 * | failed                   | outcome-unknown    | —         |                            |
 * | unknown                  | outcome-unknown    | —         |                            |
 * | failed                   | send-again         | sending   | show-outcome, send         |
 * | sending                  | send-again         | —         | show-outcome               |
 * | unknown                  | send-again         | —         | show-outcome               |
 * | created                  | send-again         | —         | show-outcome               |
 * | unknown                  | send-anyway        | sending   | show-outcome, send         |
 * | sending                  | send-anyway        | —         | show-outcome               |
 * | failed                   | send-anyway        | —         | show-outcome               |
 * | created                  | send-anyway        | —         | show-outcome               |
 * | created, with message    | notified, later    | created   | show-status                |
 * | created                  | notified, later    | created   | post-message, reply-status |
 * | created, with message    | notified, earlier  | created   |                            |
 * | created, with message    | notified, same     | created   |                            |
 * | created, other id        | notified, later    | —         | second-order               |
 * | sending                  | notified, later    | created   | post-message, reply-status, fetch-invoice-number |
 * | failed                   | notified, later    | created   | post-message, reply-status, fetch-invoice-number |
 * | unknown                  | notified, later    | created   | post-message, reply-status, fetch-invoice-number |
 * | sending                  | message-posted     | sending   |                            |
 * | created                  | message-posted     | created   |                            |
 * | sending                  | interrupted        | unknown   | tell-interrupted           |
 * | failed                   | interrupted        | —         |                            |
 * | unknown                  | interrupted        | —         |                            |
 * | created                  | interrupted        | —         |                            |
 * | expired                  | interrupted        | —         |                            |
 * | failed                   | expire             | expired   | tell-expired               |
 * | unknown                  | expire             | expired   | tell-expired               |
 * | sending                  | expire             | —         |                            |
 * | created                  | expire             | —         |                            |
 * | expired                  | expire             | —         |                            |
 * | expired                  | created            | —         |                            |
 * | expired                  | refused            | —         |                            |
 * | expired                  | outcome-unknown    | —         |                            |
 * | expired                  | send-again         | —         | show-outcome               |
 * | expired                  | send-anyway        | —         | show-outcome               |
 * | expired                  | notified, later    | created   | post-message, reply-status |
 * | created                  | customer-stopped   | created   | tell-stopped               |
 * | created, with message    | customer-stopped   | created   | tell-stopped               |
 * | created, stopped before  | customer-stopped   | —         |                            |
 * | sending                  | customer-stopped   | —         |                            |
 * | failed                   | customer-stopped   | —         |                            |
 * | unknown                  | customer-stopped   | —         |                            |
 * | expired                  | customer-stopped   | —         |                            |
 * | created, past due        | overdue            | created   | reply-overdue              |
 * | created, past due, told  | overdue            | —         |                            |
 * | created, past due, paid  | overdue            | —         |                            |
 * | created, not due         | overdue            | —         |                            |
 * | created                  | overdue            | —         |                            |
 * | sending                  | overdue            | —         |                            |
 * | failed                   | overdue            | —         |                            |
 * | unknown                  | overdue            | —         |                            |
 * | created                  | checked            | created   |                            |
 * | sending                  | checked            | —         |                            |
 * | failed                   | checked            | —         |                            |
 * | unknown                  | checked            | —         |                            |
 * | expired                  | overdue            | —         |                            |
 * | expired                  | checked            | —         |                            |
 * | created, with message    | link-resent        | —         | reply-news                 |
 * | sending                  | link-resent        | —         |                            |
 * | failed                   | link-resent        | —         |                            |
 * | unknown                  | link-resent        | —         |                            |
 * | created, paid            | refunded, part     | created   | refresh-message, reply-news |
 * | created, paid            | refunded, all      | created   | refresh-message, reply-news |
 * | created, part refunded   | refunded, part     | created   | refresh-message, reply-news |
 * | sending                  | refunded, part     | —         |                            |
 * | failed                   | refunded, part     | —         |                            |
 * | unknown                  | refunded, part     | —         |                            |
 * | created, with message    | cancelled          | created   | show-status                |
 * | created, cancelled       | cancelled          | created   |                            |
 * | created, other id        | cancelled          | —         | second-order               |
 * | sending                  | cancelled          | created   | post-message, reply-status |
 * | created, sent            | edited             | created   | refresh-message, reply-news |
 * | sending                  | edited             | —         |                            |
 * | failed                   | edited             | —         |                            |
 * | unknown                  | edited             | —         |                            |
 * | created, paid            | invoice-number     | created   | refresh-message            |
 * | created, numbered        | invoice-number     | —         |                            |
 * | created                  | invoice-number     | —         |                            |
 * | sending                  | invoice-number     | —         |                            |
 * | failed                   | invoice-number     | —         |                            |
 * | unknown                  | invoice-number     | —         |                            |
 * | created, sent            | notified, later    | created   | show-status, fetch-invoice-number |
 * | created, numbered        | notified, later    | created   | show-status                |
 * | expired                  | link-resent        | —         |                            |
 * | expired                  | refunded, part     | —         |                            |
 * | expired                  | cancelled          | created   | post-message, reply-status |
 * | expired                  | edited             | —         |                            |
 * | expired                  | invoice-number     | —         |                            |
 * | awaiting_approval        | approve            | sending   | show-approval-decision, show-outcome, send |
 * | awaiting_approval        | approve, by creator | —        |                            |
 * | awaiting_approval        | approve, by other  | —         |                            |
 * | awaiting_approval        | approve, none      | —         |                            |
 * | awaiting_approval        | reject             | rejected  | show-approval-decision, tell-rejected |
 * | awaiting_approval        | reject, by creator | —         |                            |
 * | awaiting_approval        | reject, by other   | —         |                            |
 * | awaiting_approval        | reject, no reason  | —         |                            |
 * | awaiting_approval        | approval-asked     | awaiting_approval |                    |
 * | sending                  | approve            | —         |                            |
 * | sending, approved        | approve            | —         |                            |
 * | created                  | approve            | —         |                            |
 * | failed                   | approve            | —         |                            |
 * | unknown                  | approve            | —         |                            |
 * | expired                  | approve            | —         |                            |
 * | rejected                 | approve            | —         |                            |
 * | rejected                 | reject             | —         |                            |
 * | sending, approved        | reject             | —         |                            |
 * | created                  | reject             | —         |                            |
 * | sending, approved        | approval-asked     | —         | show-approval-decision     |
 * | created, approved        | approval-asked     | —         | show-approval-decision     |
 * | rejected                 | approval-asked     | —         | show-approval-decision     |
 * | expired                  | approval-asked     | —         | show-approval-decision     |
 * | awaiting_approval        | expire             | expired   | show-approval-decision, tell-expired |
 * | rejected                 | expire             | expired   | tell-expired               |
 * | awaiting_approval        | created            | —         |                            |
 * | awaiting_approval        | refused            | —         |                            |
 * | awaiting_approval        | outcome-unknown    | —         |                            |
 * | awaiting_approval        | send-again         | —         | show-outcome               |
 * | awaiting_approval        | send-anyway        | —         | show-outcome               |
 * | awaiting_approval        | notified, later    | —         |                            |
 * | awaiting_approval        | interrupted        | —         |                            |
 * | awaiting_approval        | customer-stopped   | —         |                            |
 * | awaiting_approval        | message-posted     | awaiting_approval |                    |
 * | rejected                 | created            | —         |                            |
 * | rejected                 | refused            | —         |                            |
 * | rejected                 | outcome-unknown    | —         |                            |
 * | rejected                 | send-again         | —         | show-outcome               |
 * | rejected                 | send-anyway        | —         | show-outcome               |
 * | rejected                 | notified, later    | —         |                            |
 * | rejected                 | interrupted        | —         |                            |
 * | rejected                 | customer-stopped   | —         |                            |
 *
 * "created": created with Front Payment's id ODR1 and no channel message yet; "other id": a
 * notification or answer about another Front Payment order (a second one, sent again after an
 * unknown outcome); "later", "earlier", "same": the notification's status against the order's;
 * "stopped before": the seller was already told the customer stopped at BankID.
 * "past due": its due date is before the check's day; "not due": it is that day; "told": its
 * creator was told it is overdue; "paid": settled (`SETTLED_STATUSES`); "created" alone has no
 * due date (an order from before it was kept).
 * A notification stored with `next` "created" but no effects is kept in the history only.
 * A notification that is already in the history (same status and Front Payment timestamp) changes
 * nothing: the store refuses the duplicate. A second Front Payment order is decided by
 * `decideOtherOrder`; whether an order may be cancelled by `cancellation`.
 *
 * The actions on the channel message (`orderActions`, `actionRefusal`): "sent", "paid", "part
 * refunded", "cancelled": a created order with a message, its `InvoiceFacts` (kept since orders
 * are created with them), in that status; "numbered": paid and with its invoice number. Only an
 * order with facts fetches its invoice number (an older one has nowhere to keep it). "refunded,
 * part" / "all": Front Payment accepted a refund of some of / everything left of what was paid.
 *
 * The Slack effects (post-message, show-status, reply-status, tell-interrupted) are stored with
 * the decision, in the same write, as outbox entries (`outbox.ts`: show-status is a message update,
 * coalesced with any still waiting, and a thread reply), and delivered afterwards by any instance,
 * each order's in order; a second order's report is stored with the second order. "interrupted" is
 * decided only for an order whose submission lease expired (its instance stopped renewing it).
 *
 * Approval (`approval.ts`): an invoice at or above the deployment's threshold is recorded
 * `awaiting_approval` instead of `sending` (`begin`), keeping its request, and its approvers are
 * asked; "approval-asked" records where. "approve" and "reject" name who decides and the
 * approvers: "by creator" is the order's creator (an approver too), "by other" someone who is no
 * approver, "none" an empty list of approvers (approval turned off since); "no reason" a reason of
 * blanks. Approving makes it `sending` and sends it, once: a second Approve finds it no longer
 * awaiting. A rejected order keeps its request for its creator's form until it expires, as an
 * unapproved one does. "approved": sent after an approval (`approvedBy`); such an order's late
 * "approval-asked" only updates the messages it names. show-approval-decision updates every
 * approval message with how it ended; tell-rejected tells the creator why, with the form.
 */

export type OrderEvent =
  /** Front Payment answered the submit with 201. */
  | {
      type: "created";
      fpOrderUuid: string;
      fpCustomerUuid: string;
      bankIdUrl: string | null;
      /** When the answer came, Unix seconds. */
      at: number;
    }
  /** Front Payment certainly did not create it (an error answer that proves refusal, or never sent). */
  | { type: "refused"; reason: string }
  /** It may have reached Front Payment, but no answer came. */
  | { type: "outcome-unknown"; reason: string }
  /** The creator sends a failed order again. */
  | { type: "send-again" }
  /** The creator confirmed sending an unknown order again, knowing it may make a second one. */
  | { type: "send-anyway" }
  /** A status notification: a verified callback, or a status lookup. */
  | { type: "notified"; change: StatusChange }
  | { type: "message-posted"; message: MessageRef }
  /** Found `sending` at start-up: a stop or crash cut the attempt off. */
  | { type: "interrupted"; reason: string }
  /** A failed or unknown order's kept request outlived the time it may be kept. */
  | { type: "expire" }
  /** The customer landed on our failure return page after BankID (Unix seconds). */
  | { type: "customer-stopped"; at: number }
  /** The periodic check's day (`YYYY-MM-DD`, Oslo): an unsettled order due before it is overdue. */
  | { type: "overdue"; today: string }
  /** The periodic check asked Front Payment about a quiet order and learnt nothing new (Unix seconds). */
  | { type: "checked"; at: number }
  /** Front Payment accepted Resend Payment Link, asked for by `by` (a Slack user), to `to`. */
  | { type: "link-resent"; by: string; to: ResendTarget }
  /**
   * Front Payment accepted a refund of `amountOre`, asked for by `by`; afterwards Get Order Status
   * said `status`, with `refundedOre` refunded in all.
   */
  | {
      type: "refunded";
      by: string;
      /** The refund's lines: Front Payment's line ids and øre. */
      lines: readonly { id: number; amountOre: number }[];
      amountOre: number;
      refundedOre: number;
      status: string;
      at: number;
    }
  /** Front Payment accepted Cancel Order from `by`, who gave `reason`; `change` is the CANCELLED it means. */
  | { type: "cancelled"; by: string; reason: string; change: StatusChange }
  /** Front Payment accepted `request` as an update (`fpgoUuid`) of the order, asked for by `by`. */
  | { type: "edited"; by: string; request: InvoiceOrderRequest }
  /** Front Payment's Get Invoice Number gave the order's number. */
  | { type: "invoice-number"; invoiceNumber: string }
  /** `by` approves the order from its approval message; `approvers` are the deployment's. */
  | { type: "approve"; by: string; approvers: readonly string[] }
  /** `by` rejects the order, saying why, from its approval message. */
  | { type: "reject"; by: string; reason: string; approvers: readonly string[] }
  /** The approvers were asked in these messages. */
  | { type: "approval-asked"; messages: readonly ApprovalMessageRef[] };

export type Effect =
  /** Submit the order's request to Front Payment; its answer is the next event. */
  | { type: "send" }
  /** Show the order as it now is to its creator (in the modal, else by direct message). */
  | { type: "show-outcome" }
  /** Ask Front Payment for the order's status and store it (no thread reply: the message shows it). */
  | { type: "lookup-status" }
  /** Post the order's channel message. */
  | { type: "post-message" }
  /** Rewrite the channel message with the order's status and reply in its thread with the change. */
  | { type: "show-status"; change: StatusChange }
  /** Reply in the message's thread with the change. */
  | { type: "reply-status"; change: StatusChange }
  /** Front Payment reports another order for this one. */
  | { type: "second-order"; fpOrderUuid: string; change: StatusChange | null }
  /** Tell the creator their submission was cut off. */
  | { type: "tell-interrupted" }
  /** Tell the creator their unsent order expired and its details are erased. */
  | { type: "tell-expired" }
  /** Say in the order's thread (or to its creator) that the customer stopped at BankID. */
  | { type: "tell-stopped" }
  /** Reply in the message's thread that the order is overdue since `since`, mentioning its creator. */
  | { type: "reply-overdue"; since: string }
  /** Rewrite the channel message as the order now is, with no thread reply. */
  | { type: "refresh-message" }
  /** Reply in the message's thread with what someone did to the order. */
  | { type: "reply-news"; news: OrderNews }
  /** Ask Front Payment for the invoice number; the answer is the next event. */
  | { type: "fetch-invoice-number" }
  /** Update these approval messages with how the approval ended, without their buttons. */
  | { type: "show-approval-decision"; messages: readonly ApprovalMessageRef[] }
  /** Tell the creator an approver rejected the order, and why, with the form to correct it. */
  | { type: "tell-rejected" };

/** Where a payment link was sent again: by email, by SMS, or both. */
export interface ResendTarget {
  email: string | null;
  /** The mobile number with its dialling code, "+47 46567468". */
  sms: string | null;
}

/** Something a person did to an order, for its thread. */
export type OrderNews =
  | { kind: "link-resent"; by: string; to: ResendTarget }
  | { kind: "refunded"; by: string; amountOre: number; refundedOre: number; everything: boolean }
  | { kind: "edited"; by: string; grandTotalOre: number };

export interface Decision {
  /** The order as it should be stored, or null when it stays as it is. */
  next: OrderRecord | null;
  /** A notification for the order's history, stored in the same write. */
  history?: HistoryEntry;
  effects: Effect[];
}

const NOTHING: Decision = { next: null, effects: [] };

function bumped<T extends { version: number }>(record: T): T {
  return { ...record, version: record.version + 1 };
}

/** The order's fields every state shares, without the state's own. */
function common(order: OrderRecord) {
  const {
    id,
    submissionKey,
    teamId,
    channelId,
    userId,
    customerType,
    customerName,
    customerIdentifier,
    preferredLanguage,
    grandTotalOre,
    message,
    sentAnyway,
    version,
    createdAt,
    updatedAt,
    dueDate,
    approvedBy,
  } = order;
  return {
    id,
    submissionKey,
    teamId,
    channelId,
    userId,
    customerType,
    customerName,
    customerIdentifier,
    preferredLanguage,
    grandTotalOre,
    message,
    sentAnyway,
    version: version + 1,
    createdAt,
    updatedAt,
    ...(dueDate === undefined ? {} : { dueDate }),
    ...(approvedBy === undefined ? {} : { approvedBy }),
  };
}

/**
 * Two notifications are the same when they have the same status and Front Payment timestamp; one
 * without a timestamp (a status lookup) is the same as another with the same payment method and amount.
 */
export function notificationKey(change: StatusChange): string {
  const status = canonicalStatus(change.status);
  return JSON.stringify(
    change.sentAt === null ? [status, null, change.paymentMethod, change.amount] : [status, change.sentAt],
  );
}

/** When Front Payment reported the change: its timestamp, else when we learnt it. */
function reportedAt(change: StatusChange): TimedStatus {
  return { status: canonicalStatus(change.status), at: change.sentAt ?? unixSeconds(change.receivedAt) };
}

function onCreatedAnswer(order: OrderRecord, event: Extract<OrderEvent, { type: "created" }>): Decision {
  if (order.state === "created") {
    if (order.fpOrderUuid !== event.fpOrderUuid) {
      return {
        next: null,
        effects: [
          { type: "second-order", fpOrderUuid: event.fpOrderUuid, change: null },
          { type: "show-outcome" },
        ],
      };
    }
    // A verified callback proved the order before the answer arrived: fill in what it lacked.
    const next: CreatedOrder = {
      ...bumped(order),
      fpCustomerUuid: event.fpCustomerUuid,
      bankIdUrl: order.bankIdUrl ?? event.bankIdUrl,
      // A status Front Payment reported is better than the one inferred from the answer.
      status: order.status ?? (event.bankIdUrl ? { status: "SENT", at: event.at } : null),
    };
    return {
      next,
      effects: [...(order.message ? [] : [{ type: "post-message" } as const]), { type: "show-outcome" }],
    };
  }
  if (order.state !== "sending") return NOTHING;
  const next: CreatedOrder = {
    ...common(order),
    state: "created",
    fpOrderUuid: event.fpOrderUuid,
    fpCustomerUuid: event.fpCustomerUuid,
    bankIdUrl: event.bankIdUrl,
    // A BankID link means the customer confirms first. Without one, the status is asked, never guessed.
    status: event.bankIdUrl ? { status: "SENT", at: event.at } : null,
    facts: factsFromRequest(order.request),
  };
  const lookup: Effect[] = event.bankIdUrl ? [] : [{ type: "lookup-status" }];
  return { next, effects: [...lookup, { type: "post-message" }, { type: "show-outcome" }] };
}

function onAttemptEnded(order: OrderRecord, state: "failed" | "unknown", reason: string): Decision {
  if (order.state === "created") return { next: null, effects: [{ type: "show-outcome" }] };
  if (order.state !== "sending") return NOTHING;
  return {
    next: { ...common(order), state, request: order.request, failureReason: reason },
    effects: [{ type: "show-outcome" }],
  };
}

function onRetry(order: OrderRecord, from: "failed" | "unknown"): Decision {
  if (order.state !== from) return { next: null, effects: [{ type: "show-outcome" }] };
  const sentAnyway = order.sentAnyway || from === "unknown";
  return {
    next: { ...common(order), sentAnyway, state: "sending", request: order.request },
    effects: [{ type: "show-outcome" }, { type: "send" }],
  };
}

function onNotified(order: OrderRecord, change: StatusChange): Decision {
  if (order.state === "created" && order.fpOrderUuid !== change.fpOrderUuid) {
    return { next: null, effects: [{ type: "second-order", fpOrderUuid: change.fpOrderUuid, change }] };
  }
  const incoming = reportedAt(change);
  const current = order.state === "created" ? order.status : null;
  const applied = shouldApply(current, incoming);
  const history: HistoryEntry = {
    // Not `{ ...change, status, applied }`: on Node 20's V8 an object spread and then given a new
    // property outlives young collections, so every callback's entry was promoted (issue 14).
    change: Object.assign({}, change, { status: incoming.status, applied }),
    dedupKey: notificationKey(change),
  };
  if (order.state === "created") {
    if (!applied) return { next: bumped(order), history, effects: [] };
    const show: Effect[] = order.message
      ? [{ type: "show-status", change }]
      : [{ type: "post-message" }, { type: "reply-status", change }];
    return { next: { ...bumped(order), status: incoming }, history, effects: show };
  }
  // Only Front Payment can report on its order, and the callback's checksum proves it did: an
  // order still sending, failed or unknown was created after all.
  const next: CreatedOrder = {
    ...common(order),
    state: "created",
    fpOrderUuid: change.fpOrderUuid,
    fpCustomerUuid: null,
    bankIdUrl: null,
    status: incoming,
    // An expired order's request is erased: its message shows what the order itself says.
    ...(order.state === "expired" ? {} : { facts: factsFromRequest(order.request) }),
  };
  return { next, history, effects: [{ type: "post-message" }, { type: "reply-status", change }] };
}

/** Tells the creator once, when an order due before `today` is still not settled. */
function onOverdue(order: OrderRecord, today: string): Decision {
  if (order.state !== "created" || order.dueDate === undefined || order.overdueSince !== undefined)
    return NOTHING;
  if (order.dueDate >= today || SETTLED_STATUSES.includes(order.status?.status ?? "")) return NOTHING;
  const since = dayAfter(order.dueDate);
  return { next: { ...bumped(order), overdueSince: since }, effects: [{ type: "reply-overdue", since }] };
}

/** The statuses for which Front Payment has an invoice number (docs/front-payment.md §13.4). */
const NUMBERED = ["INVOICED", "Purring", "Inkasso", "PAID", "PARTIAL REFUNDED", "REFUNDED"];

/** What the message keeps of a request: the lines, the date and the terms; nothing personal. */
export function factsFromRequest(request: InvoiceOrderRequest): InvoiceFacts {
  return {
    lines: request.products.map((product) => ({
      name: product.name,
      quantity: String(numericValue(product.quantity)),
      amountOre: kronerToOre(product.amount),
    })),
    orderDate: Number(numericValue(request.orderDate)),
    maturityDays:
      request.invoiceMaturity === undefined ? null : Number(numericValue(request.invoiceMaturity)),
    invoiceNumber: null,
    paymentMethod: null,
    refundedOre: 0,
    refundedLines: {},
    cancelled: null,
  };
}

/**
 * An applied status notification also keeps how the order was paid, and asks for the invoice
 * number once Front Payment has one (only for an order with facts: an older one cannot keep it).
 */
function withPaymentFacts(decision: Decision, change: StatusChange): Decision {
  const next = decision.next;
  if (next?.state !== "created" || !next.facts || !decision.history?.change.applied) return decision;
  const paid = canonicalStatus(change.status) === "PAID" && change.paymentMethod;
  const facts = paid ? { ...next.facts, paymentMethod: change.paymentMethod } : next.facts;
  const numbered = facts.invoiceNumber === null && NUMBERED.includes(canonicalStatus(change.status));
  return {
    ...decision,
    next: { ...next, facts },
    effects: numbered ? [...decision.effects, { type: "fetch-invoice-number" }] : decision.effects,
  };
}

function onRefunded(order: OrderRecord, event: Extract<OrderEvent, { type: "refunded" }>): Decision {
  if (order.state !== "created") return NOTHING;
  const incoming = { status: canonicalStatus(event.status), at: event.at };
  const facts = order.facts ?? factsFromNothing(order);
  const refundedOre = Math.max(facts.refundedOre, event.refundedOre);
  const refundedLines = { ...facts.refundedLines };
  for (const line of event.lines) refundedLines[line.id] = (refundedLines[line.id] ?? 0) + line.amountOre;
  const next: CreatedOrder = {
    ...bumped(order),
    status: shouldApply(order.status, incoming) ? incoming : order.status,
    facts: { ...facts, refundedOre, refundedLines },
  };
  const news: OrderNews = {
    kind: "refunded",
    by: event.by,
    amountOre: event.amountOre,
    refundedOre,
    everything: refundedOre >= order.grandTotalOre,
  };
  return { next, effects: [{ type: "refresh-message" }, { type: "reply-news", news }] };
}

/** Facts for an order from before they were kept: what the order itself says. */
function factsFromNothing(order: CreatedOrder): InvoiceFacts {
  return {
    lines: [],
    orderDate: unixSeconds(order.createdAt),
    maturityDays: null,
    invoiceNumber: null,
    paymentMethod: null,
    refundedOre: 0,
    refundedLines: {},
    cancelled: null,
  };
}

/** A cancellation is a CANCELLED notification that also keeps who cancelled and why. */
function onCancelled(order: OrderRecord, event: Extract<OrderEvent, { type: "cancelled" }>): Decision {
  const decision = onNotified(order, event.change);
  const next = decision.next;
  if (next?.state !== "created" || !decision.history?.change.applied) return decision;
  const facts = next.facts ?? factsFromNothing(next);
  return {
    ...decision,
    next: { ...next, facts: { ...facts, cancelled: { by: event.by, reason: event.reason } } },
  };
}

/** Front Payment took the corrected order as an update of the same one: the order now is what was sent. */
function onEdited(order: OrderRecord, event: Extract<OrderEvent, { type: "edited" }>): Decision {
  if (order.state !== "created") return NOTHING;
  const customer = event.request.customerDetails;
  const grandTotalOre = kronerToOre(event.request.orderSummary.grandTotal);
  const kept = order.facts;
  const next: CreatedOrder = {
    ...bumped(order),
    customerType: customer.type,
    customerName: customer.name,
    customerIdentifier:
      customer.type === "private" ? maskPersonalNumber(customer.personalNumber) : customer.organizationId,
    preferredLanguage: customer.preferredLanguage ?? order.preferredLanguage,
    grandTotalOre,
    facts: { ...factsFromRequest(event.request), ...(kept ? { invoiceNumber: kept.invoiceNumber } : {}) },
  };
  return {
    next,
    effects: [
      { type: "refresh-message" },
      { type: "reply-news", news: { kind: "edited", by: event.by, grandTotalOre } },
    ],
  };
}

function onInvoiceNumber(order: OrderRecord, invoiceNumber: string): Decision {
  if (order.state !== "created" || !order.facts || order.facts.invoiceNumber === invoiceNumber)
    return NOTHING;
  return {
    next: { ...bumped(order), facts: { ...order.facts, invoiceNumber } },
    effects: [{ type: "refresh-message" }],
  };
}

/** The transition table above, as code. Pure: the same order and event always give the same decision. */
export function decide(order: OrderRecord, event: OrderEvent): Decision {
  if (order.state === "awaiting_approval" || order.state === "rejected") return whileUnsent(order, event);
  switch (event.type) {
    case "approve":
    case "reject":
      return NOTHING;
    case "approval-asked":
      return lateApprovalMessages(order, event.messages);
    case "created":
      return onCreatedAnswer(order, event);
    case "refused":
      return onAttemptEnded(order, "failed", event.reason);
    case "outcome-unknown":
      return onAttemptEnded(order, "unknown", event.reason);
    case "send-again":
      return onRetry(order, "failed");
    case "send-anyway":
      return onRetry(order, "unknown");
    case "notified":
      return withPaymentFacts(onNotified(order, event.change), event.change);
    case "message-posted":
      return { next: { ...bumped(order), message: event.message }, effects: [] };
    case "expire":
      return order.state === "failed" || order.state === "unknown"
        ? {
            next: { ...common(order), state: "expired", failureReason: order.failureReason },
            effects: [{ type: "tell-expired" }],
          }
        : NOTHING;
    case "customer-stopped":
      return order.state === "created" && order.customerStoppedAt === undefined
        ? { next: { ...bumped(order), customerStoppedAt: event.at }, effects: [{ type: "tell-stopped" }] }
        : NOTHING;
    case "interrupted":
      return order.state === "sending"
        ? {
            next: { ...common(order), state: "unknown", request: order.request, failureReason: event.reason },
            effects: [{ type: "tell-interrupted" }],
          }
        : NOTHING;
    case "overdue":
      return onOverdue(order, event.today);
    case "checked":
      return order.state === "created"
        ? { next: { ...bumped(order), checkedAt: event.at }, effects: [] }
        : NOTHING;
    case "link-resent":
      return order.state === "created"
        ? {
            next: null,
            effects: [{ type: "reply-news", news: { kind: "link-resent", by: event.by, to: event.to } }],
          }
        : NOTHING;
    case "refunded":
      return onRefunded(order, event);
    case "cancelled":
      return onCancelled(order, event);
    case "edited":
      return onEdited(order, event);
    case "invoice-number":
      return onInvoiceNumber(order, event.invoiceNumber);
  }
}

/** The reason an order that expired unapproved keeps. */
export const UNAPPROVED_REASON = "Nobody approved it before its details were erased.";

/**
 * An order waiting for approval, or rejected, has never reached Front Payment: only the approval
 * events, a posted message and expiry change it; a retry shows it as it is.
 */
function whileUnsent(order: AwaitingApprovalOrder | RejectedOrder, event: OrderEvent): Decision {
  switch (event.type) {
    case "approve":
    case "reject":
      return order.state === "awaiting_approval" ? onDecided(order, event) : NOTHING;
    case "approval-asked":
      return order.state === "awaiting_approval"
        ? {
            next: { ...bumped(order), approvalMessages: [...order.approvalMessages, ...event.messages] },
            effects: [],
          }
        : lateApprovalMessages(order, event.messages);
    case "message-posted":
      return { next: { ...bumped(order), message: event.message }, effects: [] };
    case "send-again":
    case "send-anyway":
      return { next: null, effects: [{ type: "show-outcome" }] };
    case "expire":
      return order.state === "awaiting_approval"
        ? {
            next: { ...common(order), state: "expired", failureReason: UNAPPROVED_REASON },
            effects: [
              { type: "show-approval-decision", messages: order.approvalMessages },
              { type: "tell-expired" },
            ],
          }
        : {
            next: {
              ...common(order),
              state: "expired",
              failureReason: `Rejected by <@${order.rejection.by}>: ${order.rejection.reason}`,
            },
            effects: [{ type: "tell-expired" }],
          };
    default:
      return NOTHING;
  }
}

/** Someone decides on an order waiting for approval: only an approver who is not its creator may. */
function onDecided(
  order: AwaitingApprovalOrder,
  event: Extract<OrderEvent, { type: "approve" | "reject" }>,
): Decision {
  if (approverProblem(event.approvers, event.by, order) !== null) return NOTHING;
  const shown: Effect = { type: "show-approval-decision", messages: order.approvalMessages };
  if (event.type === "approve") {
    return {
      next: { ...common(order), state: "sending", request: order.request, approvedBy: event.by },
      effects: [shown, { type: "show-outcome" }, { type: "send" }],
    };
  }
  const reason = event.reason.trim();
  if (reason === "") return NOTHING;
  return {
    next: {
      ...common(order),
      state: "rejected",
      request: order.request,
      rejection: { by: event.by, reason },
    },
    effects: [shown, { type: "tell-rejected" }],
  };
}

/** Approval messages posted after someone had decided (or it expired): they show how it ended. */
function lateApprovalMessages(order: OrderRecord, messages: readonly ApprovalMessageRef[]): Decision {
  return approvalDecisionOf(order) === null
    ? NOTHING
    : { next: null, effects: [{ type: "show-approval-decision", messages }] };
}

/** Why a callback needs Get Order Status to confirm it before it may change anything. */
export type ConfirmationNeed =
  /** It would give an order that is not `created` its Front Payment identity. */
  | "identity"
  /** It reports another Front Payment order for an order that has one. */
  | "second-order"
  /** Its status is outside the known set (letters can move between `status` and `paymentMethod`). */
  | "unknown-status";

/**
 * Front Payment's checksum covers the values only, concatenated, so a genuine callback can be
 * re-cut or sent to another order's path without the secret (docs/front-payment.md, callbacks): a
 * callback is a hint and the API is the truth for anything a forgery could exploit. Lookups are the
 * API's own answer and need nothing.
 */
export function confirmationNeeded(order: OrderRecord, change: StatusChange): ConfirmationNeed | null {
  if (change.source === "lookup") return null;
  if (order.state !== "created") return "identity";
  if (order.fpOrderUuid !== change.fpOrderUuid) return "second-order";
  return isKnownStatus(change.status) ? null : "unknown-status";
}

/** What Front Payment's Get Order Details said about the callback's order. */
export interface StatusTruth {
  status: string;
  /** The order's total in øre, when Front Payment gave it. */
  orderAmountOre: number | null;
  /** The customer's name, when Front Payment gave it. */
  customerName: string | null;
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase("nb") === b.trim().toLocaleLowerCase("nb");
}

/**
 * Why Front Payment's own answer does not confirm the callback for `order`, or null when it does:
 * the order must have the callback's status, and to be this order's (its identity, or a second
 * order of it) our order's total and customer; a second order can only be one the creator sent
 * again after an unknown outcome.
 */
export function confirmationProblem(
  order: OrderRecord,
  change: StatusChange,
  need: ConfirmationNeed,
  truth: StatusTruth,
): string | null {
  if (need === "second-order" && !order.sentAnyway)
    return "the order was never sent again, so it has no second order";
  if (canonicalStatus(truth.status) !== canonicalStatus(change.status)) {
    return `Front Payment says ${truth.status}, not ${change.status}`;
  }
  if (need === "unknown-status") return null;
  if (truth.orderAmountOre !== null && truth.orderAmountOre !== order.grandTotalOre) {
    return "its total is not this order's";
  }
  if (truth.customerName !== null && !sameName(truth.customerName, order.customerName)) {
    return "its customer is not this order's";
  }
  return null;
}

/** What a report of a second Front Payment order adds to what was known of it. */
export type OtherOrderNews =
  /** The first report: someone must cancel one of the two. */
  | "new"
  /** Its status moved on (paid, cancelled…). */
  | "changed"
  /** Nothing new: a repeat, or an earlier status arriving late. */
  | "same";

/**
 * A second Front Payment order for order `orderId`: remembered when first reported, its status
 * moving forward as an order's does (`shouldApply`).
 */
export function decideOtherOrder(
  known: OtherFpOrder | null,
  report: { orderId: string; fpOrderUuid: string; status: TimedStatus | null },
): { next: OtherFpOrder | null; news: OtherOrderNews } {
  const status = report.status && { ...report.status, status: canonicalStatus(report.status.status) };
  if (!known) {
    return {
      next: { fpOrderUuid: report.fpOrderUuid, orderId: report.orderId, status, version: 1 },
      news: "new",
    };
  }
  if (!status || !shouldApply(known.status, status)) return { next: null, news: "same" };
  return { next: { ...bumped(known), status }, news: "changed" };
}

/** Why Front Payment's order `fpOrderUuid` of `order` cannot be cancelled, or null when it can. */
export type CancelRefusal =
  | { reason: "never-created" }
  /** The order's own status is final or paid: cancelling makes no sense. */
  | { reason: "status"; status: NotCancellableStatus };

/** The statuses after which cancelling makes no sense: paid (refund instead) or already ended. */
export const NOT_CANCELLABLE = ["PAID", "REFUNDED", "PARTIAL REFUNDED", "CANCELLED", "EXPIRED"] as const;
export type NotCancellableStatus = (typeof NOT_CANCELLABLE)[number];

/** The statuses after which nothing is owed or followed up (overdue, lookups): the same ones. */
export const SETTLED_STATUSES: readonly string[] = NOT_CANCELLABLE;

function isNotCancellable(status: string): status is NotCancellableStatus {
  return (NOT_CANCELLABLE as readonly string[]).includes(status);
}

export function cancellation(order: OrderRecord, fpOrderUuid: string | null): CancelRefusal | null {
  if (order.state !== "created" || fpOrderUuid === null) return { reason: "never-created" };
  // The status we know is the order's own; for a second order, Front Payment decides.
  const status = fpOrderUuid === order.fpOrderUuid ? order.status?.status : undefined;
  if (status !== undefined && isNotCancellable(status)) {
    return { reason: "status", status };
  }
  return null;
}

/** What a person can do from an order's channel message. */
export type OrderAction = "resend" | "refresh" | "cancel" | "refund" | "copy" | "edit";

/** Why `action` does not fit the order now, or null when it does. */
export type ActionRefusal =
  | { reason: "never-created" }
  | { reason: "status"; status: string | null }
  /** Edit: the customer has verified, so the invoice exists; correct it with a refund or credit note. */
  | { reason: "invoiced"; status: string };

const BEFORE_PAYMENT = ["SENT", "INVOICED", "Purring", "Inkasso"];
const REFUNDABLE = ["PAID", "PARTIAL REFUNDED"];

export function actionRefusal(order: OrderRecord, action: OrderAction): ActionRefusal | null {
  if (order.state !== "created") return { reason: "never-created" };
  const status = order.status ? canonicalStatus(order.status.status) : null;
  switch (action) {
    case "copy":
      return null;
    case "refresh":
      return status !== null && isFinalStatus(status) ? { reason: "status", status } : null;
    case "cancel": {
      const refusal = cancellation(order, order.fpOrderUuid);
      return refusal?.reason === "status" ? { reason: "status", status: refusal.status } : refusal;
    }
    case "resend":
      return status !== null && BEFORE_PAYMENT.includes(status) ? null : { reason: "status", status };
    case "refund":
      return status !== null && REFUNDABLE.includes(status) ? null : { reason: "status", status };
    case "edit":
      if (status === "SENT") return null;
      return status === null || !isKnownStatus(status) || ["CANCELLED", "EXPIRED"].includes(status)
        ? { reason: "status", status }
        : { reason: "invoiced", status };
  }
}

/** The actions that fit the order now, in the order the message offers them. */
export function orderActions(order: OrderRecord): OrderAction[] {
  const all: OrderAction[] = ["resend", "edit", "refund", "cancel", "refresh", "copy"];
  return all.filter((action) => actionRefusal(order, action) === null);
}

/**
 * Why a refund of `amountOre` cannot be made when `orderAmountOre` was paid and `refundedOre` of
 * it refunded already (Front Payment's Get Order Status), or null when it can.
 */
export function refundProblem(
  amountOre: number,
  paid: { orderAmountOre: number; refundedOre: number },
): { reason: "nothing" } | { reason: "too-much"; remainingOre: number } | null {
  if (!Number.isInteger(amountOre) || amountOre <= 0) return { reason: "nothing" };
  const remainingOre = paid.orderAmountOre - paid.refundedOre;
  return amountOre > remainingOre ? { reason: "too-much", remainingOre } : null;
}
