import type { InvoiceOrderRequest } from "@fakturabot/schema";
import type { Locale } from "../i18n/locale.js";

/**
 * Where an order is in its submission to Front Payment (docs/front-payment.md §12):
 * `sending`, then `created`, `failed` (certainly not created) or `unknown` (may exist); a failed or
 * unknown order whose kept request outlived its time is `expired` (request erased). What may
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
   * The day payment is due (`YYYY-MM-DD`, Oslo): the order date plus its maturity days
   * (`orders/due-date.ts`). Absent on orders recorded before it was kept.
   */
  dueDate?: string;
  /**
   * Whether the creator ever sent it again after an unknown outcome ("Send anyway"): only then can
   * Front Payment hold a second order for it.
   */
  sentAnyway: boolean;
  /** Grows by one on every write: a write names the version it read, so a racing write loses. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Who approved it (a Slack user id), when it needed approval (`orders/approval.ts`). */
  approvedBy?: string;
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

/**
 * A failed or unknown order kept longer than the deployment allows: its request (and the personal
 * number in it) is erased, so it can no longer be sent; what it was remains for the record.
 */
export interface ExpiredOrder extends OrderBase {
  state: "expired";
  /** Why it was not sent, as it was when it expired. */
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
  /**
   * When the customer landed on our failure return page after BankID (Unix seconds), once the
   * seller was told; absent until then.
   */
  customerStoppedAt?: number;
  /** The first day it was overdue (`YYYY-MM-DD`), once the creator was told: they are told once. */
  overdueSince?: string;
  /** When the periodic check last asked Front Payment about it (Unix seconds), absent until it did. */
  checkedAt?: number;
  /**
   * What the channel message tells beyond the status, kept once the order is created (the request,
   * with the customer's personal data, is not). Absent for orders created before it was kept.
   */
  facts?: InvoiceFacts;
}

/** One product line as the message shows it: nothing personal. */
export interface LineSummary {
  name: string;
  /** As sent ("2", "1.5"). */
  quantity: string;
  /** The line's total, VAT included, in øre. */
  amountOre: number;
}

/** What an order's message says about the invoice, besides its status. Never a personal number. */
export interface InvoiceFacts {
  lines: LineSummary[];
  /** The order date sent to Front Payment, Unix seconds. */
  orderDate: number;
  /** Days from the order date to the due date, as sent; null when none was sent. */
  maturityDays: number | null;
  /** Front Payment's invoice number, once it has one (Get Invoice Number). */
  invoiceNumber: string | null;
  /** How the customer paid, as Front Payment wrote it. */
  paymentMethod: string | null;
  /** How much has been refunded, in øre. */
  refundedOre: number;
  /** How much of each line (by Front Payment's line id) Fakturabot has refunded, in øre. */
  refundedLines: Record<string, number>;
  /** Who cancelled it through Fakturabot (a Slack user id) and why; null when not cancelled so. */
  cancelled: { by: string; reason: string } | null;
}

/** Where an approver was asked to approve an order: the direct message the bot sent them. */
export interface ApprovalMessageRef {
  approverId: string;
  channelId: string;
  ts: string;
}

/**
 * At or above the deployment's approval threshold: not sent until an approver other than its
 * creator approves it. The request is kept (it is what will be sent) and expires as a failed one's.
 */
export interface AwaitingApprovalOrder extends OrderBase, Unsent {
  state: "awaiting_approval";
  /** The approval messages posted so far, updated once someone decides. */
  approvalMessages: ApprovalMessageRef[];
}

/**
 * An approver rejected it: never sent. The request is kept so its creator can open the form
 * filled in from it, until it expires.
 */
export interface RejectedOrder extends OrderBase, Unsent {
  state: "rejected";
  rejection: { by: string; reason: string };
}

export type OrderRecord =
  | SendingOrder
  | FailedOrder
  | UnknownOrder
  | ExpiredOrder
  | CreatedOrder
  | AwaitingApprovalOrder
  | RejectedOrder;

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
  /** See `OrderBase.dueDate`. */
  dueDate?: string;
  /** `awaiting_approval` when it must be approved before it is sent (`orders/approval.ts`); default `sending`. */
  state?: "sending" | "awaiting_approval";
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
  /**
   * Why the last delivery did not complete: its error, or that the instance that had claimed it
   * stopped before completing it (its claim expired). Either way the work may already be in Slack.
   */
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

