/**
 * The store contract: what any `InvoiceStore` must do, written against the interface only. Each
 * implementation runs it (`store.sqlite.test.ts`; a PostgreSQL store runs the same suite). The
 * transitions come from the order lifecycle (`commitEvent`: decide, then a conditional write), so
 * the suite shows that the lifecycle's rules hold on this store: atomic transitions, one winner among
 * racing writers on several connections, monotonic statuses, recovery at start.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decideOtherOrder } from "../src/orders/transitions.js";
import type { CustomerDetails, InvoiceStore, OrderRecord } from "../src/store/types.js";
import { advance, callback, created, notify, PERSONAL_NUMBER, submission } from "./store.fixtures.js";

export interface StoreUnderTest {
  /** A new connection to the same, initially empty, database (another instance, or the same after a restart). */
  connect(clock: () => Date): Promise<InvoiceStore>;
  /** Removes the database. */
  destroy(): Promise<void>;
}

export function describeStoreContract(name: string, setUp: () => Promise<StoreUnderTest>): void {
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
          version: 2,
          updatedAt: now,
        });
        expect(order).not.toHaveProperty("request");
        expect(order.createdAt).toEqual(new Date("2026-03-02T09:00:00.000Z"));
        expect(await store.getByFpOrderUuid("ODR4286244937")).toEqual(order);
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
        expect(first.effects).toEqual([{ type: "post-message" }, { type: "reply-status", change: invoiced }]);
        expect(await notify(store, id, invoiced)).toMatchObject({ outcome: "duplicate", effects: [] });
        await advance(store, id, { type: "message-posted", message: { channelId: "C0SALES", ts: "1.2" } });
        const second = await notify(store, id, paid);
        expect(second).toMatchObject({ order: { status: { status: "PAID", at: 1_755_150_300 } } });
        expect(second.effects).toEqual([{ type: "show-status", change: paid }]);
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
  });
}
