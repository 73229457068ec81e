import { afterEach, describe, expect, it } from "vitest";
import { commitEvent } from "../src/orders/lifecycle.js";
import { type InvoiceStore, openSqliteStore } from "../src/store/index.js";
import { callback, created, submission, temporaryDataDir } from "./store.fixtures.js";

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

  it("lets one process's commits to an order take turns, so a burst of them all lands", async () => {
    store = openSqliteStore({ dataDir });
    const fresh = submission();
    await store.beginSubmission(fresh);
    await commitEvent(store, fresh.id, created("ODR1"));
    const sqlite = store;
    const roundTrip = () => new Promise((resolve) => setImmediate(resolve));
    // A store with a round trip in every call, as a database server has: racing, all 30 would
    // read one version, one would win, and the rest would run out of attempts.
    const remote: InvoiceStore = {
      ...sqlite,
      async get(id) {
        await roundTrip();
        return sqlite.get(id);
      },
      async saveOrder(next, history) {
        await roundTrip();
        return sqlite.saveOrder(next, history);
      },
    };
    const burst = Array.from({ length: 30 }, (_, index) => callback("ODR1", "PAID", 1_000 + index));
    const results = await Promise.all(
      burst.map((change) => commitEvent(remote, fresh.id, { type: "notified", change })),
    );
    expect(results.every((result) => result.outcome === "changed")).toBe(true);
    expect(await sqlite.history(fresh.id)).toHaveLength(30);
    expect((await sqlite.get(fresh.id))?.version).toBe(32);
  });

  it("asks for this instance's lease only for a decision that begins an attempt", async () => {
    store = openSqliteStore({ dataDir });
    const fresh = submission();
    await store.beginSubmission(fresh);
    let asked = 0;
    const lease = () => {
      asked += 1;
      return { owner: "B", expiresAt: new Date(Date.now() + 60_000) };
    };
    await commitEvent(store, fresh.id, { type: "refused", reason: "rejected" }, { lease });
    expect(asked).toBe(0);
    expect(await commitEvent(store, fresh.id, { type: "send-again" }, { lease })).toMatchObject({
      order: { state: "sending" },
    });
    expect(asked).toBe(1);
  });

  it("keeps the turns after an early commit ends: a later one still waits for those queued before it", async () => {
    store = openSqliteStore({ dataDir });
    const fresh = submission();
    await store.beginSubmission(fresh);
    await commitEvent(store, fresh.id, created("ODR1"));
    const sqlite = store;
    let inside = 0;
    let mostInside = 0;
    const roundTrip = () => new Promise((resolve) => setImmediate(resolve));
    // Counts the commits between their read and their write: taking turns, never more than one.
    const counting: InvoiceStore = {
      ...sqlite,
      async get(id) {
        inside += 1;
        mostInside = Math.max(mostInside, inside);
        await roundTrip();
        return sqlite.get(id);
      },
      async saveOrder(next, history) {
        await roundTrip();
        const written = await sqlite.saveOrder(next, history);
        inside -= 1;
        return written;
      },
    };
    const notify = (at: number) =>
      commitEvent(counting, fresh.id, { type: "notified", change: callback("ODR1", "PAID", at) });
    const first = notify(1_000);
    const queued = [notify(1_001), notify(1_002), notify(1_003)];
    await first;
    // The first commit's end must not drop the queue the others are waiting in.
    const late = notify(1_004);
    await Promise.all([...queued, late]);
    expect(mostInside).toBe(1);
    expect(await sqlite.history(fresh.id)).toHaveLength(5);
  });
});
