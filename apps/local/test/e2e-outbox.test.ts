import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type FrontPaymentSandbox,
  type SlackSandbox,
  startFrontPaymentSandbox,
  startSlackSandbox,
} from "@fakturabot/sandbox";
import { openSqliteStore } from "@fakturabot/slack-bot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_SECRETS } from "../src/stack.js";
import {
  blockText,
  type Harness,
  type HarnessOptions,
  onlyOrder,
  PRIVATE_CUSTOMER,
  plain,
  SALES,
  sendOrder,
  startHarness,
  waitForOrderMessage,
  waitForReply,
} from "./e2e-harness.js";

// Front Payment calls the bot back by itself; Slack and Front Payment outlive a bot that stops.
let dataDir: string;
let slack: SlackSandbox;
let frontPayment: FrontPaymentSandbox;
let harness: Harness | undefined;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "fakturabot-outbox-"));
  slack = await startSlackSandbox();
  frontPayment = await startFrontPaymentSandbox({
    callbackSecret: LOCAL_SECRETS.callbackSecret,
    tokens: [LOCAL_SECRETS.frontPaymentToken],
  });
});
afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
  await Promise.all([slack.close(), frontPayment.close()]);
  await rm(dataDir, { recursive: true, force: true });
});

function startBot(options: HarnessOptions = {}): Promise<Harness> {
  return startHarness({ dataDir, standIns: { slack, frontPayment }, ...options });
}

const replies = (ts: string) => slack.workspace.thread(SALES, ts).map((reply) => plain(reply.text));

describe("Slack work through the outbox", () => {
  it("answers a callback 200 while Slack is rate limiting, then delivers the change once Slack lets it", async () => {
    harness = await startBot();
    await sendOrder(harness);
    const message = await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
    const order = onlyOrder(harness);
    slack.controls.rateLimitNext("chat.update", { retryAfterSeconds: 1 });

    frontPayment.approveBankId(order.uuid);
    const answered = await frontPayment.waitForCallback({ orderUuid: order.uuid, status: "INVOICED" });
    expect(answered.outcome).toEqual({ kind: "response", status: 200 });
    // Answered after the write: Slack is told afterwards, when it lets the bot.
    await waitForReply(harness, SALES, message.ts, "Invoiced");
    const updates = slack.workspace.state.calls.filter((call) => call.method === "chat.update");
    expect(updates.map((call) => call.status)).toEqual([429, 200]);
    expect(blockText(slack.workspace.message(SALES, message.ts)?.blocks)).toContain("Invoiced");
    expect(replies(message.ts).filter((text) => text.includes("Invoiced"))).toHaveLength(1);
    const store = harness.store;
    // Delivered, then removed from the outbox.
    await expect.poll(() => store.listOutbox()).toEqual([]);
  });

  it("a bot that stops after the write leaves the Slack work in the store; the next one on the same data delivers it", async () => {
    const first = await startBot();
    harness = first;
    await sendOrder(first);
    const message = await waitForOrderMessage(first, PRIVATE_CUSTOMER.name);
    const order = onlyOrder(first);
    frontPayment.approveBankId(order.uuid);
    await waitForReply(first, SALES, message.ts, "Invoiced");
    // Slack will not take the update for a minute: the work stays in the outbox when the bot stops.
    slack.controls.rateLimitNext("chat.update", { retryAfterSeconds: 60 });
    frontPayment.markPaid(order.uuid, { paymentMethod: "Vipps" });
    const answered = await frontPayment.waitForCallback({ orderUuid: order.uuid, status: "PAID" });
    expect(answered.ok).toBe(true);
    await slack.waitFor(() => slack.workspace.state.calls.some((call) => call.status === 429));
    await first.dispose();
    harness = undefined;
    expect(replies(message.ts).some((text) => text.includes("Paid"))).toBe(false);
    const store = openSqliteStore({ dataDir });
    expect((await store.listOutbox()).map((entry) => entry.work.kind)).toEqual([
      "update-message",
      "reply-status",
    ]);
    await store.close();

    // A minute on, another bot on the same data delivers what the first acknowledged.
    harness = await startBot({ now: () => new Date(Date.now() + 61_000) });
    await waitForReply(harness, SALES, message.ts, "Paid by Vipps");
    expect(blockText(slack.workspace.message(SALES, message.ts)?.blocks)).toContain("Paid");
    expect(replies(message.ts).filter((text) => text.includes("Paid"))).toHaveLength(1);
    expect(replies(message.ts)).toHaveLength(2);
    expect(slack.workspace.messages(SALES)).toHaveLength(1);
  });
});
