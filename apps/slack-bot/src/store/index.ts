export { redactedUrl, StoreConnectionError, StoreVersionError } from "./errors.js";
export { openStore, type StoreConfig } from "./open.js";
export type { PostgresStoreOptions } from "./postgres.js";
export {
  DATABASE_FILE,
  openSqliteStore,
  type SqliteStoreOptions,
} from "./sqlite.js";
export type * from "./types.js";
