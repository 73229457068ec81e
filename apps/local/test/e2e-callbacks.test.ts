import { createFrontPaymentClient, signCallback } from "@fakturabot/client";
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
  waitForTitle,
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

/** Everything a callback could change: every order, its history, and every call to Slack. */
async function effects(h: Harness, orderIds: readonly string[]) {
  return {
    orders: await Promise.all(orderIds.map((id) => h.store.get(id))),
    history: await Promise.all(orderIds.map((id) => h.store.history(id))),
    slackCalls: h.slack.workspace.state.calls.length,
  };
}

/**
 * A genuine callback re-cut: `count` characters moved across the boundary between parameter
 * `index` and the next, forwards (off the end of one onto the start of the next) or backwards. The
 * values' concatenation, and so the checksum, stays the same.
 */
function shifted(url: string, index: number, count: number, forwards: boolean): string | null {
  const parsed = new URL(url);
  const entries = [...parsed.searchParams.entries()].filter(([key]) => key !== "checksum");
  const checksum = parsed.searchParams.get("checksum") as string;
  const [left, right] = [entries[index], entries[index + 1]] as [[string, string], [string, string]];
  const from = forwards ? left[1] : right[1];
  if (from.length <= count) return null;
  if (forwards) {
    right[1] = left[1].slice(-count) + right[1];
    left[1] = left[1].slice(0, -count);
  } else {
    left[1] = left[1] + right[1].slice(0, count);
    right[1] = right[1].slice(count);
  }
  parsed.search = new URLSearchParams([...entries, ["checksum", checksum]]).toString();
  return parsed.toString();
}

describe("Front Payment's callbacks", () => {
  it("a tamper table: re-cut callbacks, one order's callback on another's path, and another order's callback change nothing", async () => {
    const { order, callbackUrl, orderId } = await sentOrder();
    // A second invoice Front Payment certainly did not create (refused), and a third, created.
    harness.frontPayment.failNext(429, { endpoint: "submitInvoiceOrder" });
    const { modal } = await sendOrder(harness, { ...PRIVATE_CUSTOMER, name: "Ola Nordmann" });
    await waitForTitle(modal, "Invoice not sent");
    const failedId = JSON.stringify(modal.view.blocks).match(/FB[0-9A-Z]{12}/)?.[0] as string;
    const failedPath = callbackUrl.replace(orderId, failedId);
    const thirdModal = (await sendOrder(harness, { ...PRIVATE_CUSTOMER, name: "Ingrid Berg" })).modal;
    await waitForTitle(thirdModal, "Invoice created");
    const third = harness.frontPayment.orders().find((each) => each.uuid !== order.uuid) as { uuid: string };
    const thirdId = callbackUrlOf(third as never).ours;
    // An order on the same Front Payment account that Fakturabot never sent, for the same amount.
    const request = order.request;
    const foreign = await createFrontPaymentClient({
      token: LOCAL_SECRETS.frontPaymentToken,
      baseUrl: harness.frontPayment.url,
    }).submitInvoiceOrder({
      ...request,
      customerDetails: { ...request.customerDetails, name: "Someone Else" },
    });
    const ids = [orderId, failedId, thirdId];
    const before = await effects(harness, ids);

    const genuine = callback(callbackUrl, { orderUuid: order.uuid, status: "INVOICED" });
    const tampered: [string, string][] = [];
    for (let index = 0; index < 5; index += 1) {
      for (const count of [1, 2, 3]) {
        for (const forwards of [true, false]) {
          const url = shifted(genuine, index, count, forwards);
          if (url) tampered.push([`shift ${count} ${forwards ? "forwards" : "backwards"} at ${index}`, url]);
        }
      }
    }
    expect(tampered.length).toBeGreaterThanOrEqual(25);
    for (const [name, url] of tampered) {
      expect((await fetch(url)).status, name).toBe(403);
    }
    const onPath = (path: string, params: Parameters<typeof callback>[1]) => fetch(callback(path, params));
    const tries: [string, Promise<Response>][] = [
      [
        "this order's callback on a failed order's path",
        onPath(failedPath, { orderUuid: order.uuid, status: "INVOICED" }),
      ],
      [
        "this order's callback on another created order's path",
        onPath(callbackUrl.replace(orderId, thirdId), { orderUuid: order.uuid, status: "INVOICED" }),
      ],
      [
        "a foreign order's callback on the failed order's path",
        onPath(failedPath, { orderUuid: foreign.orderUuid, status: "SENT" }),
      ],
      [
        "a foreign order's callback on this order's path",
        onPath(callbackUrl, { orderUuid: foreign.orderUuid, status: "SENT" }),
      ],
      [
        "a made-up order on the failed order's path",
        onPath(failedPath, { orderUuid: "ODR1000000001", status: "INVOICED" }),
      ],
    ];
    for (const [name, answer] of tries) expect((await answer).status, name).toBe(200);
    expect(await effects(harness, ids)).toEqual(before);
  });

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
    await waitForReply(harness, SALES, message.ts, "Invoiced");

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
    await waitForReply(harness, SALES, message.ts, "Paid by Vipps");
    expect(replies(message)).toEqual([
      expect.stringContaining("Invoiced"),
      expect.stringContaining("Paid by Vipps, NOK 2,500.00"),
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
    await waitForReply(harness, SALES, message.ts, "Paid by Visa");

    expect(await harness.store.get(orderId)).toMatchObject({ status: { status: "PAID" } });
    expect(messageText(message)).toContain("Paid");
    expect(replies(message)).toEqual([expect.stringContaining("Paid by Visa")]);
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
    await waitForReply(harness, SALES, message.ts, "Reminder sent (purring)");
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
