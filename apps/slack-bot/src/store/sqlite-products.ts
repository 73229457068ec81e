import type Database from "better-sqlite3";
import {
  distinctLines,
  type EarlierLineRow,
  earlierLineFromRow,
  lineSearchNeedle,
  lineSearchText,
  type ProductMethods,
  type ProductRow,
  productFromRow,
  productKeys,
} from "./products.js";
import type { ProductDetails, ProductWrite } from "./types.js";

/** The SQLite migration of the price list and the earlier lines (appended to `MIGRATIONS`). */
export const PRODUCTS_MIGRATION = `
  -- A team's price list. Names are unique in a team ignoring case, and so are product ids.
  CREATE TABLE products (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL,
    -- The keys and search text of products.ts (productKeys, lineSearchText).
    name_key TEXT NOT NULL,
    product_id_key TEXT,
    search_text TEXT NOT NULL,
    name TEXT NOT NULL,
    product_id TEXT,
    unit_price_ore INTEGER NOT NULL CHECK (unit_price_ore >= 0),
    tax_rate REAL NOT NULL CHECK (tax_rate >= 0 AND tax_rate <= 100),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (team_id, name_key),
    UNIQUE (team_id, product_id_key)
  ) STRICT;
  CREATE INDEX products_by_team ON products (team_id, name);
  -- Distinct lines of a team's created invoices, offered again. Nothing about their customers.
  CREATE TABLE earlier_lines (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL,
    -- See earlierLineKey().
    match_key TEXT NOT NULL,
    search_text TEXT NOT NULL,
    name TEXT NOT NULL,
    product_id TEXT,
    unit_price_ore INTEGER NOT NULL CHECK (unit_price_ore >= 0),
    tax_rate REAL NOT NULL,
    last_used_at INTEGER NOT NULL,
    times_used INTEGER NOT NULL,
    UNIQUE (team_id, match_key)
  ) STRICT;
  CREATE INDEX earlier_lines_by_use ON earlier_lines (team_id, last_used_at DESC, id);
  `;

type Row = ProductRow<number>;
type LineRow = EarlierLineRow<number>;

