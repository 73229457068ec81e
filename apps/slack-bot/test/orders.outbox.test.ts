/**
 * The lifecycle's outbox and leases on one store shared by several instances (lifecycles with
 * their own connection and instance id: one SQLite file, or one PostgreSQL database), against the
 * Slack and Front Payment stand-ins, on a clock the test moves: Slack work recorded with each write and delivered by whichever instance
 * drives `deliverDue()`, paced by Slack's limits; submissions recovered only once their lease expired.
 */
import { createFrontPaymentClient } from "@fakturabot/client";
import {
  DEFAULT_CHANNELS,
  DEFAULT_USERS,
  type FrontPaymentSandbox,
  type SlackSandbox,
  startFrontPaymentSandbox,
  startSlackSandbox,
} from "@fakturabot/sandbox";
import { WebClient } from "@slack/web-api";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedLocale, messagesFor } from "../src/i18n/index.js";
import { createOrderLifecycle } from "../src/orders/lifecycle.js";
import { createOrderMessages } from "../src/services/order-messages.js";
import { createOutcomeModal } from "../src/services/outcome-modal.js";
import { createWorkTracker } from "../src/services/work-tracker.js";
import { type InvoiceStore, openSqliteStore } from "../src/store/index.js";
import { openPostgresStore } from "../src/store/postgres.js";
import type { CreatedOrder, StatusChange } from "../src/store/types.js";
import { statusChangeText } from "../src/views/order-message.js";
import { submission, temporaryDataDir } from "./store.fixtures.js";
import { freshPostgresDatabase } from "./support/postgres.js";

const SECRET = "outbox-callback-secret";
const TOKEN = "outbox-token";
const SALES = DEFAULT_CHANNELS.sales;
const KARI = DEFAULT_USERS[0]?.id as string;
const KARI_DM = DEFAULT_CHANNELS.kariDm;

let at: number;
const now = () => new Date(at);
let slack: SlackSandbox;
let frontPayment: FrontPaymentSandbox;
/** The store the instances share: `open` connects one more instance to it. */
let shared: { open(): Promise<InvoiceStore>; destroy(): Promise<void> };
const stores: InvoiceStore[] = [];

beforeEach(async () => {
  at = Date.UTC(2026, 2, 2, 9, 0, 0);
  slack = await startSlackSandbox({ clock: () => at });
  frontPayment = await startFrontPaymentSandbox({ callbackSecret: SECRET, tokens: [TOKEN] });
  // The callbacks' URL goes nowhere here: the tests notify the lifecycle themselves.
  frontPayment.holdCallbacks();
});

afterEach(async () => {
  await Promise.all([slack.close(), frontPayment.close()]);
});

/** One bot instance: its own connection to the shared store, its own id; Slack work only on `deliverDue()`. */
async function instance(
  instanceId: string,
  { fetch = globalThis.fetch }: { fetch?: typeof globalThis.fetch } = {},
) {
  const store = await shared.open();
  stores.push(store);
  const logger = pino({ level: process.env.TEST_LOG ?? "silent" });
  const webClient = (rejectRateLimitedCalls: boolean) =>
    new WebClient("xoxb-sandbox", {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls,
    });
  const messages = createOrderMessages({ slack: webClient(false), logger, locales: fixedLocale("en") });
  const orders = createOrderLifecycle({
    store,
    frontPayment: createFrontPaymentClient({ token: TOKEN, baseUrl: frontPayment.url, logger, fetch }),
    messages: createOrderMessages({ slack: webClient(true), logger, locales: fixedLocale("en") }),
    outcomes: createOutcomeModal({ slack: webClient(false), messages, logger, locales: fixedLocale("en") }),
    logger,
    work: createWorkTracker(),
    now,
    instanceId,
    deliverAtOnce: false,
  });
  return { store, orders, messages };
}

type Instance = Awaited<ReturnType<typeof instance>>;

const fresh = () => submission({ channelId: SALES, userId: KARI });

/** An order created at Front Payment, its channel message posted (delivered by `by`). */
async function postedOrder(by: Instance): Promise<CreatedOrder> {
  const { order } = await by.orders.begin(fresh());
  await by.orders.send(order, { viewId: "V0CLOSED" });
  await by.orders.outbox.deliverDue();
  const posted = (await by.store.get(order.id)) as CreatedOrder;
  expect(posted).toMatchObject({ state: "created", message: { channelId: SALES } });
  return posted;
}

/**
 * An order (sent, not yet paid) whose channel message Slack took from an instance that died
 * before it recorded where: the post is left claimed in the outbox until its claim expires.
 */
