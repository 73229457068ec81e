import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Locale } from "../i18n/locale.js";
import { awaitsApproval, keepsRequest } from "./approval-rows.js";
import { Database } from "./better-sqlite3.js";
import {
  customerFromRow,
  customerMatchKey,
  customerSearchText,
  type CustomerRow as SharedCustomerRow,
  searchNeedles,
} from "./customers.js";
import { StoreVersionError } from "./errors.js";
import {
  customerSearch,
  ORDER_ROW_COLUMNS,
  orderColumns,
  orderFromRow,
  type RowEncoding,
  type OrderRow as SharedOrderRow,
  storedIdentifier,
  timedStatus,
} from "./order-row.js";
import { PRODUCTS_MIGRATION, sqliteProductMethods } from "./sqlite-products.js";
import type {
  CreatedOrder,
  CustomerDetails,
  HistoryEntry,
  InvoiceStore,
  NewInstallation,
  NewOutboxEntry,
  NewSubmission,
  OrderCursor,
  OrderFilter,
  OrderPage,
  OrderRecord,
  OrderWriteExtras,
  OtherFpOrder,
  OutboxEntry,
  RecordedStatusChange,
  SavedCustomer,
  SendingOrder,
  SlackWork,
  SubmissionLease,
  SubmissionState,
  WorkspaceInstallation,
  WriteResult,
} from "./types.js";

export const DATABASE_FILE = "fakturabot.db";

