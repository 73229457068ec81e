import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { InvoiceOrderRequest } from "@fakturabot/schema";
import { maskPersonalNumber } from "@fakturabot/schema";
import Database from "better-sqlite3";
import { StoreVersionError } from "./errors.js";
import type {
  HistoryEntry,
  InvoiceStore,
  NewOutboxEntry,
  NewSubmission,
  OrderRecord,
  OrderWriteExtras,
  OtherFpOrder,
  OutboxEntry,
  RecordedStatusChange,
  SendingOrder,
  SlackWork,
  SubmissionLease,
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
  -- Who sends a 'sending' order and until when (renewed while the submit is in flight): recovery
  -- takes only orders whose lease expired, never those of a live instance.
  ALTER TABLE orders ADD COLUMN lease_owner TEXT;
  ALTER TABLE orders ADD COLUMN lease_expires_at INTEGER;
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
];

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
       customer_identifier, preferred_language, grand_total_ore, request_json, created_at, updated_at,
       lease_owner, lease_expires_at)
     VALUES (@id, @submissionKey, @teamId, @channelId, @userId, 'sending', @customerType, @customerName,
       @customerIdentifier, @preferredLanguage, @grandTotalOre, @requestJson, @now, @now, @leaseOwner,
       @leaseExpiresAt)
     ON CONFLICT (submission_key) DO NOTHING`,
  );
  const updateOrder = db.prepare(
    `UPDATE orders SET state = @state, fp_order_uuid = @fp_order_uuid, fp_customer_uuid = @fp_customer_uuid,
       bank_id_url = @bank_id_url, status = @status, status_at = @status_at, request_json = @request_json,
       failure_reason = @failure_reason, message_channel_id = @message_channel_id, message_ts = @message_ts,
       sent_anyway = @sent_anyway, version = @version, updated_at = @updated_at,
       lease_owner = CASE WHEN @state = 'sending' THEN coalesce(@lease_owner, lease_owner) END,
       lease_expires_at = CASE WHEN @state = 'sending' THEN coalesce(@lease_expires_at, lease_expires_at) END
     WHERE id = @id AND version = @version - 1`,
  );
  const renewLease = db.prepare<[number, string, string]>(
    `UPDATE orders SET lease_expires_at = ?, version = version + 1
     WHERE id = ? AND state = 'sending' AND lease_owner = ?`,
  );
  const selectExpiredSending = db.prepare<[number], OrderRow>(
    `SELECT * FROM orders WHERE state = 'sending' AND (lease_expires_at IS NULL OR lease_expires_at <= ?)
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
    `UPDATE outbox SET claim_owner = @owner, claim_expires_at = @until
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
  const updateOther = db.prepare(
    `UPDATE other_fp_orders SET status = @status, status_at = @status_at, version = @version
     WHERE fp_order_uuid = @fp_order_uuid AND version = @version - 1`,
  );

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
      // Defence in depth: a private customer's identifier is stored masked whatever the caller passed.
      customerIdentifier:
        submission.customerType === "private"
          ? maskPersonalNumber(submission.customerIdentifier)
          : submission.customerIdentifier,
      preferredLanguage: submission.preferredLanguage,
      grandTotalOre: submission.grandTotalOre,
      requestJson: JSON.stringify(submission.request),
      now: clock().getTime(),
      leaseOwner: lease?.owner ?? null,
      leaseExpiresAt: lease?.expiresAt.getTime() ?? null,
    });
    const row = selectBySubmissionKey.get(submission.submissionKey) as OrderRow;
    return { order: toOrder(row), created: inserted.changes === 1 };
  });

  const saveOrder = immediate((next: OrderRecord, history?: HistoryEntry, extras?: OrderWriteExtras) => {
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
    const updatedAt = clock().getTime();
    const updated = updateOrder.run({
      ...toColumns(next),
      updated_at: updatedAt,
      lease_owner: extras?.lease?.owner ?? null,
      lease_expires_at: extras?.lease?.expiresAt.getTime() ?? null,
    });
    if (updated.changes === 0) throw new NotWritten("conflict");
    recordOutbox(next.id, extras?.outbox);
    // The row as written, without reading it back: what a write never sets (customer, channel,
    // creation) is the caller's copy of what it read.
    return { order: { ...next, updatedAt: new Date(updatedAt) }, erasing };
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
    async close() {
      db.close();
    },
  };
}