async function postedByDeadInstance() {
  const first = await instance("first");
  const { order } = await first.orders.begin(fresh());
  await first.orders.send(order, { viewId: "V0CLOSED" });
  const [post] = await first.store.claimOutbox({
    owner: "first",
    now: now(),
    claimUntil: new Date(at + 60_000),
    limit: 1,
  });
  expect(post?.work.kind).toBe("post-message");
  const posted = await first.messages.postOrder((await first.store.get(order.id)) as CreatedOrder);
  await first.store.close();
  return { order, posted };
}

function change(order: CreatedOrder, status: string, sentAt: number): StatusChange {
  // A lookup needs no confirmation: the burst's made-up statuses are Front Payment's own word.
  return {
    fpOrderUuid: order.fpOrderUuid,
    status,
    sentAt,
    paymentMethod: null,
    amount: null,
    source: "lookup",
    receivedAt: now(),
  };
}

const thread = (order: CreatedOrder) =>
  slack.workspace.thread(SALES, order.message?.ts as string).map((reply) => reply.text);
/** The thread replies for `statuses`, as the bot words them. */
const replies = (order: CreatedOrder, ...statuses: string[]) =>
  statuses.map((status) =>
    statusChangeText(messagesFor("en"), { status, paymentMethod: null, amount: null }, order),
  );
const messageText = (order: CreatedOrder) =>
  JSON.stringify(slack.workspace.message(SALES, order.message?.ts as string)?.blocks);
const calls = (method: string, status?: number) =>
  slack.workspace.state.calls.filter(
    (call) => call.method === method && (status === undefined || call.status === status),
  );

/** Delivers until the outbox is empty, moving the clock to the next due time between rounds. */
async function drain(by: Instance): Promise<number> {
  let rounds = 0;
  for (;;) {
    await by.orders.outbox.deliverDue();
    const left = await by.store.listOutbox();
    if (left.length === 0) return rounds;
    rounds += 1;
    if (rounds > 200) throw new Error(`the outbox never emptied: ${JSON.stringify(left)}`);
    // An order's entries wait for the one before it: move on to the next time anything falls due.
    const later = left.map((entry) => entry.dueAt.getTime()).filter((due) => due > at);
    at = later.length > 0 ? Math.min(...later) : at + 1_000;
  }
}

const STORES = {
  SQLite: async () => {
    const data = temporaryDataDir();
    return {
      open: async () => openSqliteStore({ dataDir: data.dataDir, clock: now }),
      destroy: async () => data.remove(),
    };
  },
  PostgreSQL: async () => {
    const database = await freshPostgresDatabase();
    return { open: () => openPostgresStore({ url: database.url, clock: now }), destroy: database.drop };
  },
};

