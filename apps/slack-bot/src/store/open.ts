import { openPostgresStore } from "./postgres.js";
import { openSqliteStore } from "./sqlite.js";
import type { InvoiceStore } from "./types.js";

/**
 * Which store the bot keeps its state in: SQLite in a directory (one instance, the default), or
 * PostgreSQL at a URL (`DATABASE_URL`: any number of instances on one database).
 */
export type StoreConfig = { kind: "sqlite"; dataDir: string } | { kind: "postgres"; databaseUrl: string };

/** Opens the configured store; for PostgreSQL once the database is reachable and migrated. */
export async function openStore(config: StoreConfig): Promise<InvoiceStore> {
  return config.kind === "postgres"
    ? openPostgresStore({ url: config.databaseUrl })
    : openSqliteStore({ dataDir: config.dataDir });
}
