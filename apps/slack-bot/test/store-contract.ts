/**
 * The store contract: what any `InvoiceStore` must do, written against the interface only. Each
 * implementation runs it (`store.sqlite.test.ts`; a PostgreSQL store runs the same suite). The
 * transitions come from the order lifecycle (`commitEvent`: decide, then a conditional write), so
 * the suite shows that the lifecycle's rules hold on this store: atomic transitions, one winner among
 * racing writers on several connections, monotonic statuses, recovery at start.
 */

import { SEED_INVOICE_ORDER_EXAMPLE } from "@fakturabot/schema";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commitEvent } from "../src/orders/lifecycle.js";
import { decideOtherOrder, factsFromRequest } from "../src/orders/transitions.js";
import type {
  CreatedOrder,
  CustomerDetails,
  InvoiceStore,
  NewOutboxEntry,
  NewSubmission,
  OrderRecord,
} from "../src/store/types.js";
import { advance, callback, created, notify, PERSONAL_NUMBER, submission } from "./store.fixtures.js";
import { describeProductStoreContract } from "./store-contract-products.js";

export interface StoreUnderTest {
  /** A new connection to the same, initially empty, database (another instance, or the same after a restart). */
  connect(clock: () => Date): Promise<InvoiceStore>;
  /** Removes the database. */
  destroy(): Promise<void>;
}

