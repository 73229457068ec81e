import { afterEach, describe, expect, it } from "vitest";
import { commitEvent } from "../src/orders/lifecycle.js";
import { type InvoiceStore, openSqliteStore } from "../src/store/index.js";
import { submission, temporaryDataDir } from "./store.fixtures.js";

const { dataDir, remove } = temporaryDataDir();
let store: InvoiceStore | undefined;
afterEach(async () => {
  await store?.close();
  remove();
});

describe("commitEvent", () => {
  it("reads and decides again after losing a race, and gives up on a store that never lets it write", async () => {
    store = openSqliteStore({ dataDir });
    const fresh = submission();
    await store.beginSubmission(fresh);
    await commitEvent(store, fresh.id, { type: "refused", reason: "rejected" });
    let attempts = 0;
    // Another writer that always wins: every conditional write finds the version moved on.
    const losing: InvoiceStore = {
      ...store,
      get: (id) => (store as InvoiceStore).get(id),
      async saveOrder() {
        attempts += 1;
        return { written: false, reason: "conflict" };
      },
    };
    await expect(commitEvent(losing, fresh.id, { type: "send-again" })).rejects.toThrow(
      `Order ${fresh.id} kept changing under send-again`,
    );
    expect(attempts).toBe(8);
    // Losing once is no failure: the second read decides again and writes.
    let lost = false;
    const once: InvoiceStore = {
      ...store,
      get: (id) => (store as InvoiceStore).get(id),
      saveOrder: (next, history) => {
        if (lost) return (store as InvoiceStore).saveOrder(next, history);
        lost = true;
        return Promise.resolve({ written: false, reason: "conflict" });
      },
    };
    expect(await commitEvent(once, fresh.id, { type: "send-again" })).toMatchObject({
      outcome: "changed",
      order: { state: "sending", version: 3 },
    });
  });
});
