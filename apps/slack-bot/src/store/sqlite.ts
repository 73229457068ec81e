import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { InvoiceOrderRequest } from "@fakturabot/schema";
import { maskPersonalNumber } from "@fakturabot/schema";
import Database from "better-sqlite3";
import { canonicalStatus, shouldApply } from "../orders/status.js";
import { FpOrderMismatchError, OrderNotFoundError, OrderStateError, StoreVersionError } from "./errors.js";
import type {
  InvoiceStore,
  NewSubmission,
  OrderRecord,
  OtherFpOrderNews,
  RecordedStatusChange,
  RecordStatusOutcome,
  StatusChange,
  SubmissionState,
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
  created_at: number;
  updated_at: number;
}

interface HistoryRow {
  fp_order_uuid: string;
  status: string;
  sent_at: number | null;
  payment_method: string | null;
  amount: string | null;
  source: StatusChange["source"];
  received_at: number;
  applied: 0 | 1;
}

function toOrder(row: OrderRow): OrderRecord {
  return {
    id: row.id,
    submissionKey: row.submission_key,
    teamId: row.team_id,
    channelId: row.channel_id,
    userId: row.user_id,
    state: row.state,
    fpOrderUuid: row.fp_order_uuid,
    fpCustomerUuid: row.fp_customer_uuid,
    bankIdUrl: row.bank_id_url,
    status: row.status,
    customerType: row.customer_type,
    customerName: row.customer_name,
    customerIdentifier: row.customer_identifier,
    preferredLanguage: row.preferred_language,
    grandTotalOre: row.grand_total_ore,
    request: row.request_json === null ? null : (JSON.parse(row.request_json) as InvoiceOrderRequest),
    failureReason: row.failure_reason,
    message:
      row.message_channel_id === null || row.message_ts === null
        ? null
        : { channelId: row.message_channel_id, ts: row.message_ts },
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
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

/**
 * Two notifications are the same when they have the same status and Front Payment timestamp; one
 * without a timestamp (a status lookup) is the same as another with the same payment method and amount.
 */
function notificationKey(status: string, change: StatusChange): string {
  return JSON.stringify(
    change.sentAt === null ? [status, null, change.paymentMethod, change.amount] : [status, change.sentAt],
  );
}

function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
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
  const selectHistory = db.prepare<[string], HistoryRow>(
    "SELECT * FROM status_history WHERE order_id = ? ORDER BY seq",
  );
  const selectOther = db.prepare<
    [string],
    { order_id: string; status: string | null; status_at: number | null }
  >("SELECT order_id, status, status_at FROM other_fp_orders WHERE fp_order_uuid = ?");
  const insertOther = db.prepare(
    "INSERT INTO other_fp_orders (fp_order_uuid, order_id, status, status_at, reported_at) VALUES (?, ?, ?, ?, ?)",
  );
  const updateOther = db.prepare(
    "UPDATE other_fp_orders SET status = ?, status_at = ? WHERE fp_order_uuid = ?",
  );
  const selectSending = db.prepare<[], { id: string }>(
    "SELECT id FROM orders WHERE state = 'sending' ORDER BY created_at",
  );
  const insertOrder = db.prepare(
    `INSERT INTO orders (id, submission_key, team_id, channel_id, user_id, state, customer_type, customer_name,
       customer_identifier, preferred_language, grand_total_ore, request_json, created_at, updated_at)
     VALUES (@id, @submissionKey, @teamId, @channelId, @userId, 'sending', @customerType, @customerName,
       @customerIdentifier, @preferredLanguage, @grandTotalOre, @requestJson, @now, @now)
     ON CONFLICT (submission_key) DO NOTHING`,
  );
  const insertHistory = db.prepare(
    `INSERT INTO status_history (order_id, fp_order_uuid, status, sent_at, payment_method, amount, source,
       received_at, applied, dedup_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (order_id, dedup_key) DO NOTHING`,
  );

  function load(id: string): OrderRow {
    const row = selectById.get(id);
    if (!row) throw new OrderNotFoundError(id);
    return row;
  }

  /** Sets `changes` on the order and returns it as it now is. */
  function update(id: string, changes: Partial<Omit<OrderRow, "id" | "updated_at">>): OrderRecord {
    const columns = Object.keys(changes);
    const assignments = [...columns.map((column) => `${column} = @${column}`), "updated_at = @updated_at"];
    db.prepare(`UPDATE orders SET ${assignments.join(", ")} WHERE id = @id`).run({
      ...changes,
      id,
      updated_at: clock().getTime(),
    });
    return toOrder(load(id));
  }

  function immediate<A extends unknown[], R>(change: (...args: A) => R): (...args: A) => R {
    const transaction = db.transaction(change);
    return (...args) => transaction.immediate(...args);
  }

  const beginSubmission = immediate((submission: NewSubmission) => {
    const now = clock().getTime();
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
      now,
    });
    const row = selectBySubmissionKey.get(submission.submissionKey) as OrderRow;
    return { order: toOrder(row), created: inserted.changes === 1 };
  });

  const retrySubmission = immediate((id: string, from: readonly ("failed" | "unknown")[]) => {
    const row = load(id);
    if (!(from as readonly SubmissionState[]).includes(row.state)) return null;
    return update(id, { state: "sending", failure_reason: null });
  });

  const markCreated = immediate(
    (
      id: string,
      created: { fpOrderUuid: string; fpCustomerUuid: string; bankIdUrl: string | null; status: string },
    ) => {
      const row = load(id);
      // A verified callback may have proved the order exists before Front Payment's answer arrived.
      if (row.fp_order_uuid !== null && row.fp_order_uuid !== created.fpOrderUuid) {
        throw new FpOrderMismatchError(id, row.fp_order_uuid, created.fpOrderUuid);
      }
      return update(id, {
        state: "created",
        fp_order_uuid: created.fpOrderUuid,
        fp_customer_uuid: created.fpCustomerUuid,
        bank_id_url: row.bank_id_url ?? created.bankIdUrl,
        request_json: null,
        failure_reason: null,
        // The answer's status is inferred from it; one Front Payment already reported is better.
        ...(row.status === null
          ? { status: canonicalStatus(created.status), status_at: unixSeconds(clock()) }
          : {}),
      });
    },
  );

  /** `sending` → `failed`/`unknown`; an order a callback already proved `created` stays so. */
  function endAttempt(state: "failed" | "unknown") {
    return immediate((id: string, reason: string) => {
      const row = load(id);
      if (row.state === "created") return toOrder(row);
      if (row.state !== "sending") throw new OrderStateError(id, row.state, `marked ${state}`);
      return update(id, { state, failure_reason: reason });
    });
  }
  const markFailed = endAttempt("failed");
  const markUnknown = endAttempt("unknown");

  const setMessage = immediate((id: string, message: { channelId: string; ts: string }) => {
    load(id);
    return update(id, { message_channel_id: message.channelId, message_ts: message.ts });
  });

  const recordStatus = immediate((id: string, change: StatusChange): RecordStatusOutcome => {
    const row = load(id);
    if (row.fp_order_uuid !== null && row.fp_order_uuid !== change.fpOrderUuid) {
      throw new FpOrderMismatchError(id, row.fp_order_uuid, change.fpOrderUuid);
    }
    const status = canonicalStatus(change.status);
    const at = change.sentAt ?? unixSeconds(change.receivedAt);
    const current =
      row.status === null || row.status_at === null ? null : { status: row.status, at: row.status_at };
    const next = shouldApply(current, { status, at }) ? { status, status_at: at } : null;
    const recorded = insertHistory.run(
      id,
      change.fpOrderUuid,
      status,
      change.sentAt,
      change.paymentMethod,
      change.amount,
      change.source,
      change.receivedAt.getTime(),
      next ? 1 : 0,
      notificationKey(status, change),
    );
    if (recorded.changes === 0) return { outcome: "duplicate", order: toOrder(row) };
    // Only Front Payment can report on its order, and the callback's checksum proves it did: an
    // order still sending, failed or unknown was created after all.
    const resolved =
      row.state === "created"
        ? {}
        : ({
            state: "created",
            fp_order_uuid: change.fpOrderUuid,
            request_json: null,
            failure_reason: null,
          } as const);
    const changes = { ...resolved, ...next };
    const order = Object.keys(changes).length === 0 ? toOrder(row) : update(id, changes);
    return { outcome: next ? "applied" : "stale", order };
  });

  const recordOtherFpOrder = immediate(
    (id: string, fpOrderUuid: string, change?: { status: string; at: number }): OtherFpOrderNews => {
      load(id);
      const known = selectOther.get(fpOrderUuid);
      const status = change ? { status: canonicalStatus(change.status), at: change.at } : null;
      if (!known) {
        insertOther.run(fpOrderUuid, id, status?.status ?? null, status?.at ?? null, clock().getTime());
        return "new";
      }
      const current =
        known.status === null || known.status_at === null
          ? null
          : { status: known.status, at: known.status_at };
      if (!status || !shouldApply(current, status)) return "same";
      updateOther.run(status.status, status.at, fpOrderUuid);
      return "changed";
    },
  );

  const recoverInterruptedSubmissions = immediate((reason: string) =>
    selectSending.all().map(({ id }) => update(id, { state: "unknown", failure_reason: reason })),
  );

  return {
    async beginSubmission(submission) {
      return beginSubmission(submission);
    },
    async retrySubmission(id, from) {
      return retrySubmission(id, from);
    },
    async markCreated(id, created) {
      return markCreated(id, created);
    },
    async markFailed(id, reason) {
      return markFailed(id, reason);
    },
    async markUnknown(id, reason) {
      return markUnknown(id, reason);
    },
    async setMessage(id, message) {
      return setMessage(id, message);
    },
    async get(id) {
      const row = selectById.get(id);
      return row ? toOrder(row) : null;
    },
    async getByFpOrderUuid(fpOrderUuid) {
      const row = selectByFpOrderUuid.get(fpOrderUuid);
      return row ? toOrder(row) : null;
    },
    async recordStatus(id, change) {
      return recordStatus(id, change);
    },
    async recordOtherFpOrder(id, fpOrderUuid, change) {
      return recordOtherFpOrder(id, fpOrderUuid, change);
    },
    async getByOtherFpOrderUuid(fpOrderUuid) {
      const other = selectOther.get(fpOrderUuid);
      const row = other ? selectById.get(other.order_id) : undefined;
      return row ? toOrder(row) : null;
    },
    async history(id) {
      return selectHistory.all(id).map(toRecordedChange);
    },
    async recoverInterruptedSubmissions(reason) {
      return recoverInterruptedSubmissions(reason);
    },
    async close() {
      db.close();
    },
  };
}
