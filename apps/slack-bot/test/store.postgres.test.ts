import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import {
  type InvoiceStore,
  openStore as openConfiguredStore,
  StoreConnectionError,
  StoreVersionError,
} from "../src/store/index.js";
import { MIGRATIONS, openPostgresStore } from "../src/store/postgres.js";
import {
  advance,
  callback,
  created,
  FORGOTTEN_CUSTOMER,
  notify,
  PERSONAL_NUMBER,
  submission,
} from "./store.fixtures.js";
import { describeStoreContract } from "./store-contract.js";
import { freshPostgresDatabase } from "./support/postgres.js";

describeStoreContract("PostgreSQL", async () => {
  const database = await freshPostgresDatabase();
  return {
    connect: (clock) => openPostgresStore({ url: database.url, clock }),
    destroy: () => database.drop(),
  };
});

describe("PostgreSQL store", () => {
  let url: string;
  let drop: () => Promise<void>;
  const open: InvoiceStore[] = [];

  async function openStore(clock?: () => Date): Promise<InvoiceStore> {
    const store = await openPostgresStore({ url, clock });
    open.push(store);
    return store;
  }

  async function sql<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<Row>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  beforeEach(async () => {
    ({ url, drop } = await freshPostgresDatabase());
  });

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await drop();
  });

  it("applies the schema once when several instances open a fresh database at the same moment", async () => {
    const stores = await Promise.all(Array.from({ length: 6 }, () => openStore()));
    const versions = MIGRATIONS.map((_, index) => ({ version: index + 1 }));
    expect(await sql("SELECT version FROM schema_version ORDER BY version")).toEqual(versions);
    // Every one of them works on it.
    const results = await Promise.all(stores.map((store) => store.beginSubmission(submission())));
    expect(results.every((result) => result.created)).toBe(true);
    expect(await sql("SELECT count(*)::int AS orders FROM orders")).toEqual([{ orders: 6 }]);
    // Opening again applies nothing twice.
    await openStore();
    expect(await sql("SELECT count(*)::int AS versions FROM schema_version")).toEqual([
      { versions: MIGRATIONS.length },
    ]);
  });

  it("brings a version-1 database up to date, keeping its orders and the constraints that guard them", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      "CREATE TABLE schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)",
    );
    await client.query(MIGRATIONS[0] as string);
    await client.query("INSERT INTO schema_version VALUES (1, now())");
    await client.query(`
      INSERT INTO orders (id, submission_key, team_id, channel_id, user_id, state, fp_order_uuid, status, status_at,
        customer_type, customer_name, customer_identifier, preferred_language, grand_total_ore, message_channel_id,
        message_ts, created_at, updated_at, version, sent_anyway)
      VALUES ('FB1', 'V1', 'T0', 'C0', 'U0', 'created', 'ODR1', 'SENT', 100, 'private', 'KARI', '280387*****', 'no',
        4000, 'C0', '1.0', now(), now(), 3, true);
      INSERT INTO orders (id, submission_key, team_id, channel_id, user_id, state, customer_type, customer_name,
        customer_identifier, preferred_language, grand_total_ore, request_json, failure_reason, created_at, updated_at)
      VALUES ('FB2', 'V2', 'T0', 'C0', 'U0', 'failed', 'corporate', 'Equinor', '923609016', 'en', 500, '{"x":1}',
        'Front Payment answered 400.', now(), now())`);
    await client.end();

    const store = await openStore();
    await expect(store.ping()).resolves.toBeUndefined();
    const kept = await store.get("FB1");
    expect(kept).toMatchObject({ state: "created", fpOrderUuid: "ODR1", sentAnyway: true, version: 3 });
    expect(kept).not.toHaveProperty("facts");
    expect(kept).not.toHaveProperty("dueDate");
    expect(await store.get("FB2")).toMatchObject({ state: "failed", request: { x: 1 } });
    // Folded for searching on the way.
    expect((await store.listOrders({ teamId: "T0", search: "kari" }, { limit: 5 })).orders).toHaveLength(1);
    // An expired order keeps no request; only a created one has Front Payment's id.
    await expect(sql("UPDATE orders SET state = 'expired' WHERE id = 'FB2'")).rejects.toThrow(
      "orders_request_kept_while_unsent",
    );
    await sql("UPDATE orders SET state = 'expired', request_json = NULL WHERE id = 'FB2'");
    await expect(sql("UPDATE orders SET customer_stopped_at = 1 WHERE id = 'FB2'")).rejects.toThrow(
      "check constraint",
    );
    await expect(sql("UPDATE orders SET due_date = '16.03.2026' WHERE id = 'FB1'")).rejects.toThrow(
      "check constraint",
    );
  });

  it("says a database is not ready while it lacks a migration", async () => {
    const store = await openStore();
    await sql("DELETE FROM schema_version WHERE version = $1", [MIGRATIONS.length]);
    await expect(store.ping()).rejects.toThrow(
      `The database has schema version ${MIGRATIONS.length - 1} of ${MIGRATIONS.length}: migrations are missing`,
    );
  });

  it("forgets expired delivery claims, by the store's clock, as it takes new ones", async () => {
    let now = new Date("2026-03-02T09:00:00.000Z");
    const store = await openStore(() => now);
    const inOneHour = () => new Date(now.getTime() + 3_600_000);
    expect(await store.claimOnce("command:T1", inOneHour())).toBe(true);
    expect(await store.claimOnce("command:T2", inOneHour())).toBe(true);
    now = inOneHour();
    expect(await store.claimOnce("command:T3", inOneHour())).toBe(true);
    expect(await sql("SELECT key FROM delivery_claims")).toEqual([{ key: "command:T3" }]);
  });

  it("delivers each order's outbox strictly in order, one entry at a time, across instances draining it together", async () => {
    const stores = await Promise.all(Array.from({ length: 3 }, () => openStore()));
    const [first] = stores as [InvoiceStore];
    const orders: string[] = [];
    for (const index of [1, 2, 3, 4]) {
      const fresh = submission();
      await first.beginSubmission(fresh);
      await advance(first, fresh.id, created(`ODR${index}`));
      orders.push(fresh.id);
      for (const status of ["INVOICED", "Purring", "PAID", "PARTIAL REFUNDED", "REFUNDED"])
        await notify(first, fresh.id, callback(`ODR${index}`, status, 1_000 + status.length));
    }
    const waiting = await first.listOutbox();
    const held = new Set<string>();
    const delivered = new Map<string, number[]>(orders.map((id) => [id, []]));
    let overlaps = 0;
    const drain = async (store: InvoiceStore, owner: string) => {
      for (;;) {
        const now = new Date();
        const claimed = await store.claimOutbox({
          owner,
          now,
          claimUntil: new Date(now.getTime() + 60_000),
          limit: 2,
        });
        if (claimed.length === 0 && (await store.listOutbox()).length === 0) return;
        await Promise.all(
          claimed.map(async (entry) => {
            if (held.has(entry.orderId)) overlaps += 1;
            held.add(entry.orderId);
            delivered.get(entry.orderId)?.push(entry.id);
            // Another round trip while holding it: the others claim meanwhile.
            await store.listOutbox();
            held.delete(entry.orderId);
            expect(await store.completeOutbox(entry.id, owner)).toBe(true);
          }),
        );
      }
    };
    await Promise.all(stores.map((store, index) => drain(store, `instance-${index}`)));
    expect(overlaps).toBe(0);
    for (const id of orders) {
      const recorded = waiting.filter((entry) => entry.orderId === id).map((entry) => entry.id);
      expect(recorded).toHaveLength(6);
      expect(delivered.get(id)).toEqual(recorded);
    }
  });

  it("makes one order of a submission that six instances begin at the same moment", async () => {
    const stores = await Promise.all(Array.from({ length: 6 }, () => openStore()));
    const results = await Promise.all(
      stores.map((store) => store.beginSubmission(submission({ submissionKey: "V0SAMEMODAL" }))),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const winner = results.find((result) => result.created)?.order;
    for (const result of results) expect(result.order).toEqual(winner);
    expect(await sql("SELECT count(*)::int AS orders FROM orders")).toEqual([{ orders: 1 }]);
  });

  it("refuses a database written by a newer Fakturabot", async () => {
    await openStore();
    const newer = MIGRATIONS.length + 1;
    await sql("INSERT INTO schema_version (version, applied_at) VALUES ($1, now())", [newer]);
    const opening = openPostgresStore({ url });
    await expect(opening).rejects.toThrow(StoreVersionError);
    await expect(opening).rejects.toThrow(
      `schema version ${newer}, but this Fakturabot knows versions up to ${MIGRATIONS.length}`,
    );
  });

  it("keeps money, Unix seconds and times exactly, beyond 32 bits and to the millisecond", async () => {
    const at = new Date("2026-03-02T09:00:00.123Z");
    const store = await openStore(() => at);
    const fresh = submission({ grandTotalOre: 9_007_199_254_740_991 });
    const { order } = await store.beginSubmission(fresh);
    expect(order).toMatchObject({ grandTotalOre: 9_007_199_254_740_991, createdAt: at, updatedAt: at });
    const change = callback("ODR1", "INVOICED", 4_102_444_800_123, {
      receivedAt: new Date("2099-12-31T23:59:59.999Z"),
    });
    await notify(store, fresh.id, change);
    expect(await store.get(fresh.id)).toMatchObject({
      status: { status: "INVOICED", at: 4_102_444_800_123 },
    });
    expect(await store.history(fresh.id)).toEqual([{ ...change, applied: true }]);
    expect(await sql("SELECT pg_typeof(grand_total_ore)::text AS type FROM orders")).toEqual([
      { type: "bigint" },
    ]);
  });

  it("refuses a bigint a JavaScript number cannot hold rather than rounding it", async () => {
    const store = await openStore();
    const fresh = submission();
    await store.beginSubmission(fresh);
    await sql("UPDATE orders SET grand_total_ore = 9007199254740993 WHERE id = $1", [fresh.id]);
    await expect(store.get(fresh.id)).rejects.toThrow(
      "bigint 9007199254740993 does not fit a JavaScript number",
    );
  });

  it("erases the request from the row once the order is created, by an answer or by a notification", async () => {
    const store = await openStore();
    const requestOf = async (id: string) =>
      (
        await sql<{ request: string | null }>(
          "SELECT request_json::text AS request FROM orders WHERE id = $1",
          [id],
        )
      )[0]?.request;
    const answered = submission();
    await store.beginSubmission(answered);
    expect(await requestOf(answered.id)).toBe(JSON.stringify(answered.request));
    expect(await requestOf(answered.id)).toContain(PERSONAL_NUMBER);
    await advance(store, answered.id, created("ODR1"));
    expect(await requestOf(answered.id)).toBeNull();

    const notified = submission();
    await store.beginSubmission(notified);
    await advance(store, notified.id, { type: "outcome-unknown", reason: "timed out" });
    await notify(store, notified.id, callback("ODR2", "INVOICED", 100));
    expect(
      await sql("SELECT request_json, failure_reason, state FROM orders WHERE id = $1", [notified.id]),
    ).toEqual([{ request_json: null, failure_reason: null, state: "created" }]);
  });

  it("leaves no row version holding an erased request or customer in the tables' pages", async () => {
    // Every row version on the pages, live or dead (pageinspect, a superuser's contrib module):
    // an update or delete leaves the old one there until a vacuum.
    await sql("CREATE EXTENSION IF NOT EXISTS pageinspect");
    const versionsHolding = async (table: "orders" | "customers", text: string) =>
      (
        await sql<{ versions: number }>(
          `SELECT count(*)::int AS versions
             FROM generate_series(0, pg_relation_size($1::regclass) / current_setting('block_size')::int - 1) AS page,
               heap_page_items(get_raw_page($1::text, page::int))
            WHERE t_data IS NOT NULL AND position(convert_to($2, 'UTF8') IN t_data) > 0`,
          [table, text],
        )
      )[0]?.versions;
    const store = await openStore();
    const answered = submission();
    const refused = submission();
    await store.beginSubmission(answered);
    await store.beginSubmission(refused);
    expect(await versionsHolding("orders", PERSONAL_NUMBER)).toBe(2);
    await advance(store, answered.id, created("ODR1"));
    expect(await versionsHolding("orders", PERSONAL_NUMBER)).toBe(1);
    // Kept while it may be sent again: the refused order's versions hold it, the live one rightly.
    await advance(store, refused.id, { type: "refused", reason: "rejected" });
    expect(await versionsHolding("orders", PERSONAL_NUMBER)).toBe(2);
    await advance(store, refused.id, { type: "expire" });
    expect(await versionsHolding("orders", PERSONAL_NUMBER)).toBe(0);

    const customer = await store.saveCustomer(FORGOTTEN_CUSTOMER, "CU1");
    expect(await versionsHolding("customers", "Glemselsveien")).toBe(1);
    expect(await store.forgetCustomer("T0TEAM", customer.id)).toBe(true);
    expect(await versionsHolding("customers", "Glemselsveien")).toBe(0);
  });

  it("is the store the bot opens when DATABASE_URL is set", async () => {
    const config = loadConfig({
      SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
      SLACK_BOT_TOKEN: "xoxb-1111-2222-secretbottoken",
      FRONTPAYMENT_TOKEN: "fp-api-token-value-123",
      FRONTPAYMENT_CALLBACK_SECRET: "fp-callback-secret-value",
      PUBLIC_BASE_URL: "https://fakturabot.example.com",
      DATABASE_URL: url,
    });
    const store = await openConfiguredStore(config.store);
    open.push(store);
    const fresh = submission();
    await store.beginSubmission(fresh);
    expect(await sql("SELECT id FROM orders")).toEqual([{ id: fresh.id }]);
  });

  it("says what is wrong when the database cannot be opened, without the password", async () => {
    const wrongPassword = new URL(url);
    wrongPassword.password = "not-the-password";
    await expect(openPostgresStore({ url: wrongPassword.toString() })).rejects.toThrow(
      /^Cannot open the PostgreSQL database postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/\w+: the server refused the login: check the user and password in DATABASE_URL$/,
    );
    const missing = new URL(url);
    missing.pathname = "/no_such_database";
    await expect(openPostgresStore({ url: missing.toString() })).rejects.toThrow(
      "the database does not exist: create it (CREATE DATABASE) or fix its name in DATABASE_URL",
    );
    // A port nothing listens on: this server's, one below the lowest ephemeral port it may use.
    const closed = new URL(url);
    closed.port = "1";
    const refused = openPostgresStore({ url: closed.toString() });
    await expect(refused).rejects.toThrow(StoreConnectionError);
    await expect(refused).rejects.toThrow("nothing is listening there (connection refused)");
  });
});
