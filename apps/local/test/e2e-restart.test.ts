import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type FrontPaymentSandbox,
  type SlackSandbox,
  startFrontPaymentSandbox,
  startSlackSandbox,
} from "@fakturabot/sandbox";
import { SEED_INVOICE_ORDER_EXAMPLE } from "@fakturabot/schema";
import { CONFIRM_UNKNOWN_RETRY_ACTION_ID, openSqliteStore } from "@fakturabot/slack-bot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_SECRETS } from "../src/stack.js";
import {
  blockText,
  type Harness,
  type HarnessOptions,
  KARI,
  KARI_DM,
  onlyOrder,
  PRIVATE_CUSTOMER,
  SALES,
  sendOrder,
  startHarness,
  submitRequests,
  waitForOrderMessage,
  waitForReply,
  waitForTitle,
} from "./e2e-harness.js";

// Slack and Front Payment stay up while the bot restarts on the same data directory and port.
let dataDir: string;
let slack: SlackSandbox;
let frontPayment: FrontPaymentSandbox;
let harness: Harness | undefined;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "fakturabot-restart-"));
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

/** Stops the running bot and starts another on the same data and port, as a redeploy does. */
async function restart(running: Harness): Promise<Harness> {
  const port = Number(new URL(running.running.url).port);
  await running.dispose();
  harness = undefined;
  harness = await startBot({ ports: { bot: port } });
  return harness;
}

describe("a restart of the bot", () => {
  it("keeps an order current: callbacks held while it was down reach the restarted bot", async () => {
    harness = await startBot();
    const first = harness;
    const { modal } = await sendOrder(first);
    // The modal shows the outcome once the bot has recorded where the order's message is.
    await waitForTitle(modal, "Invoice created");
    const message = await waitForOrderMessage(first, PRIVATE_CUSTOMER.name);
    const order = onlyOrder(first);

    frontPayment.holdCallbacks();
    const second = await restart(first);
    frontPayment.approveBankId(order.uuid);
    expect(await frontPayment.releaseCallbacks()).toBe(1);
    await waitForReply(second, SALES, message.ts, "Invoiced");
    expect(blockText(slack.workspace.message(SALES, message.ts)?.blocks)).toContain("Invoiced");

    frontPayment.markPaid(order.uuid, { paymentMethod: "Vipps" });
    await waitForReply(second, SALES, message.ts, "Paid by Vipps");
    expect(slack.workspace.messages(SALES)).toHaveLength(1);
  });

  it("remembers an unknown outcome: the callback after the restart resolves it, and 'Send anyway' is refused", async () => {
    harness = await startBot({ frontPaymentTimeoutMs: 400 });
    const first = harness;
    frontPayment.failNext("timeout", { endpoint: "submitInvoiceOrder", processFirst: true });
    const { modal } = await sendOrder(first);
    await waitForTitle(modal, "Invoice status unknown");

    const second = await restart(first);
    frontPayment.approveBankId(onlyOrder(second).uuid);
    const message = await waitForOrderMessage(second, PRIVATE_CUSTOMER.name);
    expect(blockText(message.blocks)).toContain(onlyOrder(second).uuid);

    // The modal stayed open in Slack; its button now reaches the new bot.
    await modal.click(CONFIRM_UNKNOWN_RETRY_ACTION_ID);
    await waitForTitle(modal, "Invoice created");
    expect(submitRequests(second)).toHaveLength(1);
  });

  it("an order cut off mid-send by a crash becomes unknown at the next start, and its creator is told", async () => {
    // A crash leaves the order `sending` in the store: write exactly that, as the crashed bot had.
    const crashed = openSqliteStore({ dataDir });
    await crashed.beginSubmission({
      id: "FB0CRASHED0001",
      submissionKey: "V0CRASH:hash",
      teamId: "T0SANDBOX",
      channelId: SALES,
      userId: KARI,
      customerType: "private",
      customerName: PRIVATE_CUSTOMER.name,
      customerIdentifier: "280387*****",
      preferredLanguage: "no",
      grandTotalOre: 250_000,
      request: SEED_INVOICE_ORDER_EXAMPLE,
    });
    await crashed.close();

    harness = await startBot();
    expect((await harness.store.get("FB0CRASHED0001"))?.state).toBe("unknown");
    const notice = await slack.waitFor(() =>
      slack.workspace.messages(KARI_DM).find((message) => message.text.includes("FB0CRASHED0001")),
    );
    expect(notice.text).toContain("We don't know whether Front Payment created it");
    expect(submitRequests(harness)).toHaveLength(0);
  });
});
