import type { InvoiceOrderRequest } from "@fakturabot/schema";

/**
 * Where an order is in its submission to Front Payment (docs/front-payment.md §12):
 * `sending`, then `created`, `failed` (certainly not created) or `unknown` (may exist). What may
 * move an order from one to another is decided by the order lifecycle (`src/orders/`), never here.
 */
export type SubmissionState = OrderRecord["state"];

/** Where an order's channel message is. */
export interface MessageRef {
  channelId: string;
  ts: string;
}

/** What every order has, whatever its state. */
interface OrderBase {
  /** Our id (`FB…`): in the callback and redirect URLs, and sent as `referenceNo`. */
  id: string;
  /** Identifies one modal submission (the modal's view id), so a double submit finds this order. */
  submissionKey: string;
  teamId: string;
  channelId: string;
  /** The Slack user who created the order. */
  userId: string;
  customerType: "private" | "corporate";
  customerName: string;
  /** The personal number masked (`280387*****`) or the organisation number; never a full personal number. */
  customerIdentifier: string;
  preferredLanguage: "en" | "no" | "sv" | "da" | "de";
  grandTotalOre: number;
  /** The channel message that shows the order, once posted. */
  message: MessageRef | null;
  /**
   * Whether the creator ever sent it again after an unknown outcome ("Send anyway"): only then can
   * Front Payment hold a second order for it.
   */
  sentAnyway: boolean;
  /** Grows by one on every write: a write names the version it read, so a racing write loses. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The request as sent is kept only while the order may need to be sent again, and erased once it is
 * `created`: no personal data beyond the flow's needs.
 */
interface Unsent {
  request: InvoiceOrderRequest;
}

/** The request is being sent right now. */
export interface SendingOrder extends OrderBase, Unsent {
  state: "sending";
}

/** Front Payment certainly did not create it: the user may send it again. */
export interface FailedOrder extends OrderBase, Unsent {
  state: "failed";
  /** Why, for the user. */
  failureReason: string;
}

/** It may have reached Front Payment, but no answer came: sent again only on the user's explicit confirmation. */
export interface UnknownOrder extends OrderBase, Unsent {
  state: "unknown";
  failureReason: string;
}

/** Front Payment has it. */
export interface CreatedOrder extends OrderBase {
  state: "created";
  fpOrderUuid: string;
  /** Null when the order became known from a status notification rather than the submit answer. */
  fpCustomerUuid: string | null;
  bankIdUrl: string | null;
  /** The latest Front Payment status applied (SENT, INVOICED, PAID, …; an open set), null until one is known. */
  status: TimedStatus | null;
}

export type OrderRecord = SendingOrder | FailedOrder | UnknownOrder | CreatedOrder;

/** A status with when Front Payment reported it (its `timestamp`, else when we learnt it), Unix seconds. */
export interface TimedStatus {
  status: string;
  at: number;
}

export interface NewSubmission {
  id: string;
  submissionKey: string;
  teamId: string;
  channelId: string;
  userId: string;
  customerType: OrderRecord["customerType"];
  customerName: string;
  customerIdentifier: string;
  preferredLanguage: OrderRecord["preferredLanguage"];
  grandTotalOre: number;
  request: InvoiceOrderRequest;
}

/** A status notification from Front Payment (a verified callback, or a status lookup). */
export interface StatusChange {
  /** Front Payment's order id the notification is about. */
  fpOrderUuid: string;
  status: string;
  /** Front Payment's `timestamp` (Unix seconds), when it sent one. */
  sentAt: number | null;
  paymentMethod: string | null;
  /** The amount as Front Payment wrote it. */
  amount: string | null;
  source: "callback" | "lookup";
  receivedAt: Date;
}

/** A notification as kept in an order's history. */
export interface RecordedStatusChange extends StatusChange {
  /** Whether it changed the order's status (false: an earlier status arriving late). */
  applied: boolean;
}

/** A notification to add to an order's history, with what makes two notifications the same one. */
export interface HistoryEntry {
  change: RecordedStatusChange;
  dedupKey: string;
}

/**
 * A second Front Payment order for one of ours (both attempts of an order whose outcome was unknown
 * reached Front Payment): kept so it can be found by its id, and reported once.
 */
export interface OtherFpOrder {
  fpOrderUuid: string;
  orderId: string;
  status: TimedStatus | null;
  version: number;
}

/**
 * Who is sending a `sending` order right now (an instance id) and until when: renewed while the
 * submit is in flight, so recovery turns only an order whose owner stopped renewing into `unknown`.
 */
export interface SubmissionLease {
  owner: string;
  expiresAt: Date;
}

/** A status change as a thread reply shows it. */
export interface ShownChange {
  status: string;
  paymentMethod: string | null;
  amount: string | null;
}

/**
 * Slack work an order write leaves to do (the outbox): stored in the same transaction as the write,
 * delivered afterwards by any instance, so an acknowledged change reaches Slack even after a crash.
 */
export type SlackWork =
  /** Post the order's channel message (nothing to do once it has one). */
  | { kind: "post-message" }
  /** Rewrite the channel message with the order as it is when delivered. */
  | { kind: "update-message" }
  /** One thread reply for one status change. */
  | { kind: "reply-status"; change: ShownChange }
  /** Tell the creator their submission was cut off by a stop or crash. */
  | { kind: "tell-interrupted" }
  /** Report a second Front Payment order in the order's thread (or to its creator). */
  | { kind: "second-order"; fpOrderUuid: string; first: boolean; change: ShownChange | null };

/** Slack work to record with a write. */
export interface NewOutboxEntry {
  work: SlackWork;
  /**
   * Entries of one order with the same key that are still waiting are one: a second is not
   * recorded (a message update shows the order as it is when delivered, so one serves all). Null:
   * every entry counts (a thread reply per status).
   */
  coalesceKey: string | null;
}

/** Slack work waiting in the outbox, as a deliverer sees it. */
export interface OutboxEntry extends NewOutboxEntry {
  /** Grows with every entry: an order's entries are delivered in this order. */
  id: number;
  orderId: string;
  /** Failed deliveries so far (a rate limit does not count). */
  attempts: number;
  /** Not to be delivered before. */
  dueAt: Date;
  /** The instance delivering it and until when; another may take it once the claim expired. */
  claim: { owner: string; expiresAt: Date } | null;
  lastError: string | null;
  createdAt: Date;
}

/** What else a write of an order records, in the same transaction. */
export interface OrderWriteExtras {
  /** Slack work the write leaves to do. */
  outbox?: readonly NewOutboxEntry[];
  /**
   * The lease of a `sending` order (a retry begins a new attempt). Left out, a `sending` order keeps
   * its lease; any other state has none.
   */
  lease?: SubmissionLease;
}

/** How a conditional write ended. */
export type WriteResult<T> =
  | { written: true; value: T }
  /** Someone else wrote first (the version moved on): read again and decide again. */
  | { written: false; reason: "conflict" }
  /** The history already holds this notification: nothing was written. */
  | { written: false; reason: "duplicate" };

/**
 * The bot's durable state: persistence only. Each method is one atomic operation; which change is
 * allowed is decided by the order lifecycle, which reads an order, decides, and writes it back
 * naming the version it read. Implementations: SQLite (embedded), and any other that passes the
 * store contract suite (`test/store-contract.ts`).
 */
export interface InvoiceStore {
  /**
   * Records a new submission in state `sending` (version 1), or returns the order that already has
   * this `submissionKey` (`created: false`): a double submit finds the first one.
   */
  beginSubmission(
    submission: NewSubmission,
    /** Who sends it; without one the order is recoverable at once (`listExpiredSubmissions`). */
    lease?: SubmissionLease,
  ): Promise<{ order: OrderRecord; created: boolean }>;
  get(id: string): Promise<OrderRecord | null>;
  getByFpOrderUuid(fpOrderUuid: string): Promise<CreatedOrder | null>;
  /** Orders in `state`, oldest first. */
  listByState<S extends SubmissionState>(state: S): Promise<Extract<OrderRecord, { state: S }>[]>;
  /**
   * Replaces the order with `next` if it is still at `next.version - 1`, and adds `history` to its
   * history in the same transaction. Nothing is written when the version moved on (`conflict`) or
   * the history already holds the notification (`duplicate`). `extras.outbox` is recorded in the
   * same transaction (after coalescing), and the lease set as `OrderWriteExtras` says.
   */
  saveOrder(
    next: OrderRecord,
    history?: HistoryEntry,
    extras?: OrderWriteExtras,
  ): Promise<WriteResult<OrderRecord>>;
  /** Every distinct notification for the order, oldest first. */
  history(id: string): Promise<RecordedStatusChange[]>;
  getOtherFpOrder(fpOrderUuid: string): Promise<OtherFpOrder | null>;
  /**
   * Inserts (version 1) or replaces (if still at `version - 1`) a second Front Payment order, and
   * records `outbox` for its order in the same transaction.
   */
  saveOtherFpOrder(
    next: OtherFpOrder,
    outbox?: readonly NewOutboxEntry[],
  ): Promise<WriteResult<OtherFpOrder>>;

