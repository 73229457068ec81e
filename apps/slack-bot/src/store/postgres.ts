import type { InvoiceOrderRequest } from "@fakturabot/schema";
import { maskPersonalNumber } from "@fakturabot/schema";
import pg from "pg";
import { StoreConnectionError, StoreVersionError } from "./errors.js";
import type {
  HistoryEntry,
  InvoiceStore,
  NewSubmission,
  OrderRecord,
  OtherFpOrder,
  RecordedStatusChange,
  SubmissionState,
  WriteResult,
} from "./types.js";

/**
 * The schema, one migration per version, applied in order at open under an advisory lock (so
 * instances starting together apply each one once). Append; never edit one that has shipped.
 * Version 1 is SQLite's migrations 1-3 at once. Ids compare byte by byte (`COLLATE "C"`), as in
 * SQLite; money and Unix seconds are `bigint`, times `timestamptz` (exact to the millisecond a
 * `Date` holds); the request is `json`, kept as written.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE orders (
    id text COLLATE "C" PRIMARY KEY,
    submission_key text NOT NULL UNIQUE,
    team_id text NOT NULL,
    channel_id text NOT NULL,
    user_id text NOT NULL,
    state text NOT NULL CHECK (state IN ('sending', 'created', 'failed', 'unknown')),
    fp_order_uuid text UNIQUE,
    fp_customer_uuid text,
    bank_id_url text,
    status text,
    -- When Front Payment reported the applied status (Unix seconds): unknown statuses compare by it.
    status_at bigint,
    customer_type text NOT NULL CHECK (customer_type IN ('private', 'corporate')),
    customer_name text NOT NULL,
    customer_identifier text NOT NULL,
    preferred_language text NOT NULL,
    grand_total_ore bigint NOT NULL,
    -- The request, kept only while it may be sent again: personal data leaves with it.
    request_json json,
    failure_reason text,
    message_channel_id text,
    message_ts text,
    sent_anyway boolean NOT NULL DEFAULT false,
    -- Every write names the version it read (compare-and-set), so racing writers cannot both win.
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CHECK ((state = 'created') = (request_json IS NULL)),
    CHECK ((state = 'created') = (fp_order_uuid IS NOT NULL)),
    CHECK ((status IS NULL) = (status_at IS NULL)),
    CHECK ((message_channel_id IS NULL) = (message_ts IS NULL))
  );
  CREATE INDEX orders_by_state ON orders (state, created_at, id);

  CREATE TABLE status_history (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id text COLLATE "C" NOT NULL REFERENCES orders (id),
    fp_order_uuid text NOT NULL,
    status text NOT NULL,
    sent_at bigint,
    payment_method text,
    amount text,
    source text NOT NULL CHECK (source IN ('callback', 'lookup')),
    received_at timestamptz NOT NULL,
    applied boolean NOT NULL,
    -- What makes two notifications the same one: see notificationKey().
    dedup_key text NOT NULL,
    UNIQUE (order_id, dedup_key)
  );

  -- Second Front Payment orders for one of ours (both attempts of an order whose outcome was
  -- unknown reached Front Payment): found by their id, so they can be cancelled, and told of once.
  CREATE TABLE other_fp_orders (
    fp_order_uuid text PRIMARY KEY,
    order_id text COLLATE "C" NOT NULL REFERENCES orders (id),
    status text,
    status_at bigint,
    reported_at timestamptz NOT NULL,
    version integer NOT NULL DEFAULT 1,
    CHECK ((status IS NULL) = (status_at IS NULL))
  );
  `,
];

/** Any constant: the advisory lock every instance takes while it applies migrations. */
const MIGRATION_LOCK = 0x46414b54; // "FAKT"

const ORDER_COLUMNS = `id, submission_key, team_id, channel_id, user_id, state, fp_order_uuid, fp_customer_uuid,
  bank_id_url, status, status_at, customer_type, customer_name, customer_identifier, preferred_language,
  grand_total_ore, request_json, failure_reason, message_channel_id, message_ts, sent_anyway, version,
  created_at, updated_at`;