export function describeStoreContract(name: string, setUp: () => Promise<StoreUnderTest>): void {
  describeProductStoreContract(name, setUp);
  describe(`store contract: ${name}`, () => {
    let database: StoreUnderTest;
    let now: Date;
    const open: InvoiceStore[] = [];

    async function connect(): Promise<InvoiceStore> {
      const store = await database.connect(() => now);
      open.push(store);
      return store;
    }

    /** Closes `store` (a stop) and connects again (a start). */
    async function restart(store: InvoiceStore): Promise<InvoiceStore> {
      await store.close();
      open.splice(open.indexOf(store), 1);
      return connect();
    }

    beforeEach(async () => {
      database = await setUp();
      now = new Date("2026-03-02T09:00:00.000Z");
    });

    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
      await database.destroy();
    });

    async function createdOrder(store: InvoiceStore, fpOrderUuid = "ODR4286244937"): Promise<string> {
      const fresh = submission();
      await store.beginSubmission(fresh);
      await advance(store, fresh.id, created(fpOrderUuid));
      return fresh.id;
    }

    describe("submissions", () => {
      it("records a new submission as sending (version 1), with its request, stamped with the clock", async () => {
        const store = await connect();
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
          customerType: "private",
          customerName: "Zahidul",
          customerIdentifier: "280387*****",
          preferredLanguage: "en",
          grandTotalOre: 4000,
          request: fresh.request,
          message: null,
          sentAnyway: false,
          version: 1,
          createdAt: now,
          updatedAt: now,
        });
        expect(await store.get(fresh.id)).toEqual(order);
      });

      it("finds the first order on a double submit, even from another connection at the same moment", async () => {
        const [first, second] = [await connect(), await connect()];
        const one = submission({ submissionKey: "V0MODAL" });
        const two = submission({ submissionKey: "V0MODAL", customerName: "Someone else" });
        const results = await Promise.all([first.beginSubmission(one), second.beginSubmission(two)]);
        expect(results.map((result) => result.created).sort()).toEqual([false, true]);
        expect(results[1]?.order).toEqual(results[0]?.order);
        const winner = results.find((result) => result.created)?.order as OrderRecord;
        const loser = winner.id === one.id ? two : one;
        expect(await first.get(loser.id)).toBeNull();
        // The same submission again, later, too.
        expect(await second.beginSubmission(one)).toEqual({ order: winner, created: false });
      });

      it("stores a private customer's identifier masked even if given in full", async () => {
        const store = await connect();
        const { order } = await store.beginSubmission(submission({ customerIdentifier: PERSONAL_NUMBER }));
        expect(order.customerIdentifier).toBe("280387*****");
        const corporate = await store.beginSubmission(
          submission({ customerType: "corporate", customerIdentifier: "923609016" }),
        );
        expect(corporate.order.customerIdentifier).toBe("923609016");
      });

      it("sending → created: keeps Front Payment's ids and the status, erases the request", async () => {
        const store = await connect();
        const fresh = submission();
        await store.beginSubmission(fresh);
        now = new Date("2026-03-02T09:00:02.000Z");
        const { order, outcome, effects } = await advance(store, fresh.id, created("ODR4286244937"));
        expect(outcome).toBe("changed");
        expect(effects.map((effect) => effect.type)).toEqual(["post-message", "show-outcome"]);
        expect(order).toEqual({
          ...(await store.get(fresh.id)),
          state: "created",
          fpOrderUuid: "ODR4286244937",
          fpCustomerUuid: "CSRT3419523642",
          bankIdUrl: "https://auth.current.bankid.no/precheck/auth?state=ODR4286244937",
          status: { status: "SENT", at: 1_755_150_000 },
          facts: factsFromRequest(fresh.request),
          version: 2,
          updatedAt: now,
        });
        expect(order).not.toHaveProperty("request");
        expect(order.createdAt).toEqual(new Date("2026-03-02T09:00:00.000Z"));
        expect(await store.getByFpOrderUuid("ODR4286244937")).toEqual(order);
      });

      it("keeps what the message tells (lines, terms, invoice number, payment, refunds, cancellation), never a personal number", async () => {
        const store = await connect();
        const id = await createdOrder(store);
        expect((await store.get(id)) as CreatedOrder).toMatchObject({
          facts: {
            lines: [{ name: "Router", quantity: "1", amountOre: 4000 }],
            orderDate: 1755150488,
            maturityDays: 10,
            invoiceNumber: null,
            paymentMethod: null,
            refundedOre: 0,
            refundedLines: {},
            cancelled: null,
          },
        });
        await notify(store, id, callback("ODR4286244937", "INVOICED", 1_755_150_100));
        await advance(store, id, { type: "invoice-number", invoiceNumber: "99900753" });
        await notify(store, id, callback("ODR4286244937", "PAID", 1_755_150_200, { paymentMethod: "Visa" }));
        const refunded = await advance(store, id, {
          type: "refunded",
          by: "U0OLA",
          lines: [{ id: 1001, amountOre: 1000 }],
          amountOre: 1000,
          refundedOre: 1000,
          status: "PARTIAL REFUNDED",
          at: 1_755_150_300,
        });
        expect(refunded.outcome).toBe("changed");
        const reopened = await restart(store);
        expect(await reopened.get(id)).toMatchObject({
          status: { status: "PARTIAL REFUNDED" },
          facts: {
            invoiceNumber: "99900753",
            paymentMethod: "Visa",
            refundedOre: 1000,
            refundedLines: { 1001: 1000 },
          },
        });

        const other = await createdOrder(reopened, "ODR9");
        await advance(reopened, other, {
          type: "cancelled",
          by: "U0OLA",
          reason: "Feil kunde",
          change: { ...callback("ODR9", "CANCELLED", null), source: "lookup" },
        });
        expect(await reopened.get(other)).toMatchObject({
          status: { status: "CANCELLED" },
          facts: { cancelled: { by: "U0OLA", reason: "Feil kunde" } },
        });
      });

      it("an edit replaces the customer, total and lines of a created order, keeping the personal number masked", async () => {
        const store = await connect();
        const id = await createdOrder(store);
        const request = {
          ...SEED_INVOICE_ORDER_EXAMPLE,
          products: [{ name: "Switch", quantity: "2", rate: 30, tax: "0", amount: 60 }],
          orderSummary: { subTotal: "60", totalTax: "0", totalDiscount: "0", grandTotal: "60" },
          customerDetails: { ...SEED_INVOICE_ORDER_EXAMPLE.customerDetails, name: "Zahidul Islam" },
        };
        expect((await advance(store, id, { type: "edited", by: "U0KARI", request })).outcome).toBe("changed");
        const edited = (await (await restart(store)).get(id)) as CreatedOrder;
        expect(edited).toMatchObject({
          fpOrderUuid: "ODR4286244937",
          customerName: "Zahidul Islam",
          customerIdentifier: "280387*****",
          grandTotalOre: 6000,
          facts: { lines: [{ name: "Switch", quantity: "2", amountOre: 6000 }] },
        });
        expect(JSON.stringify(edited)).not.toContain(PERSONAL_NUMBER);
      });

      it("sending → failed → sent again → created", async () => {
        const store = await connect();
        const fresh = submission();
        await store.beginSubmission(fresh);
        const failed = await advance(store, fresh.id, {
          type: "refused",
          reason: "Front Payment answered 400.",
        });
        expect(failed.order).toMatchObject({
          state: "failed",
          failureReason: "Front Payment answered 400.",
          request: fresh.request,
        });
        expect(await advance(store, fresh.id, { type: "send-anyway" })).toMatchObject({
          outcome: "unchanged",
          order: { state: "failed" },
        });
        const retried = await advance(store, fresh.id, { type: "send-again" });
        expect(retried.order).toMatchObject({ state: "sending", request: fresh.request });
        expect(retried.order).not.toHaveProperty("failureReason");
        expect(retried.effects.map((effect) => effect.type)).toEqual(["show-outcome", "send"]);
        expect((await advance(store, fresh.id, { type: "send-again" })).outcome).toBe("unchanged");
        expect((await advance(store, fresh.id, created("ODR2"))).order).toMatchObject({ state: "created" });
      });

      it("sending → unknown: sent again only on 'send anyway'", async () => {
        const store = await connect();
        const fresh = submission();
        await store.beginSubmission(fresh);
        expect(
          (await advance(store, fresh.id, { type: "outcome-unknown", reason: "No answer within 30 s." }))
            .order,
        ).toMatchObject({
          state: "unknown",
          failureReason: "No answer within 30 s.",
          request: fresh.request,
        });
        expect((await advance(store, fresh.id, { type: "send-again" })).order.state).toBe("unknown");
        expect((await advance(store, fresh.id, { type: "send-anyway" })).order.state).toBe("sending");
      });

      it("failed or unknown → expired: the request is erased, why it was not sent is kept, nothing sends it", async () => {
        const store = await connect();
        for (const ended of [
          { type: "refused", reason: "Front Payment answered 400." },
          { type: "outcome-unknown", reason: "No answer within 30 s." },
        ] as const) {
          const fresh = submission();
          await store.beginSubmission(fresh);
          await advance(store, fresh.id, ended);
          const expired = await advance(store, fresh.id, { type: "expire" });
          expect(expired.order).toMatchObject({ state: "expired", failureReason: ended.reason });
          expect(expired.order).not.toHaveProperty("request");
          expect(await store.get(fresh.id)).toEqual(expired.order);
          expect((await store.listByState("expired")).map((order) => order.id)).toContain(fresh.id);
          for (const retry of ["send-again", "send-anyway"] as const)
            expect((await advance(store, fresh.id, { type: retry })).order.state).toBe("expired");
        }
      });

      it("remembers, once, that the customer stopped at BankID", async () => {
        const store = await connect();
        const fresh = submission();
        await store.beginSubmission(fresh);
        await advance(store, fresh.id, created("ODR5"));
        const stopped = await advance(store, fresh.id, { type: "customer-stopped", at: 1_700_000_000 });
        expect(stopped.order).toMatchObject({ state: "created", customerStoppedAt: 1_700_000_000 });
        expect(await store.get(fresh.id)).toEqual(stopped.order);
        expect(
          (await advance(store, fresh.id, { type: "customer-stopped", at: 1_700_000_100 })).outcome,
        ).toBe("unchanged");
      });

      it("lets only one of racing retries win, across connections", async () => {
        const stores = [await connect(), await connect(), await connect()];
        const fresh = submission();
        await stores[0]?.beginSubmission(fresh);
        await advance(stores[0] as InvoiceStore, fresh.id, { type: "refused", reason: "rejected" });
        const attempts = await Promise.all(
          [...stores, ...stores].map((store) => advance(store, fresh.id, { type: "send-again" })),
        );
        const sends = attempts.filter((attempt) => attempt.effects.some((effect) => effect.type === "send"));
        expect(sends).toHaveLength(1);
        expect((await stores[1]?.get(fresh.id))?.version).toBe(3);
      });

      it("keeps a created order created when a late failure or timeout is reported", async () => {
        const store = await connect();
        const fresh = submission();
        await store.beginSubmission(fresh);
        await notify(store, fresh.id, callback("ODR3", "INVOICED", 1_755_150_100));
        for (const event of [
          { type: "outcome-unknown", reason: "timed out" },
          { type: "refused", reason: "error" },
        ] as const) {
          expect(await advance(store, fresh.id, event)).toMatchObject({
            outcome: "unchanged",
            order: { state: "created", fpOrderUuid: "ODR3" },
          });
        }
      });

      it("ignores the answer of an attempt that is not under way", async () => {
        const store = await connect();
        const fresh = submission();
        await store.beginSubmission(fresh);
        await advance(store, fresh.id, { type: "refused", reason: "rejected" });
        expect(await advance(store, fresh.id, { type: "outcome-unknown", reason: "again" })).toMatchObject({
          outcome: "unchanged",
          order: { state: "failed", failureReason: "rejected", version: 2 },
          effects: [],
        });
        await expect(advance(store, "FB0000MISSING0", created("ODR9"))).rejects.toThrow(
          "No order FB0000MISSING0",
        );
      });

      it("remembers the channel message", async () => {
        const store = await connect();
        const id = await createdOrder(store);
        const { order } = await advance(store, id, {
          type: "message-posted",
          message: { channelId: "C0SALES", ts: "1712345678.123456" },
        });
        expect(order.message).toEqual({ channelId: "C0SALES", ts: "1712345678.123456" });
        expect((await store.get(id))?.message).toEqual(order.message);
      });
    });

    describe("conditional writes", () => {
      it("writes nothing when the version moved on: neither the order nor its history", async () => {
        const [first, second] = [await connect(), await connect()];
        const id = await createdOrder(first);
        const read = (await first.get(id)) as Extract<OrderRecord, { state: "created" }>;
        const change = callback("ODR4286244937", "PAID", 1_755_150_300);
        expect((await notify(second, id, callback("ODR4286244937", "INVOICED", 1_755_150_100))).outcome).toBe(
          "changed",
        );
        const stale = await first.saveOrder(
          { ...read, version: read.version + 1, status: { status: "PAID", at: 1_755_150_300 } },
          { change: { ...change, applied: true }, dedupKey: "paid" },
        );
        expect(stale).toEqual({ written: false, reason: "conflict" });
        expect(await first.get(id)).toMatchObject({
          status: { status: "INVOICED" },
          version: read.version + 1,
        });
        expect((await first.history(id)).map((entry) => entry.status)).toEqual(["INVOICED"]);
      });

      it("writes nothing for a notification already in the history", async () => {
        const store = await connect();
        const id = await createdOrder(store);
        const read = (await store.get(id)) as OrderRecord;
        const change = { ...callback("ODR4286244937", "INVOICED", 100), applied: true };
        expect(
          (await store.saveOrder({ ...read, version: read.version + 1 }, { change, dedupKey: "k" })).written,
        ).toBe(true);
        const again = await store.saveOrder(
          { ...read, version: read.version + 2 },
          { change, dedupKey: "k" },
        );
        expect(again).toEqual({ written: false, reason: "duplicate" });
        expect((await store.get(id))?.version).toBe(read.version + 1);
        expect(await store.history(id)).toHaveLength(1);
      });

      it("never gives one Front Payment order to two of ours", async () => {
        const store = await connect();
        await createdOrder(store, "ODR555");
        const other = submission();
        await store.beginSubmission(other);
        await expect(advance(store, other.id, created("ODR555"))).rejects.toThrow();
        expect((await store.get(other.id))?.state).toBe("sending");
      });

      it("lists the orders in a state, oldest first", async () => {
        const store = await connect();
        const ids: string[] = [];
        for (const minute of [1, 2, 3]) {
          now = new Date(`2026-03-02T09:0${minute}:00.000Z`);
          const fresh = submission();
          ids.push(fresh.id);
          await store.beginSubmission(fresh);
        }
        await advance(store, ids[1] as string, created("ODR7"));
        expect((await store.listByState("sending")).map((order) => order.id)).toEqual([ids[0], ids[2]]);
        expect((await store.listByState("created")).map((order) => order.id)).toEqual([ids[1]]);
        expect(await store.listByState("failed")).toEqual([]);
      });
    });

    describe("status notifications", () => {
      it("applies progress, ignores repeats, keeps late arrivals in the history only", async () => {
        const store = await connect();
        const id = await createdOrder(store);
        const invoiced = callback("ODR4286244937", "INVOICED", 1_755_150_100);
        const paid = callback("ODR4286244937", "PAID", 1_755_150_300, { paymentMethod: "invoice" });
        const lateSent = callback("ODR4286244937", "SENT", 1_755_150_050);

        const first = await notify(store, id, invoiced);
        expect(first).toMatchObject({ outcome: "changed", order: { status: { status: "INVOICED" } } });
        expect(first.effects).toEqual([
          { type: "post-message" },
          { type: "reply-status", change: invoiced },
          { type: "fetch-invoice-number" },
        ]);
        expect(await notify(store, id, invoiced)).toMatchObject({ outcome: "duplicate", effects: [] });
        await advance(store, id, { type: "message-posted", message: { channelId: "C0SALES", ts: "1.2" } });
        const second = await notify(store, id, paid);
        expect(second).toMatchObject({ order: { status: { status: "PAID", at: 1_755_150_300 } } });
        // Still without an invoice number: asked for again.
        expect(second.effects).toEqual([
          { type: "show-status", change: paid },
          { type: "fetch-invoice-number" },
        ]);
        expect(await notify(store, id, lateSent)).toMatchObject({
          outcome: "changed",
          order: { status: { status: "PAID" } },
          effects: [],
        });
        expect((await notify(store, id, lateSent)).outcome).toBe("duplicate");
        // A repeat of the current status with a new timestamp: recorded, but nothing moved.
        const paidAgain = { ...paid, sentAt: 1_755_150_400 };
        expect(await notify(store, id, paidAgain)).toMatchObject({
          order: { status: { status: "PAID" } },
          effects: [],
        });

        expect(await store.history(id)).toEqual([
          { ...invoiced, applied: true },
          { ...paid, applied: true },
          { ...lateSent, applied: false },
          { ...paidAgain, applied: false },
        ]);
      });

      it("never lets CANCELLED follow PAID, nor anything follow CANCELLED", async () => {
        const store = await connect();
        const paidFirst = await createdOrder(store, "ODR1");
        await notify(store, paidFirst, callback("ODR1", "PAID", 100));
        expect((await notify(store, paidFirst, callback("ODR1", "CANCELLED", 200))).order).toMatchObject({
          status: { status: "PAID" },
        });
        const cancelledFirst = await createdOrder(store, "ODR2");
        await notify(store, cancelledFirst, callback("ODR2", "CANCELLED", 100));
        expect((await notify(store, cancelledFirst, callback("ODR2", "PAID", 200))).order).toMatchObject({
          status: { status: "CANCELLED" },
        });
      });

      it("orders unknown statuses by Front Payment's timestamp", async () => {
        const store = await connect();
        const id = await createdOrder(store);
        await notify(store, id, callback("ODR4286244937", "PAID", 1_000));
        const status = async (name: string, at: number) =>
          ((await notify(store, id, callback("ODR4286244937", name, at))).order as { status: unknown })
            .status;
        expect(await status("CHARGED", 2_000)).toEqual({ status: "CHARGED", at: 2_000 });
        expect(await status("CAPTURED", 1_500)).toEqual({ status: "CHARGED", at: 2_000 });
        expect(await status("REFUNDED", 2_500)).toEqual({ status: "REFUNDED", at: 2_500 });
      });

      it("stores known statuses in their documented spelling", async () => {
        const store = await connect();
        const id = await createdOrder(store);
        expect((await notify(store, id, callback("ODR4286244937", "Paid", 100))).order).toMatchObject({
          status: { status: "PAID" },
        });
        expect((await notify(store, id, callback("ODR4286244937", "PAID", 100))).outcome).toBe("duplicate");
      });

      it("deduplicates notifications without a timestamp by payment method and amount", async () => {
        const store = await connect();
        const id = await createdOrder(store);
        const lookup = callback("ODR4286244937", "PARTIAL REFUNDED", null, {
          source: "lookup",
          amount: "10",
        });
        expect((await notify(store, id, lookup)).outcome).toBe("changed");
        const later = { ...lookup, receivedAt: new Date(lookup.receivedAt.getTime() + 60_000) };
        expect((await notify(store, id, later)).outcome).toBe("duplicate");
        expect(await notify(store, id, { ...lookup, amount: "20" })).toMatchObject({ effects: [] });
        expect(await store.history(id)).toHaveLength(2);
      });

      it("keeps statuses monotonic when notifications race on several connections", async () => {
        const stores = [await connect(), await connect(), await connect()];
        const id = await createdOrder(stores[0] as InvoiceStore);
        const changes = ["INVOICED", "Purring", "PAID", "PARTIAL REFUNDED", "REFUNDED"].map((status, index) =>
          callback("ODR4286244937", status, 1_000 + index),
        );
        // Every notification twice, latest first, each on another connection.
        await Promise.all(
          [...changes, ...changes]
            .reverse()
            .map((change, index) => notify(stores[index % 3] as InvoiceStore, id, change)),
        );
        expect((await stores[1]?.get(id)) as object).toMatchObject({
          status: { status: "REFUNDED", at: 1_004 },
        });
        expect((await stores[2]?.history(id))?.map((entry) => entry.status).sort()).toEqual(
          ["INVOICED", "PAID", "PARTIAL REFUNDED", "Purring", "REFUNDED"].sort(),
        );
      });

      it("resolves an unknown or failed order with the notification's Front Payment id", async () => {
        const store = await connect();
        for (const [event, fpOrderUuid] of [
          [{ type: "outcome-unknown", reason: "No answer within 30 s." }, "ODR77"],
          [{ type: "refused", reason: "rejected" }, "ODR78"],
        ] as const) {
          const fresh = submission();
          await store.beginSubmission(fresh);
          await advance(store, fresh.id, event);
          const { order } = await notify(store, fresh.id, callback(fpOrderUuid, "INVOICED", 1_755_150_100));
          expect(order).toMatchObject({ state: "created", fpOrderUuid, status: { status: "INVOICED" } });
          expect(order).not.toHaveProperty("request");
          expect((await store.getByFpOrderUuid(fpOrderUuid))?.id).toBe(fresh.id);
          expect((await advance(store, fresh.id, { type: "send-anyway" })).outcome).toBe("unchanged");
        }
      });

      it("keeps a status a notification brought before Front Payment's answer arrived", async () => {
        const store = await connect();
        const fresh = submission();
        await store.beginSubmission(fresh);
        await notify(store, fresh.id, callback("ODR79", "INVOICED", 100));
        const { order, effects } = await advance(store, fresh.id, created("ODR79"));
        expect(order).toMatchObject({
          state: "created",
          status: { status: "INVOICED", at: 100 },
          fpCustomerUuid: "CSRT3419523642",
        });
        expect((order as { bankIdUrl: string }).bankIdUrl).toContain("ODR79");
        expect(effects.map((effect) => effect.type)).toEqual(["post-message", "show-outcome"]);
      });

      it("records nothing for a second Front Payment order, and hands it to the second-order rules", async () => {
        const store = await connect();
        const id = await createdOrder(store, "ODR80");
        const change = callback("ODR81", "PAID", 100);
        expect(await notify(store, id, change)).toMatchObject({
          outcome: "unchanged",
          effects: [{ type: "second-order", fpOrderUuid: "ODR81", change }],
        });
        expect((await advance(store, id, created("ODR81"))).effects.map((effect) => effect.type)).toEqual([
          "second-order",
          "show-outcome",
        ]);
        expect(await store.history(id)).toEqual([]);
        expect(await store.get(id)).toMatchObject({ fpOrderUuid: "ODR80", status: { status: "SENT" } });
      });

      it("remembers a second Front Payment order: new once, then only when its status moves on, across restarts", async () => {
        let store = await connect();
        const id = await createdOrder(store, "ODR90");
        const report = async (fpOrderUuid: string, status: { status: string; at: number } | null) => {
          const known = await store.getOtherFpOrder(fpOrderUuid);
          const { next, news } = decideOtherOrder(known, { orderId: id, fpOrderUuid, status });
          if (next) expect((await store.saveOtherFpOrder(next)).written).toBe(true);
          return news;
        };
        expect(await report("ODR91", { status: "SENT", at: 100 })).toBe("new");
        expect(await report("ODR91", { status: "SENT", at: 100 })).toBe("same");
        expect(await report("ODR91", { status: "PAID", at: 300 })).toBe("changed");
        expect(await report("ODR91", { status: "INVOICED", at: 200 })).toBe("same");
        expect(await report("ODR91", null)).toBe("same");
        expect(await report("ODR92", null)).toBe("new");
        // Two instances reporting it first at once: one insert wins.
        expect(
          await store.saveOtherFpOrder({ fpOrderUuid: "ODR92", orderId: id, status: null, version: 1 }),
        ).toEqual({ written: false, reason: "conflict" });

        store = await restart(store);
        expect(await store.getOtherFpOrder("ODR91")).toEqual({
          fpOrderUuid: "ODR91",
          orderId: id,
          status: { status: "PAID", at: 300 },
          version: 2,
        });
        expect(await store.getOtherFpOrder("ODR90")).toBeNull();
        expect(await store.getByFpOrderUuid("ODR91")).toBeNull();
      });
    });

    describe("installations", () => {
      const installation = (teamId: string, sealed: string) => ({
        teamId,
        teamName: `Team ${teamId}`,
        installedBy: "U0KARI",
        sealed,
      });

      it("keeps one installation per team, stamped with the clock; a reinstall replaces it and keeps installedAt", async () => {
        const store = await connect();
        expect(await store.getInstallation("T0ONE")).toBeNull();
        const first = await store.saveInstallation(installation("T0ONE", "sealed-1"));
        expect(first).toEqual({ ...installation("T0ONE", "sealed-1"), installedAt: now, updatedAt: now });
        await store.saveInstallation(installation("T0TWO", "sealed-2"));
        const installedAt = now;
        now = new Date(now.getTime() + 60_000);
        const again = await store.saveInstallation({ ...installation("T0ONE", "sealed-3"), teamName: null });
        expect(again).toEqual({
          ...installation("T0ONE", "sealed-3"),
          teamName: null,
          installedAt,
          updatedAt: now,
        });
        expect(await store.getInstallation("T0ONE")).toEqual(again);
        expect((await store.getInstallation("T0TWO"))?.sealed).toBe("sealed-2");
      });

      it("forgets an uninstalled team only, across connections and restarts", async () => {
        let store = await connect();
        const other = await connect();
        await store.saveInstallation(installation("T0ONE", "sealed-1"));
        await store.saveInstallation(installation("T0TWO", "sealed-2"));
        expect(await other.deleteInstallation("T0ONE")).toBe(true);
        expect(await other.deleteInstallation("T0ONE")).toBe(false);
        expect(await store.getInstallation("T0ONE")).toBeNull();
        store = await restart(store);
        expect(await store.getInstallation("T0ONE")).toBeNull();
        expect((await store.getInstallation("T0TWO"))?.sealed).toBe("sealed-2");
        // A team that installs again after uninstalling starts afresh.
        now = new Date(now.getTime() + 60_000);
        expect(await store.saveInstallation(installation("T0ONE", "sealed-4"))).toMatchObject({
          installedAt: now,
        });
      });
    });

    describe("customers", () => {
      const company = (overrides: Partial<CustomerDetails> = {}): CustomerDetails => ({
        teamId: "T0TEAM",
        type: "corporate",
        name: "Fjordlys Konsult AS",
        organizationId: "921876548",
        email: "post@fjordlys.example",
        countryCode: "+47",
        msisdn: "46567468",
        street: "Strandgaten 12",
        zip: "5013",
        city: "Bergen",
        country: "NO",
        preferredLanguage: "no",
        ...overrides,
      });
      const person = (overrides: Partial<CustomerDetails> = {}): CustomerDetails =>
        company({
          type: "private",
          name: "Kari Nordmann",
          organizationId: null,
          email: "Kari@Example.no",
          msisdn: "91234567",
          ...overrides,
        });

      it("saves a customer, stamped with the clock, and finds it by id in its team only", async () => {
        const store = await connect();
        const saved = await store.saveCustomer(company(), "CU1");
        expect(saved).toEqual({ ...company(), id: "CU1", createdAt: now, updatedAt: now });
        expect(await store.getCustomer("T0TEAM", "CU1")).toEqual(saved);
        expect(await store.getCustomer("T0OTHER", "CU1")).toBeNull();
        expect(await store.searchCustomers("T0OTHER", "", 10)).toEqual([]);
      });

      it("updates the same customer instead of adding it twice: a company by number, a person by name and email", async () => {
        const store = await connect();
        await store.saveCustomer(company(), "CU1");
        await store.saveCustomer(person(), "CU2");
        now = new Date("2026-03-03T09:00:00.000Z");
        const again = await store.saveCustomer(company({ name: "Fjordlys AS", city: "Os" }), "CU3");
        expect(again).toMatchObject({ id: "CU1", name: "Fjordlys AS", city: "Os", updatedAt: now });
        expect(again.createdAt).toEqual(new Date("2026-03-02T09:00:00.000Z"));
        expect(
          (await store.saveCustomer(person({ name: "KARI NORDMANN", email: "kari@example.no" }), "CU4")).id,
        ).toBe("CU2");
        // Another team's customer with the same number is its own.
        expect((await store.saveCustomer(company({ teamId: "T0OTHER" }), "CU5")).id).toBe("CU5");
        expect((await store.searchCustomers("T0TEAM", "", 10)).map((customer) => customer.id)).toEqual([
          "CU1",
          "CU2",
        ]);
      });

      it("searches by name, organisation number, email or mobile, ignoring case and spaces in numbers", async () => {
        const store = await connect();
        await store.saveCustomer(company(), "CU1");
        await store.saveCustomer(person(), "CU2");
        await store.saveCustomer(
          company({ name: "Ærlig Øl AS", organizationId: "923609016", email: "a@b.no", msisdn: "40000000" }),
          "CU3",
        );
        const ids = async (query: string, limit = 10) =>
          (await store.searchCustomers("T0TEAM", query, limit)).map((customer) => customer.id);
        expect(await ids("fjord")).toEqual(["CU1"]);
        expect(await ids("ærlig")).toEqual(["CU3"]);
        expect(await ids("921 876 548")).toEqual(["CU1"]);
        expect(await ids("kari@EXAMPLE")).toEqual(["CU2"]);
        expect(await ids("912 34 567")).toEqual(["CU2"]);
        expect(await ids("+4791234567")).toEqual(["CU2"]);
        expect(await ids("nobody")).toEqual([]);
        expect(await ids(" ")).toEqual(["CU1", "CU2", "CU3"]);
        expect(await ids("", 2)).toEqual(["CU1", "CU2"]);
      });

      it("edits a customer's details, keeping its id, type and team", async () => {
        const store = await connect();
        await store.saveCustomer(company(), "CU1");
        now = new Date("2026-03-04T09:00:00.000Z");
        const {
          teamId: _,
          type: __,
          ...details
        } = company({ email: "faktura@fjordlys.example", zip: "5014" });
        const edited = await store.updateCustomer("T0TEAM", "CU1", details);
        expect(edited).toEqual({
          ...company(),
          ...details,
          id: "CU1",
          createdAt: edited?.createdAt,
          updatedAt: now,
        });
        expect(await store.getCustomer("T0TEAM", "CU1")).toEqual(edited);
        expect(await store.updateCustomer("T0OTHER", "CU1", details)).toBeNull();
        expect(await store.updateCustomer("T0TEAM", "CU9", details)).toBeNull();
      });

      it("forgets a customer for good, in its team only, across restarts", async () => {
        let store = await connect();
        await store.saveCustomer(company(), "CU1");
        await store.saveCustomer(company({ teamId: "T0OTHER" }), "CU2");
        expect(await store.forgetCustomer("T0OTHER", "CU1")).toBe(false);
        expect(await store.forgetCustomer("T0TEAM", "CU1")).toBe(true);
        expect(await store.forgetCustomer("T0TEAM", "CU1")).toBe(false);
        store = await restart(store);
        expect(await store.getCustomer("T0TEAM", "CU1")).toBeNull();
        expect(await store.searchCustomers("T0TEAM", "fjord", 10)).toEqual([]);
        expect((await store.searchCustomers("T0OTHER", "fjord", 10)).map((customer) => customer.id)).toEqual([
          "CU2",
        ]);
        // Saved again later, it is a new customer.
        expect((await store.saveCustomer(company(), "CU3")).id).toBe("CU3");
      });
    });

    describe("person locales", () => {
      it("keeps a person's language in their team, changes and forgets it, across restarts", async () => {
        let store = await connect();
        expect(await store.getPersonLocale("T0TEAM", "U0KARI")).toBeNull();
        await store.setPersonLocale("T0TEAM", "U0KARI", "en");
        await store.setPersonLocale("T0OTHER", "U0KARI", "nb");
        store = await restart(store);
        expect(await store.getPersonLocale("T0TEAM", "U0KARI")).toBe("en");
        expect(await store.getPersonLocale("T0OTHER", "U0KARI")).toBe("nb");
        expect(await store.getPersonLocale("T0TEAM", "U0OLA")).toBeNull();
        await store.setPersonLocale("T0TEAM", "U0KARI", "nb");
        expect(await store.getPersonLocale("T0TEAM", "U0KARI")).toBe("nb");
        await store.setPersonLocale("T0TEAM", "U0KARI", null);
        expect(await store.getPersonLocale("T0TEAM", "U0KARI")).toBeNull();
        expect(await store.getPersonLocale("T0OTHER", "U0KARI")).toBe("nb");
        // Forgetting what was never chosen is no error.
        await store.setPersonLocale("T0TEAM", "U0OLA", null);
      });
    });

    describe("approval", () => {
      const APPROVERS = ["U0INGRID"];
      const asked = { approverId: "U0INGRID", channelId: "D0INGRID", ts: "1772442000.000100" };

      async function awaiting(store: InvoiceStore): Promise<string> {
        const fresh = submission({ state: "awaiting_approval" });
        const begun = await store.beginSubmission(fresh, { owner: "instance-a", expiresAt: new Date(0) });
        expect(begun.order).toEqual({
          ...begun.order,
          state: "awaiting_approval",
          request: fresh.request,
          approvalMessages: [],
          version: 1,
        });
        return fresh.id;
      }

      it("keeps a submission waiting for approval with its request and where its approvers were asked, never as one being sent", async () => {
        const store = await connect();
        const id = await awaiting(store);
        await advance(store, id, { type: "approval-asked", messages: [asked] });
        // It holds no lease: nobody is sending it, so recovery never takes it for an interrupted one.
        expect(await store.listExpiredSubmissions(new Date("2030-01-01T00:00:00Z"))).toEqual([]);
        const again = await restart(store);
        expect(await again.get(id)).toMatchObject({ state: "awaiting_approval", approvalMessages: [asked] });
        expect((await again.listByState("awaiting_approval")).map((order) => order.id)).toEqual([id]);
      });

      it("approved: sent once (one of two racing approvals, across connections), and who approved is kept", async () => {
        const first = await connect();
        const second = await connect();
        const id = await awaiting(first);
        const approve = { type: "approve", by: "U0INGRID", approvers: APPROVERS } as const;
        const results = await Promise.all([advance(first, id, approve), advance(second, id, approve)]);
        expect(results.map((result) => result.outcome).sort()).toEqual(["changed", "unchanged"]);
        const sends = results.flatMap((result) => result.effects.filter((effect) => effect.type === "send"));
        expect(sends).toHaveLength(1);
        expect(await first.get(id)).toMatchObject({ state: "sending", approvedBy: "U0INGRID" });
        const done = await advance(first, id, created("ODR5550001"));
        expect(done.order).toMatchObject({ state: "created", approvedBy: "U0INGRID" });
        expect(await (await restart(second)).get(id)).not.toHaveProperty("request");
        expect(await first.get(id)).toMatchObject({ approvedBy: "U0INGRID" });
      });

      it("rejected: keeps the request and who said why, across restarts, until it expires", async () => {
        const store = await connect();
        const id = await awaiting(store);
        const rejection = { by: "U0INGRID", reason: "The hours should be 10" };
        const rejected = await advance(store, id, { type: "reject", ...rejection, approvers: APPROVERS });
        expect(rejected.order).toMatchObject({
          state: "rejected",
          rejection,
          request: expect.objectContaining({ referenceNo: id }),
        });
        const again = await restart(store);
        expect(await again.get(id)).toEqual(rejected.order);
        expect(
          (await advance(again, id, { type: "approve", by: "U0INGRID", approvers: APPROVERS })).outcome,
        ).toBe("unchanged");
        const expired = await advance(again, id, { type: "expire" });
        expect(expired.order).toMatchObject({
          state: "expired",
          failureReason: "Rejected by <@U0INGRID>: The hours should be 10",
        });
        expect(await again.get(id)).not.toHaveProperty("request");
      });
    });

    describe("restarts", () => {
      it("finds every order, its message and its history after a restart; a notification then updates the right one", async () => {
        let store = await connect();
        const ids: string[] = [];
        for (const [index, fpOrderUuid] of ["ODR100", "ODR200", "ODR300"].entries()) {
          const id = await createdOrder(store, fpOrderUuid);
          ids.push(id);
          await advance(store, id, {
            type: "message-posted",
            message: { channelId: `C0CHANNEL${index}`, ts: `171234567${index}.000100` },
          });
          await notify(store, id, callback(fpOrderUuid, "INVOICED", 1_000 + index));
        }
        const pending = submission();
        await store.beginSubmission(pending);
        await advance(store, pending.id, { type: "refused", reason: "rejected" });
        const before = await Promise.all([...ids, pending.id].map((id) => store.get(id)));
        const historyBefore = await Promise.all(ids.map((id) => store.history(id)));

        store = await restart(store);

        expect(await Promise.all([...ids, pending.id].map((id) => store.get(id)))).toEqual(before);
        expect(await Promise.all(ids.map((id) => store.history(id)))).toEqual(historyBefore);
        expect((await store.getByFpOrderUuid("ODR200"))?.message).toEqual({
          channelId: "C0CHANNEL1",
          ts: "1712345671.000100",
        });
        expect(
          (await notify(store, ids[1] as string, callback("ODR200", "PAID", 2_000))).order,
        ).toMatchObject({
          id: ids[1],
          status: { status: "PAID" },
          message: { channelId: "C0CHANNEL1", ts: "1712345671.000100" },
        });
        expect(await store.get(pending.id)).toMatchObject({ request: pending.request });
      });

      it("recovers submissions a stop interrupted: sending becomes unknown, once", async () => {
        let store = await connect();
        const interrupted = submission();
        const done = submission();
        await store.beginSubmission(interrupted);
        await store.beginSubmission(done);
        await advance(store, done.id, created("ODR5"));
        store = await restart(store);
        const reason = "Fakturabot restarted while sending this order.";
        const recover = async () =>
          Promise.all(
            (await store.listByState("sending")).map((order) =>
              advance(store, order.id, { type: "interrupted", reason }),
            ),
          );
        const recovered = await recover();
        expect(recovered.map(({ order, effects }) => [order.id, order.state, effects])).toEqual([
          [interrupted.id, "unknown", [{ type: "tell-interrupted" }]],
        ]);
        expect(await store.get(interrupted.id)).toMatchObject({ failureReason: reason });
        expect(await recover()).toEqual([]);
        expect((await store.get(done.id))?.state).toBe("created");
      });
    });

    describe("delivery claims", () => {
      const inOneHour = () => new Date(now.getTime() + 60 * 60 * 1000);

      it("lets one of racing claims of a key win, across connections; other keys are their own", async () => {
        const [first, second] = [await connect(), await connect()];
        const claims = await Promise.all([
          first.claimOnce("command:T1", inOneHour()),
          second.claimOnce("command:T1", inOneHour()),
          first.claimOnce("command:T1", inOneHour()),
        ]);
        expect(claims.sort()).toEqual([false, false, true]);
        expect(await second.claimOnce("command:T2", inOneHour())).toBe(true);
        expect(await first.claimOnce("command:T1", inOneHour())).toBe(false);
      });

      it("holds a claim across a restart until it expires, then lets it be taken again once", async () => {
        let store = await connect();
        const expiresAt = inOneHour();
        expect(await store.claimOnce("action:A1", expiresAt)).toBe(true);
        store = await restart(store);
        now = new Date(expiresAt.getTime() - 1);
        expect(await store.claimOnce("action:A1", inOneHour())).toBe(false);
        now = expiresAt;
        const again = await Promise.all([
          store.claimOnce("action:A1", inOneHour()),
          (await connect()).claimOnce("action:A1", inOneHour()),
        ]);
        expect(again.sort()).toEqual([false, true]);
      });
    });

    describe("readiness", () => {
      it("answers a ping on a fresh database and after a restart, and refuses once closed", async () => {
        let store = await connect();
        await expect(store.ping()).resolves.toBeUndefined();
        store = await restart(store);
        await expect(store.ping()).resolves.toBeUndefined();
        await store.close();
        open.splice(open.indexOf(store), 1);
        await expect(store.ping()).rejects.toThrow();
      });
    });

    describe("listings", () => {
      /** An order made at `minute` past nine, created at Front Payment as `fpOrderUuid` unless null. */
      async function order(
        store: InvoiceStore,
        minute: number,
        fields: Partial<Parameters<typeof submission>[0]> & {
          fp?: string | null;
          status?: [string, number];
        } = {},
      ): Promise<string> {
        const { fp = `ODR9${minute}`, status, ...rest } = fields;
        now = new Date(Date.parse("2026-03-02T09:00:00.000Z") + minute * 60_000);
        const fresh = submission(rest);
        await store.beginSubmission(fresh);
        if (fp) await advance(store, fresh.id, created(fp));
        if (fp && status) await notify(store, fresh.id, callback(fp, status[0], status[1]));
        return fresh.id;
      }
      const ids = (page: { orders: OrderRecord[] }) => page.orders.map((listed) => listed.id);

      it("pages through one team's orders newest first, forward and back, and never shows another team's", async () => {
        const store = await connect();
        const made: string[] = [];
        for (const minute of [1, 2, 3, 4, 5]) made.push(await order(store, minute));
        await order(store, 6, { teamId: "T0OTHER" });
        const [a, b, c, d, e] = made;
        const first = await store.listOrders({ teamId: "T0TEAM" }, { limit: 2 });
        expect(ids(first)).toEqual([e, d]);
        expect(first.newer).toBeNull();
        const second = await store.listOrders(
          { teamId: "T0TEAM" },
          { limit: 2, after: first.older ?? undefined },
        );
        expect(ids(second)).toEqual([c, b]);
        const third = await store.listOrders(
          { teamId: "T0TEAM" },
          { limit: 2, after: second.older ?? undefined },
        );
        expect(ids(third)).toEqual([a]);
        expect(third.older).toBeNull();
        const back = await store.listOrders(
          { teamId: "T0TEAM" },
          { limit: 2, before: third.newer ?? undefined },
        );
        expect(ids(back)).toEqual([c, b]);
        const start = await store.listOrders(
          { teamId: "T0TEAM" },
          { limit: 2, before: back.newer ?? undefined },
        );
        expect(ids(start)).toEqual([e, d]);
        expect(start.newer).toBeNull();
        expect(ids(await store.listOrders({ teamId: "T0NONE" }, { limit: 2 }))).toEqual([]);
      });

      it("keeps orders made in the same millisecond apart by id", async () => {
        const store = await connect();
        const made = [];
        for (let index = 0; index < 3; index += 1) made.push(await order(store, 1, { fp: null }));
        const first = await store.listOrders({ teamId: "T0TEAM" }, { limit: 2 });
        const rest = await store.listOrders(
          { teamId: "T0TEAM" },
          { limit: 2, after: first.older ?? undefined },
        );
        expect([...ids(first), ...ids(rest)]).toEqual([...made].sort().reverse());
      });

      it("filters by creator, status, when a status came and due date", async () => {
        const store = await connect();
        const mine = await order(store, 1, { userId: "U0OLA", status: ["PAID", 2_000] });
        const open = await order(store, 2, { status: ["INVOICED", 1_000], dueDate: "2026-03-10" });
        const paidEarly = await order(store, 3, { status: ["PAID", 500] });
        const sending = await order(store, 4, { fp: null });
        const fresh = await order(store, 5, { dueDate: "2026-03-20" });
        const team = { teamId: "T0TEAM" };
        const list = async (filter: object) =>
          ids(await store.listOrders({ ...team, ...filter }, { limit: 10 }));
        expect(await list({ userId: "U0OLA" })).toEqual([mine]);
        expect(await list({ statusIn: ["PAID"] })).toEqual([paidEarly, mine]);
        expect(await list({ statusIn: ["PAID"], statusSince: 1_000 })).toEqual([mine]);
        expect(await list({ statusNotIn: ["PAID", "CANCELLED"] })).toEqual([fresh, open]);
        expect(await list({ statusNotIn: ["PAID"], dueBefore: "2026-03-15" })).toEqual([open]);
        expect(await list({})).toEqual([fresh, sending, paidEarly, open, mine]);
        expect(await store.sumOrders({ ...team, statusIn: ["PAID"] })).toEqual({ count: 2, totalOre: 8000 });
        expect(await store.sumOrders({ ...team, userId: "U0NOBODY" })).toEqual({ count: 0, totalOre: 0 });

        // A sum is of what is left once refunds are paid back: App Home's "paid this month".
        await advance(store, paidEarly, {
          type: "refunded",
          by: "U0OLA",
          lines: [{ id: 1001, amountOre: 1000 }],
          amountOre: 1000,
          refundedOre: 1000,
          status: "PARTIAL REFUNDED",
          at: 3_000,
        });
        expect(await store.sumOrders({ ...team, statusIn: ["PAID", "PARTIAL REFUNDED"] })).toEqual({
          count: 2,
          totalOre: 7000,
        });
      });

      it("searches by customer name in any case (æøå too), by number, and by either id", async () => {
        const store = await connect();
        const bjorn = await order(store, 1, {
          customerName: "Bjørn Ærlig AS",
          customerType: "corporate",
          customerIdentifier: "923609016",
        });
        const kari = await order(store, 2, { customerName: "Kari Nordmann", fp: "ODR4242" });
        const search = async (text: string) =>
          ids(await store.listOrders({ teamId: "T0TEAM", search: text }, { limit: 10 }));
        expect(await search("BJØRN ær")).toEqual([bjorn]);
        expect(await search("nordm")).toEqual([kari]);
        expect(await search("923 609")).toEqual([bjorn]);
        expect(await search("280387")).toEqual([kari]);
        expect(await search("odr4242")).toEqual([kari]);
        expect(await search(bjorn.toLowerCase())).toEqual([bjorn]);
        expect(await search("%")).toEqual([]);
        expect(await search("Equinor")).toEqual([]);
      });

      it("shows a viewer the orders they made and those of their channels, in the channel or where the message went", async () => {
        const store = await connect();
        const own = await order(store, 1, { userId: "U0OLA", channelId: "C0SECRET" });
        const sales = await order(store, 2, { channelId: "C0SALES" });
        const moved = await order(store, 3, { channelId: "C0GONE" });
        await advance(store, moved, { type: "message-posted", message: { channelId: "C0SALES", ts: "1.2" } });
        await order(store, 4, { channelId: "C0FINANCE" });
        const visibleTo = { userId: "U0OLA", channelIds: ["C0SALES"] };
        const page = await store.listOrders({ teamId: "T0TEAM", visibleTo }, { limit: 10 });
        expect(ids(page)).toEqual([moved, sales, own]);
        expect(
          await store.sumOrders({ teamId: "T0TEAM", visibleTo: { userId: "U0NEW", channelIds: [] } }),
        ).toEqual({
          count: 0,
          totalOre: 0,
        });
      });
    });

    describe("follow-ups", () => {
      it("keeps the due date, when it was told overdue and when it was last checked, across restarts", async () => {
        let store = await connect();
        const fresh = submission({ dueDate: "2026-03-16" });
        await store.beginSubmission(fresh);
        expect(await store.get(fresh.id)).toMatchObject({ dueDate: "2026-03-16" });
        await advance(store, fresh.id, created("ODR77"));
        await advance(store, fresh.id, { type: "overdue", today: "2026-03-20" });
        await advance(store, fresh.id, { type: "checked", at: 1_773_000_000 });
        store = await restart(store);
        expect(await store.get(fresh.id)).toMatchObject({
          state: "created",
          dueDate: "2026-03-16",
          overdueSince: "2026-03-17",
          checkedAt: 1_773_000_000,
        });
        const told = await advance(store, fresh.id, { type: "overdue", today: "2026-03-21" });
        expect(told.outcome).toBe("unchanged");
      });

      it("lists for the periodic check, across teams: unsettled orders past due and not yet told, or quiet", async () => {
        const store = await connect();
        const make = async (minute: number, fields: Partial<NewSubmission>, status?: string) => {
          now = new Date(Date.parse("2026-03-02T09:00:00.000Z") + minute * 60_000);
          const fresh = submission(fields);
          await store.beginSubmission(fresh);
          await advance(store, fresh.id, created(`ODR8${minute}`));
          if (status) await notify(store, fresh.id, callback(`ODR8${minute}`, status, 1_000 + minute));
          return fresh.id;
        };
        const due = await make(1, { dueDate: "2026-03-10", teamId: "T0OTHER" });
        const told = await make(2, { dueDate: "2026-03-10" });
        await advance(store, told, { type: "overdue", today: "2026-03-12" });
        await make(3, { dueDate: "2026-03-10" }, "PAID");
        await make(4, { dueDate: "2026-03-12" });
        await make(5, {});
        const unsent = submission({ dueDate: "2026-03-01" });
        await store.beginSubmission(unsent);
        const query = { dueBefore: "2026-03-12", settled: ["PAID"], limit: 10 };
        const listed = async (quietBefore: string) =>
          (await store.listToCheck({ ...query, quietBefore: new Date(quietBefore) })).map(
            (found) => found.id,
          );
        expect(await listed("2026-03-02T09:00:00.000Z")).toEqual([due]);
        // Written last at 09:02 (told) and 09:04, 09:05: quiet before 09:04:30, with the past-due one.
        const all = await listed("2026-03-02T09:04:30.000Z");
        expect(all).toEqual([due, told, expect.any(String)]);
        expect((await store.listToCheck({ ...query, limit: 1, quietBefore: new Date(0) })).length).toBe(1);
      });
    });

    describe("outbox", () => {
      const UPDATE: NewOutboxEntry = { work: { kind: "update-message" }, coalesceKey: "update-message" };
      const reply = (status: string): NewOutboxEntry => ({
        work: { kind: "reply-status", change: { status, paymentMethod: "Visa", amount: "40" } },
        coalesceKey: null,
      });
      const later = (ms: number) => new Date(now.getTime() + ms);

      /** Writes the order as it is (a new version) with `outbox`, as a decision's write does. */
      async function record(store: InvoiceStore, id: string, outbox: NewOutboxEntry[]) {
        const order = (await store.get(id)) as OrderRecord;
        const written = await store.saveOrder({ ...order, version: order.version + 1 }, undefined, {
          outbox,
        });
        expect(written.written).toBe(true);
      }

      function claim(store: InvoiceStore, owner: string, extra: { limit?: number; orderId?: string } = {}) {
        return store.claimOutbox({ owner, now, claimUntil: later(60_000), limit: 10, ...extra });
      }

      it("records a decision's Slack work in the order's write, and none when the write loses", async () => {
        const [first, second] = [await connect(), await connect()];
        const fresh = submission();
        await first.beginSubmission(fresh);
        now = new Date("2026-03-02T09:00:02.000Z");
        await advance(first, fresh.id, created("ODR1"));
        expect(await second.listOutbox()).toEqual([
          {
            id: expect.any(Number),
            orderId: fresh.id,
            work: { kind: "post-message" },
            coalesceKey: "post-message",
            attempts: 0,
            dueAt: now,
            claim: null,
            lastError: null,
            createdAt: now,
          },
        ]);
        const stale = (await first.get(fresh.id)) as OrderRecord;
        await record(second, fresh.id, [reply("INVOICED")]);
        const lost = await first.saveOrder({ ...stale, version: stale.version + 1 }, undefined, {
          outbox: [reply("PAID")],
        });
        expect(lost).toEqual({ written: false, reason: "conflict" });
        await notify(first, fresh.id, callback("ODR1", "PAID", 1_755_150_100));
        const duplicate = await notify(first, fresh.id, callback("ODR1", "PAID", 1_755_150_100));
        expect(duplicate.outcome).toBe("duplicate");
        // The PAID notification's post-message waits already (one); its reply counts.
        expect((await first.listOutbox()).map((entry) => entry.work)).toEqual([
          { kind: "post-message" },
          reply("INVOICED").work,
          { kind: "reply-status", change: { status: "PAID", paymentMethod: null, amount: "40" } },
        ]);
      });

      it("keeps one waiting entry per order and coalescing key; entries without a key all count", async () => {
        const store = await connect();
        const [one, other] = [await createdOrder(store, "ODR1"), await createdOrder(store, "ODR2")];
        await record(store, one, [UPDATE, reply("INVOICED")]);
        await record(store, one, [UPDATE, reply("PAID")]);
        await record(store, other, [UPDATE]);
        const works = (await store.listOutbox()).map((entry) => [entry.orderId, entry.work]);
        expect(works).toEqual([
          [one, { kind: "post-message" }],
          [other, { kind: "post-message" }],
          [one, { kind: "update-message" }],
          [one, reply("INVOICED").work],
          [one, reply("PAID").work],
          [other, { kind: "update-message" }],
        ]);
      });

      it("hands out each order's oldest entry, when due, to one claimant across connections", async () => {
        const [first, second] = [await connect(), await connect()];
        const [one, other] = [await createdOrder(first, "ODR1"), await createdOrder(first, "ODR2")];
        await record(first, one, [reply("INVOICED")]);
        const claimed = await claim(first, "A");
        expect(claimed.map((entry) => [entry.orderId, entry.work.kind])).toEqual([
          [one, "post-message"],
          [other, "post-message"],
        ]);
        expect(claimed[0]?.claim).toEqual({ owner: "A", expiresAt: later(60_000) });
        // Held by A, and the next entry of `one` waits for the one before it.
        expect(await claim(second, "B")).toEqual([]);
        expect(await second.completeOutbox(claimed[0]?.id as number, "B")).toBe(false);
        expect(await first.completeOutbox(claimed[0]?.id as number, "A")).toBe(true);
        const next = await claim(second, "B");
        expect(next.map((entry) => entry.work)).toEqual([reply("INVOICED").work]);
        // Not yet due: given back for later.
        expect(
          await second.releaseOutbox(next[0]?.id as number, "B", { dueAt: later(5_000), failed: false }),
        ).toBe(true);
        expect(await claim(first, "A")).toEqual([]);
        now = later(5_000);
        expect((await claim(first, "A")).map((entry) => entry.work.kind)).toEqual(["reply-status"]);
      });

      it("lets another instance take an expired claim; the first can then neither complete nor release it", async () => {
        const [first, second] = [await connect(), await connect()];
        const id = await createdOrder(first);
        const [held] = await first.claimOutbox({ owner: "A", now, claimUntil: later(1_000), limit: 1 });
        expect(await claim(second, "B")).toEqual([]);
        now = later(1_000);
        const [taken] = await claim(second, "B");
        expect(taken).toMatchObject({ id: held?.id, orderId: id, claim: { owner: "B" } });
        expect(await first.completeOutbox(held?.id as number, "A")).toBe(false);
        expect(await first.releaseOutbox(held?.id as number, "A", { dueAt: now, failed: true })).toBe(false);
        expect(await second.completeOutbox(held?.id as number, "B")).toBe(true);
        expect(await first.listOutbox()).toEqual([]);
      });

      it("gives an entry back with a due time, counting failures, and merges a twin recorded meanwhile", async () => {
        const store = await connect();
        const id = await createdOrder(store);
        const [post] = await claim(store, "A");
        await store.completeOutbox(post?.id as number, "A");
        await record(store, id, [UPDATE]);
        const [update] = await claim(store, "A");
        // Recorded while the first is out: a second waiting entry, for the change since.
        await record(store, id, [UPDATE, reply("PAID")]);
        expect(await store.listOutbox()).toHaveLength(3);
        await store.releaseOutbox(update?.id as number, "A", {
          dueAt: later(2_000),
          failed: true,
          error: "ratelimited",
        });
        expect(await store.listOutbox()).toEqual([
          expect.objectContaining({
            id: update?.id,
            attempts: 1,
            lastError: "ratelimited",
            claim: null,
            dueAt: later(2_000),
          }),
          expect.objectContaining({ work: reply("PAID").work }),
        ]);
        const [again] = await store.claimOutbox({
          owner: "A",
          now: later(2_000),
          claimUntil: later(9_000),
          limit: 5,
        });
        await store.releaseOutbox(again?.id as number, "A", { dueAt: later(3_000), failed: false });
        expect((await store.listOutbox())[0]).toMatchObject({ attempts: 1, lastError: "ratelimited" });
      });

      it("claims one order's entries only when asked to", async () => {
        const store = await connect();
        await createdOrder(store, "ODR1");
        const other = await createdOrder(store, "ODR2");
        expect((await claim(store, "A", { orderId: other })).map((entry) => entry.orderId)).toEqual([other]);
        expect(await claim(store, "A", { orderId: other })).toEqual([]);
      });

      it("never hands one entry to two claimants racing on several connections", async () => {
        const stores = [await connect(), await connect(), await connect()];
        for (let index = 0; index < 12; index += 1)
          await createdOrder(stores[0] as InvoiceStore, `ODR${index}`);
        const claims = await Promise.all(
          stores.map((store, index) => claim(store, `instance-${index}`, { limit: 5 })),
        );
        const ids = claims.flat().map((entry) => entry.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(12);
      });

      it("records a second order's report with the second order, and keeps the outbox across a restart", async () => {
        let store = await connect();
        const id = await createdOrder(store);
        const report: NewOutboxEntry = {
          work: { kind: "second-order", fpOrderUuid: "ODR9", first: true, change: null },
          coalesceKey: null,
        };
        const other = decideOtherOrder(null, { orderId: id, fpOrderUuid: "ODR9", status: null }).next;
        expect((await store.saveOtherFpOrder(other as NonNullable<typeof other>, [report])).written).toBe(
          true,
        );
        expect(await store.saveOtherFpOrder(other as NonNullable<typeof other>, [report])).toEqual({
          written: false,
          reason: "conflict",
        });
        const before = await store.listOutbox();
        store = await restart(store);
        expect(await store.listOutbox()).toEqual(before);
        expect(before.map((entry) => entry.work)).toEqual([{ kind: "post-message" }, report.work]);
      });
    });

    describe("submission leases", () => {
      const lease = (owner: string, ms: number) => ({ owner, expiresAt: new Date(now.getTime() + ms) });

      it("lists a sending order as expired only once its owner stopped renewing it", async () => {
        const [first, second] = [await connect(), await connect()];
        const fresh = submission();
        const { order } = await first.beginSubmission(fresh, lease("A", 60_000));
        expect(await second.listExpiredSubmissions(now)).toEqual([]);
        expect(await second.listExpiredSubmissions(new Date(now.getTime() + 60_000))).toEqual([
          { ...order, updatedAt: now },
        ]);
        expect(await second.renewLease(fresh.id, lease("B", 120_000))).toBe(false);
        expect(await first.renewLease(fresh.id, lease("A", 120_000))).toBe(true);
        // A renewal is a write: a recovery that saw the expired lease loses its conditional write.
        expect((await second.get(fresh.id))?.version).toBe(2);
        expect(await second.listExpiredSubmissions(new Date(now.getTime() + 60_000))).toEqual([]);
        expect(await second.listExpiredSubmissions(new Date(now.getTime() + 120_000))).toHaveLength(1);
      });

      it("takes an order begun without a lease as expired at once (left by an older version)", async () => {
        const store = await connect();
        const fresh = submission();
        await store.beginSubmission(fresh);
        expect((await store.listExpiredSubmissions(now)).map((order) => order.id)).toEqual([fresh.id]);
      });

      it("ends the lease with the attempt; a new attempt holds the lease it is written with", async () => {
        const store = await connect();
        const fresh = submission();
        await store.beginSubmission(fresh, lease("A", 60_000));
        const failed = await advance(store, fresh.id, { type: "refused", reason: "rejected" });
        const far = new Date(now.getTime() + 3_600_000);
        expect(await store.listExpiredSubmissions(far)).toEqual([]);
        expect(await store.renewLease(fresh.id, lease("A", 60_000))).toBe(false);
        const retried = await commitEvent(
          store,
          fresh.id,
          { type: "send-again" },
          { lease: () => lease("B", 60_000) },
        );
        expect(retried.order).toMatchObject({ state: "sending", version: failed.order.version + 1 });
        expect(await store.listExpiredSubmissions(now)).toEqual([]);
        expect(await store.renewLease(fresh.id, lease("A", 60_000))).toBe(false);
        // Written without a lease (its message posted), a sending order keeps the one it has.
        await advance(store, fresh.id, {
          type: "message-posted",
          message: { channelId: "C0SALES", ts: "1.2" },
        });
        expect(await store.renewLease(fresh.id, lease("B", 90_000))).toBe(true);
        expect(await store.listExpiredSubmissions(new Date(now.getTime() + 60_000))).toEqual([]);
      });
    });
  });
}
