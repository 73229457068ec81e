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

/** How a conditional write ended. */
export type WriteResult<T> =
  | { written: true; value: T }
  /** Someone else wrote first (the version moved on): read again and decide again. */
  | { written: false; reason: "conflict" }
  /** The history already holds this notification: nothing was written. */
  | { written: false; reason: "duplicate" };

/**
 * A customer a workspace has invoiced, remembered so the next invoice can start from it. Never a
 * personal number: a private customer's is asked for again on every invoice (see the README).
 */
export interface SavedCustomer {
  /** Ours (`CU…`), unique within the team. */
  id: string;
  teamId: string;
  type: "private" | "corporate";
  name: string;
  /** The organisation number of a company; null for a person. */
  organizationId: string | null;
  email: string;
  /** Dialling code, e.g. `+47`. */
  countryCode: string;
  /** The mobile number without the dialling code. */
  msisdn: string;
  street: string;
  zip: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  preferredLanguage: OrderRecord["preferredLanguage"];
  createdAt: Date;
  /** The last save (an invoice created for it, or an edit). */
  updatedAt: Date;
}

/**
 * What is saved about a customer. The same customer saved again (a company by its organisation
 * number, a person by name and email, in the same team) is updated, not added twice.
 */
export type CustomerDetails = Omit<SavedCustomer, "id" | "createdAt" | "updatedAt">;

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
  beginSubmission(submission: NewSubmission): Promise<{ order: OrderRecord; created: boolean }>;
  get(id: string): Promise<OrderRecord | null>;
  getByFpOrderUuid(fpOrderUuid: string): Promise<CreatedOrder | null>;
  /** Orders in `state`, oldest first. */
  listByState<S extends SubmissionState>(state: S): Promise<Extract<OrderRecord, { state: S }>[]>;
  /**
   * Replaces the order with `next` if it is still at `next.version - 1`, and adds `history` to its
   * history in the same transaction. Nothing is written when the version moved on (`conflict`) or
   * the history already holds the notification (`duplicate`).
   */
  saveOrder(next: OrderRecord, history?: HistoryEntry): Promise<WriteResult<OrderRecord>>;
  /** Every distinct notification for the order, oldest first. */
  history(id: string): Promise<RecordedStatusChange[]>;
  getOtherFpOrder(fpOrderUuid: string): Promise<OtherFpOrder | null>;
  /** Inserts (version 1) or replaces (if still at `version - 1`) a second Front Payment order. */
  saveOtherFpOrder(next: OtherFpOrder): Promise<WriteResult<OtherFpOrder>>;
  /**
   * Saves a customer of `details.teamId`: adds it (with `newId`) or, when the team already has the
   * same customer (a company's organisation number; a person's name and email, ignoring case),
   * updates that one and keeps its id. Returns the customer as stored.
   */
  saveCustomer(details: CustomerDetails, newId: string): Promise<SavedCustomer>;
  /**
   * The team's customers whose name, organisation number, email or mobile number contains `query`
   * (ignoring case; spaces in numbers ignored), by name; every customer for an empty query.
   * At most `limit`.
   */
  searchCustomers(teamId: string, query: string, limit: number): Promise<SavedCustomer[]>;
  getCustomer(teamId: string, id: string): Promise<SavedCustomer | null>;
  /**
   * Replaces the details of a customer of `teamId` (its type and team stay); null when there is no
   * such customer. Fails when the change would make it the same customer as another one.
   */
  updateCustomer(
    teamId: string,
    id: string,
    details: Omit<CustomerDetails, "teamId" | "type">,
  ): Promise<SavedCustomer | null>;
  /**
   * Erases a customer (the right to erasure): gone from the store and from its files on disk.
   * False when there was no such customer.
   */
  forgetCustomer(teamId: string, id: string): Promise<boolean>;
  close(): Promise<void>;
}