const HISTORY_COLUMNS =
  "fp_order_uuid, status, sent_at, payment_method, amount, source, received_at, applied";
const OTHER_COLUMNS = "fp_order_uuid, order_id, status, status_at, version";

/**
 * Every statement, named so that each connection prepares it once. Explicit column lists (never
 * `*`): a prepared `*` fails once a later migration adds a column under a running instance.
 */
const SQL = {
  selectOrderById: { name: "orders.by-id", text: `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1` },
  selectOrderByFpOrderUuid: {
    name: "orders.by-fp-order-uuid",
    text: `SELECT ${ORDER_COLUMNS} FROM orders WHERE fp_order_uuid = $1`,
  },
  selectOrderBySubmissionKey: {
    name: "orders.by-submission-key",
    text: `SELECT ${ORDER_COLUMNS} FROM orders WHERE submission_key = $1`,
  },
  selectOrdersByState: {
    name: "orders.by-state",
    text: `SELECT ${ORDER_COLUMNS} FROM orders WHERE state = $1 ORDER BY created_at, id`,
  },
  insertOrder: {
    name: "orders.insert",
    text: `INSERT INTO orders (id, submission_key, team_id, channel_id, user_id, state, customer_type,
        customer_name, customer_identifier, preferred_language, grand_total_ore, request_json, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, 'sending', $6, $7, $8, $9, $10, $11, $12, $12)
      ON CONFLICT (submission_key) DO NOTHING
      RETURNING ${ORDER_COLUMNS}`,
  },
  updateOrder: {
    name: "orders.update",
    text: `UPDATE orders SET state = $2, fp_order_uuid = $3, fp_customer_uuid = $4, bank_id_url = $5, status = $6,
        status_at = $7, request_json = $8, failure_reason = $9, message_channel_id = $10, message_ts = $11,
        sent_anyway = $12, version = $13, updated_at = $14
      WHERE id = $1 AND version = $13 - 1
      RETURNING ${ORDER_COLUMNS}`,
  },
  insertHistory: {
    name: "history.insert",
    text: `INSERT INTO status_history (order_id, fp_order_uuid, status, sent_at, payment_method, amount, source,
        received_at, applied, dedup_key)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (order_id, dedup_key) DO NOTHING`,
  },
  selectHistory: {
    name: "history.by-order",
    text: `SELECT ${HISTORY_COLUMNS} FROM status_history WHERE order_id = $1 ORDER BY seq`,
  },
  selectOther: {
    name: "other-fp-orders.by-id",
    text: `SELECT ${OTHER_COLUMNS} FROM other_fp_orders WHERE fp_order_uuid = $1`,
  },
  insertOther: {
    name: "other-fp-orders.insert",
    text: `INSERT INTO other_fp_orders (fp_order_uuid, order_id, status, status_at, reported_at, version)
      VALUES ($1, $2, $3, $4, $5, 1)
      ON CONFLICT (fp_order_uuid) DO NOTHING
      RETURNING ${OTHER_COLUMNS}`,
  },
  updateOther: {
    name: "other-fp-orders.update",
    text: `UPDATE other_fp_orders SET status = $2, status_at = $3, version = $4
      WHERE fp_order_uuid = $1 AND version = $4 - 1
      RETURNING ${OTHER_COLUMNS}`,
  },
} as const;

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
  request_json: InvoiceOrderRequest | null;
  failure_reason: string | null;
  message_channel_id: string | null;
  message_ts: string | null;
  sent_anyway: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

interface HistoryRow {
  fp_order_uuid: string;
  status: string;
  sent_at: number | null;
  payment_method: string | null;
  amount: string | null;
  source: RecordedStatusChange["source"];
  received_at: Date;
  applied: boolean;
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
    sentAnyway: row.sent_anyway,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
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
  const request = row.request_json as InvoiceOrderRequest;
  if (row.state === "sending") return { ...base, state: "sending", request };
  return { ...base, state: row.state, request, failureReason: row.failure_reason ?? "" };
}

function timed(status: string | null, at: number | null) {
  return status === null || at === null ? null : { status, at };
}

