export { StoreVersionError } from "./errors.js";
export {
  DATABASE_FILE,
  openSqliteStore,
  type SqliteStoreOptions,
} from "./sqlite.js";
export type * from "./types.js";