/** Where a page of a listing starts or ends: orders are listed newest first, by creation time, then id. */
export interface OrderCursor {
  /** `createdAt` in milliseconds. */
  createdAt: number;
  id: string;
}

/**
 * Which orders of one team a listing or sum covers. Every condition given must hold; what the
 * conditions mean for a person ("open", "overdue") is decided in `orders/listing.ts`, not here.
 */
export interface OrderFilter {
  teamId: string;
  /** Created by this user. */
  userId?: string;
  /** Created at Front Payment, with one of these statuses. */
  statusIn?: readonly string[];
  /** Created at Front Payment, with none of these statuses (no status yet counts as none). */
  statusNotIn?: readonly string[];
  /** Whose status was reported at or after this time (Unix seconds). */
  statusSince?: number;
  /** Due before this day (`YYYY-MM-DD`): the due date is earlier. */
  dueBefore?: string;
  /**
   * The customer's name containing this text (any case), or their organisation or (masked)
   * personal number starting with it, or our `FB…` or Front Payment's `ODR…` id being it.
   */
  search?: string;
  /** Only orders this user created, or whose channel (or message's channel) is one of these. Absent: all. */
  visibleTo?: { userId: string; channelIds: readonly string[] };
}

/** A page of a listing, newest first, with where the neighbouring pages start (null: none). */
export interface OrderPage {
  orders: OrderRecord[];
  /** Pass as `after` for the next (older) page. */
  older: OrderCursor | null;
  /** Pass as `before` for the previous (newer) page. */
  newer: OrderCursor | null;
}

/** How the periodic check finds its work (`orders/overdue-check.ts`). */
export interface CheckQuery {
  /** Past due: due before this day (`YYYY-MM-DD`), and not yet told. */
  dueBefore: string;
  /** Heard nothing since: not written since this time. */
  quietBefore: Date;
  /** Statuses that need no follow-up (paid, cancelled…): such orders are left out. */
  settled: readonly string[];
  limit: number;
}

/**
 * A workspace's installation of the app through Slack's OAuth flow (multi-workspace mode): one per
 * Slack team. `sealed` arrives encrypted (it holds the bot token) and is kept as given, so no store
 * ever sees a token in clear.
 */
export interface WorkspaceInstallation {
  /** The Slack team (workspace) id. */
  teamId: string;
  /** The workspace's name when it installed the app, for the operator. */
  teamName: string | null;
  /** The Slack user who installed it. */
  installedBy: string | null;
  /** The installation as Slack granted it (bot token included), encrypted: opaque to the store. */
  sealed: string;
  /** When the team installed the app (a reinstall keeps the first time). */
  installedAt: Date;
  /** When the installation was last replaced (a reinstall, new scopes). */
  updatedAt: Date;
}

export type NewInstallation = Omit<WorkspaceInstallation, "installedAt" | "updatedAt">;

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
 * A product in a workspace's price list, to fill an invoice line from. Its name is unique in the
 * team (ignoring case), and so is its product id when it has one.
 */
export interface SavedProduct {
  /** Ours (`PR…`), unique within the team. */
  id: string;
  teamId: string;
  name: string;
  /** The seller's own product number (at most 25 characters, Front Payment's limit); null when none. */
  productId: string | null;
  /** The unit price, VAT included, in øre. */
  unitPriceOre: number;
  /** The VAT rate in percent, one of the deployment's TAX_RATES when saved. */
  taxRate: number;
  createdAt: Date;
  updatedAt: Date;
}

export type ProductDetails = Omit<SavedProduct, "id" | "createdAt" | "updatedAt">;

/**
 * How a save or an edit of a product ended: stored, or refused because another product of the
 * team already has its name or its product id (ignoring case).
 */
export type ProductWrite = { ok: true; product: SavedProduct } | { ok: false; taken: "name" | "productId" };

/** What an invoice line is, for offering it again: nothing about the invoice's customer. */
export type LineDetails = Pick<SavedProduct, "name" | "productId" | "unitPriceOre" | "taxRate">;

/**
 * A distinct line of the team's created invoices (the same name, product id, unit price and VAT
 * rate are one), offered in the product picker beside the price list.
 */
export interface EarlierLine extends LineDetails {
  /** Ours (`LN…`), unique within the team. */
  id: string;
  teamId: string;
  /** When an invoice with this line was last created. */
  lastUsedAt: Date;
  /** On how many created invoices it was. */
  timesUsed: number;
}

