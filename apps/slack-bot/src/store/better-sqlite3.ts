import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";

/**
 * better-sqlite3, required rather than imported: importing CommonJS from an ES module has Node
 * parse its sources for their export names first, which doubles its load time at every start.
 */
export const Database: typeof BetterSqlite3 = createRequire(import.meta.url)("better-sqlite3");

/** The types used with `Database.` in type positions. */
export declare namespace Database {
  type Database = BetterSqlite3.Database;
  type Statement = BetterSqlite3.Statement;
}
