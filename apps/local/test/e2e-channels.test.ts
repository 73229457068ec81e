import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  blockText,
  FINANCE,
  GENERAL,
  type Harness,
  KARI_DM,
  onlyOrder,
  PRIVATE_CUSTOMER,
  plain,
  SALES,
  sendOrder,
  startHarness,
  waitForOrderMessage,
  waitForReply,
  waitForTitle,
} from "./e2e-harness.js";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.dispose();
});

function calls(method: string) {
  return harness.slack.workspace.state.calls.filter((call) => call.method === method);
}

function isBotIn(channel: string): boolean {
  const found = harness.slack.workspace.channel(channel);
  return found !== undefined && harness.slack.workspace.isMember(found, harness.slack.workspace.bot.userId);
}

describe("where the order message goes", () => {
  it("joins a public channel it is not in, and posts there", async () => {
    expect(isBotIn(GENERAL)).toBe(false);
    const { modal } = await sendOrder(harness, PRIVATE_CUSTOMER, { channelId: GENERAL });
    const message = await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name, GENERAL);
    const created = await waitForTitle(modal, "Invoice created");

    expect(isBotIn(GENERAL)).toBe(true);
    expect(calls("conversations.join").map((call) => [call.args.channel, call.ok])).toEqual([
      [GENERAL, true],
    ]);
    expect(blockText(created.blocks)).not.toContain("couldn't post");
    expect(harness.slack.workspace.messages(KARI_DM)).toEqual([]);

    harness.frontPayment.approveBankId(onlyOrder(harness).uuid);
    await waitForReply(harness, GENERAL, message.ts, "Invoiced");
  });

  it("in a private channel it is not in, sends the order to the creator instead and says how to fix it", async () => {
    const { modal } = await sendOrder(harness, PRIVATE_CUSTOMER, { channelId: FINANCE });
    const created = await waitForTitle(modal, "Invoice created");
    expect(blockText(created.blocks)).toContain("Invite me there with `/invite @Fakturabot`");

    const message = await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name, KARI_DM);
    const [fix] = harness.slack.workspace.thread(KARI_DM, message.ts);
    expect(fix?.text).toContain(`I couldn't post in <#${FINANCE}>`);
    expect(fix?.text).toContain("/invite @Fakturabot");
    expect(harness.slack.workspace.messages(FINANCE)).toEqual([]);

    // The invoice is kept up to date where it went.
    harness.frontPayment.approveBankId(onlyOrder(harness).uuid);
    await waitForReply(harness, KARI_DM, message.ts, "Invoiced");
    expect(blockText(harness.slack.workspace.message(KARI_DM, message.ts)?.blocks)).toContain("Invoiced");
  });

  it("when removed from a public channel later, joins it again to keep the order current", async () => {
    await sendOrder(harness);
    const message = await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
    harness.slack.controls.removeBot(SALES);

    harness.frontPayment.approveBankId(onlyOrder(harness).uuid);
    await waitForReply(harness, SALES, message.ts, "Invoiced");
    expect(blockText(harness.slack.workspace.message(SALES, message.ts)?.blocks)).toContain("Invoiced");
    expect(isBotIn(SALES)).toBe(true);
  });

  it("when removed from a private channel later, tells the creator the news and how to fix it", async () => {
    harness.slack.controls.addBot(FINANCE);
    await sendOrder(harness, PRIVATE_CUSTOMER, { channelId: FINANCE });
    await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name, FINANCE);
    harness.slack.controls.removeBot(FINANCE);

    harness.frontPayment.approveBankId(onlyOrder(harness).uuid);
    const dm = await harness.slack.waitFor(() =>
      harness.slack.workspace
        .messages(KARI_DM)
        .find((candidate) => plain(candidate.text).includes("Invoiced")),
    );
    expect(dm.text).toContain(PRIVATE_CUSTOMER.name);
    expect(dm.text).toContain(`<#${FINANCE}>`);
    expect(dm.text).toContain("/invite @Fakturabot");
  });

  it("if Slack fails the post, the modal says how to follow the invoice, and the next status posts it", async () => {
    harness.slack.controls.failNext("chat.postMessage", { error: "fatal_error" });
    const { modal } = await sendOrder(harness);
    const created = await waitForTitle(modal, "Invoice created");
    expect(blockText(created.blocks)).toContain("Use `/invoice status` to follow it.");
    expect(harness.slack.workspace.messages(SALES)).toEqual([]);

    harness.frontPayment.approveBankId(onlyOrder(harness).uuid);
    const message = await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
    expect(blockText(message.blocks)).toContain("Invoiced");
    await waitForReply(harness, SALES, message.ts, "Invoiced");
  });
});

describe("Slack's rate limits", () => {
  it("waits out a rate-limited chat.update and lands the update", async () => {
    await sendOrder(harness);
    const message = await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
    harness.slack.controls.rateLimitNext("chat.update", { retryAfterSeconds: 0 });

    harness.frontPayment.approveBankId(onlyOrder(harness).uuid);
    await harness.slack.waitFor(() =>
      blockText(harness.slack.workspace.message(SALES, message.ts)?.blocks).includes("Invoiced"),
    );
    expect(calls("chat.update").map((call) => call.status)).toEqual([429, 200]);
    expect(harness.slack.workspace.message(SALES, message.ts)?.revisions).toHaveLength(1);
  });

  it("posts a rate-limited order message once", async () => {
    harness.slack.controls.rateLimitNext("chat.postMessage", { retryAfterSeconds: 0 });
    const { modal } = await sendOrder(harness);
    await waitForTitle(modal, "Invoice created");
    await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
    expect(calls("chat.postMessage").map((call) => call.status)).toEqual([429, 200]);
    expect(harness.slack.workspace.messages(SALES)).toHaveLength(1);
  });
});
