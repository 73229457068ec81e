import type pg from "pg";
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

/** The PostgreSQL migration of the price list and the earlier lines (appended to `MIGRATIONS`). */
export const PRODUCTS_MIGRATION = `
  -- A team's price list. Names are unique in a team ignoring case, and so are product ids.
  CREATE TABLE products (
    id text COLLATE "C" PRIMARY KEY,
    team_id text NOT NULL,
    -- The keys and search text of products.ts (productKeys, lineSearchText).
    name_key text NOT NULL,
    product_id_key text,
    search_text text NOT NULL,
    -- Listed by name byte by byte, as in SQLite.
    name text COLLATE "C" NOT NULL,
    product_id text,
    unit_price_ore bigint NOT NULL CHECK (unit_price_ore >= 0),
    tax_rate double precision NOT NULL CHECK (tax_rate >= 0 AND tax_rate <= 100),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT products_name_once UNIQUE (team_id, name_key),
    CONSTRAINT products_product_id_once UNIQUE (team_id, product_id_key)
  );
  CREATE INDEX products_by_team ON products (team_id, name);
  -- Distinct lines of a team's created invoices, offered again. Nothing about their customers.
  CREATE TABLE earlier_lines (
    id text COLLATE "C" PRIMARY KEY,
    team_id text NOT NULL,
    -- See earlierLineKey().
    match_key text NOT NULL,
    search_text text NOT NULL,
    name text NOT NULL,
    product_id text,
    unit_price_ore bigint NOT NULL CHECK (unit_price_ore >= 0),
    tax_rate double precision NOT NULL,
    last_used_at timestamptz NOT NULL,
    times_used integer NOT NULL,
    UNIQUE (team_id, match_key)
  );
  CREATE INDEX earlier_lines_by_use ON earlier_lines (team_id, last_used_at DESC, id);
  `;

const PRODUCT_COLUMNS = "id, team_id, name, product_id, unit_price_ore, tax_rate, created_at, updated_at";
const LINE_COLUMNS = "id, team_id, name, product_id, unit_price_ore, tax_rate, last_used_at, times_used";

const SQL = {
  insertProduct: {
    name: "products.insert",
    text: `INSERT INTO products (id, team_id, name_key, product_id_key, search_text, name, product_id,
        unit_price_ore, tax_rate, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
      RETURNING ${PRODUCT_COLUMNS}`,
  },
  updateProduct: {
    name: "products.update",
    text: `UPDATE products SET name_key = $3, product_id_key = $4, search_text = $5, name = $6, product_id = $7,
        unit_price_ore = $8, tax_rate = $9, updated_at = $10
      WHERE team_id = $2 AND id = $1
      RETURNING ${PRODUCT_COLUMNS}`,
  },
  selectProduct: {
    name: "products.by-id",
    text: `SELECT ${PRODUCT_COLUMNS} FROM products WHERE team_id = $1 AND id = $2`,
  },
  selectTeamProducts: {
    name: "products.by-team",
    text: `SELECT ${PRODUCT_COLUMNS} FROM products WHERE team_id = $1 ORDER BY name, id LIMIT $2`,
  },
  searchTeamProducts: {
    name: "products.search",
    text: `SELECT ${PRODUCT_COLUMNS} FROM products WHERE team_id = $1 AND strpos(search_text, $2) > 0
      ORDER BY name, id LIMIT $3`,
  },
  deleteProduct: { name: "products.delete", text: "DELETE FROM products WHERE team_id = $1 AND id = $2" },
  // All the invoice's lines in one statement: one round trip, one transaction.
  upsertLines: {
    name: "earlier-lines.upsert",
    text: `INSERT INTO earlier_lines (id, team_id, match_key, search_text, name, product_id, unit_price_ore,
        tax_rate, last_used_at, times_used)
      SELECT line.id, $1, line.match_key, line.search_text, line.name, line.product_id, line.unit_price_ore,
        line.tax_rate, $2, 1
      FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[],
        $9::double precision[]) AS line(id, match_key, search_text, name, product_id, unit_price_ore, tax_rate)
      ON CONFLICT (team_id, match_key) DO UPDATE SET name = excluded.name, last_used_at = excluded.last_used_at,
        times_used = earlier_lines.times_used + 1`,
  },
  selectLine: {
    name: "earlier-lines.by-id",
    text: `SELECT ${LINE_COLUMNS} FROM earlier_lines WHERE team_id = $1 AND id = $2`,
  },
  selectTeamLines: {
    name: "earlier-lines.by-team",
    text: `SELECT ${LINE_COLUMNS} FROM earlier_lines WHERE team_id = $1 ORDER BY last_used_at DESC, id LIMIT $2`,
  },
  searchTeamLines: {
    name: "earlier-lines.search",
    text: `SELECT ${LINE_COLUMNS} FROM earlier_lines WHERE team_id = $1 AND strpos(search_text, $2) > 0
      ORDER BY last_used_at DESC, id LIMIT $3`,
  },
} as const;

