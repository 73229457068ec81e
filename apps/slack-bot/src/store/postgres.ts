import { createHash } from "node:crypto";
import pg from "pg";
import type { Locale } from "../i18n/locale.js";
import { awaitsApproval } from "./approval-rows.js";
import {
  customerFromRow,
  customerMatchKey,
  customerSearchText,
  type CustomerRow as SharedCustomerRow,
  searchNeedles,
} from "./customers.js";
import { StoreConnectionError, StoreVersionError } from "./errors.js";
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
import { PRODUCTS_MIGRATION, postgresProductMethods } from "./postgres-products.js";
import type {
  CreatedOrder,
  CustomerDetails,
  HistoryEntry,
  InvoiceStore,
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
  WorkspaceInstallation,
  WriteResult,
} from "./types.js";

/**
 * The schema, one migration per version, applied in order at open under an advisory lock (so
 * instances starting together apply each one once). Append; never edit one that has shipped.
 * Version 1 is SQLite's migrations 1-3 at once; each later one is one of SQLite's (2 is its 4, 8 its
 * 10). Ids compare byte by byte (`COLLATE "C"`), as in SQLite; money and Unix seconds are `bigint`,
 * times `timestamptz` (exact to the millisecond a `Date` holds); the request is `json`, kept as written.
 */
export const MIGRATIONS: readonly string[] = [
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
  `
  -- Slack deliveries already taken (its retries of one request do the work once, on any instance).
  CREATE TABLE delivery_claims (
    key text PRIMARY KEY,
    expires_at timestamptz NOT NULL
  );
  CREATE INDEX delivery_claims_expiry ON delivery_claims (expires_at);
  `,
  `
  -- A failed or unknown order's kept request expires: erased with its personal number, the order
  -- 'expired'. Also: when the customer stopped at BankID, once told. (The constraints replaced are
  -- the ones version 1 named by default.)
  ALTER TABLE orders DROP CONSTRAINT orders_state_check, DROP CONSTRAINT orders_check;
  ALTER TABLE orders
    ADD CONSTRAINT orders_state_check
      CHECK (state IN ('sending', 'created', 'failed', 'unknown', 'expired')),
    ADD CONSTRAINT orders_request_kept_while_unsent
      CHECK ((state IN ('sending', 'failed', 'unknown')) = (request_json IS NOT NULL)),
    ADD COLUMN customer_stopped_at bigint CHECK (customer_stopped_at IS NULL OR state = 'created');
  `,
  `
  -- Following an order up after it was sent: when it is due, whether its creator was told it is
  -- overdue, when the periodic check last asked Front Payment about it.
  ALTER TABLE orders
    ADD COLUMN due_date text COLLATE "C" CHECK (due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    ADD COLUMN overdue_since text COLLATE "C",
    ADD COLUMN checked_at bigint,
    -- The customer's name folded for searching, by the bot (as on SQLite), so both search alike.
    ADD COLUMN customer_search text;
  UPDATE orders SET customer_search = lower(customer_name);
  -- Listings: one team's orders, newest first (keyset pagination on created_at, id).
  CREATE INDEX orders_by_team_newest ON orders (team_id, created_at DESC, id DESC);
  -- The periodic check: created orders by when they were last written.
  CREATE INDEX orders_created_by_update ON orders (updated_at) WHERE state = 'created';
  `,
  `
  -- Workspaces that installed the app through OAuth; sealed is encrypted by the bot (it holds the token).
  CREATE TABLE installations (
    team_id text PRIMARY KEY,
    team_name text,
    installed_by text,
    sealed text NOT NULL,
    installed_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  );
  `,
  `
  -- What the channel message tells beyond the status (InvoiceFacts), once created; never personal.
  -- lines_json is NULL for orders created before it was kept, and then so are the others.
  ALTER TABLE orders
    ADD COLUMN lines_json json,
    ADD COLUMN order_date bigint,
    ADD COLUMN maturity_days integer,
    ADD COLUMN invoice_number text,
    ADD COLUMN payment_method text,
    ADD COLUMN refunded_ore bigint CHECK (refunded_ore >= 0),
    ADD COLUMN refunded_lines_json json,
    ADD COLUMN cancelled_by text,
    ADD COLUMN cancel_reason text;
  `,
  `
  -- Who sends a 'sending' order and until when (renewed while the submit is in flight): recovery
  -- takes only orders whose lease expired, never those of a live instance.
  ALTER TABLE orders ADD COLUMN lease_owner text, ADD COLUMN lease_expires_at timestamptz;

  -- Slack work recorded in the same transaction as the order write that made it (the outbox),
  -- delivered and removed by whichever instance claims it. An order's entries get their ids while
  -- its row is locked, so they are numbered in the order their writes committed.
  CREATE TABLE outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id text COLLATE "C" NOT NULL REFERENCES orders (id),
    work_json json NOT NULL,
    coalesce_key text,
    due_at timestamptz NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    claim_owner text,
    claim_expires_at timestamptz,
    last_error text,
    created_at timestamptz NOT NULL,
    CHECK ((claim_owner IS NULL) = (claim_expires_at IS NULL))
  );
  -- One waiting entry per order and coalescing key: a second is the same work.
  CREATE UNIQUE INDEX outbox_waiting_once ON outbox (order_id, coalesce_key)
    WHERE coalesce_key IS NOT NULL AND claim_owner IS NULL;
  CREATE INDEX outbox_by_order ON outbox (order_id, id);
  CREATE INDEX outbox_by_due ON outbox (due_at);
  `,
  `
  -- Customers a team has invoiced, to start the next invoice from. Never a personal number.
  CREATE TABLE customers (
    id text COLLATE "C" PRIMARY KEY,
    team_id text NOT NULL,
    type text NOT NULL CHECK (type IN ('private', 'corporate')),
    -- What makes two saves the same customer: see customerMatchKey().
    match_key text NOT NULL,
    -- Lower-case name, numbers and email, for search: see customerSearchText().
    search_text text NOT NULL,
    -- Listed by name byte by byte, as in SQLite.
    name text COLLATE "C" NOT NULL,
    organization_id text,
    email text NOT NULL,
    country_code text NOT NULL,
    msisdn text NOT NULL,
    street text NOT NULL,
    zip text NOT NULL,
    city text NOT NULL,
    country text NOT NULL,
    preferred_language text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (team_id, match_key),
    CHECK ((type = 'corporate') = (organization_id IS NOT NULL))
  );
  CREATE INDEX customers_by_team ON customers (team_id, name);
  `,
  `
  -- The language a person chose in App Home; no row: they read their workspace's.
  CREATE TABLE person_locales (
    team_id text NOT NULL,
    user_id text NOT NULL,
    locale text NOT NULL CHECK (locale IN ('nb', 'en')),
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (team_id, user_id)
  );
  `,
  `
  -- Approval above a threshold: an order 'awaiting_approval' (its request kept: it is what will
  -- be sent) or 'rejected' (kept for its creator's form until it expires), and who approved one.
  ALTER TABLE orders DROP CONSTRAINT orders_state_check, DROP CONSTRAINT orders_request_kept_while_unsent;
  ALTER TABLE orders
    ADD COLUMN approval_messages_json json,
    ADD COLUMN rejected_by text,
    ADD COLUMN rejection_reason text,
    ADD COLUMN approved_by text;
  ALTER TABLE orders
    ADD CONSTRAINT orders_state_check CHECK (state IN ('sending', 'created', 'failed', 'unknown', 'expired',
      'awaiting_approval', 'rejected')),
    ADD CONSTRAINT orders_request_kept_while_unsent
      CHECK ((state IN ('sending', 'failed', 'unknown', 'awaiting_approval', 'rejected')) = (request_json IS NOT NULL)),
    ADD CONSTRAINT orders_approval_messages_while_awaiting
      CHECK ((state = 'awaiting_approval') = (approval_messages_json IS NOT NULL)),
    ADD CONSTRAINT orders_rejection_when_rejected
      CHECK ((state = 'rejected') = (rejected_by IS NOT NULL) AND (rejected_by IS NULL) = (rejection_reason IS NULL));
  `,
  PRODUCTS_MIGRATION,
];

