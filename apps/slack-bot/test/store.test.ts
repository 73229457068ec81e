import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DATABASE_FILE,
  FpOrderMismatchError,
  type InvoiceStore,
  OrderNotFoundError,
  OrderStateError,
  openSqliteStore,
  StoreVersionError,
} from "../src/store/index.js";
import { callback, created, PERSONAL_NUMBER, submission, temporaryDataDir } from "./store.fixtures.js";

let dataDir: string;
let remove: () => void;
let now: Date;
const open: InvoiceStore[] = [];

function openStore(): InvoiceStore {
  const store = openSqliteStore({ dataDir, clock: () => now });
  open.push(store);
  return store;
}

/** Closes `store` (a stop), so the same directory can be opened again (a start). */
async function restart(store: InvoiceStore): Promise<InvoiceStore> {
  await store.close();
  open.splice(open.indexOf(store), 1);
  return openStore();
}

function rawRow(id: string): Record<string, unknown> {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare("SELECT * FROM orders WHERE id = ?").get(id) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

beforeEach(() => {
  ({ dataDir, remove } = temporaryDataDir());
  now = new Date("2026-03-02T09:00:00.000Z");
});

afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  remove();
});

describe("opening", () => {
  it("creates the directory and the database in WAL mode, readable by its owner only, at the latest schema version", async () => {
    ({ dataDir } = { dataDir: join(dataDir, "nested", "data") });
    const store = openStore();
    await store.close();
    open.splice(0);
    const file = join(dataDir, DATABASE_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const db = new Database(file, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.prepare("SELECT version FROM schema_version").all()).toEqual([{ version: 1 }, { version: 2 }]);
    db.close();
    // Opening again applies nothing twice.
    const reopened = openStore();
    expect(await reopened.get("FB0000000000000")).toBeNull();
  });

  it("refuses a database written by a newer Fakturabot", async () => {
    await openStore().close();
    open.splice(0);
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (3, 0)").run();
    db.close();
    expect(() => openStore()).toThrow(StoreVersionError);
    expect(() => openStore()).toThrow("schema version 3, but this Fakturabot knows versions up to 2");
  });
});

describe("submissions", () => {
  it("records a new submission as sending, with its request, and stamps it with the clock", async () => {
    const store = openStore();
    const fresh = submission();
    const { order, created: isNew } = await store.beginSubmission(fresh);
    expect(isNew).toBe(true);
    expect(order).toEqual({
      id: fresh.id,
      submissionKey: fresh.submissionKey,
      teamId: "T0TEAM",
      channelId: "C0SALES",
      userId: "U0KARI",
      state: "sending",
      fpOrderUuid: null,
      fpCustomerUuid: null,
      bankIdUrl: null,
      status: null,
      customerType: "private",
      customerName: "Zahidul",
      customerIdentifier: "280387*****",
      preferredLanguage: "en",
      grandTotalOre: 4000,
      request: fresh.request,
      failureReason: null,
      message: null,
      createdAt: now,
      updatedAt: now,
    });
    expect(await store.get(fresh.id)).toEqual(order);
  });

  it("finds the first order on a double submit, even from another connection", async () => {
    const first = openStore();
    const second = openStore();
    const one = submission({ submissionKey: "V0MODAL" });
    const two = submission({ submissionKey: "V0MODAL", customerName: "Someone else" });
    const results = await Promise.all([first.beginSubmission(one), second.beginSubmission(two)]);
    expect(results.map((result) => result.created)).toEqual([true, false]);
    expect(results[1]?.order).toEqual(results[0]?.order);
    expect(await first.get(two.id)).toBeNull();
    // The same submission again, later, too.
    const again = await second.beginSubmission(one);
    expect(again).toEqual({ order: results[0]?.order, created: false });
  });

  it("stores a private customer's identifier masked even if given in full", async () => {
    const store = openStore();
    const { order } = await store.beginSubmission(submission({ customerIdentifier: PERSONAL_NUMBER }));
    expect(order.customerIdentifier).toBe("280387*****");
    const corporate = await store.beginSubmission(
      submission({ customerType: "corporate", customerIdentifier: "923609016" }),
    );
    expect(corporate.order.customerIdentifier).toBe("923609016");
  });

  it("sending → created: keeps Front Payment's ids and erases the request", async () => {
    const store = openStore();
    const fresh = submission();
    await store.beginSubmission(fresh);
    now = new Date("2026-03-02T09:00:02.000Z");
    const order = await store.markCreated(fresh.id, created("ODR4286244937"));
    expect(order).toMatchObject({
      state: "created",
      fpOrderUuid: "ODR4286244937",
      fpCustomerUuid: "CSRT3419523642",
      bankIdUrl: "https://auth.current.bankid.no/precheck/auth?state=ODR4286244937",
      status: "SENT",
      request: null,
      failureReason: null,
      updatedAt: now,
    });
    expect(order.createdAt).toEqual(new Date("2026-03-02T09:00:00.000Z"));
    expect(rawRow(fresh.id).request_json).toBeNull();
    expect(await store.getByFpOrderUuid("ODR4286244937")).toEqual(order);
  });

  it("leaves no personal number or contact detail in the file once the order is created", async () => {
    const store = openStore();
    const fresh = submission();
    await store.beginSubmission(fresh);
    await store.markCreated(fresh.id, created("ODR1"));
    await store.close();
    open.splice(0);
    const bytes = readFileSync(join(dataDir, DATABASE_FILE)).toString("latin1");
    expect(bytes).toContain(fresh.id);
    for (const detail of [PERSONAL_NUMBER, "zahidul@example.com", "46567468", "Klosterenget"]) {
      expect(bytes).not.toContain(detail);
    }
  });

  it("sending → failed → retried → created", async () => {
    const store = openStore();
    const fresh = submission();
    await store.beginSubmission(fresh);
    const failed = await store.markFailed(fresh.id, "Front Payment answered 500.");
    expect(failed).toMatchObject({
      state: "failed",
      failureReason: "Front Payment answered 500.",
      request: fresh.request,
    });
    expect(await store.retrySubmission(fresh.id, ["unknown"])).toBeNull();
    const retried = await store.retrySubmission(fresh.id, ["failed"]);
    expect(retried).toMatchObject({ state: "sending", failureReason: null, request: fresh.request });
    expect(await store.retrySubmission(fresh.id, ["failed"])).toBeNull();
    expect(await store.markCreated(fresh.id, created("ODR2"))).toMatchObject({
      state: "created",
      request: null,
    });
  });

  it("sending → unknown: sent again only when the caller allows unknown", async () => {
    const store = openStore();
    const fresh = submission();
    await store.beginSubmission(fresh);
    expect(await store.markUnknown(fresh.id, "No answer within 30 s.")).toMatchObject({
      state: "unknown",
      failureReason: "No answer within 30 s.",
      request: fresh.request,
    });
    expect(await store.retrySubmission(fresh.id, ["failed"])).toBeNull();
    expect(await store.retrySubmission(fresh.id, ["failed", "unknown"])).toMatchObject({ state: "sending" });
  });

  it("lets only one of racing retries win, across connections", async () => {
    const stores = [openStore(), openStore(), openStore()];
    const fresh = submission();
    await stores[0]?.beginSubmission(fresh);
    await stores[0]?.markFailed(fresh.id, "rejected");
    const attempts = await Promise.all(
      [...stores, ...stores].map((store) => store.retrySubmission(fresh.id, ["failed", "unknown"])),
    );
    expect(attempts.filter((attempt) => attempt !== null)).toHaveLength(1);
  });

  it("keeps a created order created when a late failure or timeout is reported", async () => {
    const store = openStore();
    const fresh = submission();
    await store.beginSubmission(fresh);
    await store.recordStatus(fresh.id, callback("ODR3", "INVOICED", 1_755_150_100));
    expect(await store.markUnknown(fresh.id, "timed out")).toMatchObject({
      state: "created",
      failureReason: null,
    });
    expect(await store.markFailed(fresh.id, "error")).toMatchObject({
      state: "created",
      failureReason: null,
    });
  });

  it("refuses transitions that only a bug could ask for", async () => {
    const store = openStore();
    const fresh = submission();
    await store.beginSubmission(fresh);
    await store.markFailed(fresh.id, "rejected");
    await expect(store.markUnknown(fresh.id, "again")).rejects.toThrow(OrderStateError);
    await expect(store.markFailed(fresh.id, "again")).rejects.toThrow(
      "is failed, so it cannot be marked failed",
    );
    await expect(store.markCreated("FB0000MISSING0", created("ODR9"))).rejects.toThrow(OrderNotFoundError);
    await expect(store.setMessage("FB0000MISSING0", { channelId: "C1", ts: "1.2" })).rejects.toThrow(
      OrderNotFoundError,
    );
    await expect(store.recordStatus("FB0000MISSING0", callback("ODR9", "PAID", 1))).rejects.toThrow(
      OrderNotFoundError,
    );
  });

  it("remembers the channel message", async () => {
    const store = openStore();
    const fresh = submission();
    await store.beginSubmission(fresh);
    const order = await store.setMessage(fresh.id, { channelId: "C0SALES", ts: "1712345678.123456" });
    expect(order.message).toEqual({ channelId: "C0SALES", ts: "1712345678.123456" });
  });
});

describe("status notifications", () => {
  async function createdOrder(store: InvoiceStore, fpOrderUuid = "ODR4286244937") {
    const fresh = submission();
    await store.beginSubmission(fresh);
    await store.markCreated(fresh.id, created(fpOrderUuid));
    return fresh.id;
  }

  it("applies progress, ignores repeats, keeps late arrivals in the history only", async () => {
    const store = openStore();
    const id = await createdOrder(store);
    const invoiced = callback("ODR4286244937", "INVOICED", 1_755_150_100);
    const paid = callback("ODR4286244937", "PAID", 1_755_150_300, { paymentMethod: "invoice" });
    const lateSent = callback("ODR4286244937", "SENT", 1_755_150_050);

    expect(await store.recordStatus(id, invoiced)).toMatchObject({
      outcome: "applied",
      order: { status: "INVOICED" },
    });
    expect(await store.recordStatus(id, invoiced)).toMatchObject({
      outcome: "duplicate",
      order: { status: "INVOICED" },
    });
    expect(await store.recordStatus(id, paid)).toMatchObject({
      outcome: "applied",
      order: { status: "PAID" },
    });
    expect(await store.recordStatus(id, lateSent)).toMatchObject({
      outcome: "stale",
      order: { status: "PAID" },
    });
    expect(await store.recordStatus(id, lateSent)).toMatchObject({ outcome: "duplicate" });
    // A repeat of the current status with a new timestamp: recorded, but nothing moved.
    const paidAgain = { ...paid, sentAt: 1_755_150_400 };
    expect(await store.recordStatus(id, paidAgain)).toMatchObject({
      outcome: "stale",
      order: { status: "PAID" },
    });

    expect(await store.history(id)).toEqual([
      { ...invoiced, applied: true },
      { ...paid, applied: true },
      { ...lateSent, applied: false },
      { ...paidAgain, applied: false },
    ]);
  });

  it("never lets CANCELLED follow PAID, nor anything follow CANCELLED", async () => {
    const store = openStore();
    const paidFirst = await createdOrder(store, "ODR1");
    await store.recordStatus(paidFirst, callback("ODR1", "PAID", 100));
    expect(await store.recordStatus(paidFirst, callback("ODR1", "CANCELLED", 200))).toMatchObject({
      outcome: "stale",
    });

    const cancelledFirst = await createdOrder(store, "ODR2");
    await store.recordStatus(cancelledFirst, callback("ODR2", "CANCELLED", 100));
    expect(await store.recordStatus(cancelledFirst, callback("ODR2", "PAID", 200))).toMatchObject({
      outcome: "stale",
      order: { status: "CANCELLED" },
    });
  });

  it("orders unknown statuses by Front Payment's timestamp", async () => {
    const store = openStore();
    const id = await createdOrder(store);
    await store.recordStatus(id, callback("ODR4286244937", "PAID", 1_000));
    expect(await store.recordStatus(id, callback("ODR4286244937", "CHARGED", 2_000))).toMatchObject({
      outcome: "applied",
      order: { status: "CHARGED" },
    });
    expect(await store.recordStatus(id, callback("ODR4286244937", "CAPTURED", 1_500))).toMatchObject({
      outcome: "stale",
      order: { status: "CHARGED" },
    });
    expect(await store.recordStatus(id, callback("ODR4286244937", "REFUNDED", 2_500))).toMatchObject({
      outcome: "applied",
      order: { status: "REFUNDED" },
    });
  });

  it("stores known statuses in their documented spelling", async () => {
    const store = openStore();
    const id = await createdOrder(store);
    const outcome = await store.recordStatus(id, callback("ODR4286244937", "Paid", 100));
    expect(outcome).toMatchObject({ outcome: "applied", order: { status: "PAID" } });
    expect(await store.recordStatus(id, callback("ODR4286244937", "PAID", 100))).toMatchObject({
      outcome: "duplicate",
    });
  });

  it("deduplicates notifications without a timestamp by payment method and amount", async () => {
    const store = openStore();
    const id = await createdOrder(store);
    const lookup = callback("ODR4286244937", "PARTIAL REFUNDED", null, { source: "lookup", amount: "10" });
    expect(await store.recordStatus(id, lookup)).toMatchObject({ outcome: "applied" });
    expect(
      await store.recordStatus(id, { ...lookup, receivedAt: new Date(lookup.receivedAt.getTime() + 60_000) }),
    ).toMatchObject({
      outcome: "duplicate",
    });
    expect(await store.recordStatus(id, { ...lookup, amount: "20" })).toMatchObject({ outcome: "stale" });
    expect(await store.history(id)).toHaveLength(2);
  });

  it("resolves an unknown order with the callback's Front Payment id", async () => {
    const store = openStore();
    const fresh = submission();
    await store.beginSubmission(fresh);
    await store.markUnknown(fresh.id, "No answer within 30 s.");
    const outcome = await store.recordStatus(fresh.id, callback("ODR77", "INVOICED", 1_755_150_100));
    expect(outcome).toMatchObject({
      outcome: "applied",
      order: {
        state: "created",
        fpOrderUuid: "ODR77",
        status: "INVOICED",
        request: null,
        failureReason: null,
      },
    });
    expect(rawRow(fresh.id).request_json).toBeNull();
    expect((await store.getByFpOrderUuid("ODR77"))?.id).toBe(fresh.id);
    expect(await store.retrySubmission(fresh.id, ["failed", "unknown"])).toBeNull();
  });

  it("resolves a failed order too, since only Front Payment can call back about it", async () => {
    const store = openStore();
    const fresh = submission();
    await store.beginSubmission(fresh);
    await store.markFailed(fresh.id, "rejected");
    expect(await store.recordStatus(fresh.id, callback("ODR78", "SENT", 100))).toMatchObject({
      outcome: "applied",
      order: { state: "created", fpOrderUuid: "ODR78" },
    });
  });

  it("keeps a status a callback brought before Front Payment's answer arrived", async () => {
    const store = openStore();
    const fresh = submission();
    await store.beginSubmission(fresh);
    await store.recordStatus(fresh.id, callback("ODR79", "INVOICED", 100));
    const order = await store.markCreated(fresh.id, created("ODR79", "SENT"));
    expect(order).toMatchObject({ state: "created", status: "INVOICED", fpCustomerUuid: "CSRT3419523642" });
    expect(order.bankIdUrl).toContain("ODR79");

    // Also a status the rules cannot rank: Front Payment's word beats the one inferred from the answer.
    const other = submission();
    await store.beginSubmission(other);
    await store.recordStatus(other.id, callback("ODR82", "RESERVED", 100));
    expect(await store.markCreated(other.id, created("ODR82", "SENT"))).toMatchObject({ status: "RESERVED" });
  });

  it("refuses a second Front Payment order for one of ours, recording nothing", async () => {
    const store = openStore();
    const id = await createdOrder(store, "ODR80");
    await expect(store.recordStatus(id, callback("ODR81", "PAID", 100))).rejects.toThrow(
      FpOrderMismatchError,
    );
    await expect(store.markCreated(id, created("ODR81"))).rejects.toThrow(
      "is Front Payment's ODR80, not ODR81",
    );
    expect(await store.history(id)).toEqual([]);
    expect((await store.get(id))?.status).toBe("SENT");
  });

  it("remembers a second Front Payment order: new once, then only when its status moves on, and across restarts", async () => {
    let store = openStore();
    const id = await createdOrder(store, "ODR90");
    expect(await store.recordOtherFpOrder(id, "ODR91", { status: "SENT", at: 100 })).toBe("new");
    expect(await store.recordOtherFpOrder(id, "ODR91", { status: "SENT", at: 100 })).toBe("same");
    expect(await store.recordOtherFpOrder(id, "ODR91", { status: "PAID", at: 300 })).toBe("changed");
    expect(await store.recordOtherFpOrder(id, "ODR91", { status: "INVOICED", at: 200 })).toBe("same");
    expect(await store.recordOtherFpOrder(id, "ODR91")).toBe("same");
    expect(await store.recordOtherFpOrder(id, "ODR92")).toBe("new");

    store = await restart(store);
    expect((await store.getByOtherFpOrderUuid("ODR91"))?.id).toBe(id);
    expect(await store.getByOtherFpOrderUuid("ODR90")).toBeNull();
    expect(await store.getByFpOrderUuid("ODR91")).toBeNull();
    expect((await store.get(id))?.fpOrderUuid).toBe("ODR90");
    await expect(store.recordOtherFpOrder("FB0NOSUCHORDER", "ODR93")).rejects.toThrow(OrderNotFoundError);
  });
});

describe("restarts", () => {
  it("finds every order, its message and its history after a restart; a callback then updates the right one", async () => {
    let store = openStore();
    const ids: string[] = [];
    for (const [index, fpOrderUuid] of ["ODR100", "ODR200", "ODR300"].entries()) {
      const fresh = submission();
      ids.push(fresh.id);
      await store.beginSubmission(fresh);
      await store.markCreated(fresh.id, created(fpOrderUuid));
      await store.setMessage(fresh.id, { channelId: `C0CHANNEL${index}`, ts: `171234567${index}.000100` });
      await store.recordStatus(fresh.id, callback(fpOrderUuid, "INVOICED", 1_000 + index));
    }
    const pending = submission();
    await store.beginSubmission(pending);
    await store.markFailed(pending.id, "rejected");
    const before = await Promise.all([...ids, pending.id].map((id) => store.get(id)));
    const historyBefore = await Promise.all(ids.map((id) => store.history(id)));

    store = await restart(store);

    expect(await Promise.all([...ids, pending.id].map((id) => store.get(id)))).toEqual(before);
    expect(await Promise.all(ids.map((id) => store.history(id)))).toEqual(historyBefore);
    const second = await store.getByFpOrderUuid("ODR200");
    expect(second?.message).toEqual({ channelId: "C0CHANNEL1", ts: "1712345671.000100" });
    const outcome = await store.recordStatus(ids[1] ?? "", callback("ODR200", "PAID", 2_000));
    expect(outcome).toMatchObject({
      outcome: "applied",
      order: { id: ids[1], status: "PAID", message: { channelId: "C0CHANNEL1", ts: "1712345671.000100" } },
    });
    expect((await store.get(pending.id))?.request).toEqual(pending.request);
  });

  it("marks submissions a stop interrupted as unknown", async () => {
    let store = openStore();
    const interrupted = submission();
    const done = submission();
    await store.beginSubmission(interrupted);
    await store.beginSubmission(done);
    await store.markCreated(done.id, created("ODR5"));
    store = await restart(store);
    const reason = "Fakturabot restarted while sending this order.";
    const recovered = await store.recoverInterruptedSubmissions(reason);
    expect(recovered.map((order) => [order.id, order.state, order.failureReason])).toEqual([
      [interrupted.id, "unknown", reason],
    ]);
    expect(await store.recoverInterruptedSubmissions(reason)).toEqual([]);
    expect((await store.get(done.id))?.state).toBe("created");
  });
});