function toRecordedChange(row: HistoryRow): RecordedStatusChange {
  return {
    fpOrderUuid: row.fp_order_uuid,
    status: row.status,
    sentAt: row.sent_at,
    paymentMethod: row.payment_method,
    amount: row.amount,
    source: row.source,
    receivedAt: row.received_at,
    applied: row.applied,
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

const INT8_OID = 20;

/**
 * `bigint` columns as numbers, refusing any beyond 2^53 rather than rounding it (pg returns them as
 * strings by default). Set on this store's pool only, not globally for every `pg` user in the process.
 */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid !== INT8_OID || format === "binary") return pg.types.getTypeParser(oid, format as "text");
    return (text: string) => {
      const value = Number(text);
      if (!Number.isSafeInteger(value))
        throw new RangeError(`bigint ${text} does not fit a JavaScript number`);
      return value;
    };
  }) as pg.CustomTypesConfig["getTypeParser"],
};

async function migrate(pool: pg.Pool, now: Date): Promise<void> {
  const client = await pool.connect();
  try {
    // Session-level, so it spans the transactions below; released by the unlock, or by the
    // server when this connection drops.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await client.query(
        "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)",
      );
      const { rows } = await client.query<{ version: number }>(
        "SELECT coalesce(max(version), 0) AS version FROM schema_version",
      );
      const version = rows[0]?.version ?? 0;
      if (version > MIGRATIONS.length) throw new StoreVersionError(version, MIGRATIONS.length);
      for (const [index, sql] of MIGRATIONS.entries()) {
        if (index < version) continue;
        await inTransaction(client, async () => {
          await client.query(sql);
          await client.query("INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)", [
            index + 1,
            now,
          ]);
        });
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/**
 * Whether `error` says the database could not be reached or entered (the network's codes, and
 * PostgreSQL's classes 08 connection, 28 authorization, 3D no such database, 57P unavailable),
 * rather than a fault of ours.
 */
function isConnectionFailure(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string" && /^(E[A-Z]+|08|28|3D|57P)/.test(code)) return true;
  return typeof message === "string" && /timeout|terminated/i.test(message);
}

async function inTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/** Thrown inside a transaction to roll it back and report why nothing was written. */
class NotWritten {
  constructor(readonly reason: "conflict" | "duplicate") {}
}

/** Runs `work` in one transaction on one pooled connection; a `NotWritten` becomes its result. */
async function write<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<WriteResult<T>> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return { written: true, value: await inTransaction(client, () => work(client)) };
  } catch (error) {
    if (error instanceof NotWritten) return { written: false, reason: error.reason };
    // The connection may be what failed (or be left mid-transaction): the pool closes it, not reuses it.
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}

export interface PostgresStoreOptions {
  /** A `postgres://` (or `postgresql://`) URL: `DATABASE_URL`. */
  url: string;
  /** The time of day, for `createdAt`/`updatedAt` (tests pass their own). */
  clock?: () => Date;
  /** Connections in the pool (default 10). */
  maxConnections?: number;
}

/**
 * The store for several instances: PostgreSQL through a `pg` pool. Each change is one transaction
 * whose conditions are the database's own (a version in the `WHERE`, unique constraints with
 * `ON CONFLICT DO NOTHING`), so writers on any instance have exactly one winner without locks
 * held across round trips. Resolves once the database is reachable and its schema current.
 */
export async function openPostgresStore({
  url,
  clock = () => new Date(),
  maxConnections = 10,
}: PostgresStoreOptions): Promise<InvoiceStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    connectionTimeoutMillis: 10_000,
    types,
  });
  // An idle connection the server dropped (a restart, a failover) is discarded by the pool; the
  // next query opens another. Without a listener the event would crash the process.
  pool.on("error", () => {});
  try {
    await migrate(pool, clock());
  } catch (error) {
    await pool.end();
    throw isConnectionFailure(error) ? new StoreConnectionError(url, error) : error;
  }

  async function one<Row extends pg.QueryResultRow>(
    statement: { name: string; text: string },
    values: unknown[],
    client: pg.Pool | pg.PoolClient = pool,
  ): Promise<Row | undefined> {
    return (await client.query<Row>({ ...statement, values })).rows[0];
  }

  return {
    async beginSubmission(submission: NewSubmission) {
      const inserted = await one<OrderRow>(SQL.insertOrder, [
        submission.id,
        submission.submissionKey,
        submission.teamId,
        submission.channelId,
        submission.userId,
        submission.customerType,
        submission.customerName,
        // Defence in depth: a private customer's identifier is stored masked whatever the caller passed.
        submission.customerType === "private"
          ? maskPersonalNumber(submission.customerIdentifier)
          : submission.customerIdentifier,
        submission.preferredLanguage,
        submission.grandTotalOre,
        JSON.stringify(submission.request),
        clock(),
      ]);
      if (inserted) return { order: toOrder(inserted), created: true };
      // Another submission holds the key: the unique constraint made the insert wait for it to
      // commit, so it is there to read.
      const first = (await one<OrderRow>(SQL.selectOrderBySubmissionKey, [
        submission.submissionKey,
      ])) as OrderRow;
      return { order: toOrder(first), created: false };
    },

    async get(id) {
      const row = await one<OrderRow>(SQL.selectOrderById, [id]);
      return row ? toOrder(row) : null;
    },

    async getByFpOrderUuid(fpOrderUuid) {
      const row = await one<OrderRow>(SQL.selectOrderByFpOrderUuid, [fpOrderUuid]);
      return row?.state === "created" ? (toOrder(row) as Extract<OrderRecord, { state: "created" }>) : null;
    },

    async listByState(state) {
      const { rows } = await pool.query<OrderRow>({ ...SQL.selectOrdersByState, values: [state] });
      return rows.map(toOrder) as never;
    },

    async saveOrder(next: OrderRecord, history?: HistoryEntry) {
      return write(pool, async (client) => {
        if (history) {
          const { change, dedupKey } = history;
          const recorded = await client.query({
            ...SQL.insertHistory,
            values: [
              next.id,
              change.fpOrderUuid,
              change.status,
              change.sentAt,
              change.paymentMethod,
              change.amount,
              change.source,
              change.receivedAt,
              change.applied,
              dedupKey,
            ],
          });
          if (recorded.rowCount === 0) throw new NotWritten("duplicate");
        }
        const created = next.state === "created" ? next : null;
        const updated = await one<OrderRow>(
          SQL.updateOrder,
          [
            next.id,
            next.state,
            created?.fpOrderUuid ?? null,
            created?.fpCustomerUuid ?? null,
            created?.bankIdUrl ?? null,
            created?.status?.status ?? null,
            created?.status?.at ?? null,
            // A created order's request (and the personal data in it) leaves the row.
            next.state === "created" ? null : JSON.stringify(next.request),
            next.state === "failed" || next.state === "unknown" ? next.failureReason : null,
            next.message?.channelId ?? null,
            next.message?.ts ?? null,
            next.sentAnyway,
            next.version,
            clock(),
          ],
          client,
        );
        if (!updated) throw new NotWritten("conflict");
        return toOrder(updated);
      });
    },

    async history(id) {
      const { rows } = await pool.query<HistoryRow>({ ...SQL.selectHistory, values: [id] });
      return rows.map(toRecordedChange);
    },

    async getOtherFpOrder(fpOrderUuid) {
      const row = await one<OtherRow>(SQL.selectOther, [fpOrderUuid]);
      return row ? toOther(row) : null;
    },

    async saveOtherFpOrder(next: OtherFpOrder) {
      const status = [next.status?.status ?? null, next.status?.at ?? null];
      const row =
        next.version === 1
          ? await one<OtherRow>(SQL.insertOther, [next.fpOrderUuid, next.orderId, ...status, clock()])
          : await one<OtherRow>(SQL.updateOther, [next.fpOrderUuid, ...status, next.version]);
      return row ? { written: true, value: toOther(row) } : { written: false, reason: "conflict" };
    },

    async close() {
      await pool.end();
    },
  };
}
