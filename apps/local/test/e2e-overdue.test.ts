import { createLogger } from "@fakturabot/slack-bot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startLocalStack } from "../src/stack.js";
import {
  type Harness,
  KARI,
  onlyOrder,
  PRIVATE_CUSTOMER,
  plain,
  SALES,
  sendOrder,
  startHarness,
  waitForOrderMessage,
  waitForReply,
} from "./e2e-harness.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far the bot's clock is ahead of the real one: Front Payment's callbacks carry real time. */
let ahead: number;
const now = () => new Date(Date.now() + ahead);
let harness: Harness;

beforeEach(async () => {
  ahead = 0;
  harness = await startHarness({ now });
});

/** "17 Mar 2026": the first overdue day of an order sent today with the default 14 days. */
function firstOverdueDay(): string {
  const oslo = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" }).format(new Date());
  const day = new Date(`${oslo}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 15);
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(day);
}
afterEach(async () => {
  await harness.dispose();
});

/** An order Kari sent from #sales, verified with BankID (INVOICED), with its message. */
async function invoicedOrder() {
  await sendOrder(harness);
  const message = await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
  const order = onlyOrder(harness);
  harness.frontPayment.approveBankId(order.uuid);
  await waitForReply(harness, SALES, message.ts, "Invoiced");
  return { message, order };
}

function overdueReplies(ts: string): string[] {
  return harness.slack.workspace
    .thread(SALES, ts)
    .map((reply) => plain(reply.text))
    .filter((text) => text.includes("Overdue since"));
}

describe("overdue invoices", () => {
  it("are told once, mentioning the creator, by two checks of two instances racing and a third after", async () => {
    const { message } = await invoicedOrder();
    ahead += 10 * DAY_MS;
    await harness.bot.checkOverdue();
    expect(overdueReplies(message.ts)).toEqual([]);

    // A second instance on the same database and the same Slack.
    const second = await startLocalStack({
      dataDir: harness.dataDir,
      logger: createLogger({ level: "silent" }),
      standIns: { frontPayment: harness.frontPayment, slack: harness.slack },
      now,
      locales: { defaultLocale: "en" },
    });
    try {
      ahead += 10 * DAY_MS;
      const reports = await Promise.all([harness.bot.checkOverdue(), second.bot.checkOverdue()]);
      await harness.bot.checkOverdue();
      await second.bot.checkOverdue();
      expect(reports.map((report) => report.toldOverdue).sort()).toEqual([0, 1]);
    } finally {
      await second.close();
    }
    expect(overdueReplies(message.ts)).toEqual([
      `:alarm_clock: <@${KARI}> Overdue since ${firstOverdueDay()}: ${PRIVATE_CUSTOMER.name} has not paid NOK 2,500.00 yet.`,
    ]);
  });

  it("are not told once paid", async () => {
    const { message, order } = await invoicedOrder();
    harness.frontPayment.markPaid(order.uuid);
    await waitForReply(harness, SALES, message.ts, "Paid");
    ahead += 30 * DAY_MS;
    expect(await harness.bot.checkOverdue()).toEqual({ lookedUp: 0, toldOverdue: 0 });
    expect(overdueReplies(message.ts)).toEqual([]);
  });
});

describe("a missed callback", () => {
  it("is caught up by asking Front Payment about an order that has heard nothing for a day", async () => {
    const { message, order } = await invoicedOrder();
    // Front Payment's PAID callback never arrives.
    harness.frontPayment.holdCallbacks();
    harness.frontPayment.markPaid(order.uuid);
    ahead += DAY_MS / 2;
    expect(await harness.bot.checkOverdue()).toEqual({ lookedUp: 0, toldOverdue: 0 });

    ahead += DAY_MS;
    expect(await harness.bot.checkOverdue()).toEqual({ lookedUp: 1, toldOverdue: 0 });
    await waitForReply(harness, SALES, message.ts, "Paid");
    const updated = harness.slack.workspace.message(SALES, message.ts);
    expect(plain(updated?.text)).toContain("Paid");
    const history = await harness.store.history(callbackOrderId(order));
    expect(history.at(-1)).toMatchObject({ status: "PAID", source: "lookup", applied: true });

    // Paid is settled: no more questions, and never overdue.
    ahead += 30 * DAY_MS;
    expect(await harness.bot.checkOverdue()).toEqual({ lookedUp: 0, toldOverdue: 0 });
    expect(overdueReplies(message.ts)).toEqual([]);
  });

  it("asks again only after another quiet day when Front Payment has nothing new", async () => {
    await invoicedOrder();
    ahead += 2 * DAY_MS;
    expect(await harness.bot.checkOverdue()).toEqual({ lookedUp: 1, toldOverdue: 0 });
    expect(await harness.bot.checkOverdue()).toEqual({ lookedUp: 0, toldOverdue: 0 });
    ahead += 2 * DAY_MS;
    expect(await harness.bot.checkOverdue()).toEqual({ lookedUp: 1, toldOverdue: 0 });
    const lookups = harness.frontPayment.requests.filter((request) => request.endpoint === "getOrderStatus");
    expect(lookups).toHaveLength(2);
  });
});

function callbackOrderId(order: { request: { referenceNo?: string } }): string {
  return order.request.referenceNo as string;
}