  /**
   * Extends the lease of a `sending` order `lease.owner` holds; false when it holds none (the
   * order moved on, or another instance recovered it). A renewal is a write: the version grows.
   */
  renewLease(orderId: string, lease: SubmissionLease): Promise<boolean>;
  /** `sending` orders whose lease expired by `now` (or that have none), oldest first. */
  listExpiredSubmissions(now: Date): Promise<SendingOrder[]>;

  /**
   * Claims up to `limit` outbox entries for `owner` until `claimUntil`: due by `now`, unclaimed or
   * with an expired claim, and each the oldest entry left of its order (so an order's Slack work
   * goes out in order, one entry at a time). Several instances may claim at once; none gets an
   * entry another holds (PostgreSQL: `FOR UPDATE SKIP LOCKED`). `orderId` limits it to one order.
   */
  claimOutbox(claim: {
    owner: string;
    now: Date;
    claimUntil: Date;
    limit: number;
    orderId?: string;
  }): Promise<OutboxEntry[]>;
  /** Removes a delivered entry `owner` holds; false when it no longer holds it. */
  completeOutbox(id: number, owner: string): Promise<boolean>;
  /**
   * Gives back an entry `owner` holds, not to be delivered before `dueAt`; `failed` counts an
   * attempt and keeps `error`. An entry with a waiting twin (same order and coalescing key) is
   * removed instead. False when `owner` no longer holds it.
   */
  releaseOutbox(
    id: number,
    owner: string,
    release: { dueAt: Date; failed: boolean; error?: string },
  ): Promise<boolean>;
  /** Every entry in the outbox, oldest first (depth and age for operators, and tests). */
  listOutbox(): Promise<OutboxEntry[]>;
  close(): Promise<void>;
}
