/**
 * The store contract for a workspace's price list and the lines of its earlier invoices, run on
 * every store by `describeStoreContract` (SQLite and PostgreSQL).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InvoiceStore, LineDetails, ProductDetails } from "../src/store/types.js";
import type { StoreUnderTest } from "./store-contract.js";

export function describeProductStoreContract(name: string, setUp: () => Promise<StoreUnderTest>): void {
  describe(`store contract: ${name}: products`, () => {
    let database: StoreUnderTest;
    let now: Date;
    const open: InvoiceStore[] = [];

    async function connect(): Promise<InvoiceStore> {
      const store = await database.connect(() => now);
      open.push(store);
      return store;
    }

    beforeEach(async () => {
      database = await setUp();
      now = new Date("2026-03-02T09:00:00.000Z");
    });

    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
      await database.destroy();
    });

    const product = (overrides: Partial<ProductDetails> = {}): ProductDetails => ({
      teamId: "T0TEAM",
      name: "Konsulenttime",
      productId: "KT-1",
      unitPriceOre: 125_050,
      taxRate: 25,
      ...overrides,
    });
    const line = (overrides: Partial<LineDetails> = {}): LineDetails => ({
      name: "Reisetid",
      productId: null,
      unitPriceOre: 80_000,
      taxRate: 25,
      ...overrides,
    });
    const saved = async (store: InvoiceStore, details: ProductDetails, id: string) => {
      const result = await store.saveProduct(details, id);
      if (!result.ok) throw new Error(`${id} not saved: ${result.taken} taken`);
      return result.product;
    };

    it("saves a product in øre, stamped with the clock, and finds it by id in its team only", async () => {
      const store = await connect();
      const result = await store.saveProduct(product(), "PR1");
      expect(result).toEqual({
        ok: true,
        product: { ...product(), id: "PR1", createdAt: now, updatedAt: now },
      });
      expect(await store.getProduct("T0TEAM", "PR1")).toEqual(result.ok && result.product);
      expect(await store.getProduct("T0OTHER", "PR1")).toBeNull();
      expect(await store.searchProducts("T0OTHER", "", 10)).toEqual([]);
      // A fractional VAT rate and no product id are kept as they are.
      expect(
        await saved(store, product({ name: "Bok", productId: null, taxRate: 12.5 }), "PR2"),
      ).toMatchObject({
        productId: null,
        taxRate: 12.5,
      });
    });

    it("refuses a second product with the same name or product id in a team, ignoring case; another team's is its own", async () => {
      const store = await connect();
      await saved(store, product(), "PR1");
      expect(await store.saveProduct(product({ name: "KONSULENTTIME ", productId: null }), "PR2")).toEqual({
        ok: false,
        taken: "name",
      });
      expect(await store.saveProduct(product({ name: "Rådgivning", productId: "kt-1" }), "PR3")).toEqual({
        ok: false,
        taken: "productId",
      });
      // Both taken: the name is named.
      expect(await store.saveProduct(product(), "PR4")).toEqual({ ok: false, taken: "name" });
      expect((await store.saveProduct(product({ teamId: "T0OTHER" }), "PR5")).ok).toBe(true);
      // Products without a product id do not clash over it.
      await saved(store, product({ name: "Reise", productId: null }), "PR6");
      await saved(store, product({ name: "Bom", productId: null }), "PR7");
      expect((await store.searchProducts("T0TEAM", "", 10)).map((found) => found.id)).toEqual([
        "PR7",
        "PR1",
        "PR6",
      ]);
    });

    it("searches by name or product id, ignoring case (æøå too), by name, at most the limit", async () => {
      const store = await connect();
      await saved(store, product(), "PR1");
      await saved(store, product({ name: "Årsavgift", productId: "ÅR-2026" }), "PR2");
      await saved(store, product({ name: "Bompenger", productId: null, taxRate: 0 }), "PR3");
      const ids = async (query: string, limit = 10) =>
        (await store.searchProducts("T0TEAM", query, limit)).map((found) => found.id);
      expect(await ids("konsul")).toEqual(["PR1"]);
      expect(await ids("kt-")).toEqual(["PR1"]);
      expect(await ids("årsAVG")).toEqual(["PR2"]);
      expect(await ids("år-20")).toEqual(["PR2"]);
      expect(await ids("t")).toEqual(["PR1", "PR2"]);
      expect(await ids("nothing")).toEqual([]);
      expect(await ids(" ")).toEqual(["PR3", "PR1", "PR2"]);
      expect(await ids("", 2)).toEqual(["PR3", "PR1"]);
    });

    it("edits a product, keeping its id, team and creation; refuses another's name; null when there is none", async () => {
      const store = await connect();
      await saved(store, product(), "PR1");
      await saved(store, product({ name: "Reise", productId: "R-1" }), "PR2");
      now = new Date("2026-03-04T09:00:00.000Z");
      const { teamId: _, ...details } = product({ name: "konsulenttime (senior)", unitPriceOre: 150_000 });
      const edited = await store.updateProduct("T0TEAM", "PR1", details);
      expect(edited).toEqual({
        ok: true,
        product: {
          ...product(),
          ...details,
          id: "PR1",
          createdAt: new Date("2026-03-02T09:00:00.000Z"),
          updatedAt: now,
        },
      });
      // Its own name in another case is no clash.
      expect(
        (await store.updateProduct("T0TEAM", "PR1", { ...details, name: "Konsulenttime (Senior)" }))?.ok,
      ).toBe(true);
      expect(await store.updateProduct("T0TEAM", "PR1", { ...details, name: "REISE" })).toEqual({
        ok: false,
        taken: "name",
      });
      expect(await store.updateProduct("T0TEAM", "PR1", { ...details, productId: "r-1" })).toEqual({
        ok: false,
        taken: "productId",
      });
      expect(await store.getProduct("T0TEAM", "PR1")).toMatchObject({ name: "Konsulenttime (Senior)" });
      expect(await store.updateProduct("T0OTHER", "PR1", details)).toBeNull();
      expect(await store.updateProduct("T0TEAM", "PR9", details)).toBeNull();
    });

    it("deletes a product in its team only; its name is free again", async () => {
      const store = await connect();
      await saved(store, product(), "PR1");
      await saved(store, product({ teamId: "T0OTHER" }), "PR2");
      expect(await store.deleteProduct("T0OTHER", "PR1")).toBe(false);
      expect(await store.deleteProduct("T0TEAM", "PR1")).toBe(true);
      expect(await store.deleteProduct("T0TEAM", "PR1")).toBe(false);
      expect(await store.getProduct("T0TEAM", "PR1")).toBeNull();
      expect((await store.searchProducts("T0OTHER", "", 10)).map((found) => found.id)).toEqual(["PR2"]);
      expect((await store.saveProduct(product(), "PR3")).ok).toBe(true);
    });

    it("records an invoice's distinct lines, counting each use once per invoice, newest use first", async () => {
      const store = await connect();
      const newId = (prefix: string) => (index: number) => `${prefix}${index}`;
      await store.recordLines(
        "T0TEAM",
        [line(), line({ name: "Konsulenttime", productId: "KT-1" }), line()],
        newId("LA"),
      );
      now = new Date("2026-03-05T09:00:00.000Z");
      // The same line again (in another case), and one at another price: a line of its own.
      await store.recordLines(
        "T0TEAM",
        [line({ name: "REISETID" }), line({ unitPriceOre: 90_000 })],
        newId("LB"),
      );
      await store.recordLines("T0OTHER", [line()], newId("LC"));
      await store.recordLines("T0TEAM", [], newId("LD"));

      const lines = await store.searchEarlierLines("T0TEAM", "", 10);
      expect(lines.map(({ id, name, timesUsed }) => [id, name, timesUsed])).toEqual([
        ["LA0", "REISETID", 2],
        ["LB1", "Reisetid", 1],
        ["LA1", "Konsulenttime", 1],
      ]);
      expect(lines[0]).toEqual({
        ...line({ name: "REISETID" }),
        id: "LA0",
        teamId: "T0TEAM",
        lastUsedAt: now,
        timesUsed: 2,
      });
      expect(lines[2]?.lastUsedAt).toEqual(new Date("2026-03-02T09:00:00.000Z"));
      expect(await store.getEarlierLine("T0TEAM", "LA1")).toEqual(lines[2]);
      expect(await store.getEarlierLine("T0OTHER", "LA1")).toBeNull();
      expect((await store.searchEarlierLines("T0OTHER", "", 10)).map(({ id }) => id)).toEqual(["LC0"]);

      const ids = async (query: string, limit = 10) =>
        (await store.searchEarlierLines("T0TEAM", query, limit)).map(({ id }) => id);
      expect(await ids("reise")).toEqual(["LA0", "LB1"]);
      expect(await ids("kt-1")).toEqual(["LA1"]);
      expect(await ids("", 1)).toEqual(["LA0"]);
      expect(await ids("nothing")).toEqual([]);
    });
  });
}
