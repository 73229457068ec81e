import { mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DATABASE_FILE, type InvoiceStore, openSqliteStore, StoreVersionError } from "../src/store/index.js";
import { boundPageCache, MIGRATIONS, PAGE_CACHE_KIB } from "../src/store/sqlite.js";
import {
  advance,
  callback,
  created,
  FORGOTTEN_CUSTOMER,
  notify,
  PERSONAL_NUMBER,
  submission,
  temporaryDataDir,
} from "./store.fixtures.js";
import { describeStoreContract } from "./store-contract.js";

describeStoreContract("SQLite", async () => {
  const { dataDir, remove } = temporaryDataDir();
  return {
    connect: async (clock) => openSqliteStore({ dataDir, clock }),
    destroy: async () => remove(),
  };
});

describe("SQLite store on disk", () => {
  let dataDir: string;
  let remove: () => void;
  const open: InvoiceStore[] = [];

  function openStore(): InvoiceStore {
    const store = openSqliteStore({ dataDir });
    open.push(store);
    return store;
  }

  async function closeAll(): Promise<void> {
    for (const store of open.splice(0)) await store.close();
  }

  function rawRow(id: string): Record<string, unknown> {
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      return db.prepare("SELECT * FROM orders WHERE id = ?").get(id) as Record<string, unknown>;
    } finally {
      db.close();
    }
  }

  beforeEach(() => {
    ({ dataDir, remove } = temporaryDataDir());
  });

  afterEach(async () => {
    await closeAll();
    remove();
  });

  it("creates the directory and the database in WAL mode, readable by its owner only, at the latest schema version", async () => {
    dataDir = join(dataDir, "nested", "data");
    openStore();
    await closeAll();
    const file = join(dataDir, DATABASE_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const db = new Database(file, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.prepare("SELECT version FROM schema_version").all()).toEqual(
      MIGRATIONS.map((_, index) => ({ version: index + 1 })),
    );
    db.close();
    // Opening again applies nothing twice.
    expect(await openStore().get("FB0000000000000")).toBeNull();
  });

  it("bounds each connection's page cache to SQLite's own 2 MB, not better-sqlite3's 16 MB, so memory does not grow with the file", () => {
    const connection = new Database(":memory:");
    try {
      expect(connection.pragma("cache_size", { simple: true })).toBe(-16000);
      boundPageCache(connection);
      expect(connection.pragma("cache_size", { simple: true })).toBe(-PAGE_CACHE_KIB);
      expect(PAGE_CACHE_KIB).toBe(2000);
    } finally {
      connection.close();
    }
  });

  it("keeps every order, its history and its second orders when a version-3 database is rebuilt for expiry", async () => {
    mkdirSync(dataDir, { recursive: true });
    const old = new Database(join(dataDir, DATABASE_FILE));
    old.pragma("journal_mode = WAL");
    old.exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT");
    MIGRATIONS.slice(0, 3).forEach((sql, index) => {
      old.exec(sql);
      old.prepare("INSERT INTO schema_version VALUES (?, 0)").run(index + 1);
    });
    old.exec(`
      INSERT INTO orders (id, submission_key, team_id, channel_id, user_id, state, fp_order_uuid, status, status_at,
        customer_type, customer_name, customer_identifier, preferred_language, grand_total_ore, message_channel_id,
        message_ts, created_at, updated_at, version, sent_anyway)
      VALUES ('FB1', 'V1', 'T0', 'C0', 'U0', 'created', 'ODR1', 'SENT', 100, 'private', 'Kari', '280387*****', 'no',
        4000, 'C0', '1.0', 1000, 2000, 3, 1);
      INSERT INTO orders (id, submission_key, team_id, channel_id, user_id, state, customer_type, customer_name,
        customer_identifier, preferred_language, grand_total_ore, request_json, failure_reason, created_at, updated_at)
      VALUES ('FB2', 'V2', 'T0', 'C0', 'U0', 'failed', 'corporate', 'Equinor', '923609016', 'en', 500, '{"x":1}',
        'Front Payment answered 400.', 1000, 2000);
      INSERT INTO status_history (order_id, fp_order_uuid, status, source, received_at, applied, dedup_key)
      VALUES ('FB1', 'ODR1', 'SENT', 'lookup', 1500, 1, 'k1');
      INSERT INTO other_fp_orders (fp_order_uuid, order_id, reported_at) VALUES ('ODR9', 'FB1', 1600);
    `);
    old.close();

    const store = openStore();
    expect(await store.get("FB1")).toMatchObject({
      state: "created",
      fpOrderUuid: "ODR1",
      status: { status: "SENT", at: 100 },
      message: { channelId: "C0", ts: "1.0" },
      sentAnyway: true,
      version: 3,
    });
    expect(await store.get("FB1")).not.toHaveProperty("customerStoppedAt");
    expect(await store.get("FB2")).toMatchObject({ state: "failed", request: { x: 1 } });
    expect((await store.history("FB1")).map((change) => change.status)).toEqual(["SENT"]);
    expect(await store.getOtherFpOrder("ODR9")).toMatchObject({ orderId: "FB1" });
    // The foreign keys hold on the rebuilt table.
    await expect(
      store.saveOtherFpOrder({ fpOrderUuid: "ODR8", orderId: "FB-NONE", status: null, version: 1 }),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it("keeps every column of every order when the table is rebuilt for approval", async () => {
    const approvalMigration = MIGRATIONS.findIndex((sql) => sql.includes("'awaiting_approval'"));
    mkdirSync(dataDir, { recursive: true });
    const old = new Database(join(dataDir, DATABASE_FILE));
    old.exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT");
    MIGRATIONS.slice(0, approvalMigration).forEach((sql, index) => {
      old.exec(sql);
      old.prepare("INSERT INTO schema_version VALUES (?, 0)").run(index + 1);
    });
    old.exec(`
      INSERT INTO orders (id, submission_key, team_id, channel_id, user_id, state, fp_order_uuid, status, status_at,
        customer_type, customer_name, customer_identifier, preferred_language, grand_total_ore, message_channel_id,
        message_ts, created_at, updated_at, version, sent_anyway, customer_stopped_at, due_date, overdue_since,
        checked_at, customer_search, lines_json, order_date, maturity_days, invoice_number, payment_method,
        refunded_ore, refunded_lines_json, cancelled_by, cancel_reason)
      VALUES ('FB1', 'V1', 'T0', 'C0', 'U0', 'created', 'ODR1', 'PAID', 100, 'private', 'Kari', '280387*****', 'no',
        4000, 'C0', '1.0', 1000, 2000, 3, 1, 90, '2026-03-16', '2026-03-17', 95, 'kari',
        '[{"name":"Router","quantity":"1","amountOre":4000}]', 80, 10, '99900753', 'Visa', 500, '{"7":500}',
        'U0OLA', 'Wrong');
      INSERT INTO orders (id, submission_key, team_id, channel_id, user_id, state, customer_type, customer_name,
        customer_identifier, preferred_language, grand_total_ore, request_json, created_at, updated_at,
        lease_owner, lease_expires_at)
      VALUES ('FB2', 'V2', 'T0', 'C0', 'U0', 'sending', 'corporate', 'Equinor', '923609016', 'en', 500, '{"x":1}',
        1000, 2000, 'instance-a', 5000);
    `);
    const before = old.prepare("SELECT * FROM orders ORDER BY id").all();
    old.close();

    const store = openStore();
    expect(await store.get("FB1")).toMatchObject({
      state: "created",
      customerStoppedAt: 90,
      overdueSince: "2026-03-17",
    });
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const after = db.prepare("SELECT * FROM orders ORDER BY id").all() as Record<string, unknown>[];
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders'")
      .all();
    db.close();
    expect(after).toEqual(
      before.map((row) => ({
        ...(row as object),
        approval_messages_json: null,
        rejected_by: null,
        rejection_reason: null,
        approved_by: null,
      })),
    );
    expect(indexes.map((index) => (index as { name: string }).name)).toEqual(
      expect.arrayContaining(["orders_by_state", "orders_by_team_newest", "orders_created_by_update"]),
    );
  });

  it("refuses a database written by a newer Fakturabot", async () => {
    openStore();
    await closeAll();
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (?, 0)").run(MIGRATIONS.length + 1);
    db.close();
    expect(() => openStore()).toThrow(StoreVersionError);
    expect(() => openStore()).toThrow(
      `schema version ${MIGRATIONS.length + 1}, but this Fakturabot knows versions up to ${MIGRATIONS.length}`,
    );
  });

  it("is not ready once a newer Fakturabot has migrated the database under it", async () => {
    const store = openStore();
    await store.ping();
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (?, 0)").run(MIGRATIONS.length + 1);
    db.close();
    await expect(store.ping()).rejects.toThrow(StoreVersionError);
  });

  it("erases the request from the row once the order is created, by an answer or by a notification", async () => {
    const store = openStore();
    const answered = submission();
    await store.beginSubmission(answered);
    expect(rawRow(answered.id).request_json).toEqual(JSON.stringify(answered.request));
    await advance(store, answered.id, created("ODR1"));
    expect(rawRow(answered.id).request_json).toBeNull();

    const notified = submission();
    await store.beginSubmission(notified);
    await advance(store, notified.id, { type: "outcome-unknown", reason: "timed out" });
    await notify(store, notified.id, callback("ODR2", "INVOICED", 100));
    expect(rawRow(notified.id)).toMatchObject({ request_json: null, failure_reason: null, state: "created" });
  });

  it("leaves no personal number or contact detail in the write-ahead log either, while the bot runs", async () => {
    const store = openStore();
    const fresh = submission();
    await store.beginSubmission(fresh);
    const wal = () => readFileSync(join(dataDir, `${DATABASE_FILE}-wal`)).toString("latin1");
    expect(wal()).toContain(PERSONAL_NUMBER);
    await advance(store, fresh.id, created("ODR1"));
    for (const detail of [PERSONAL_NUMBER, "zahidul@example.com", "Klosterenget"]) {
      expect(wal()).not.toContain(detail);
      expect(readFileSync(join(dataDir, DATABASE_FILE)).toString("latin1")).not.toContain(detail);
    }
    // Later writes of a created order leave the log alone: it is only truncated when a request goes.
    await notify(store, fresh.id, callback("ODR1", "INVOICED", 1_755_150_100));
    expect(wal().length).toBeGreaterThan(0);
  });

  it("leaves no personal number or contact detail in the file once the order is created", async () => {
    const store = openStore();
    const fresh = submission();
    await store.beginSubmission(fresh);
    await advance(store, fresh.id, created("ODR1"));
    await closeAll();
    const bytes = readFileSync(join(dataDir, DATABASE_FILE)).toString("latin1");
    expect(bytes).toContain(fresh.id);
    for (const detail of [PERSONAL_NUMBER, "zahidul@example.com", "46567468", "Klosterenget"]) {
      expect(bytes).not.toContain(detail);
    }
  });

  it("leaves a forgotten customer in neither the database file nor the write-ahead log", async () => {
    const store = openStore();
    await store.saveCustomer(FORGOTTEN_CUSTOMER, "CU1");
    const files = () =>
      [DATABASE_FILE, `${DATABASE_FILE}-wal`]
        .map((file) => readFileSync(join(dataDir, file)).toString("latin1"))
        .join("");
    expect(files()).toContain("Glemselsveien");
    expect(await store.forgetCustomer("T0TEAM", "CU1")).toBe(true);
    for (const detail of ["Forgetme", "forgetme@example", "98765432", "Glemselsveien"]) {
      expect(files()).not.toContain(detail);
    }
  });
});
