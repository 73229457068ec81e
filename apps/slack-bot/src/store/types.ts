import type { InvoiceOrderRequest } from "@fakturabot/schema";

/**
 * Where an order is in its submission to Front Payment (docs/front-payment.md §12):
 * - `sending`: the request is being sent right now;
 * - `created`: Front Payment answered 201, `fpOrderUuid` is known;
 * - `failed`: Front Payment certainly did not create it (an error answer, or never sent);
 *   the user may send it again;
 * - `unknown`: the request may have reached Front Payment but no answer came (timeout,
 *   connection lost): never re-sent without the user's explicit confirmation.
 */
export type SubmissionState = "sending" | "created" | "failed" | "unknown";

export interface OrderRecord {
  /** Our id (`FB…`): in the callback and redirect URLs, and sent as `referenceNo`. */
  id: string;
  /** Identifies one modal submission (the modal's view id), so a double submit finds this order. */
  submissionKey: string;
  teamId: string;
  channelId: string;
  /** The Slack user who created the order. */
  userId: string;
  state: SubmissionState;
  fpOrderUuid: string | null;
  fpCustomerUuid: string | null;
  bankIdUrl: string | null;
  /** The latest Front Payment status applied (SENT, INVOICED, PAID, …; an open set). */
  status: string | null;
  customerType: "private" | "corporate";
  customerName: string;
  /** The personal number masked (`280387*****`) or the organisation number; never a full personal number. */
  customerIdentifier: string;
  preferredLanguage: "en" | "no" | "sv" | "da" | "de";
  grandTotalOre: number;
  /**
   * The request as sent, kept only while the order may need to be sent again (`sending`,
   * `failed`, `unknown`) and erased once it is `created`: no personal data beyond the flow's needs.
   */
  request: InvoiceOrderRequest | null;
  /** Why the last attempt failed or is unknown, for the user. */
  failureReason: string | null;
  /** The channel message that shows the order, once posted. */
  message: { channelId: string; ts: string } | null;
  createdAt: Date;
  updatedAt: Date;
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

export interface RecordedStatusChange extends StatusChange {
  /** Whether it changed the order's status (false: an earlier status arriving late). */
  applied: boolean;
}

export type RecordStatusOutcome =
  /** New, and it moved the order forward: update the message and reply in the thread. */
  | { outcome: "applied"; order: OrderRecord }
  /** The same notification again (same status and timestamp): nothing to do. */
  | { outcome: "duplicate"; order: OrderRecord }
  /** New, but older than the order's status (out of order): kept in the history only. */
  | { outcome: "stale"; order: OrderRecord };

/** What a report of a second Front Payment order for one of ours adds to what was known. */
export type OtherFpOrderNews =
  /** The first report of it: someone must cancel one of the two. */
  | "new"
  /** Its status moved on (paid, cancelled…). */
  | "changed"
  /** Nothing new: a repeat, or an earlier status arriving late. */
  | "same";

/**
 * The bot's durable state. One small interface, so a Postgres implementation can follow the
 * embedded SQLite one for several instances. Every transition is atomic.
 */
export interface InvoiceStore {
  /**
   * Records a new submission in state `sending`, or returns the order that already has this
   * `submissionKey` (`created: false`): a double submit finds the first one.
   */
  beginSubmission(submission: NewSubmission): Promise<{ order: OrderRecord; created: boolean }>;
  /**
   * Moves a `failed` order (or, after the user's explicit confirmation, an `unknown` one) back to
   * `sending`. Returns null when the order is not in one of `from` (another attempt won the race).
   */
  retrySubmission(id: string, from: readonly ("failed" | "unknown")[]): Promise<OrderRecord | null>;
  markCreated(
    id: string,
    created: { fpOrderUuid: string; fpCustomerUuid: string; bankIdUrl: string | null; status: string },
  ): Promise<OrderRecord>;
  markFailed(id: string, reason: string): Promise<OrderRecord>;
  markUnknown(id: string, reason: string): Promise<OrderRecord>;
  setMessage(id: string, message: { channelId: string; ts: string }): Promise<OrderRecord>;
  get(id: string): Promise<OrderRecord | null>;
  getByFpOrderUuid(fpOrderUuid: string): Promise<OrderRecord | null>;
  /**
   * Records a status notification: deduplicated, and applied only if it moves the order forward.
   * A verified callback for an order still `sending` or `unknown` proves Front Payment created it:
   * the order becomes `created` with the callback's `fpOrderUuid`.
   */
  recordStatus(id: string, change: StatusChange): Promise<RecordStatusOutcome>;
  /**
   * Remembers a second Front Payment order for order `id` (both attempts of an order whose outcome
   * was unknown reached Front Payment), with its latest status when a notification tells it
   * (`at`: Unix seconds); statuses move forward as in {@link recordStatus}.
   */
  recordOtherFpOrder(
    id: string,
    fpOrderUuid: string,
    change?: { status: string; at: number },
  ): Promise<OtherFpOrderNews>;
  /** The order a second Front Payment order was made for. */
  getByOtherFpOrderUuid(fpOrderUuid: string): Promise<OrderRecord | null>;
  /** Every distinct notification for the order, oldest first. */
  history(id: string): Promise<RecordedStatusChange[]>;
  /**
   * Marks every order still `sending` as `unknown`: with one instance, an order found `sending` at
   * start-up was interrupted by a stop or crash and may or may not have reached Front Payment.
   * Called once at start-up, before serving requests; returns the orders it changed, to tell their users.
   */
  recoverInterruptedSubmissions(reason: string): Promise<OrderRecord[]>;
  close(): Promise<void>;
}
