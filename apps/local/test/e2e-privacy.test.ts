import { type FrontPaymentSandbox, startFrontPaymentSandbox } from "@fakturabot/sandbox";
import { ACTION_IDS, BLOCK_IDS, LINE_ACTION_IDS, lineBlockId } from "@fakturabot/slack-bot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_SECRETS } from "../src/stack.js";
import {
  blockText,
  callbackUrlOf,
  fillOrder,
  type Harness,
  lineKeys,
  openInvoice,
  PRIVATE_CUSTOMER,
  SALES,
  startHarness,
  waitForReply,
  waitForTitle,
} from "./e2e-harness.js";

let frontPayment: FrontPaymentSandbox;
let harness: Harness;
beforeEach(async () => {
  // An account without 12 % VAT, so one submission comes back with a 417.
  frontPayment = await startFrontPaymentSandbox({
    callbackSecret: LOCAL_SECRETS.callbackSecret,
    tokens: [LOCAL_SECRETS.frontPaymentToken],
    taxRates: [0, 15, 25],
  });
  harness = await startHarness({ standIns: { frontPayment }, frontPaymentTimeoutMs: 400 });
});
afterEach(async () => {
  await harness.dispose();
  await frontPayment.close();
});

/** The digits of the personal number, however it was typed. */
const PERSONAL_NUMBER = /2803\D?87\D?1238[34]/;

/** Everything the bot put in Slack that others can see: messages, replies, ephemerals, and views other than the form. */
function everythingShownInSlack(): string {
  const { state } = harness.slack.workspace;
  const messages = state.channels.flatMap((channel) =>
    channel.messages.flatMap((message) => [message, ...message.replies]),
  );
  const views = state.modals
    .flatMap((modal) => modal.stack)
    .filter((record) => record.view.callback_id !== "invoice_modal");
  return JSON.stringify([messages, state.ephemerals, views.map((record) => record.view.blocks)]);
}

describe("secrets and personal numbers", () => {
  it("never reach the logs, and Slack shows personal numbers masked, on every path an order takes", async () => {
    // A typo caught by the form.
    const modal = await openInvoice(harness);
    await fillOrder(modal, { ...PRIVATE_CUSTOMER, personalNumber: "280387-12384" }, [
      { name: "Matkasse", rate: "560", tax: "12" },
    ]);
    expect((await modal.submit()).kind).toBe("errors");

    // Fixed, typed with a dash, and rejected by Front Payment (12 % VAT): the form comes back.
    await modal.fill(BLOCK_IDS.personalNumber, ACTION_IDS.personalNumber, "280387-12383");
    await modal.submit();
    await waitForTitle(modal, "New invoice");

    // Then a timeout, whose outcome is unknown, and Send anyway.
    const [line] = lineKeys(modal) as [string];
    await modal.fill(lineBlockId(line, "tax"), LINE_ACTION_IDS.tax, "25");
    frontPayment.failNext("timeout", { endpoint: "submitInvoiceOrder" });
    await modal.submit();
    await waitForTitle(modal, "Invoice status unknown");
    await modal.click("invoice_submission.send_anyway");
    await waitForTitle(modal, "Invoice created");

    // The order's life, with a forged callback on the way.
    const order = frontPayment.orders()[0];
    const message = harness.slack.workspace.messages(SALES)[0];
    if (!order || !message) throw new Error("no order, or no message about it");
    const { callbackUrl } = callbackUrlOf(order);
    expect(
      (await fetch(`${callbackUrl}?orderUuid=${order.uuid}&status=PAID&checksum=${"a".repeat(64)}`)).status,
    ).toBe(403);
    frontPayment.approveBankId(order.uuid);
    frontPayment.markPaid(order.uuid, { paymentMethod: "Visa" });
    await waitForReply(harness, SALES, message.ts, "Paid by Visa");
    await harness.driver.slashCommand({ command: "/invoice", text: `status ${order.uuid}` });
    await harness.slack.waitFor(() => harness.slack.workspace.ephemeralsFor("U0KARINOR").length > 0);
    await frontPayment.callbacksIdle();

    const logs = harness.logs.text();
    expect(logs).toContain('"msg":"order created"');
    expect(logs).not.toMatch(PERSONAL_NUMBER);
    for (const secret of [
      LOCAL_SECRETS.signingSecret,
      LOCAL_SECRETS.callbackSecret,
      LOCAL_SECRETS.frontPaymentToken,
      "xoxb-sandbox",
    ]) {
      expect(logs).not.toContain(secret);
    }
    const checksums = frontPayment.callbacks.map((attempt) =>
      new URL(attempt.url).searchParams.get("checksum"),
    );
    expect(checksums.length).toBeGreaterThan(0);
    for (const checksum of checksums) expect(logs).not.toContain(checksum);

    const shown = everythingShownInSlack();
    expect(shown).not.toMatch(PERSONAL_NUMBER);
    expect(blockText(message.blocks)).toContain("Kari Nordmann (280387*****)");
  });
});