/**
 * The schema, one migration per version, applied in order at open. Append; never edit one that
 * has shipped. Invariants the code relies on are constraints, so a bug cannot break them quietly.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    submission_key TEXT NOT NULL UNIQUE,
    team_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('sending', 'created', 'failed', 'unknown')),
    fp_order_uuid TEXT UNIQUE,
    fp_customer_uuid TEXT,
    bank_id_url TEXT,
    status TEXT,
    -- When Front Payment reported the applied status (Unix seconds): unknown statuses compare by it.
    status_at INTEGER,
    customer_type TEXT NOT NULL CHECK (customer_type IN ('private', 'corporate')),
    customer_name TEXT NOT NULL,
    customer_identifier TEXT NOT NULL,
    preferred_language TEXT NOT NULL,
    grand_total_ore INTEGER NOT NULL,
    -- The request, kept only while it may be sent again: personal data leaves with it.
    request_json TEXT,
    failure_reason TEXT,
    message_channel_id TEXT,
    message_ts TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK ((state = 'created') = (request_json IS NULL)),
    CHECK ((state = 'created') = (fp_order_uuid IS NOT NULL)),
    CHECK ((status IS NULL) = (status_at IS NULL)),
    CHECK ((message_channel_id IS NULL) = (message_ts IS NULL))
  ) STRICT;

  CREATE TABLE status_history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id TEXT NOT NULL REFERENCES orders (id),
    fp_order_uuid TEXT NOT NULL,
    status TEXT NOT NULL,
    sent_at INTEGER,
    payment_method TEXT,
    amount TEXT,
    source TEXT NOT NULL CHECK (source IN ('callback', 'lookup')),
    received_at INTEGER NOT NULL,
    applied INTEGER NOT NULL CHECK (applied IN (0, 1)),
    -- What makes two notifications the same one: see notificationKey().
    dedup_key TEXT NOT NULL,
    UNIQUE (order_id, dedup_key)
  ) STRICT;
  `,
  `
  -- Second Front Payment orders for one of ours (both attempts of an order whose outcome was
  -- unknown reached Front Payment): found by their id, so they can be cancelled, and told of once.
  CREATE TABLE other_fp_orders (
    fp_order_uuid TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders (id),
    status TEXT,
    status_at INTEGER,
    reported_at INTEGER NOT NULL,
    CHECK ((status IS NULL) = (status_at IS NULL))
  ) STRICT;
  `,
  `
  -- Every write names the version it read (compare-and-set), so racing writers cannot both win.
  ALTER TABLE orders ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE other_fp_orders ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  -- Only an order sent again after an unknown outcome can have a second Front Payment order.
  ALTER TABLE orders ADD COLUMN sent_anyway INTEGER NOT NULL DEFAULT 0 CHECK (sent_anyway IN (0, 1));
  `,
  `
  -- Slack deliveries already taken (its retries of one request do the work once, on any instance).
  CREATE TABLE delivery_claims (
    key TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX delivery_claims_expiry ON delivery_claims (expires_at);
  `,
  `
  -- A failed or unknown order's kept request expires: erased with its personal number, the order
  -- 'expired'. SQLite cannot change a CHECK constraint, so the table is rebuilt (foreign keys are
  -- off while migrating, and checked after). Also: when the customer stopped at BankID, once told.
  CREATE TABLE orders_next (
    id TEXT PRIMARY KEY,
    submission_key TEXT NOT NULL UNIQUE,
    team_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('sending', 'created', 'failed', 'unknown', 'expired')),
    fp_order_uuid TEXT UNIQUE,
    fp_customer_uuid TEXT,
    bank_id_url TEXT,
    status TEXT,
    status_at INTEGER,
    customer_type TEXT NOT NULL CHECK (customer_type IN ('private', 'corporate')),
    customer_name TEXT NOT NULL,
    customer_identifier TEXT NOT NULL,
    preferred_language TEXT NOT NULL,
    grand_total_ore INTEGER NOT NULL,
    request_json TEXT,
    failure_reason TEXT,
    message_channel_id TEXT,
    message_ts TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    sent_anyway INTEGER NOT NULL DEFAULT 0 CHECK (sent_anyway IN (0, 1)),
    customer_stopped_at INTEGER,
    CHECK ((state IN ('sending', 'failed', 'unknown')) = (request_json IS NOT NULL)),
    CHECK ((state = 'created') = (fp_order_uuid IS NOT NULL)),
    CHECK ((status IS NULL) = (status_at IS NULL)),
    CHECK ((message_channel_id IS NULL) = (message_ts IS NULL)),
    CHECK (customer_stopped_at IS NULL OR state = 'created')
  ) STRICT;
  INSERT INTO orders_next (id, submission_key, team_id, channel_id, user_id, state, fp_order_uuid,
    fp_customer_uuid, bank_id_url, status, status_at, customer_type, customer_name, customer_identifier,
    preferred_language, grand_total_ore, request_json, failure_reason, message_channel_id, message_ts,
    created_at, updated_at, version, sent_anyway)
  SELECT id, submission_key, team_id, channel_id, user_id, state, fp_order_uuid, fp_customer_uuid,
    bank_id_url, status, status_at, customer_type, customer_name, customer_identifier, preferred_language,
    grand_total_ore, request_json, failure_reason, message_channel_id, message_ts, created_at, updated_at,
    version, sent_anyway
  FROM orders;
  DROP TABLE orders;
  ALTER TABLE orders_next RENAME TO orders;
  CREATE INDEX orders_by_state ON orders (state, updated_at);
  `,
  `
  -- Following an order up after it was sent: when it is due, whether its creator was told it is
  -- overdue, when the periodic check last asked Front Payment about it.
  ALTER TABLE orders ADD COLUMN due_date TEXT CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
  ALTER TABLE orders ADD COLUMN overdue_since TEXT;
  ALTER TABLE orders ADD COLUMN checked_at INTEGER;
  -- The customer's name folded for searching (SQLite's own lower() folds ASCII only, not æøå).
  ALTER TABLE orders ADD COLUMN customer_search TEXT;
  UPDATE orders SET customer_search = lower(customer_name);
  -- Listings: one team's orders, newest first (keyset pagination on created_at, id).
  CREATE INDEX orders_by_team_newest ON orders (team_id, created_at DESC, id DESC);
  -- The periodic check: created orders by when they were last written.
  CREATE INDEX orders_created_by_update ON orders (updated_at) WHERE state = 'created';
  `,
  `
  -- Workspaces that installed the app through OAuth; sealed is encrypted by the bot (it holds the token).
  CREATE TABLE installations (
    team_id TEXT PRIMARY KEY,
    team_name TEXT,
    installed_by TEXT,
    sealed TEXT NOT NULL,
    installed_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  `,
  `
  -- What the channel message tells beyond the status (InvoiceFacts), once created; never personal.
  -- lines_json is NULL for orders created before it was kept, and then so are the others.
  ALTER TABLE orders ADD COLUMN lines_json TEXT;
  ALTER TABLE orders ADD COLUMN order_date INTEGER;
  ALTER TABLE orders ADD COLUMN maturity_days INTEGER;
  ALTER TABLE orders ADD COLUMN invoice_number TEXT;
  ALTER TABLE orders ADD COLUMN payment_method TEXT;
  ALTER TABLE orders ADD COLUMN refunded_ore INTEGER CHECK (refunded_ore >= 0);
  ALTER TABLE orders ADD COLUMN refunded_lines_json TEXT;
  ALTER TABLE orders ADD COLUMN cancelled_by TEXT;
  ALTER TABLE orders ADD COLUMN cancel_reason TEXT;
  `,
  `
  -- Who sends a 'sending' order and until when (renewed while the submit is in flight): recovery
  -- takes only orders whose lease expired, never those of a live instance.
  ALTER TABLE orders ADD COLUMN lease_owner TEXT;
  ALTER TABLE orders ADD COLUMN lease_expires_at INTEGER;
  DROP INDEX IF EXISTS orders_by_state;
  CREATE INDEX orders_by_state ON orders (state, created_at, id);

  -- Slack work recorded in the same transaction as the order write that made it (the outbox),
  -- delivered and removed by whichever instance claims it.
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id TEXT NOT NULL REFERENCES orders (id),
    work_json TEXT NOT NULL,
    coalesce_key TEXT,
    due_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    claim_owner TEXT,
    claim_expires_at INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    CHECK ((claim_owner IS NULL) = (claim_expires_at IS NULL))
  ) STRICT;
  -- One waiting entry per order and coalescing key: a second is the same work.
  CREATE UNIQUE INDEX outbox_waiting_once ON outbox (order_id, coalesce_key)
    WHERE coalesce_key IS NOT NULL AND claim_owner IS NULL;
  CREATE INDEX outbox_by_order ON outbox (order_id, id);
  CREATE INDEX outbox_by_due ON outbox (due_at);
  `,
  `
  -- Customers a team has invoiced, to start the next invoice from. Never a personal number.
  CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('private', 'corporate')),
    -- What makes two saves the same customer: see customerMatchKey().
    match_key TEXT NOT NULL,
    -- Lower-case name, numbers and email, for search: see customerSearchText().
    search_text TEXT NOT NULL,
    name TEXT NOT NULL,
    organization_id TEXT,
    email TEXT NOT NULL,
    country_code TEXT NOT NULL,
    msisdn TEXT NOT NULL,
    street TEXT NOT NULL,
    zip TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    preferred_language TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (team_id, match_key),
    CHECK ((type = 'corporate') = (organization_id IS NOT NULL))
  ) STRICT;
  CREATE INDEX customers_by_team ON customers (team_id, name);
  `,
  `
  -- The language a person chose in App Home; no row: they read their workspace's.
  CREATE TABLE person_locales (
    team_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    locale TEXT NOT NULL CHECK (locale IN ('nb', 'en')),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (team_id, user_id)
  ) STRICT;
  `,
  `
  -- Approval above a threshold: an order 'awaiting_approval' (its request kept: it is what will
  -- be sent) or 'rejected' (kept for its creator's form until it expires), and who
  -- approved one. SQLite cannot change a CHECK constraint, so the table is rebuilt with every
  -- column it has (foreign keys are off while migrating, and checked after).
  CREATE TABLE orders_next (
    id TEXT PRIMARY KEY,
    submission_key TEXT NOT NULL UNIQUE,
    team_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('sending', 'created', 'failed', 'unknown', 'expired',
      'awaiting_approval', 'rejected')),
    fp_order_uuid TEXT UNIQUE,
    fp_customer_uuid TEXT,
    bank_id_url TEXT,
    status TEXT,
    status_at INTEGER,
    customer_type TEXT NOT NULL CHECK (customer_type IN ('private', 'corporate')),
    customer_name TEXT NOT NULL,
    customer_identifier TEXT NOT NULL,
    preferred_language TEXT NOT NULL,
    grand_total_ore INTEGER NOT NULL,
    request_json TEXT,
    failure_reason TEXT,
    message_channel_id TEXT,
    message_ts TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    sent_anyway INTEGER NOT NULL DEFAULT 0 CHECK (sent_anyway IN (0, 1)),
    customer_stopped_at INTEGER,
    due_date TEXT CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    overdue_since TEXT,
    checked_at INTEGER,
    customer_search TEXT,
    lines_json TEXT,
    order_date INTEGER,
    maturity_days INTEGER,
    invoice_number TEXT,
    payment_method TEXT,
    refunded_ore INTEGER CHECK (refunded_ore >= 0),
    refunded_lines_json TEXT,
    cancelled_by TEXT,
    cancel_reason TEXT,
    lease_owner TEXT,
    lease_expires_at INTEGER,
    approval_messages_json TEXT,
    rejected_by TEXT,
    rejection_reason TEXT,
    approved_by TEXT,
    CHECK ((state IN ('sending', 'failed', 'unknown', 'awaiting_approval', 'rejected')) = (request_json IS NOT NULL)),
    CHECK ((state = 'created') = (fp_order_uuid IS NOT NULL)),
    CHECK ((status IS NULL) = (status_at IS NULL)),
    CHECK ((message_channel_id IS NULL) = (message_ts IS NULL)),
    CHECK (customer_stopped_at IS NULL OR state = 'created'),
    CHECK ((state = 'awaiting_approval') = (approval_messages_json IS NOT NULL)),
    CHECK ((state = 'rejected') = (rejected_by IS NOT NULL)),
    CHECK ((rejected_by IS NULL) = (rejection_reason IS NULL))
  ) STRICT;
  INSERT INTO orders_next (id, submission_key, team_id, channel_id, user_id, state, fp_order_uuid,
    fp_customer_uuid, bank_id_url, status, status_at, customer_type, customer_name, customer_identifier,
    preferred_language, grand_total_ore, request_json, failure_reason, message_channel_id, message_ts,
    created_at, updated_at, version, sent_anyway, customer_stopped_at, due_date, overdue_since, checked_at,
    customer_search, lines_json, order_date, maturity_days, invoice_number, payment_method, refunded_ore,
    refunded_lines_json, cancelled_by, cancel_reason, lease_owner, lease_expires_at)
  SELECT id, submission_key, team_id, channel_id, user_id, state, fp_order_uuid,
    fp_customer_uuid, bank_id_url, status, status_at, customer_type, customer_name, customer_identifier,
    preferred_language, grand_total_ore, request_json, failure_reason, message_channel_id, message_ts,
    created_at, updated_at, version, sent_anyway, customer_stopped_at, due_date, overdue_since, checked_at,
    customer_search, lines_json, order_date, maturity_days, invoice_number, payment_method, refunded_ore,
    refunded_lines_json, cancelled_by, cancel_reason, lease_owner, lease_expires_at
  FROM orders;
  DROP TABLE orders;
  ALTER TABLE orders_next RENAME TO orders;
  CREATE INDEX orders_by_state ON orders (state, created_at, id);
  CREATE INDEX orders_by_team_newest ON orders (team_id, created_at DESC, id DESC);
  CREATE INDEX orders_created_by_update ON orders (updated_at) WHERE state = 'created';
  `,
  PRODUCTS_MIGRATION,
];

type CustomerRow = SharedCustomerRow<number>;

function toCustomer(row: CustomerRow): SavedCustomer {
  return customerFromRow(row, (ms) => new Date(ms));
}

/** The columns a save or an edit sets, derived keys included. */
function customerColumns(details: CustomerDetails) {
  return {
    team_id: details.teamId,
    type: details.type,
    match_key: customerMatchKey(details),
    search_text: customerSearchText(details),
    name: details.name,
    organization_id: details.type === "corporate" ? (details.organizationId ?? "") : null,
    email: details.email,
    country_code: details.countryCode,
    msisdn: details.msisdn,
    street: details.street,
    zip: details.zip,
    city: details.city,
    country: details.country,
    preferred_language: details.preferredLanguage,
  };
}

