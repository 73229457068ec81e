import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { InvoiceOrderRequest } from "@fakturabot/schema";
import { maskPersonalNumber } from "@fakturabot/schema";
import Database from "better-sqlite3";
import { customerMatchKey, customerSearchText, searchNeedles } from "./customers.js";
import { StoreVersionError } from "./errors.js";
import type {
  CustomerDetails,
  HistoryEntry,
  InvoiceStore,
  NewSubmission,
  OrderRecord,
  OtherFpOrder,
  RecordedStatusChange,
  SavedCustomer,
  SubmissionState,
  WriteResult,
} from "./types.js";

export const DATABASE_FILE = "fakturabot.db";

/**
 * The schema, one migration per version, applied in order at open. Append; never edit one that
 * has shipped. Invariants the code relies on are constraints, so a bug cannot break them quietly.
 */
const MIGRATIONS: readonly string[] = [
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
];

interface CustomerRow {
  id: string;
  team_id: string;
  type: SavedCustomer["type"];
  name: string;
  organization_id: string | null;
  email: string;
  country_code: string;
  msisdn: string;
  street: string;
  zip: string;
  city: string;
  country: string;
  preferred_language: SavedCustomer["preferredLanguage"];
  created_at: number;
  updated_at: number;
}

function toCustomer(row: CustomerRow): SavedCustomer {
  return {
    id: row.id,
    teamId: row.team_id,
    type: row.type,
    name: row.name,
    organizationId: row.organization_id,
    email: row.email,
    countryCode: row.country_code,
    msisdn: row.msisdn,
    street: row.street,
    zip: row.zip,
    city: row.city,
    country: row.country,
    preferredLanguage: row.preferred_language,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
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

interface OrderRow {
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
  request_json: string | null;
  failure_reason: string | null;
  message_channel_id: string | null;
  message_ts: string | null;
  sent_anyway: 0 | 1;
  version: number;
  created_at: number;
  updated_at: number;
}

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

interface OtherRow {
  fp_order_uuid: string;
  order_id: string;
  status: string | null;
  status_at: number | null;
  version: number;
}

function toOrder(row: OrderRow): OrderRecord {
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
    sentAnyway: row.sent_anyway === 1,
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
  if (row.state === "created") {
    return {
      ...base,
      state: "created",
      // The table's CHECK constraints guarantee these for a created order.
      fpOrderUuid: row.fp_order_uuid as string,
      fpCustomerUuid: row.fp_customer_uuid,
      bankIdUrl: row.bank_id_url,
      status: timed(row.status, row.status_at),
    };
  }
  const request = JSON.parse(row.request_json as string) as InvoiceOrderRequest;
  if (row.state === "sending") return { ...base, state: "sending", request };
  return { ...base, state: row.state, request, failureReason: row.failure_reason ?? "" };
}

function timed(status: string | null, at: number | null) {
  return status === null || at === null ? null : { status, at };
}

/** The columns of an order that a write sets (everything but the id and the creation time). */
function toColumns(order: OrderRecord) {
  const created = order.state === "created" ? order : null;
  return {
    id: order.id,
    state: order.state,
    fp_order_uuid: created?.fpOrderUuid ?? null,
    fp_customer_uuid: created?.fpCustomerUuid ?? null,
    bank_id_url: created?.bankIdUrl ?? null,
    status: created?.status?.status ?? null,
    status_at: created?.status?.at ?? null,
    request_json: order.state === "created" ? null : JSON.stringify(order.request),
    failure_reason: order.state === "failed" || order.state === "unknown" ? order.failureReason : null,
    message_channel_id: order.message?.channelId ?? null,
    message_ts: order.message?.ts ?? null,
    sent_anyway: order.sentAnyway ? 1 : 0,
    version: order.version,
  };
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
    status: timed(row.status, row.status_at),
    version: row.version,
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
    db.pragma("foreign_keys = ON");
    // Erased requests are overwritten with zeros, not left in free space for anyone reading the file.
    db.pragma("secure_delete = ON");
    db.pragma("busy_timeout = 5000");
    migrate(db, clock().getTime());
  } catch (error) {
    db.close();
    throw error;
  }

  const selectById = db.prepare<[string], OrderRow>("SELECT * FROM orders WHERE id = ?");
  const selectByFpOrderUuid = db.prepare<[string], OrderRow>("SELECT * FROM orders WHERE fp_order_uuid = ?");
  const selectBySubmissionKey = db.prepare<[string], OrderRow>(
    "SELECT * FROM orders WHERE submission_key = ?",
  );
  const selectByState = db.prepare<[string], OrderRow>(
    "SELECT * FROM orders WHERE state = ? ORDER BY created_at, id",
  );
  const selectHistory = db.prepare<[string], HistoryRow>(
    "SELECT * FROM status_history WHERE order_id = ? ORDER BY seq",
  );
  const selectOther = db.prepare<[string], OtherRow>("SELECT * FROM other_fp_orders WHERE fp_order_uuid = ?");
  const insertOrder = db.prepare(
    `INSERT INTO orders (id, submission_key, team_id, channel_id, user_id, state, customer_type, customer_name,
       customer_identifier, preferred_language, grand_total_ore, request_json, created_at, updated_at)
     VALUES (@id, @submissionKey, @teamId, @channelId, @userId, 'sending', @customerType, @customerName,
       @customerIdentifier, @preferredLanguage, @grandTotalOre, @requestJson, @now, @now)
     ON CONFLICT (submission_key) DO NOTHING`,
  );
  const updateOrder = db.prepare(
    `UPDATE orders SET state = @state, fp_order_uuid = @fp_order_uuid, fp_customer_uuid = @fp_customer_uuid,
       bank_id_url = @bank_id_url, status = @status, status_at = @status_at, request_json = @request_json,
       failure_reason = @failure_reason, message_channel_id = @message_channel_id, message_ts = @message_ts,
       sent_anyway = @sent_anyway, version = @version, updated_at = @updated_at
     WHERE id = @id AND version = @version - 1`,
  );
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
  const updateOther = db.prepare(
    `UPDATE other_fp_orders SET status = @status, status_at = @status_at, version = @version
     WHERE fp_order_uuid = @fp_order_uuid AND version = @version - 1`,
  );

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

  const beginSubmission = db.transaction((submission: NewSubmission) => {
    const inserted = insertOrder.run({
      id: submission.id,
      submissionKey: submission.submissionKey,
      teamId: submission.teamId,
      channelId: submission.channelId,
      userId: submission.userId,
      customerType: submission.customerType,
      customerName: submission.customerName,
      // Defence in depth: a private customer's identifier is stored masked whatever the caller passed.
      customerIdentifier:
        submission.customerType === "private"
          ? maskPersonalNumber(submission.customerIdentifier)
          : submission.customerIdentifier,
      preferredLanguage: submission.preferredLanguage,
      grandTotalOre: submission.grandTotalOre,
      requestJson: JSON.stringify(submission.request),
      now: clock().getTime(),
    });
    const row = selectBySubmissionKey.get(submission.submissionKey) as OrderRow;
    return { order: toOrder(row), created: inserted.changes === 1 };
  });

  const saveOrder = immediate((next: OrderRecord, history?: HistoryEntry) => {
    // Whether this write erases the request (and the personal data in it): see `erasedFromDisk`.
    const erasing = next.state === "created" && selectState.get(next.id)?.state !== "created";
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
    const updated = updateOrder.run({ ...toColumns(next), updated_at: clock().getTime() });
    if (updated.changes === 0) throw new NotWritten("conflict");
    return { order: toOrder(selectById.get(next.id) as OrderRow), erasing };
  });

  /**
   * `secure_delete` zeroes an erased request in the database file, but the WAL still holds the
   * pages as they were until a checkpoint, and keeps its old frames after one: truncating it
   * leaves the personal data in neither file (nor in a backup of them).
   */
  function erasedFromDisk(): void {
    db.pragma("wal_checkpoint(TRUNCATE)");
  }

  const saveOtherFpOrder = immediate((next: OtherFpOrder) => {
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
    return toOther(selectOther.get(next.fpOrderUuid) as OtherRow);
  });

  return {
    async beginSubmission(submission) {
      return beginSubmission.immediate(submission);
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
    async saveOrder(next, history) {
      const saved = saveOrder(next, history);
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
    async saveOtherFpOrder(next) {
      return saveOtherFpOrder(next);
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
    async close() {
      db.close();
    },
  };
}
