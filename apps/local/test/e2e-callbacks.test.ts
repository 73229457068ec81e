import { signCallback } from "@fakturabot/client";
import { type FrontPaymentSandbox, type SlackMessage, startFrontPaymentSandbox } from "@fakturabot/sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_SECRETS } from "../src/stack.js";
import {
  blockText,
  callbackUrlOf,
  type Harness,
  onlyOrder,
  PRIVATE_CUSTOMER,
  plain,
  SALES,
  sendOrder,
  startHarness,
  waitForOrderMessage,
  waitForReply,
} from "./e2e-harness.js";

/** The bot's clock: real time until a test moves it on. */
let offsetMs = 0;
let harness: Harness;
let frontPayment: FrontPaymentSandbox | undefined;
beforeEach(async () => {
  offsetMs = 0;
  harness = await startHarness({ now: () => new Date(Date.now() + offsetMs) });
});
afterEach(async () => {
  await harness.dispose();
  await frontPayment?.close();
  frontPayment = undefined;
});

/** An order sent and shown in #sales, waiting for BankID. */
async function sentOrder() {
  await sendOrder(harness);
  const message = await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
  const order = onlyOrder(harness);
  const { callbackUrl, ours: orderId } = callbackUrlOf(order);
  return { message, order, callbackUrl, orderId };
}

function replies(message: SlackMessage): string[] {
  return harness.slack.workspace.thread(SALES, message.ts).map((reply) => plain(reply.text));
}

function messageText(message: SlackMessage): string {
  return blockText(harness.slack.workspace.message(SALES, message.ts)?.blocks);
}

/** A callback as Front Payment sends it, signed with `secret`. */
function callback(
  callbackUrl: string,
  params: { orderUuid: string; status: string; paymentMethod?: string; amount?: string },
  secret: string = LOCAL_SECRETS.callbackSecret,
): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const query = signCallback(
    [
      ["orderUuid", params.orderUuid],
      ["status", params.status],
      ["paymentMethod", params.paymentMethod ?? "invoice"],
      ["amount", params.amount ?? "2500.00"],
      ["createdAt", timestamp],
      ["timestamp", timestamp],
    ],
    secret,
  );
  return `${callbackUrl}?${query}`;
}

describe("Front Payment's callbacks", () => {
  it("refuses a forged callback (signed with another secret, or not at all) and changes nothing", async () => {
    const { message, order, callbackUrl, orderId } = await sentOrder();
    const forged = await fetch(
      callback(callbackUrl, { orderUuid: order.uuid, status: "PAID" }, "guessed-secret"),
    );
    expect(forged.status).toBe(403);
    const unsigned = await fetch(
      `${callbackUrl}?orderUuid=${order.uuid}&status=PAID&checksum=${"0".repeat(64)}`,
    );
    expect(unsigned.status).toBe(403);

    expect(await harness.store.get(orderId)).toMatchObject({ status: { status: "SENT" } });
    expect(await harness.store.history(orderId)).toEqual([]);
    expect(replies(message)).toEqual([]);
    expect(harness.logs.text()).toContain("rejected a Front Payment callback");
  });

  it("refuses a genuine callback whose status was changed on the way", async () => {
    const { message, order, orderId } = await sentOrder();
    harness.frontPayment.approveBankId(order.uuid);
    const genuine = await harness.frontPayment.waitForCallback({ orderUuid: order.uuid, status: "INVOICED" });
    await waitForReply(harness, SALES, message.ts, "INVOICED");

    const tampered = await fetch(genuine.url.replace("status=INVOICED", "status=PAID"));
    expect(tampered.status).toBe(403);
    expect(await harness.store.get(orderId)).toMatchObject({ status: { status: "INVOICED" } });
    expect(messageText(message)).not.toContain("Paid");
  });

  it("shows a callback delivered twice, or replayed later, once; one older than an hour is refused", async () => {
    const { message, order, orderId } = await sentOrder();
    harness.frontPayment.duplicateCallbacks(1);
    harness.frontPayment.approveBankId(order.uuid);
    const [first] = await harness.frontPayment.waitForCallbacks(
      { orderUuid: order.uuid, status: "INVOICED" },
      2,
    );
    const replayed = await fetch(first?.url as string);
    expect(replayed.status).toBe(200);

    // Two hours on, the same genuine callback is too old to be trusted.
    offsetMs = 2 * 60 * 60 * 1000;
    const late = await fetch(first?.url as string);
    expect(late.status).toBe(403);
    offsetMs = 0;

    // PAID comes after them all, so when it is shown, the repeats have been handled.
    harness.frontPayment.markPaid(order.uuid, { paymentMethod: "Vipps" });
    await waitForReply(harness, SALES, message.ts, "PAID via Vipps");
    expect(replies(message)).toEqual([
      expect.stringContaining("INVOICED"),
      expect.stringContaining("PAID via Vipps, 2 500,00 kr"),
    ]);
    expect((await harness.store.history(orderId)).map((change) => change.status)).toEqual([
      "INVOICED",
      "PAID",
    ]);
  });

  it("keeps PAID when INVOICED arrives after it", async () => {
    const { message, order, orderId } = await sentOrder();
    harness.frontPayment.holdCallbacks();
    harness.frontPayment.approveBankId(order.uuid);
    harness.frontPayment.markPaid(order.uuid, { paymentMethod: "Visa" });
    expect(await harness.frontPayment.releaseCallbacks("reversed")).toBe(2);
    await waitForReply(harness, SALES, message.ts, "PAID via Visa");

    expect(await harness.store.get(orderId)).toMatchObject({ status: { status: "PAID" } });
    expect(messageText(message)).toContain("Paid");
    expect(replies(message)).toEqual([expect.stringContaining("PAID via Visa")]);
    expect(await harness.store.history(orderId)).toMatchObject([
      { status: "PAID", applied: true },
      { status: "INVOICED", applied: false },
    ]);
  });

  it("shows statuses it has no words for as Front Payment wrote them, the later one winning", async () => {
    // Front Payment's own clock, so its timestamps (whole seconds) tell the statuses apart.
    let frontPaymentNow = Date.now();
    frontPayment = await startFrontPaymentSandbox({
      callbackSecret: LOCAL_SECRETS.callbackSecret,
      tokens: [LOCAL_SECRETS.frontPaymentToken],
      clock: () => frontPaymentNow,
    });
    await harness.dispose();
    harness = await startHarness({ standIns: { frontPayment } });
    const { message, order } = await sentOrder();
    harness.frontPayment.approveBankId(order.uuid);
    harness.frontPayment.setStatus(order.uuid, "Purring");
    await waitForReply(harness, SALES, message.ts, "Purring");
    expect(messageText(message)).toContain("Reminder sent (purring)");

    frontPaymentNow += 60_000;
    harness.frontPayment.setStatus(order.uuid, "Overført til Lindorff");
    await waitForReply(harness, SALES, message.ts, "Overført til Lindorff");
    expect(messageText(message)).toContain("Overført til Lindorff");
  });

  it("answers 404 to a genuine callback about an order it does not know, so Front Payment can tell", async () => {
    const { order, callbackUrl } = await sentOrder();
    const elsewhere = callbackUrl.replace(/[^/]+$/, "FB0000000000000");
    const answer = await fetch(callback(elsewhere, { orderUuid: order.uuid, status: "INVOICED" }));
    expect(answer.status).toBe(404);
  });
});