/** When erased data is vacuumed once more, for a version a transaction could still see at first. */
const VACUUM_AGAIN_MS = 60_000;

/** Any constant: the advisory lock every instance takes while it applies migrations. */
const MIGRATION_LOCK = 0x46414b54; // "FAKT"

const HISTORY_COLUMNS =
  "fp_order_uuid, status, sent_at, payment_method, amount, source, received_at, applied";
const OTHER_COLUMNS = "fp_order_uuid, order_id, status, status_at, version";
const OUTBOX_COLUMNS = `id, order_id, work_json, coalesce_key, due_at, attempts, claim_owner, claim_expires_at,
  last_error, created_at`;
const INSTALLATION_COLUMNS = "team_id, team_name, installed_by, sealed, installed_at, updated_at";
const CUSTOMER_COLUMNS = `id, team_id, type, name, organization_id, email, country_code, msisdn, street, zip, city,
  country, preferred_language, created_at, updated_at`;

/**
 * Every statement, named so that each connection prepares it once. Explicit column lists (never
 * `*`): a prepared `*` fails once a later migration adds a column under a running instance.
 */
const SQL = {
  selectOrderById: { name: "orders.by-id", text: `SELECT ${ORDER_ROW_COLUMNS} FROM orders WHERE id = $1` },
  selectOrderByFpOrderUuid: {
    name: "orders.by-fp-order-uuid",
    text: `SELECT ${ORDER_ROW_COLUMNS} FROM orders WHERE fp_order_uuid = $1`,
  },
  selectOrderBySubmissionKey: {
    name: "orders.by-submission-key",
    text: `SELECT ${ORDER_ROW_COLUMNS} FROM orders WHERE submission_key = $1`,
  },
  selectOrdersByState: {
    name: "orders.by-state",
    text: `SELECT ${ORDER_ROW_COLUMNS} FROM orders WHERE state = $1 ORDER BY created_at, id`,
  },
  insertOrder: {
    name: "orders.insert",
    text: `INSERT INTO orders (id, submission_key, team_id, channel_id, user_id, state, customer_type,
        customer_name, customer_identifier, preferred_language, grand_total_ore, request_json, created_at, updated_at,
        due_date, customer_search, lease_owner, lease_expires_at, approval_messages_json)
      VALUES ($1, $2, $3, $4, $5, $17, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14, $15, $16, $18)
      ON CONFLICT (submission_key) DO NOTHING
      RETURNING ${ORDER_ROW_COLUMNS}`,
  },
  // A sending order written without a lease keeps the one it has; any other state holds none.
  // `erased_request`: whether this write erased the request it had (the CTE reads the row as it was).
  updateOrder: {
    name: "orders.update",
    text: `WITH before AS (SELECT request_json IS NOT NULL AS kept_request FROM orders WHERE id = $1)
      UPDATE orders SET state = $2, fp_order_uuid = $3, fp_customer_uuid = $4, bank_id_url = $5, status = $6,
        status_at = $7, request_json = $8, failure_reason = $9, message_channel_id = $10, message_ts = $11,
        sent_anyway = $12, version = $13, updated_at = $14, customer_stopped_at = $15, overdue_since = $16,
        checked_at = $17, customer_type = $18, customer_name = $19, customer_search = $20,
        customer_identifier = $21, preferred_language = $22, grand_total_ore = $23, lines_json = $24,
        order_date = $25, maturity_days = $26, invoice_number = $27, payment_method = $28, refunded_ore = $29,
        refunded_lines_json = $30, cancelled_by = $31, cancel_reason = $32,
        approval_messages_json = $35, rejected_by = $36, rejection_reason = $37, approved_by = $38,
        lease_owner = CASE WHEN $2 = 'sending' THEN coalesce($33, lease_owner) END,
        lease_expires_at = CASE WHEN $2 = 'sending' THEN coalesce($34, lease_expires_at) END
      WHERE id = $1 AND version = $13 - 1
      RETURNING ${ORDER_ROW_COLUMNS}, (SELECT kept_request FROM before) AND request_json IS NULL AS erased_request`,
  },
  // Taken before recording outbox work without writing the order: its entries are numbered in turn.
  lockOrder: { name: "orders.lock", text: "SELECT 1 FROM orders WHERE id = $1 FOR NO KEY UPDATE" },
  renewLease: {
    name: "orders.renew-lease",
    text: `UPDATE orders SET lease_expires_at = $3, version = version + 1
      WHERE id = $1 AND state = 'sending' AND lease_owner = $2`,
  },
  selectExpiredSending: {
    name: "orders.expired-sending",
    text: `SELECT ${ORDER_ROW_COLUMNS} FROM orders
      WHERE state = 'sending' AND (lease_expires_at IS NULL OR lease_expires_at <= $1)
      ORDER BY created_at, id`,
  },
  selectToCheck: {
    name: "orders.to-check",
    text: `SELECT ${ORDER_ROW_COLUMNS} FROM orders WHERE state = 'created'
        AND (status IS NULL OR status <> ALL ($1::text[]))
        AND ((due_date < $2 AND overdue_since IS NULL) OR updated_at < $3)
      ORDER BY updated_at, id LIMIT $4`,
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
  // The entries in the order given (ids grow with it); a waiting twin takes one's place. The twin
  // is updated, not left alone, so this write holds its row lock until it commits: a claimant
  // (`SKIP LOCKED`) cannot take the twin and show the order as it was before this write.
  insertOutbox: {
    name: "outbox.insert",
    text: `INSERT INTO outbox (order_id, work_json, coalesce_key, due_at, created_at)
      SELECT $1, work, coalesce_key, $4, $4
      FROM unnest($2::json[], $3::text[]) WITH ORDINALITY AS entry (work, coalesce_key, position)
      ORDER BY position
      ON CONFLICT (order_id, coalesce_key) WHERE coalesce_key IS NOT NULL AND claim_owner IS NULL
      DO UPDATE SET due_at = outbox.due_at`,
  },
  // One statement: rows another claimant is locking are skipped, not waited for, and an order's
  // next entry is not due while one before it is left (held, or given back for later).
  claimOutbox: {
    name: "outbox.claim",
    text: `UPDATE outbox SET claim_owner = $1, claim_expires_at = $3,
        last_error = CASE WHEN claim_owner IS NULL THEN last_error
          ELSE 'the claim of ' || claim_owner || ' expired' END
      WHERE id IN (
        SELECT o.id FROM outbox o
        WHERE o.due_at <= $2 AND (o.claim_owner IS NULL OR o.claim_expires_at <= $2)
          AND ($5::text IS NULL OR o.order_id = $5)
          AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.order_id = o.order_id AND p.id < o.id)
        ORDER BY o.id
        LIMIT $4
        FOR UPDATE SKIP LOCKED)
      RETURNING ${OUTBOX_COLUMNS}`,
  },
  deleteOutbox: { name: "outbox.delete", text: "DELETE FROM outbox WHERE id = $1 AND claim_owner = $2" },
  lockHeldOrder: {
    name: "outbox.lock-held-order",
    text: `SELECT 1 FROM orders WHERE id = (SELECT order_id FROM outbox WHERE id = $1 AND claim_owner = $2)
      FOR NO KEY UPDATE`,
  },
  deleteWaitingTwin: {
    name: "outbox.delete-waiting-twin",
    text: `DELETE FROM outbox twin USING outbox held
      WHERE held.id = $1 AND held.claim_owner = $2 AND twin.claim_owner IS NULL
        AND twin.order_id = held.order_id AND twin.coalesce_key = held.coalesce_key AND twin.id <> held.id`,
  },
  releaseOutbox: {
    name: "outbox.release",
    text: `UPDATE outbox SET claim_owner = NULL, claim_expires_at = NULL, due_at = $3,
        attempts = attempts + $4, last_error = coalesce($5, last_error)
      WHERE id = $1 AND claim_owner = $2`,
  },
  selectOutbox: { name: "outbox.all", text: `SELECT ${OUTBOX_COLUMNS} FROM outbox ORDER BY id` },
  // The claim on `key`, unless one holds: an expired one is taken over, and others that expired are
  // forgotten on the way. Times are the store's clock, not the server's.
  claimOnce: {
    name: "delivery-claims.claim",
    text: `WITH forgotten AS (DELETE FROM delivery_claims WHERE expires_at <= $3 AND key <> $1)
      INSERT INTO delivery_claims (key, expires_at) VALUES ($1, $2)
      ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at
        WHERE delivery_claims.expires_at <= $3
      RETURNING key`,
  },
  selectSchemaVersion: {
    name: "schema-version",
    text: "SELECT coalesce(max(version), 0) AS version FROM schema_version",
  },
  upsertInstallation: {
    name: "installations.upsert",
    text: `INSERT INTO installations (team_id, team_name, installed_by, sealed, installed_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $5)
      ON CONFLICT (team_id) DO UPDATE SET team_name = excluded.team_name,
        installed_by = excluded.installed_by, sealed = excluded.sealed, updated_at = excluded.updated_at
      RETURNING ${INSTALLATION_COLUMNS}`,
  },
  selectInstallation: {
    name: "installations.by-team",
    text: `SELECT ${INSTALLATION_COLUMNS} FROM installations WHERE team_id = $1`,
  },
  deleteInstallation: { name: "installations.delete", text: "DELETE FROM installations WHERE team_id = $1" },
  // The same customer saved again is updated (its id, type, number and creation kept).
  upsertCustomer: {
    name: "customers.upsert",
    text: `INSERT INTO customers (id, team_id, type, match_key, search_text, name, organization_id, email,
        country_code, msisdn, street, zip, city, country, preferred_language, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
      ON CONFLICT (team_id, match_key) DO UPDATE SET search_text = excluded.search_text, name = excluded.name,
        email = excluded.email, country_code = excluded.country_code, msisdn = excluded.msisdn,
        street = excluded.street, zip = excluded.zip, city = excluded.city, country = excluded.country,
        preferred_language = excluded.preferred_language, updated_at = excluded.updated_at
      RETURNING ${CUSTOMER_COLUMNS}`,
  },
  selectCustomer: {
    name: "customers.by-id",
    text: `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE team_id = $1 AND id = $2`,
  },
  // Its type decides the keys an edit derives: held until the edit commits.
  lockCustomerType: {
    name: "customers.lock-type",
    text: "SELECT type FROM customers WHERE team_id = $1 AND id = $2 FOR UPDATE",
  },
  updateCustomer: {
    name: "customers.update",
    text: `UPDATE customers SET match_key = $3, search_text = $4, name = $5, organization_id = $6, email = $7,
        country_code = $8, msisdn = $9, street = $10, zip = $11, city = $12, country = $13,
        preferred_language = $14, updated_at = $15
      WHERE team_id = $1 AND id = $2
      RETURNING ${CUSTOMER_COLUMNS}`,
  },
  selectTeamCustomers: {
    name: "customers.by-team",
    text: `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE team_id = $1 ORDER BY name, id LIMIT $2`,
  },
  searchTeamCustomers: {
    name: "customers.search",
    text: `SELECT ${CUSTOMER_COLUMNS} FROM customers
      WHERE team_id = $1 AND (strpos(search_text, $2) > 0 OR strpos(search_text, $3) > 0)
      ORDER BY name, id LIMIT $4`,
  },
  deleteCustomer: { name: "customers.delete", text: "DELETE FROM customers WHERE team_id = $1 AND id = $2" },
  selectPersonLocale: {
    name: "person-locales.get",
    text: "SELECT locale FROM person_locales WHERE team_id = $1 AND user_id = $2",
  },
  upsertPersonLocale: {
    name: "person-locales.set",
    text: `INSERT INTO person_locales (team_id, user_id, locale, updated_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (team_id, user_id) DO UPDATE SET locale = excluded.locale, updated_at = excluded.updated_at`,
  },
  deletePersonLocale: {
    name: "person-locales.delete",
    text: "DELETE FROM person_locales WHERE team_id = $1 AND user_id = $2",
  },
} as const;

/** PostgreSQL gives times as `Date`s, JSON parsed (`json` columns) and booleans as booleans. */
type OrderRow = SharedOrderRow<Date, unknown, boolean>;

const ENCODING: RowEncoding<Date, unknown, boolean> = {
  date: (time) => time,
  json: (value) => value,
  flag: (flag) => flag,
};

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

interface OutboxRow {
  id: number;
  order_id: string;
  work_json: SlackWork;
  coalesce_key: string | null;
  due_at: Date;
  attempts: number;
  claim_owner: string | null;
  claim_expires_at: Date | null;
  last_error: string | null;
  created_at: Date;
}

interface InstallationRow {
  team_id: string;
  team_name: string | null;
  installed_by: string | null;
  sealed: string;
  installed_at: Date;
  updated_at: Date;
}

function toOrder(row: OrderRow): OrderRecord {
  return orderFromRow(row, ENCODING);
}

/** The values of `SQL.updateOrder` for writing `next` (everything but its creation), with `lease`. */
function updateValues(next: OrderRecord, updatedAt: Date, lease: SubmissionLease | undefined): unknown[] {
  const columns = orderColumns(next);
  return [
    columns.id,
    columns.state,
    columns.fp_order_uuid,
    columns.fp_customer_uuid,
    columns.bank_id_url,
    columns.status,
    columns.status_at,
    columns.request_json,
    columns.failure_reason,
    columns.message_channel_id,
    columns.message_ts,
    columns.sent_anyway,
    columns.version,
    updatedAt,
    columns.customer_stopped_at,
    columns.overdue_since,
    columns.checked_at,
    columns.customer_type,
    columns.customer_name,
    customerSearch(next.customerName),
    columns.customer_identifier,
    columns.preferred_language,
    columns.grand_total_ore,
    columns.lines_json,
    columns.order_date,
    columns.maturity_days,
    columns.invoice_number,
    columns.payment_method,
    columns.refunded_ore,
    columns.refunded_lines_json,
    columns.cancelled_by,
    columns.cancel_reason,
    lease?.owner ?? null,
    lease?.expiresAt ?? null,
    columns.approval_messages_json,
    columns.rejected_by,
    columns.rejection_reason,
    columns.approved_by,
  ];
}

type CustomerRow = SharedCustomerRow<Date>;

function toCustomer(row: CustomerRow): SavedCustomer {
  return customerFromRow(row, (time) => time);
}

/**
 * The values a save or an edit sets, derived keys included, from `match_key` on (`$4` of
 * `SQL.upsertCustomer`, `$3` of `SQL.updateCustomer`), ending with `now`.
 */
function customerValues(details: CustomerDetails, now: Date): unknown[] {
  return [
    customerMatchKey(details),
    customerSearchText(details),
    details.name,
    details.type === "corporate" ? (details.organizationId ?? "") : null,
    details.email,
    details.countryCode,
    details.msisdn,
    details.street,
    details.zip,
    details.city,
    details.country,
    details.preferredLanguage,
    now,
  ];
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
    status: timedStatus(row.status, row.status_at),
    version: row.version,
  };
}

function toOutboxEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    orderId: row.order_id,
    work: row.work_json,
    coalesceKey: row.coalesce_key,
    attempts: row.attempts,
    dueAt: row.due_at,
    claim:
      row.claim_owner === null || row.claim_expires_at === null
        ? null
        : { owner: row.claim_owner, expiresAt: row.claim_expires_at },
    lastError: row.last_error,
    createdAt: row.created_at,
  };
}

function toInstallation(row: InstallationRow): WorkspaceInstallation {
  return {
    teamId: row.team_id,
    teamName: row.team_name,
    installedBy: row.installed_by,
    sealed: row.sealed,
    installedAt: row.installed_at,
    updatedAt: row.updated_at,
  };
}

/** The conditions of `filter` as SQL on `orders`, with their values (`$1`…, in order). */
function filterClause(filter: OrderFilter): { where: string[]; values: unknown[] } {
  const values: unknown[] = [];
  const value = (given: unknown) => `$${values.push(given)}`;
  const where = [`team_id = ${value(filter.teamId)}`];
  if (filter.userId !== undefined) where.push(`user_id = ${value(filter.userId)}`);
  if (filter.statusIn !== undefined)
    where.push(`state = 'created' AND status = ANY (${value(filter.statusIn)}::text[])`);
  if (filter.statusNotIn !== undefined)
    where.push(
      `state = 'created' AND (status IS NULL OR status <> ALL (${value(filter.statusNotIn)}::text[]))`,
    );
  if (filter.statusSince !== undefined) where.push(`status_at >= ${value(filter.statusSince)}`);
  if (filter.dueBefore !== undefined) where.push(`due_date < ${value(filter.dueBefore)}`);
  if (filter.search !== undefined) {
    const search = filter.search.trim();
    // Digits only, so the LIKE pattern needs no escaping; an empty one matches no identifier.
    const digits = /^[\d\s]+$/.test(search) ? search.replace(/\s/g, "") : "";
    const id = value(search.toUpperCase());
    where.push(
      `(strpos(customer_search, ${value(customerSearch(search))}) > 0
        OR ${digits ? `customer_identifier LIKE ${value(`${digits}%`)}` : "false"}
        OR id = ${id} OR fp_order_uuid = ${id})`,
    );
  }
  if (filter.visibleTo !== undefined) {
    const channels = value(filter.visibleTo.channelIds);
    where.push(`(user_id = ${value(filter.visibleTo.userId)}
      OR channel_id = ANY (${channels}::text[]) OR message_channel_id = ANY (${channels}::text[]))`);
  }
  return { where, values };
}