/**
 * The bot's durable state: persistence only. Each method is one atomic operation; which change is
 * allowed is decided by the order lifecycle, which reads an order, decides, and writes it back
 * naming the version it read. Implementations: SQLite (embedded), and any other that passes the
 * store contract suite (`test/store-contract.ts`).
 */
export interface InvoiceStore {
  /**
   * Records a new submission in state `sending`, or `awaiting_approval` when it says so (version
   * 1; only a `sending` one takes the lease), or returns the order that already has
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
   * Claims `key` (one Slack delivery: a trigger id, an action's timestamp) until `expiresAt`:
   * true for the first claim, false while an earlier claim holds, on any connection or instance.
   * An expired claim may be taken again, and is forgotten.
   */
  claimOnce(key: string, expiresAt: Date): Promise<boolean>;
  /**
   * Resolves when the database answers and holds every migration this build knows (readiness);
   * rejects with why not.
   */
  ping(): Promise<void>;
  /**
   * One page of the orders `filter` covers, newest first: `limit` of them after `after` (older
   * than it) or before `before` (newer than it), or the newest when neither is given.
   */
  listOrders(
    filter: OrderFilter,
    page: { limit: number; after?: OrderCursor; before?: OrderCursor },
  ): Promise<OrderPage>;
  /** How many orders `filter` covers, and their total in øre less what was refunded of them. */
  sumOrders(filter: OrderFilter): Promise<{ count: number; totalOre: number }>;
  /**
   * Created orders, of every team, not settled, that are past due and not yet told, or quiet since
   * `quietBefore`; least recently written first, at most `limit`.
   */
  listToCheck(query: CheckQuery): Promise<CreatedOrder[]>;
  /**
   * Stores the team's installation, replacing the one it has (both times from the clock; a
   * replacement keeps `installedAt`). Returns it as stored.
   */
  saveInstallation(installation: NewInstallation): Promise<WorkspaceInstallation>;
  /** The team's installation, or null when it never installed the app or has uninstalled it. */
  getInstallation(teamId: string): Promise<WorkspaceInstallation | null>;
  /** Removes the team's installation (uninstalled, or its token revoked); false when it had none. */
  deleteInstallation(teamId: string): Promise<boolean>;

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

  /** The language a person of `teamId` chose in App Home, or null when they follow their workspace's. */
  getPersonLocale(teamId: string, userId: string): Promise<Locale | null>;
  /** Sets a person's language in their team; null forgets the choice (they follow their workspace's again). */
  setPersonLocale(teamId: string, userId: string, locale: Locale | null): Promise<void>;
  /**
   * Adds a product to `details.teamId`'s price list with `newId`; refused when the team already has
   * a product of that name or product id (ignoring case).
   */
  saveProduct(details: ProductDetails, newId: string): Promise<ProductWrite>;
  /**
   * The team's products whose name or product id contains `query` (ignoring case), by name; every
   * product for an empty query. At most `limit`.
   */
  searchProducts(teamId: string, query: string, limit: number): Promise<SavedProduct[]>;
  getProduct(teamId: string, id: string): Promise<SavedProduct | null>;
  /**
   * Replaces the details of a product of `teamId` (its id and team stay); null when there is no
   * such product, refused as `saveProduct` is.
   */
  updateProduct(
    teamId: string,
    id: string,
    details: Omit<ProductDetails, "teamId">,
  ): Promise<ProductWrite | null>;
  /** Removes a product from the price list; false when there was no such product. */
  deleteProduct(teamId: string, id: string): Promise<boolean>;
  /**
   * Records the lines of an invoice the team created, all at once: a line already known (same
   * name ignoring case, product id, unit price and VAT rate) is used once more, now, and keeps its
   * id; a new one gets the id `newId(index)` gives for its place in `lines`.
   */
  recordLines(teamId: string, lines: readonly LineDetails[], newId: (index: number) => string): Promise<void>;
  /**
   * The team's earlier lines whose name or product id contains `query` (ignoring case), most
   * recently used first; every line for an empty query. At most `limit`.
   */
  searchEarlierLines(teamId: string, query: string, limit: number): Promise<EarlierLine[]>;
  getEarlierLine(teamId: string, id: string): Promise<EarlierLine | null>;
  close(): Promise<void>;
}