/** The store's price-list and earlier-line methods on an open, migrated SQLite database. */
export function sqliteProductMethods(db: Database.Database, clock: () => Date): ProductMethods {
  const toProduct = (row: Row) => productFromRow(row, (ms) => new Date(ms));
  const toLine = (row: LineRow) => earlierLineFromRow(row, (ms) => new Date(ms));
  const selectProduct = db.prepare<[string, string], Row>(
    "SELECT * FROM products WHERE team_id = ? AND id = ?",
  );
  const selectTaken = db.prepare<[string, string, string | null, string, string], { name_key: string }>(
    `SELECT name_key FROM products
     WHERE team_id = ? AND (name_key = ? OR product_id_key = ?) AND id <> ? ORDER BY name_key <> ? LIMIT 1`,
  );
  const insertProduct = db.prepare(
    `INSERT INTO products (id, team_id, name_key, product_id_key, search_text, name, product_id, unit_price_ore,
       tax_rate, created_at, updated_at)
     VALUES (@id, @teamId, @nameKey, @productIdKey, @searchText, @name, @productId, @unitPriceOre, @taxRate,
       @now, @now)`,
  );
  const updateProductRow = db.prepare(
    `UPDATE products SET name_key = @nameKey, product_id_key = @productIdKey, search_text = @searchText,
       name = @name, product_id = @productId, unit_price_ore = @unitPriceOre, tax_rate = @taxRate,
       updated_at = @now
     WHERE team_id = @teamId AND id = @id`,
  );
  const selectTeamProducts = db.prepare<[string, number], Row>(
    "SELECT * FROM products WHERE team_id = ? ORDER BY name, id LIMIT ?",
  );
  const searchTeamProducts = db.prepare<[string, string, number], Row>(
    "SELECT * FROM products WHERE team_id = ? AND instr(search_text, ?) > 0 ORDER BY name, id LIMIT ?",
  );
  const deleteProductRow = db.prepare("DELETE FROM products WHERE team_id = ? AND id = ?");
  const upsertLine = db.prepare(
    `INSERT INTO earlier_lines (id, team_id, match_key, search_text, name, product_id, unit_price_ore, tax_rate,
       last_used_at, times_used)
     VALUES (@id, @teamId, @matchKey, @searchText, @name, @productId, @unitPriceOre, @taxRate, @now, 1)
     ON CONFLICT (team_id, match_key) DO UPDATE SET name = excluded.name, last_used_at = excluded.last_used_at,
       times_used = times_used + 1`,
  );
  const selectLine = db.prepare<[string, string], LineRow>(
    "SELECT * FROM earlier_lines WHERE team_id = ? AND id = ?",
  );
  const selectTeamLines = db.prepare<[string, number], LineRow>(
    "SELECT * FROM earlier_lines WHERE team_id = ? ORDER BY last_used_at DESC, id LIMIT ?",
  );
  const searchTeamLines = db.prepare<[string, string, number], LineRow>(
    `SELECT * FROM earlier_lines WHERE team_id = ? AND instr(search_text, ?) > 0
     ORDER BY last_used_at DESC, id LIMIT ?`,
  );

  const columns = (details: ProductDetails) => {
    const keys = productKeys(details);
    return { ...details, ...keys, searchText: lineSearchText(details), now: clock().getTime() };
  };
  /** Which of the product's keys another product of the team holds, if any (its name first). */
  const taken = (details: ProductDetails, id: string): "name" | "productId" | undefined => {
    const { nameKey, productIdKey } = productKeys(details);
    const other = selectTaken.get(details.teamId, nameKey, productIdKey, id, nameKey);
    if (!other) return undefined;
    return other.name_key === nameKey ? "name" : "productId";
  };
  // Checked and written in one BEGIN IMMEDIATE transaction: no other writer comes between.
  const save = db.transaction((details: ProductDetails, id: string): ProductWrite => {
    const clash = taken(details, id);
    if (clash) return { ok: false, taken: clash };
    insertProduct.run({ ...columns(details), id });
    return { ok: true, product: toProduct(selectProduct.get(details.teamId, id) as Row) };
  });
  const update = db.transaction((details: ProductDetails, id: string): ProductWrite | null => {
    if (!selectProduct.get(details.teamId, id)) return null;
    const clash = taken(details, id);
    if (clash) return { ok: false, taken: clash };
    updateProductRow.run({ ...columns(details), id });
    return { ok: true, product: toProduct(selectProduct.get(details.teamId, id) as Row) };
  });
  const record = db.transaction(
    (
      teamId: string,
      lines: Parameters<ProductMethods["recordLines"]>[1],
      newId: (index: number) => string,
    ) => {
      const now = clock().getTime();
      for (const { line, index, key } of distinctLines(lines)) {
        upsertLine.run({
          ...line,
          id: newId(index),
          teamId,
          matchKey: key,
          searchText: lineSearchText(line),
          now,
        });
      }
    },
  );

  return {
    async saveProduct(details, newId) {
      return save.immediate(details, newId);
    },
    async searchProducts(teamId, query, limit) {
      const needle = lineSearchNeedle(query);
      const rows = needle
        ? searchTeamProducts.all(teamId, needle, limit)
        : selectTeamProducts.all(teamId, limit);
      return rows.map(toProduct);
    },
    async getProduct(teamId, id) {
      const row = selectProduct.get(teamId, id);
      return row ? toProduct(row) : null;
    },
    async updateProduct(teamId, id, details) {
      return update.immediate({ ...details, teamId }, id);
    },
    async deleteProduct(teamId, id) {
      return deleteProductRow.run(teamId, id).changes === 1;
    },
    async recordLines(teamId, lines, newId) {
      record.immediate(teamId, lines, newId);
    },
    async searchEarlierLines(teamId, query, limit) {
      const needle = lineSearchNeedle(query);
      const rows = needle ? searchTeamLines.all(teamId, needle, limit) : selectTeamLines.all(teamId, limit);
      return rows.map(toLine);
    },
    async getEarlierLine(teamId, id) {
      const row = selectLine.get(teamId, id);
      return row ? toLine(row) : null;
    },
  };
}