describe.each(Object.keys(STORES) as (keyof typeof STORES)[])("on %s", (kind) => {
  beforeEach(async () => {
    shared = await STORES[kind]();
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close().catch(() => {});
    await shared.destroy();
  });

  describe("the outbox", () => {
    it("keeps an acknowledged change's Slack work when the instance dies after the write; another delivers it once", async () => {
      const first = await instance("first");
      const order = await postedOrder(first);
      const applied = await first.orders.notify(order.id, change(order, "PAID", 1_755_150_100));
      expect(applied.outcome).toBe("changed");
      // The process stops right after the write: nothing reached Slack.
      await first.store.close();
      expect(thread(order)).toEqual([]);

      const second = await instance("second");
      expect((await second.store.listOutbox()).map((entry) => entry.work.kind)).toEqual([
        "update-message",
        "reply-status",
      ]);
      expect(await second.orders.outbox.deliverDue()).toBe(2);
      expect(thread(order)).toEqual(replies(order, "PAID"));
      expect(messageText(order)).toContain("Paid");
      expect(await second.orders.outbox.deliverDue()).toBe(0);
      expect(thread(order)).toEqual(replies(order, "PAID"));
    });

    it("sends a thread reply again after its instance died once Slack had it, without doubling it", async () => {
      const first = await instance("first");
      const order = await postedOrder(first);
      await first.orders.notify(order.id, change(order, "PAID", 1_755_150_100));
      const claim = () =>
        first.store.claimOutbox({ owner: "first", now: now(), claimUntil: new Date(at + 60_000), limit: 1 });
      const [update] = await claim();
      await first.store.completeOutbox(update?.id as number, "first");
      const [reply] = await claim();
      if (reply?.work.kind !== "reply-status") throw new Error(`claimed ${JSON.stringify(reply)}`);
      // Slack takes the reply; the instance dies before it can record that it did.
      await first.messages.replyStatusChange(
        (await first.store.get(order.id)) as CreatedOrder,
        reply.work.change,
      );
      await first.store.close();
      expect(thread(order)).toEqual(replies(order, "PAID"));

      // Once its claim expired, another instance takes the work over: the thread has it already.
      at += 61_000;
      const second = await instance("second");
      await drain(second);
      expect(thread(order)).toEqual(replies(order, "PAID"));
      expect(calls("conversations.replies")).toHaveLength(1);
    });

    it("posts the channel message once when its instance died after Slack took it: the next delivery adopts it", async () => {
      const { order, posted } = await postedByDeadInstance();
      expect(slack.workspace.messages(SALES)).toHaveLength(1);

      at += 61_000;
      const second = await instance("second");
      await drain(second);
      expect(slack.workspace.messages(SALES).map((message) => message.ts)).toEqual([posted.ts]);
      const adopted = (await second.store.get(order.id)) as CreatedOrder;
      expect(adopted.message).toEqual({ channelId: SALES, ts: posted.ts });
      expect(calls("conversations.history", 200)).toHaveLength(1);
      // What follows goes to that message and its thread.
      await second.orders.notify(order.id, change(adopted, "PAID", 1_755_150_100));
      await drain(second);
      expect(thread(adopted)).toEqual(replies(adopted, "PAID"));
      expect(messageText(adopted)).toContain("Paid");
    });

    it("brings an adopted channel message up to date: the order changed after that post reached Slack", async () => {
      const { order, posted } = await postedByDeadInstance();
      // Meanwhile another instance hears the order was paid: its reply waits for the message.
      const second = await instance("second");
      const created = (await second.store.get(order.id)) as CreatedOrder;
      await second.orders.notify(order.id, change(created, "PAID", 1_755_150_100));
      expect(messageText({ ...created, message: { channelId: SALES, ts: posted.ts } })).not.toContain("Paid");

      // Slack holds the first update back (429): the adoption is retried with it, not left stale.
      slack.controls.rateLimitNext("chat.update", { retryAfterSeconds: 5 });
      at += 61_000;
      await drain(second);
      expect(calls("chat.update", 429)).toHaveLength(1);
      const adopted = (await second.store.get(order.id)) as CreatedOrder;
      expect(adopted.message).toEqual({ channelId: SALES, ts: posted.ts });
      expect(slack.workspace.messages(SALES)).toHaveLength(1);
      expect(messageText(adopted)).toContain("Paid");
      expect(thread(adopted)).toEqual(replies(adopted, "PAID"));
    });

    it("posts the channel message on a redelivery when no earlier post reached Slack", async () => {
      const one = await instance("one");
      const { order } = await one.orders.begin(fresh());
      await one.orders.send(order, { viewId: "V0CLOSED" });
      slack.controls.failNext("chat.postMessage", { error: "internal_error" });
      await drain(one);
      expect(calls("conversations.history", 200)).toHaveLength(1);
      const messages = slack.workspace.messages(SALES);
      expect(messages).toHaveLength(1);
      expect((await one.store.get(order.id))?.message).toEqual({ channelId: SALES, ts: messages[0]?.ts });
    });

    it("turns several waiting changes of one order into one chat.update showing the last, and a reply per status", async () => {
      const one = await instance("one");
      const order = await postedOrder(one);
      const updatesBefore = calls("chat.update").length;
      await one.orders.notify(order.id, change(order, "INVOICED", 1_755_150_100));
      await one.orders.notify(order.id, change(order, "PAID", 1_755_150_200));
      // A repeat and a late arrival add nothing to do.
      await one.orders.notify(order.id, change(order, "PAID", 1_755_150_200));
      await one.orders.notify(order.id, change(order, "SENT", 1_755_150_050));
      await drain(one);
      expect(calls("chat.update").length - updatesBefore).toBe(1);
      expect(messageText(order)).toContain("Paid");
      expect(thread(order)).toEqual(replies(order, "INVOICED", "PAID"));
    });

    it("waits for the channel message: an order's later work follows its post, even from another instance", async () => {
      const [first, second] = [await instance("first"), await instance("second")];
      const { order } = await first.orders.begin(fresh());
      await first.orders.send(order, { viewId: "V0CLOSED" });
      const created = (await first.store.get(order.id)) as CreatedOrder;
      await first.orders.notify(order.id, change(created, "PAID", 1_755_150_100));
      // The post is claimed (and slow, say) by the first: the second may not update before it.
      const [post] = await first.store.claimOutbox({
        owner: "first",
        now: now(),
        claimUntil: new Date(at + 60_000),
        limit: 5,
      });
      expect(post?.work.kind).toBe("post-message");
      expect(await second.orders.outbox.deliverDue()).toBe(0);
      await first.store.releaseOutbox(post?.id as number, "first", { dueAt: now(), failed: false });
      await second.orders.outbox.deliverDue();
      const shown = (await second.store.get(order.id)) as CreatedOrder;
      expect(slack.workspace.messages(SALES)).toHaveLength(1);
      expect(thread(shown)).toEqual(replies(shown, "PAID"));
      expect(messageText(shown)).toContain("Paid");
    });

    it("retries a failed delivery later, with a growing delay, and delivers it once Slack takes it", async () => {
      const one = await instance("one");
      const order = await postedOrder(one);
      await one.orders.notify(order.id, change(order, "PAID", 1_755_150_100));
      slack.controls.failNext("chat.postMessage", { error: "internal_error", times: 2 });
      await one.orders.outbox.deliverDue();
      const [reply] = await one.store.listOutbox();
      expect(reply).toMatchObject({ attempts: 1, lastError: "internal_error", dueAt: new Date(at + 1_000) });
      at += 1_000;
      await one.orders.outbox.deliverDue();
      expect((await one.store.listOutbox())[0]).toMatchObject({ attempts: 2, dueAt: new Date(at + 2_000) });
      at += 1_999;
      expect(await one.orders.outbox.deliverDue()).toBe(0);
      at += 1;
      expect(await one.orders.outbox.deliverDue()).toBe(1);
      expect(thread(order)).toEqual(replies(order, "PAID"));
    });

    it("paces a burst to Slack's limits: every reply once, in order, and the message showing the last status", async () => {
      slack.controls.enforceRateLimits(true);
      const one = await instance("one");
      const order = await postedOrder(one);
      const statuses = Array.from({ length: 24 }, (_, index) => `STEP ${index + 1}`);
      for (const [index, status] of statuses.entries()) {
        await one.orders.notify(order.id, change(order, status, at / 1000 + 10 + index));
        // Deliveries run while the burst goes on, as they would with callbacks arriving.
        if (index % 6 === 5) await one.orders.outbox.deliverDue();
      }
      const rounds = await drain(one);
      expect(thread(order)).toEqual(replies(order, ...statuses));
      expect(messageText(order)).toContain("STEP 24");
      // Slack said 429 and the outbox waited as told, rather than dropping or doubling anything.
      expect(calls("chat.postMessage", 429).length).toBeGreaterThan(0);
      expect(rounds).toBeGreaterThanOrEqual(statuses.length - 4);
      expect(calls("chat.update", 200).length).toBeLessThanOrEqual(5);
    });
  });

  describe("submission leases", () => {
    it("recovers only the submission whose instance stopped renewing its lease, never a live one's", async () => {
      // The live instance's submit reaches Front Payment, and its answer is held until the test
      // lets it through: that submission stays in flight, its lease renewed, however slow the store.
      let letThrough: () => void = () => {};
      const answerHeld = new Promise<void>((resolve) => {
        letThrough = resolve;
      });
      const held: typeof globalThis.fetch = async (input, init) => {
        const response = await globalThis.fetch(input, init);
        await answerHeld;
        return response;
      };
      const [live, crashed, recovering] = [
        await instance("live", { fetch: held }),
        await instance("crashed"),
        await instance("recovering"),
      ];
      const { order: inFlight } = await live.orders.begin(fresh());
      const sent = live.orders.send(inFlight, { viewId: "V0CLOSED" });
      await frontPayment.waitForRequest({ endpoint: "submitInvoiceOrder" });
      // Begun, then the instance died before sending it.
      const { order: cutOff } = await crashed.orders.begin(fresh());
      await crashed.store.close();

      expect(await recovering.orders.recover()).toEqual([]);
      at += 50_000;
      await live.orders.renewLeases();
      at += 11_000;
      const recovered = await recovering.orders.recover();
      expect(recovered.map(({ order }) => [order.id, order.state])).toEqual([[cutOff.id, "unknown"]]);
      expect((await recovering.store.get(inFlight.id))?.state).toBe("sending");

      letThrough();
      await sent;
      expect((await recovering.store.get(inFlight.id))?.state).toBe("created");
      expect(await recovering.orders.recover()).toEqual([]);
      await recovering.orders.outbox.deliverDue();
      const notices = slack.workspace.messages(KARI_DM).filter((message) => message.text.includes(cutOff.id));
      expect(notices).toHaveLength(1);
      expect(notices[0]?.text).toContain("We don't know whether Front Payment created it");
    });
  });
});