const UNIQUE_VIOLATION = "23505";
const TAKEN_BY_CONSTRAINT: Readonly<Record<string, "name" | "productId">> = {
  products_name_once: "name",
  products_product_id_once: "productId",
};

type Row = ProductRow<Date>;
type LineRow = EarlierLineRow<Date>;

/** The store's price-list and earlier-line methods on `pool` (whose `bigint`s read as numbers). */
export function postgresProductMethods(pool: pg.Pool, clock: () => Date): ProductMethods {
  const toProduct = (row: Row) => productFromRow(row, (time) => time);
  const toLine = (row: LineRow) => earlierLineFromRow(row, (time) => time);
  const rows = async <R extends pg.QueryResultRow>(
    statement: { name: string; text: string },
    values: unknown[],
  ): Promise<R[]> => (await pool.query<R>({ ...statement, values })).rows;

  /** `$3` to `$10` of the insert and the update. */
  const values = (details: ProductDetails) => {
    const { nameKey, productIdKey } = productKeys(details);
    return [
      nameKey,
      productIdKey,
      lineSearchText(details),
      details.name,
      details.productId,
      details.unitPriceOre,
      details.taxRate,
      clock(),
    ];
  };
  /**
   * Runs a write the unique constraints may refuse: the database decides, so two instances adding
   * the same name at once cannot both succeed.
   */
  const written = async (write: () => Promise<Row | undefined>): Promise<ProductWrite | null> => {
    try {
      const row = await write();
      return row ? { ok: true, product: toProduct(row) } : null;
    } catch (error) {
      const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
      const taken = code === UNIQUE_VIOLATION && constraint ? TAKEN_BY_CONSTRAINT[constraint] : undefined;
      if (taken) return { ok: false, taken };
      throw error;
    }
  };

  return {
    async saveProduct(details, newId) {
      const result = await written(
        async () => (await rows<Row>(SQL.insertProduct, [newId, details.teamId, ...values(details)]))[0],
      );
      if (!result) throw new Error("the product insert returned no row");
      return result;
    },
    async searchProducts(teamId, query, limit) {
      const needle = lineSearchNeedle(query);
      const found = needle
        ? await rows<Row>(SQL.searchTeamProducts, [teamId, needle, limit])
        : await rows<Row>(SQL.selectTeamProducts, [teamId, limit]);
      return found.map(toProduct);
    },
    async getProduct(teamId, id) {
      const [row] = await rows<Row>(SQL.selectProduct, [teamId, id]);
      return row ? toProduct(row) : null;
    },
    async updateProduct(teamId, id, details) {
      return written(
        async () => (await rows<Row>(SQL.updateProduct, [id, teamId, ...values({ ...details, teamId })]))[0],
      );
    },
    async deleteProduct(teamId, id) {
      return ((await pool.query({ ...SQL.deleteProduct, values: [teamId, id] })).rowCount ?? 0) === 1;
    },
    async recordLines(teamId, lines, newId) {
      const distinct = distinctLines(lines);
      if (distinct.length === 0) return;
      const column = <T>(pick: (entry: (typeof distinct)[number]) => T) => distinct.map(pick);
      await pool.query({
        ...SQL.upsertLines,
        values: [
          teamId,
          clock(),
          column(({ index }) => newId(index)),
          column(({ key }) => key),
          column(({ line }) => lineSearchText(line)),
          column(({ line }) => line.name),
          column(({ line }) => line.productId),
          column(({ line }) => line.unitPriceOre),
          column(({ line }) => line.taxRate),
        ],
      });
    },
    async searchEarlierLines(teamId, query, limit) {
      const needle = lineSearchNeedle(query);
      const found = needle
        ? await rows<LineRow>(SQL.searchTeamLines, [teamId, needle, limit])
        : await rows<LineRow>(SQL.selectTeamLines, [teamId, limit]);
      return found.map(toLine);
    },
    async getEarlierLine(teamId, id) {
      const [row] = await rows<LineRow>(SQL.selectLine, [teamId, id]);
      return row ? toLine(row) : null;
    },
  };
}
