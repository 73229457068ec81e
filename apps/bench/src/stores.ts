import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type InvoiceStore, openSqliteStore } from "@fakturabot/slack-bot";
import Database from "better-sqlite3";

/**
 * The stores the bench can run the bot on (`--store`), each with its baseline: the least a
 * callback receiver on that store must do, one durable INSERT per callback.
 */
export const STORES = {
  sqlite: {
    open: (dataDir: string): InvoiceStore => openSqliteStore({ dataDir }),
    /** better-sqlite3 with the bot's durability: WAL, `synchronous = FULL`. */
    openBaselineLog(dataDir: string): BaselineLog {
      mkdirSync(dataDir, { recursive: true });
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
} as const satisfies Record<string, StoreKind>;

export type StoreName = keyof typeof STORES;

export interface StoreKind {
  open(dataDir: string): InvoiceStore;
  openBaselineLog(dataDir: string): BaselineLog;
}

export interface BaselineLog {
  record(orderId: string, query: string): Promise<void>;
  close(): Promise<void>;
}

export function isStoreName(name: string): name is StoreName {
  return Object.hasOwn(STORES, name);
}