/** SQLite keeps times as Unix milliseconds, JSON as text, booleans as 0 or 1. */
type OrderRow = SharedOrderRow<number, string, 0 | 1>;

const ENCODING: RowEncoding<number, string, 0 | 1> = {
  date: (time) => new Date(time),
  json: (text) => JSON.parse(text),
  flag: (flag) => flag === 1,
};

interface HistoryRow {
  fp_order_uuid: string;
  status: string;
  sent_at: number | null;
  payment_method: string | null;
  amount: string | null;
  source: RecordedStatusChange["source"];
  received_at: number;
  applied: 0 | 1;
}

interface OutboxRow {
  id: number;
  order_id: string;
  work_json: string;
  coalesce_key: string | null;
  due_at: number;
  attempts: number;
  claim_owner: string | null;
  claim_expires_at: number | null;
  last_error: string | null;
  created_at: number;
}

interface OtherRow {
  fp_order_uuid: string;
  order_id: string;
  status: string | null;
  status_at: number | null;
  version: number;
}

interface InstallationRow {
  team_id: string;
  team_name: string | null;
  installed_by: string | null;
  sealed: string;
  installed_at: number;
  updated_at: number;
}

function toInstallation(row: InstallationRow): WorkspaceInstallation {
  return {
    teamId: row.team_id,
    teamName: row.team_name,
    installedBy: row.installed_by,
    sealed: row.sealed,
    installedAt: new Date(row.installed_at),
    updatedAt: new Date(row.updated_at),
  };
}

function toOrder(row: OrderRow): OrderRecord {
  return orderFromRow(row, ENCODING);
}

