import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DATABASE_FILE, type InvoiceStore, openSqliteStore, StoreVersionError } from "../src/store/index.js";
import {
  advance,
  callback,
  created,
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
    expect(db.prepare("SELECT version FROM schema_version").all()).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
      { version: 4 },
    ]);
    db.close();
    // Opening again applies nothing twice.
    expect(await openStore().get("FB0000000000000")).toBeNull();
  });

  it("refuses a database written by a newer Fakturabot", async () => {
    openStore();
    await closeAll();
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (5, 0)").run();
    db.close();
    expect(() => openStore()).toThrow(StoreVersionError);
    expect(() => openStore()).toThrow("schema version 5, but this Fakturabot knows versions up to 4");
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
    await store.saveCustomer(
      {
        teamId: "T0TEAM",
        type: "private",
        name: "Ingrid Forgetme",
        organizationId: null,
        email: "ingrid.forgetme@example.no",
        countryCode: "+47",
        msisdn: "98765432",
        street: "Glemselsveien 7",
        zip: "0150",
        city: "Oslo",
        country: "NO",
        preferredLanguage: "no",
      },
      "CU1",
    );
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