function cursorOf(order: OrderRecord | undefined): OrderCursor | null {
  return order ? { createdAt: order.createdAt.getTime(), id: order.id } : null;
}

/** A statement built from a filter, named by its text so each connection prepares each shape once. */
function built(text: string): { name: string; text: string } {
  return { name: `orders.filtered.${createHash("sha1").update(text).digest("hex")}`, text };
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
  /** The time of day, for `createdAt`/`updatedAt` and claims (tests pass their own). */
  clock?: () => Date;
  /** Connections in the pool (default 10). */
  maxConnections?: number;
}

/**
 * The store for several instances: PostgreSQL through a `pg` pool. Each change is one transaction
 * whose conditions are the database's own (a version in the `WHERE`, unique constraints with
 * `ON CONFLICT`, `FOR UPDATE SKIP LOCKED` for the outbox), so writers on any instance have exactly
 * one winner without locks held across round trips. Resolves once the database is reachable and
 * its schema current.
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
  // Delivery claims on connections of their own that do not wait for the WAL flush: one is on the
  // path of every slash command and click, before Slack's 3 s, and a claim lost to a crash costs at
  // most one retry handled twice, not an order (as SQLite's claims, `synchronous = NORMAL`).
  const claims = new pg.Pool({
    connectionString: url,
    max: Math.max(2, Math.ceil(maxConnections / 2)),
    connectionTimeoutMillis: 10_000,
    types,
    options: "-c synchronous_commit=off",
  });
  claims.on("error", () => {});
  try {
    await migrate(pool, clock());
  } catch (error) {
    await Promise.all([pool.end(), claims.end()]);
    throw isConnectionFailure(error) ? new StoreConnectionError(url, error) : error;
  }

  async function one<Row extends pg.QueryResultRow>(
    statement: { name: string; text: string },
    values: unknown[],
    client: pg.Pool | pg.PoolClient = pool,
  ): Promise<Row | undefined> {
    return (await client.query<Row>({ ...statement, values })).rows[0];
  }

  async function all<Row extends pg.QueryResultRow>(
    statement: { name: string; text: string },
    values: unknown[],
    client: pg.Pool | pg.PoolClient = pool,
  ): Promise<Row[]> {
    return (await client.query<Row>({ ...statement, values })).rows;
  }

  async function changed(
    statement: { name: string; text: string },
    values: unknown[],
    client: pg.Pool | pg.PoolClient = pool,
  ): Promise<number> {
    return (await client.query({ ...statement, values })).rowCount ?? 0;
  }

  /**
   * An update or delete leaves the row's old version in the table (MVCC) until a vacuum removes it:
   * after a write that erased personal data (a request, a customer), `table` is vacuumed at once,
   * outside any transaction, so the erased version leaves the table's pages, not only the view of
   * it. A version some other transaction could still see then stays: the vacuum runs again a
   * while later. Index cleanup (the erased data is not in an index) and truncation (it takes an
   * exclusive lock) are left to autovacuum. A failed vacuum fails nothing: the write is committed.
   */
  const toVacuum = new Set<string>();
  let vacuumLater: NodeJS.Timeout | undefined;
  async function vacuum(tables: Iterable<string>): Promise<void> {
    for (const table of tables) {
      await pool.query(`VACUUM (INDEX_CLEANUP OFF, TRUNCATE OFF) ${table}`).catch(() => {});
    }
  }
  async function erased(table: "orders" | "customers"): Promise<void> {
    await vacuum([table]);
    toVacuum.add(table);
    vacuumLater ??= setTimeout(() => {
      vacuumLater = undefined;
      const tables = [...toVacuum];
      toVacuum.clear();
      void vacuum(tables);
    }, VACUUM_AGAIN_MS).unref();
  }

  /** Records `entries` for the order, inside the caller's transaction (which holds the order's row). */
  async function recordOutbox(
    client: pg.PoolClient,
    orderId: string,
    entries: readonly NewOutboxEntry[] | undefined,
  ): Promise<void> {
    if (!entries?.length) return;
    await client.query({
      ...SQL.insertOutbox,
      values: [
        orderId,
        entries.map(({ work }) => JSON.stringify(work)),
        entries.map(({ coalesceKey }) => coalesceKey),
        clock(),
      ],
    });
  }

  return {
    async beginSubmission(submission: NewSubmission, lease?: SubmissionLease) {
      const inserted = await one<OrderRow>(SQL.insertOrder, [
        submission.id,
        submission.submissionKey,
        submission.teamId,
        submission.channelId,
        submission.userId,
        submission.customerType,
        submission.customerName,
        storedIdentifier(submission.customerType, submission.customerIdentifier),
        submission.preferredLanguage,
        submission.grandTotalOre,
        JSON.stringify(submission.request),
        clock(),
        submission.dueDate ?? null,
        customerSearch(submission.customerName),
        awaitsApproval(submission) ? null : (lease?.owner ?? null),
        awaitsApproval(submission) ? null : (lease?.expiresAt ?? null),
        awaitsApproval(submission) ? "awaiting_approval" : "sending",
        awaitsApproval(submission) ? "[]" : null,
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
      return row?.state === "created" ? (toOrder(row) as CreatedOrder) : null;
    },

    async listByState(state) {
      return (await all<OrderRow>(SQL.selectOrdersByState, [state])).map(toOrder) as never;
    },

    async saveOrder(next: OrderRecord, history?: HistoryEntry, extras?: OrderWriteExtras) {
      const saved = await write(pool, async (client) => {
        if (history) {
          const { change, dedupKey } = history;
          const recorded = await changed(
            SQL.insertHistory,
            [
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
            client,
          );
          if (recorded === 0) throw new NotWritten("duplicate");
        }
        const updated = await one<OrderRow & { erased_request: boolean }>(
          SQL.updateOrder,
          updateValues(next, clock(), extras?.lease),
          client,
        );
        if (!updated) throw new NotWritten("conflict");
        await recordOutbox(client, next.id, extras?.outbox);
        return { order: toOrder(updated), erased: updated.erased_request };
      });
      if (!saved.written) return saved;
      if (saved.value.erased) await erased("orders");
      return { written: true, value: saved.value.order };
    },

    async history(id) {
      return (await all<HistoryRow>(SQL.selectHistory, [id])).map(toRecordedChange);
    },

    async getOtherFpOrder(fpOrderUuid) {
      const row = await one<OtherRow>(SQL.selectOther, [fpOrderUuid]);
      return row ? toOther(row) : null;
    },

    async saveOtherFpOrder(next: OtherFpOrder, outbox?: readonly NewOutboxEntry[]) {
      return write(pool, async (client) => {
        const status = [next.status?.status ?? null, next.status?.at ?? null];
        const row =
          next.version === 1
            ? await one<OtherRow>(
                SQL.insertOther,
                [next.fpOrderUuid, next.orderId, ...status, clock()],
                client,
              )
            : await one<OtherRow>(SQL.updateOther, [next.fpOrderUuid, ...status, next.version], client);
        if (!row) throw new NotWritten("conflict");
        if (outbox?.length) {
          await client.query({ ...SQL.lockOrder, values: [next.orderId] });
          await recordOutbox(client, next.orderId, outbox);
        }
        return toOther(row);
      });
    },

    async claimOnce(key, expiresAt) {
      return (await changed(SQL.claimOnce, [key, expiresAt, clock()], claims)) === 1;
    },

    async ping() {
      const { version } = (await one<{ version: number }>(SQL.selectSchemaVersion, [])) as {
        version: number;
      };
      if (version > MIGRATIONS.length) throw new StoreVersionError(version, MIGRATIONS.length);
      if (version < MIGRATIONS.length) {
        throw new Error(
          `The database has schema version ${version} of ${MIGRATIONS.length}: migrations are missing`,
        );
      }
    },

    async listOrders(filter, { limit, after, before }): Promise<OrderPage> {
      const { where, values } = filterClause(filter);
      const from = before ?? after;
      if (from) {
        values.push(new Date(from.createdAt), from.id);
        where.push(`(created_at, id) ${before ? ">" : "<"} ($${values.length - 1}, $${values.length})`);
      }
      const direction = before ? "ASC" : "DESC";
      values.push(limit + 1);
      const rows = await all<OrderRow>(
        built(
          `SELECT ${ORDER_ROW_COLUMNS} FROM orders WHERE ${where.join(" AND ")}
           ORDER BY created_at ${direction}, id ${direction} LIMIT $${values.length}`,
        ),
        values,
      );
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
      const { where, values } = filterClause(filter);
      const row = (await one<{ count: number; total_ore: number }>(
        built(
          `SELECT count(*) AS count, coalesce(sum(grand_total_ore - coalesce(refunded_ore, 0)), 0)::bigint AS total_ore
           FROM orders WHERE ${where.join(" AND ")}`,
        ),
        values,
      )) as { count: number; total_ore: number };
      return { count: row.count, totalOre: row.total_ore };
    },

    async listToCheck({ dueBefore, quietBefore, settled, limit }) {
      const rows = await all<OrderRow>(SQL.selectToCheck, [settled, dueBefore, quietBefore, limit]);
      return rows.map(toOrder) as CreatedOrder[];
    },

    async saveInstallation(installation) {
      const row = (await one<InstallationRow>(SQL.upsertInstallation, [
        installation.teamId,
        installation.teamName,
        installation.installedBy,
        installation.sealed,
        clock(),
      ])) as InstallationRow;
      return toInstallation(row);
    },

    async getInstallation(teamId) {
      const row = await one<InstallationRow>(SQL.selectInstallation, [teamId]);
      return row ? toInstallation(row) : null;
    },

    async deleteInstallation(teamId) {
      return (await changed(SQL.deleteInstallation, [teamId])) === 1;
    },

    async saveCustomer(details, newId) {
      const row = (await one<CustomerRow>(SQL.upsertCustomer, [
        newId,
        details.teamId,
        details.type,
        ...customerValues(details, clock()),
      ])) as CustomerRow;
      return toCustomer(row);
    },

    async searchCustomers(teamId, query, limit) {
      const needles = searchNeedles(query);
      const rows = needles
        ? await all<CustomerRow>(SQL.searchTeamCustomers, [teamId, ...needles, limit])
        : await all<CustomerRow>(SQL.selectTeamCustomers, [teamId, limit]);
      return rows.map(toCustomer);
    },

    async getCustomer(teamId, id) {
      const row = await one<CustomerRow>(SQL.selectCustomer, [teamId, id]);
      return row ? toCustomer(row) : null;
    },

    async updateCustomer(teamId, id, details) {
      const edited = await write(pool, async (client) => {
        const existing = await one<{ type: SavedCustomer["type"] }>(
          SQL.lockCustomerType,
          [teamId, id],
          client,
        );
        if (!existing) return null;
        const values = customerValues({ ...details, teamId, type: existing.type }, clock());
        return (await one<CustomerRow>(SQL.updateCustomer, [teamId, id, ...values], client)) ?? null;
      });
      return edited.written && edited.value ? toCustomer(edited.value) : null;
    },

    async forgetCustomer(teamId, id) {
      const deleted = (await changed(SQL.deleteCustomer, [teamId, id])) === 1;
      if (deleted) await erased("customers");
      return deleted;
    },

    async getPersonLocale(teamId, userId) {
      return (await one<{ locale: Locale }>(SQL.selectPersonLocale, [teamId, userId]))?.locale ?? null;
    },

    async setPersonLocale(teamId, userId, locale) {
      if (locale === null) await changed(SQL.deletePersonLocale, [teamId, userId]);
      else await changed(SQL.upsertPersonLocale, [teamId, userId, locale, clock()]);
    },

    async renewLease(orderId, lease) {
      return (await changed(SQL.renewLease, [orderId, lease.owner, lease.expiresAt])) === 1;
    },

    async listExpiredSubmissions(now) {
      return (await all<OrderRow>(SQL.selectExpiredSending, [now])).map(toOrder) as SendingOrder[];
    },

    async claimOutbox({ owner, now, claimUntil, limit, orderId }) {
      const rows = await all<OutboxRow>(SQL.claimOutbox, [owner, now, claimUntil, limit, orderId ?? null]);
      return rows.map(toOutboxEntry).sort((a, b) => a.id - b.id);
    },

    async completeOutbox(id, owner) {
      return (await changed(SQL.deleteOutbox, [id, owner])) === 1;
    },

    async releaseOutbox(id, owner, { dueAt, failed, error }) {
      const released = await write(pool, async (client) => {
        // With the order's row held, no write of the order records a twin between the two statements.
        await client.query({ ...SQL.lockHeldOrder, values: [id, owner] });
        await client.query({ ...SQL.deleteWaitingTwin, values: [id, owner] });
        return changed(SQL.releaseOutbox, [id, owner, dueAt, failed ? 1 : 0, error ?? null], client);
      });
      return released.written && released.value === 1;
    },

    async listOutbox() {
      return (await all<OutboxRow>(SQL.selectOutbox, [])).map(toOutboxEntry);
    },

    ...postgresProductMethods(pool, clock),
    async close() {
      clearTimeout(vacuumLater);
      await Promise.all([pool.end(), claims.end()]);
    },
  };
}