/** A new submission's state: `sending` under its lease, or waiting for approval (no lease). */
function newSubmissionState(submission: NewSubmission, lease: SubmissionLease | undefined) {
  const awaiting = awaitsApproval(submission);
  return {
    state: awaiting ? "awaiting_approval" : "sending",
    leaseOwner: awaiting ? null : (lease?.owner ?? null),
    leaseExpiresAt: awaiting ? null : (lease?.expiresAt.getTime() ?? null),
    approvalMessagesJson: awaiting ? "[]" : null,
  };
}

/**
 * What an update of `order` binds: the columns a write sets (everything but the id and the creation
 * time), when it was written and the lease it holds. Built into the one object `orderColumns`
 * returns, not spread into another: on Node 20's V8 an object built as `{ ...columns, more }`
 * outlives the write in young-generation collections (see `orderFromRow`).
 */
function updateParams(order: OrderRecord, updatedAt: number, lease: SubmissionLease | undefined) {
  const columns = orderColumns(order);
  return Object.assign(columns, {
    sent_anyway: columns.sent_anyway ? 1 : 0,
    updated_at: updatedAt,
    lease_owner: lease?.owner ?? null,
    lease_expires_at: lease?.expiresAt.getTime() ?? null,
  });
}

function toRecordedChange(row: HistoryRow): RecordedStatusChange {
  return {
    fpOrderUuid: row.fp_order_uuid,
    status: row.status,
    sentAt: row.sent_at,
    paymentMethod: row.payment_method,
    amount: row.amount,
    source: row.source,
    receivedAt: new Date(row.received_at),
    applied: row.applied === 1,
  };
}

function toOther(row: OtherRow): OtherFpOrder {
  return {
    fpOrderUuid: row.fp_order_uuid,
    orderId: row.order_id,
    status: timedStatus(row.status, row.status_at),
    version: row.version,
  };
}

/** The conditions of `filter` as SQL on `orders`, with their named parameters. */
function filterClause(filter: OrderFilter): { where: string[]; params: Record<string, unknown> } {
  const where = ["team_id = @teamId"];
  const params: Record<string, unknown> = { teamId: filter.teamId };
  if (filter.userId !== undefined) {
    where.push("user_id = @userId");
    params.userId = filter.userId;
  }
  if (filter.statusIn !== undefined) {
    where.push("state = 'created' AND status IN (SELECT value FROM json_each(@statusIn))");
    params.statusIn = JSON.stringify(filter.statusIn);
  }
  if (filter.statusNotIn !== undefined) {
    where.push(
      "state = 'created' AND (status IS NULL OR status NOT IN (SELECT value FROM json_each(@statusNotIn)))",
    );
    params.statusNotIn = JSON.stringify(filter.statusNotIn);
  }
  if (filter.statusSince !== undefined) {
    where.push("status_at >= @statusSince");
    params.statusSince = filter.statusSince;
  }
  if (filter.dueBefore !== undefined) {
    where.push("due_date < @dueBefore");
    params.dueBefore = filter.dueBefore;
  }
  if (filter.search !== undefined) {
    // Digits only, so the LIKE pattern needs no escaping; an empty one matches no identifier.
    where.push(
      `(instr(customer_search, @searchFolded) > 0
        OR (@searchDigits <> '' AND customer_identifier LIKE @searchDigits || '%')
        OR id = @searchId OR fp_order_uuid = @searchId)`,
    );
    const search = filter.search.trim();
    params.searchFolded = customerSearch(search);
    params.searchDigits = /^[\d\s]+$/.test(search) ? search.replace(/\s/g, "") : "";
    params.searchId = search.toUpperCase();
  }
  if (filter.visibleTo !== undefined) {
    where.push(`(user_id = @viewerId
      OR channel_id IN (SELECT value FROM json_each(@viewerChannels))
      OR message_channel_id IN (SELECT value FROM json_each(@viewerChannels)))`);
    params.viewerId = filter.visibleTo.userId;
    params.viewerChannels = JSON.stringify(filter.visibleTo.channelIds);
  }
  return { where, params };
}

function cursorOf(order: OrderRecord | undefined): OrderCursor | null {
  return order ? { createdAt: order.createdAt.getTime(), id: order.id } : null;
}

function toOutboxEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    orderId: row.order_id,
    work: JSON.parse(row.work_json) as SlackWork,
    coalesceKey: row.coalesce_key,
    attempts: row.attempts,
    dueAt: new Date(row.due_at),
    claim:
      row.claim_owner === null || row.claim_expires_at === null
        ? null
        : { owner: row.claim_owner, expiresAt: new Date(row.claim_expires_at) },
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
  };
}

function migrate(db: Database.Database, now: number): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT",
  );
  db.transaction(() => {
    const { version } = db
      .prepare("SELECT coalesce(max(version), 0) AS version FROM schema_version")
      .get() as {
      version: number;
    };
    if (version > MIGRATIONS.length) throw new StoreVersionError(version, MIGRATIONS.length);
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (index < version) continue;
      db.exec(sql);
      db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)").run(index + 1, now);
    }
  }).immediate();
}

export interface SqliteStoreOptions {
  /** The directory for `fakturabot.db`; created if missing. */
  dataDir: string;
  /** The time of day, for `createdAt`/`updatedAt` (tests pass their own). */
  clock?: () => Date;
}

/** Thrown inside a transaction to roll it back and report why nothing was written. */
class NotWritten {
  constructor(readonly reason: "conflict" | "duplicate") {}
}

/**
 * Each connection's page cache, in KiB: SQLite's own default. better-sqlite3 builds SQLite with
 * 16 MB per connection (`SQLITE_DEFAULT_CACHE_SIZE=-16000`), which fills as the file grows, so the
 * bot's memory rose with its orders and callbacks (two connections: up to 32 MB). The pages a
 * callback or a click touches (the order, the history's last pages and their index) fit in this;
 * the rest of the file is in the operating system's cache.
 */
export const PAGE_CACHE_KIB = 2000;

/** Bounds `connection`'s page cache to `PAGE_CACHE_KIB` (a negative `cache_size` is in KiB). */
export function boundPageCache(connection: Database.Database): void {
  connection.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
}

