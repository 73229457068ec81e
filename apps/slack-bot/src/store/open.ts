import type { InvoiceStore } from "./types.js";

/**
 * Which store the bot keeps its state in: SQLite in a directory (one instance, the default), or
 * PostgreSQL at a URL (`DATABASE_URL`: any number of instances on one database).
 */
export type StoreConfig = { kind: "sqlite"; dataDir: string } | { kind: "postgres"; databaseUrl: string };

/**
 * Opens the configured store; for PostgreSQL once the database is reachable and migrated. Only the
 * chosen store's driver is loaded (a shorter start, less memory).
 */
export async function openStore(config: StoreConfig): Promise<InvoiceStore> {
  if (config.kind === "postgres") {
    const { openPostgresStore } = await import("./postgres.js");
    return openPostgresStore({ url: config.databaseUrl });
  }
  const { openSqliteStore } = await import("./sqlite.js");
  return openSqliteStore({ dataDir: config.dataDir });
}
