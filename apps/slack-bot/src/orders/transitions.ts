import { unixSeconds } from "@fakturabot/schema";
import type {
  CreatedOrder,
  HistoryEntry,
  MessageRef,
  OrderRecord,
  OtherFpOrder,
  StatusChange,
  TimedStatus,
} from "../store/types.js";
import { canonicalStatus, isKnownStatus, shouldApply } from "./status.js";

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
 * | sending                  | notified, later    | created   | post-message, reply-status |
 * | failed                   | notified, later    | created   | post-message, reply-status |
 * | unknown                  | notified, later    | created   | post-message, reply-status |
 * | sending                  | message-posted     | sending   |                            |
 * | created                  | message-posted     | created   |                            |
 * | sending                  | interrupted        | unknown   | tell-interrupted           |
 * | failed                   | interrupted        | —         |                            |
 * | unknown                  | interrupted        | —         |                            |
 * | created                  | interrupted        | —         |                            |
 *
 * "created": created with Front Payment's id ODR1 and no channel message yet; "other id": a
 * notification or answer about another Front Payment order (a second one, sent again after an
 * unknown outcome); "later", "earlier", "same": the notification's status against the order's.
 * A notification stored with `next` "created" but no effects is kept in the history only.
 * A notification that is already in the history (same status and Front Payment timestamp) changes
 * nothing: the store refuses the duplicate. A second Front Payment order is decided by
 * `decideOtherOrder`; whether an order may be cancelled by `cancellation`.
 *
 * The Slack effects (post-message, show-status, reply-status, tell-interrupted) are stored with
 * the decision, in the same write, as outbox entries (`outbox.ts`: show-status is a message update,
 * coalesced with any still waiting, and a thread reply), and delivered afterwards by any instance,
 * each order's in order; a second order's report is stored with the second order. "interrupted" is
 * decided only for an order whose submission lease expired (its instance stopped renewing it).
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
  | { type: "interrupted"; reason: string };

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
  | { type: "tell-interrupted" };

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
    change: { ...change, status: incoming.status, applied },
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
  };
  return { next, history, effects: [{ type: "post-message" }, { type: "reply-status", change }] };
}

/** The transition table above, as code. Pure: the same order and event always give the same decision. */
export function decide(order: OrderRecord, event: OrderEvent): Decision {
  switch (event.type) {
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
      return onNotified(order, event.change);
    case "message-posted":
      return { next: { ...bumped(order), message: event.message }, effects: [] };
    case "interrupted":
      return order.state === "sending"
        ? {
            next: { ...common(order), state: "unknown", request: order.request, failureReason: event.reason },
            effects: [{ type: "tell-interrupted" }],
          }
        : NOTHING;
  }
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