/**
 * The embedded store: SQLite (better-sqlite3) in `dataDir`, in WAL mode with `synchronous = FULL`,
 * so a write is on disk before its promise resolves and survives `kill -9` and power loss. Every
 * change is one `BEGIN IMMEDIATE` transaction, so several connections to the file stay consistent.
 */
export function openSqliteStore({ dataDir, clock = () => new Date() }: SqliteStoreOptions): InvoiceStore {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, DATABASE_FILE);
  const db = new Database(file);
  try {
    // The file holds customers' details while orders are in flight: readable by the bot's user only.
    chmodSync(file, 0o600);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    // Erased requests are overwritten with zeros, not left in free space for anyone reading the file.
    db.pragma("secure_delete = ON");
    db.pragma("busy_timeout = 5000");
    boundPageCache(db);
    // Off while migrating (better-sqlite3 turns them on by default): a migration that rebuilds a
    // table drops the old one, which must not count as deleting the rows its children refer to.
    db.pragma("foreign_keys = OFF");
    migrate(db, clock().getTime());
    if ((db.pragma("foreign_key_check") as unknown[]).length > 0)
      throw new Error("The store's foreign keys do not hold");
    db.pragma("foreign_keys = ON");
  } catch (error) {
    db.close();
    throw error;
  }

  const selectById = db.prepare<[string], OrderRow>(`SELECT ${ORDER_ROW_COLUMNS} FROM orders WHERE id = ?`);
  const selectByFpOrderUuid = db.prepare<[string], OrderRow>(
    `SELECT ${ORDER_ROW_COLUMNS} FROM orders WHERE fp_order_uuid = ?`,
  );
  const selectBySubmissionKey = db.prepare<[string], OrderRow>(
    `SELECT ${ORDER_ROW_COLUMNS} FROM orders WHERE submission_key = ?`,
  );
  const selectByState = db.prepare<[string], OrderRow>(
    `SELECT ${ORDER_ROW_COLUMNS} FROM orders WHERE state = ? ORDER BY created_at, id`,
  );
  const selectHistory = db.prepare<[string], HistoryRow>(
    "SELECT * FROM status_history WHERE order_id = ? ORDER BY seq",
  );
  const selectOther = db.prepare<[string], OtherRow>("SELECT * FROM other_fp_orders WHERE fp_order_uuid = ?");
  const insertOrder = db.prepare(
    `INSERT INTO orders (id, submission_key, team_id, channel_id, user_id, state, customer_type, customer_name,
       customer_identifier, preferred_language, grand_total_ore, request_json, created_at, updated_at,
       lease_owner, lease_expires_at, approval_messages_json)
     VALUES (@id, @submissionKey, @teamId, @channelId, @userId, @state, @customerType, @customerName,
       @customerIdentifier, @preferredLanguage, @grandTotalOre, @requestJson, @now, @now, @leaseOwner,
       @leaseExpiresAt, @approvalMessagesJson)
     ON CONFLICT (submission_key) DO NOTHING`,
  );
  const updateOrder = db.prepare(
    `UPDATE orders SET state = @state, fp_order_uuid = @fp_order_uuid, fp_customer_uuid = @fp_customer_uuid,
       bank_id_url = @bank_id_url, status = @status, status_at = @status_at, request_json = @request_json,
       failure_reason = @failure_reason, message_channel_id = @message_channel_id, message_ts = @message_ts,
       sent_anyway = @sent_anyway, customer_stopped_at = @customer_stopped_at, version = @version, updated_at = @updated_at,
       lines_json = @lines_json, order_date = @order_date, maturity_days = @maturity_days,
       invoice_number = @invoice_number, payment_method = @payment_method, refunded_ore = @refunded_ore,
       refunded_lines_json = @refunded_lines_json,
       cancelled_by = @cancelled_by, cancel_reason = @cancel_reason,
       approval_messages_json = @approval_messages_json, rejected_by = @rejected_by,
       rejection_reason = @rejection_reason, approved_by = @approved_by,
       customer_type = @customer_type, customer_name = @customer_name,
       customer_identifier = @customer_identifier, preferred_language = @preferred_language,
       grand_total_ore = @grand_total_ore,
       lease_owner = CASE WHEN @state = 'sending' THEN coalesce(@lease_owner, lease_owner) END,
       lease_expires_at = CASE WHEN @state = 'sending' THEN coalesce(@lease_expires_at, lease_expires_at) END
     WHERE id = @id AND version = @version - 1`,
  );
  const renewLease = db.prepare<[number, string, string]>(
    `UPDATE orders SET lease_expires_at = ?, version = version + 1
     WHERE id = ? AND state = 'sending' AND lease_owner = ?`,
  );
  const selectExpiredSending = db.prepare<[number], OrderRow>(
    `SELECT ${ORDER_ROW_COLUMNS} FROM orders WHERE state = 'sending' AND (lease_expires_at IS NULL OR lease_expires_at <= ?)
     ORDER BY created_at, id`,
  );
  const insertOutbox = db.prepare<[string, string, string | null, number, number]>(
    `INSERT INTO outbox (order_id, work_json, coalesce_key, due_at, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const claimOutbox = db.prepare<
    { owner: string; now: number; until: number; limit: number; order_id: string | null },
    OutboxRow
  >(
    `UPDATE outbox SET claim_owner = @owner, claim_expires_at = @until,
       last_error = CASE WHEN claim_owner IS NULL THEN last_error
         ELSE 'the claim of ' || claim_owner || ' expired' END
     WHERE id IN (
       SELECT o.id FROM outbox o
       WHERE o.due_at <= @now AND (o.claim_owner IS NULL OR o.claim_expires_at <= @now)
         AND (@order_id IS NULL OR o.order_id = @order_id)
         AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.order_id = o.order_id AND p.id < o.id)
       ORDER BY o.id LIMIT @limit)
     RETURNING *`,
  );
  const deleteOutbox = db.prepare<[number, string]>("DELETE FROM outbox WHERE id = ? AND claim_owner = ?");
  const deleteWaitingTwin = db.prepare<[number, string]>(
    `DELETE FROM outbox WHERE claim_owner IS NULL AND id IN (
       SELECT twin.id FROM outbox held JOIN outbox twin
         ON twin.order_id = held.order_id AND twin.coalesce_key = held.coalesce_key AND twin.id <> held.id
       WHERE held.id = ? AND held.claim_owner = ?)`,
  );
  const releaseOutbox = db.prepare<{
    id: number;
    owner: string;
    due_at: number;
    failed: 0 | 1;
    error: string | null;
  }>(
    `UPDATE outbox SET claim_owner = NULL, claim_expires_at = NULL, due_at = @due_at,
       attempts = attempts + @failed, last_error = coalesce(@error, last_error)
     WHERE id = @id AND claim_owner = @owner`,
  );
  const selectOutbox = db.prepare<[], OutboxRow>("SELECT * FROM outbox ORDER BY id");
  const selectState = db.prepare<[string], { state: SubmissionState }>(
    "SELECT state FROM orders WHERE id = ?",
  );
  const insertHistory = db.prepare(
    `INSERT INTO status_history (order_id, fp_order_uuid, status, sent_at, payment_method, amount, source,
       received_at, applied, dedup_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (order_id, dedup_key) DO NOTHING`,
  );
  const insertOther = db.prepare(
    `INSERT INTO other_fp_orders (fp_order_uuid, order_id, status, status_at, reported_at, version)
     VALUES (@fp_order_uuid, @order_id, @status, @status_at, @now, 1)
     ON CONFLICT (fp_order_uuid) DO NOTHING`,
  );
  // The columns of migration 4, written beside the order's own statements.
  const recordNewFields = db.prepare(
    "UPDATE orders SET due_date = @dueDate, customer_search = @customerSearch WHERE id = @id",
  );
  const updateFollowUp = db.prepare(
    "UPDATE orders SET overdue_since = @overdueSince, checked_at = @checkedAt, customer_search = @customerSearch WHERE id = @id",
  );
  const selectToCheck = db.prepare<[Record<string, unknown>], OrderRow>(
    `SELECT ${ORDER_ROW_COLUMNS} FROM orders WHERE state = 'created'
       AND (status IS NULL OR status NOT IN (SELECT value FROM json_each(@settled)))
       AND ((due_date < @dueBefore AND overdue_since IS NULL) OR updated_at < @quietBefore)
     ORDER BY updated_at, id LIMIT @limit`,
  );
  /** Statements built from a filter's conditions, kept by their text. */
  const filtered = new Map<string, Database.Statement>();
  function prepared(sql: string): Database.Statement {
    let statement = filtered.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      filtered.set(sql, statement);
    }
    return statement;
  }
  const updateOther = db.prepare(
    `UPDATE other_fp_orders SET status = @status, status_at = @status_at, version = @version
     WHERE fp_order_uuid = @fp_order_uuid AND version = @version - 1`,
  );

  // Claims on a connection of their own without a sync per commit: one is on the path of every
  // slash command and click (before the modal opens), and a claim lost to a power cut costs at most
  // one retry handled twice, not an order. Commits stay atomic, and the next synced write flushes it.
  const claims = new Database(file);
  claims.pragma("synchronous = NORMAL");
  claims.pragma("busy_timeout = 5000");
  boundPageCache(claims);
  const deleteExpiredClaims = claims.prepare<[number]>("DELETE FROM delivery_claims WHERE expires_at <= ?");
  const insertClaim = claims.prepare<[string, number]>(
    "INSERT INTO delivery_claims (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
  );
  const selectSchemaVersion = db.prepare<[], { version: number }>(
    "SELECT coalesce(max(version), 0) AS version FROM schema_version",
  );
  const selectInstallation = db.prepare<[string], InstallationRow>(
    "SELECT * FROM installations WHERE team_id = ?",
  );
  const upsertInstallation = db.prepare(
    `INSERT INTO installations (team_id, team_name, installed_by, sealed, installed_at, updated_at)
     VALUES (@teamId, @teamName, @installedBy, @sealed, @now, @now)
     ON CONFLICT (team_id) DO UPDATE SET team_name = excluded.team_name,
       installed_by = excluded.installed_by, sealed = excluded.sealed, updated_at = excluded.updated_at`,
  );
  const removeInstallation = db.prepare("DELETE FROM installations WHERE team_id = ?");
  const saveInstallation = db.transaction((installation: NewInstallation) => {
    upsertInstallation.run({ ...installation, now: clock().getTime() });
    return toInstallation(selectInstallation.get(installation.teamId) as InstallationRow);
  });
  const selectCustomer = db.prepare<[string, string], CustomerRow>(
    "SELECT * FROM customers WHERE team_id = ? AND id = ?",
  );
  const selectCustomerByKey = db.prepare<[string, string], CustomerRow>(
    "SELECT * FROM customers WHERE team_id = ? AND match_key = ?",
  );
  const selectTeamCustomers = db.prepare<[string, number], CustomerRow>(
    "SELECT * FROM customers WHERE team_id = ? ORDER BY name, id LIMIT ?",
  );
  const searchTeamCustomers = db.prepare<[string, string, string, number], CustomerRow>(
    `SELECT * FROM customers WHERE team_id = ? AND (instr(search_text, ?) > 0 OR instr(search_text, ?) > 0)
     ORDER BY name, id LIMIT ?`,
  );
  const upsertCustomer = db.prepare(
    `INSERT INTO customers (id, team_id, type, match_key, search_text, name, organization_id, email, country_code,
       msisdn, street, zip, city, country, preferred_language, created_at, updated_at)
     VALUES (@id, @team_id, @type, @match_key, @search_text, @name, @organization_id, @email, @country_code,
       @msisdn, @street, @zip, @city, @country, @preferred_language, @now, @now)
     ON CONFLICT (team_id, match_key) DO UPDATE SET search_text = excluded.search_text, name = excluded.name,
       email = excluded.email, country_code = excluded.country_code, msisdn = excluded.msisdn,
       street = excluded.street, zip = excluded.zip, city = excluded.city, country = excluded.country,
       preferred_language = excluded.preferred_language, updated_at = excluded.updated_at`,
  );
  const updateCustomerRow = db.prepare(
    `UPDATE customers SET match_key = @match_key, search_text = @search_text, name = @name,
       organization_id = @organization_id, email = @email, country_code = @country_code, msisdn = @msisdn,
       street = @street, zip = @zip, city = @city, country = @country, preferred_language = @preferred_language,
       updated_at = @now
     WHERE team_id = @team_id AND id = @id`,
  );
  const deleteCustomer = db.prepare("DELETE FROM customers WHERE team_id = ? AND id = ?");
  const selectPersonLocale = db.prepare<[string, string], { locale: Locale }>(
    "SELECT locale FROM person_locales WHERE team_id = ? AND user_id = ?",
  );
  const upsertPersonLocale = db.prepare(
    `INSERT INTO person_locales (team_id, user_id, locale, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (team_id, user_id) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at`,
  );
  const deletePersonLocale = db.prepare("DELETE FROM person_locales WHERE team_id = ? AND user_id = ?");

  function immediate<A extends unknown[], R>(change: (...args: A) => R): (...args: A) => WriteResult<R> {
    const transaction = db.transaction(change);
    return (...args) => {
      try {
        return { written: true, value: transaction.immediate(...args) };
      } catch (error) {
        if (error instanceof NotWritten) return { written: false, reason: error.reason };
        throw error;
      }
    };
  }

  function recordOutbox(orderId: string, entries: readonly NewOutboxEntry[] | undefined): void {
    if (!entries?.length) return;
    const now = clock().getTime();
    for (const { work, coalesceKey } of entries) {
      insertOutbox.run(orderId, JSON.stringify(work), coalesceKey, now, now);
    }
  }

  const beginSubmission = db.transaction((submission: NewSubmission, lease?: SubmissionLease) => {
    const inserted = insertOrder.run({
      id: submission.id,
      submissionKey: submission.submissionKey,
      teamId: submission.teamId,
      channelId: submission.channelId,
      userId: submission.userId,
      customerType: submission.customerType,
      customerName: submission.customerName,
      customerIdentifier: storedIdentifier(submission.customerType, submission.customerIdentifier),
      preferredLanguage: submission.preferredLanguage,
      grandTotalOre: submission.grandTotalOre,
      requestJson: JSON.stringify(submission.request),
      now: clock().getTime(),
      ...newSubmissionState(submission, lease),
    });
    if (inserted.changes === 1) {
      recordNewFields.run({
        id: submission.id,
        dueDate: submission.dueDate ?? null,
        customerSearch: customerSearch(submission.customerName),
      });
    }
    const row = selectBySubmissionKey.get(submission.submissionKey) as OrderRow;
    return { order: toOrder(row), created: inserted.changes === 1 };
  });

  const saveOrder = immediate((next: OrderRecord, history?: HistoryEntry, extras?: OrderWriteExtras) => {
    // Whether this write erases the request (and the personal data in it): see `erasedFromDisk`.
    const erasing = !keepsRequest(next.state) && keepsRequest(selectState.get(next.id)?.state);
    if (history) {
      const { change, dedupKey } = history;
      const recorded = insertHistory.run(
        next.id,
        change.fpOrderUuid,
        change.status,
        change.sentAt,
        change.paymentMethod,
        change.amount,
        change.source,
        change.receivedAt.getTime(),
        change.applied ? 1 : 0,
        dedupKey,
      );
      if (recorded.changes === 0) throw new NotWritten("duplicate");
    }
    const updatedAt = clock().getTime();
    const updated = updateOrder.run(updateParams(next, updatedAt, extras?.lease));
    if (updated.changes === 0) throw new NotWritten("conflict");
    const created = next.state === "created" ? next : undefined;
    updateFollowUp.run({
      id: next.id,
      overdueSince: created?.overdueSince ?? null,
      checkedAt: created?.checkedAt ?? null,
      // An edit may change the customer's name.
      customerSearch: customerSearch(next.customerName),
    });
    recordOutbox(next.id, extras?.outbox);
    // The row as written, without reading it back: what a write never sets (customer, channel,
    // creation) is the caller's copy of what it read.
    return { order: { ...next, updatedAt: new Date(updatedAt) }, erasing };
  });

  const claimOnce = claims.transaction((key: string, expiresAt: number) => {
    deleteExpiredClaims.run(clock().getTime());
    return insertClaim.run(key, expiresAt).changes === 1;
  });

  /**
   * `secure_delete` zeroes an erased request in the database file, but the WAL still holds the
   * pages as they were until a checkpoint, and keeps its old frames after one: truncating it
   * leaves the personal data in neither file (nor in a backup of them).
   */
  function erasedFromDisk(): void {
    db.pragma("wal_checkpoint(TRUNCATE)");
  }

  const saveOtherFpOrder = immediate((next: OtherFpOrder, outbox?: readonly NewOutboxEntry[]) => {
    const columns = {
      fp_order_uuid: next.fpOrderUuid,
      order_id: next.orderId,
      status: next.status?.status ?? null,
      status_at: next.status?.at ?? null,
      version: next.version,
    };
    const written =
      next.version === 1 ? insertOther.run({ ...columns, now: clock().getTime() }) : updateOther.run(columns);
    if (written.changes === 0) throw new NotWritten("conflict");
    recordOutbox(next.orderId, outbox);
    return toOther(selectOther.get(next.fpOrderUuid) as OtherRow);
  });

  const claim = db.transaction((query: Parameters<InvoiceStore["claimOutbox"]>[0]) =>
    claimOutbox
      .all({
        owner: query.owner,
        now: query.now.getTime(),
        until: query.claimUntil.getTime(),
        limit: query.limit,
        order_id: query.orderId ?? null,
      })
      .map(toOutboxEntry)
      .sort((a, b) => a.id - b.id),
  );

  const release = db.transaction(
    (id: number, owner: string, { dueAt, failed, error }: Parameters<InvoiceStore["releaseOutbox"]>[2]) => {
      deleteWaitingTwin.run(id, owner);
      const released = releaseOutbox.run({
        id,
        owner,
        due_at: dueAt.getTime(),
        failed: failed ? 1 : 0,
        error: error ?? null,
      });
      return released.changes === 1;
    },
  );

  return {
    async beginSubmission(submission, lease) {
      return beginSubmission.immediate(submission, lease);
    },
    async get(id) {
      const row = selectById.get(id);
      return row ? toOrder(row) : null;
    },
    async getByFpOrderUuid(fpOrderUuid) {
      const row = selectByFpOrderUuid.get(fpOrderUuid);
      return row?.state === "created" ? (toOrder(row) as Extract<OrderRecord, { state: "created" }>) : null;
    },
    async listByState(state) {
      return selectByState.all(state).map(toOrder) as never;
    },
    async saveOrder(next, history, extras) {
      const saved = saveOrder(next, history, extras);
      if (!saved.written) return saved;
      if (saved.value.erasing) erasedFromDisk();
      return { written: true, value: saved.value.order };
    },
    async history(id) {
      return selectHistory.all(id).map(toRecordedChange);
    },
    async getOtherFpOrder(fpOrderUuid) {
      const row = selectOther.get(fpOrderUuid);
      return row ? toOther(row) : null;
    },
    async saveOtherFpOrder(next, outbox) {
      return saveOtherFpOrder(next, outbox);
    },
    async renewLease(orderId, lease) {
      return renewLease.run(lease.expiresAt.getTime(), orderId, lease.owner).changes === 1;
    },
    async listExpiredSubmissions(now) {
      return selectExpiredSending.all(now.getTime()).map(toOrder) as SendingOrder[];
    },
    async claimOutbox(query) {
      return claim.immediate(query);
    },
    async completeOutbox(id, owner) {
      return deleteOutbox.run(id, owner).changes === 1;
    },
    async releaseOutbox(id, owner, details) {
      return release.immediate(id, owner, details);
    },
    async listOutbox() {
      return selectOutbox.all().map(toOutboxEntry);
    },
    async claimOnce(key, expiresAt) {
      return claimOnce.immediate(key, expiresAt.getTime());
    },
    async ping() {
      const { version } = selectSchemaVersion.get() as { version: number };
      if (version > MIGRATIONS.length) throw new StoreVersionError(version, MIGRATIONS.length);
      if (version < MIGRATIONS.length) {
        throw new Error(
          `The database has schema version ${version} of ${MIGRATIONS.length}: migrations are missing`,
        );
      }
    },
    async listOrders(filter, { limit, after, before }): Promise<OrderPage> {
      const { where, params } = filterClause(filter);
      const from = before ?? after;
      if (from) {
        where.push(`(created_at, id) ${before ? ">" : "<"} (@cursorAt, @cursorId)`);
        Object.assign(params, { cursorAt: from.createdAt, cursorId: from.id });
      }
      const direction = before ? "ASC" : "DESC";
      const rows = prepared(
        `SELECT ${ORDER_ROW_COLUMNS} FROM orders WHERE ${where.join(" AND ")} ORDER BY created_at ${direction}, id ${direction} LIMIT @limit`,
      ).all({ ...params, limit: limit + 1 }) as OrderRow[];
      const more = rows.length > limit;
      const orders = rows.slice(0, limit).map(toOrder);
      if (before) orders.reverse();
      return {
        orders,
        older: (before ? orders.length > 0 : more) ? cursorOf(orders.at(-1)) : null,
        newer: (before ? more : after !== undefined) ? cursorOf(orders[0]) : null,
      };
    },
    async sumOrders(filter) {
      const { where, params } = filterClause(filter);
      const row = prepared(
        `SELECT count(*) AS count, coalesce(sum(grand_total_ore - coalesce(refunded_ore, 0)), 0) AS totalOre FROM orders WHERE ${where.join(" AND ")}`,
      ).get(params) as { count: number; totalOre: number };
      return { count: row.count, totalOre: row.totalOre };
    },
    async listToCheck({ dueBefore, quietBefore, settled, limit }) {
      return selectToCheck
        .all({ dueBefore, quietBefore: quietBefore.getTime(), settled: JSON.stringify(settled), limit })
        .map(toOrder) as CreatedOrder[];
    },
    async saveInstallation(installation) {
      return saveInstallation.immediate(installation);
    },
    async getInstallation(teamId) {
      const row = selectInstallation.get(teamId);
      return row ? toInstallation(row) : null;
    },
    async deleteInstallation(teamId) {
      return removeInstallation.run(teamId).changes === 1;
    },
    async saveCustomer(details, newId) {
      const columns = customerColumns(details);
      upsertCustomer.run({ ...columns, id: newId, now: clock().getTime() });
      return toCustomer(selectCustomerByKey.get(details.teamId, columns.match_key) as CustomerRow);
    },
    async searchCustomers(teamId, query, limit) {
      const needles = searchNeedles(query);
      const rows = needles
        ? searchTeamCustomers.all(teamId, needles[0], needles[1], limit)
        : selectTeamCustomers.all(teamId, limit);
      return rows.map(toCustomer);
    },
    async getCustomer(teamId, id) {
      const row = selectCustomer.get(teamId, id);
      return row ? toCustomer(row) : null;
    },
    async updateCustomer(teamId, id, details) {
      const existing = selectCustomer.get(teamId, id);
      if (!existing) return null;
      const columns = customerColumns({ ...details, teamId, type: existing.type });
      updateCustomerRow.run({ ...columns, id, now: clock().getTime() });
      return toCustomer(selectCustomer.get(teamId, id) as CustomerRow);
    },
    async forgetCustomer(teamId, id) {
      const deleted = deleteCustomer.run(teamId, id).changes === 1;
      // secure_delete zeroed the row in the database file; the WAL must not keep it either.
      if (deleted) erasedFromDisk();
      return deleted;
    },
    async getPersonLocale(teamId, userId) {
      return selectPersonLocale.get(teamId, userId)?.locale ?? null;
    },
    async setPersonLocale(teamId, userId, locale) {
      if (locale === null) deletePersonLocale.run(teamId, userId);
      else upsertPersonLocale.run(teamId, userId, locale, clock().getTime());
    },
    ...sqliteProductMethods(db, clock),
    async close() {
      claims.close();
      db.close();
    },
  };
}
