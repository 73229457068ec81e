import { verifyCallback } from "@fakturabot/client";
import { describe, expect, it } from "vitest";
import { FrontPaymentSandboxError } from "../src/index.js";
import {
  CALLBACK_SECRET,
  callbackReceiverForTest,
  connectApi,
  corporateOrder,
  privateOrder,
  sandboxForTest,
  submitted,
} from "./frontpayment-fixtures.js";

const AUGUST_14 = Date.UTC(2025, 7, 14, 6, 28, 8);

/** A clock tests move by hand. */
function manualClock(start = AUGUST_14) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** The callback's query parameters, in the order they were sent. */
function paramsOf(url: string): [string, string][] {
  return [...new URL(url, "http://receiver").searchParams];
}

function postDecision(bankIdUrl: string, decision: string) {
  return fetch(bankIdUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ decision }).toString(),
    redirect: "manual",
  });
}

describe("Front Payment sandbox: BankID page", () => {
  it("shows the order with Approve and Reject, masking the personal number", async () => {
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, privateOrder());
    const response = await fetch(`${sandbox.url}/bankid/${uuid}`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html).toContain('<form method="post">');
    expect(html).toContain('name="decision" value="approve"');
    expect(html).toContain('name="decision" value="reject"');
    expect(html).toContain("Zahidul");
    expect(html).toContain(uuid);
    expect(html).toContain("280387*****");
    expect(html).not.toContain("28038712383");
  });

  it("speaks Norwegian to customers who prefer it, and by default", async () => {
    const sandbox = await sandboxForTest();
    const order = privateOrder();
    const { preferredLanguage: _language, ...customer } = order.customerDetails;
    const uuid = await submitted(sandbox, { ...order, customerDetails: customer });
    const html = await (await fetch(`${sandbox.url}/bankid/${uuid}`)).text();
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain("Godkjenn med BankID");
  });

  it("escapes what customers typed", async () => {
    const sandbox = await sandboxForTest();
    const order = privateOrder();
    const uuid = await submitted(sandbox, {
      ...order,
      customerDetails: { ...order.customerDetails, name: '<script>alert("x")</script>' },
    });
    const html = await (await fetch(`${sandbox.url}/bankid/${uuid}`)).text();
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#60;script&#62;");
  });

  it("on Approve: INVOICED, a signed INVOICED callback, and the browser sent to callback.success", async () => {
    const clock = manualClock();
    const receiver = await callbackReceiverForTest();
    const sandbox = await sandboxForTest({ clock: clock.now });
    const order = privateOrder(receiver.callbackUrl);
    const uuid = await submitted(sandbox, order);
    clock.advance(90_000);

    const response = await postDecision(`${sandbox.url}/bankid/${uuid}`, "approve");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(order.callback.success);
    expect(sandbox.order(uuid)?.status).toBe("INVOICED");

    const [callback] = await receiver.received.waitForAll(() => true);
    expect(callback?.method).toBe("GET");
    const url = callback?.url ?? "";
    expect(url.startsWith("/frontpayment/callback/FB-TEST-1?")).toBe(true);
    expect(paramsOf(url)).toEqual([
      ["orderUuid", uuid],
      ["status", "INVOICED"],
      ["paymentMethod", "invoice"],
      ["amount", "40.00"],
      ["createdAt", String(AUGUST_14 / 1000)],
      ["timestamp", String(AUGUST_14 / 1000 + 90)],
      ["checksum", expect.stringMatching(/^[0-9a-f]{64}$/)],
    ]);
    expect(verifyCallback(url, CALLBACK_SECRET, { maxAgeSeconds: 300, now: clock.now })).toEqual({
      ok: true,
      notification: expect.objectContaining({ orderUuid: uuid, status: "INVOICED" }),
    });
    expect(verifyCallback(url, "another-secret").ok).toBe(false);
  });

  it("on Reject: the browser goes to callback.failure and the order stays SENT, without a callback", async () => {
    const receiver = await callbackReceiverForTest();
    const sandbox = await sandboxForTest();
    const order = privateOrder(receiver.callbackUrl);
    const uuid = await submitted(sandbox, order);

    const response = await postDecision(`${sandbox.url}/bankid/${uuid}`, "reject");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(order.callback.failure);
    expect(sandbox.order(uuid)).toMatchObject({ status: "SENT", bankIdRejections: [expect.any(Number)] });
    await sandbox.callbacksIdle();
    expect(sandbox.callbacks).toEqual([]);

    // The link stays usable: the customer can change their mind.
    expect((await postDecision(`${sandbox.url}/bankid/${uuid}`, "approve")).status).toBe(303);
    expect(sandbox.order(uuid)?.status).toBe("INVOICED");
  });

  it("sends a second Approve where the first went, without a second transition", async () => {
    const receiver = await callbackReceiverForTest();
    const sandbox = await sandboxForTest();
    const order = privateOrder(receiver.callbackUrl);
    const uuid = await submitted(sandbox, order);
    await postDecision(`${sandbox.url}/bankid/${uuid}`, "approve");
    const again = await postDecision(`${sandbox.url}/bankid/${uuid}`, "approve");

    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(order.callback.success);
    await sandbox.callbacksIdle();
    expect(sandbox.callbacks.map((attempt) => attempt.status)).toEqual(["INVOICED"]);
  });

  it("refuses decisions on orders that are no longer SENT, and unknown orders", async () => {
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, privateOrder());
    await connectApi(sandbox).cancel(uuid);

    const page = await fetch(`${sandbox.url}/bankid/${uuid}`);
    expect(await page.text()).toContain("This order is CANCELLED; there is nothing to confirm.");
    const refused = await postDecision(`${sandbox.url}/bankid/${uuid}`, "approve");
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(
      "This order is CANCELLED and can no longer be confirmed or rejected.",
    );
    expect((await postDecision(`${sandbox.url}/bankid/${uuid}`, "maybe")).status).toBe(400);
    expect((await fetch(`${sandbox.url}/bankid/ODR0000000000`)).status).toBe(404);
    expect((await fetch(`${sandbox.url}/bankid/%E0%A4%A`)).status).toBe(404);
  });
});

describe("Front Payment sandbox: lifecycle and callbacks", () => {
  it("calls back on every transition: INVOICED, then PAID with the payment method", async () => {
    const receiver = await callbackReceiverForTest();
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, privateOrder(receiver.callbackUrl));
    sandbox.approveBankId(uuid);
    const paid = sandbox.markPaid(uuid, { paymentMethod: "Visa" });
    expect(paid.status).toBe("PAID");

    const received = await receiver.received.waitForAll(() => true, { count: 2 });
    const verified = received.map((callback) => verifyCallback(callback.url, CALLBACK_SECRET));
    expect(verified).toEqual([
      { ok: true, notification: expect.objectContaining({ status: "INVOICED", paymentMethod: "invoice" }) },
      { ok: true, notification: expect.objectContaining({ status: "PAID", paymentMethod: "Visa" }) },
    ]);
    expect(sandbox.order(uuid)?.history.map((entry) => entry.status)).toEqual(["SENT", "INVOICED", "PAID"]);
    expect(await sandbox.waitForCallbacks({ orderUuid: uuid }, 2)).toEqual([
      expect.objectContaining({
        orderUuid: uuid,
        status: "INVOICED",
        attempt: 1,
        copy: 1,
        ok: true,
        willRetry: false,
      }),
      expect.objectContaining({
        orderUuid: uuid,
        status: "PAID",
        attempt: 1,
        copy: 1,
        ok: true,
        willRetry: false,
      }),
    ]);
  });

  it("tells onChange listeners of requests, status changes, BankID rejections and callback tries", async () => {
    const receiver = await callbackReceiverForTest();
    const sandbox = await sandboxForTest();
    const seen: string[] = [];
    const stop = sandbox.onChange(() => {
      seen.push(
        sandbox
          .orders()
          .map((order) => `${order.status}/${order.bankIdRejections.length}`)
          .join(),
      );
    });
    const uuid = await submitted(sandbox, privateOrder(receiver.callbackUrl));
    expect(seen).toEqual(["SENT/0"]);
    await postDecision(`${sandbox.url}/bankid/${uuid}`, "reject");
    expect(seen.at(-1)).toBe("SENT/1");
    sandbox.approveBankId(uuid);
    expect(seen.at(-1)).toBe("INVOICED/1");
    await sandbox.waitForCallback({ orderUuid: uuid, status: "INVOICED" });
    expect(seen).toHaveLength(4); // the callback try too
    stop();
    sandbox.markPaid(uuid);
    await sandbox.callbacksIdle();
    expect(seen).toHaveLength(4);
  });

  it("calls back INVOICED for a corporate order, which skips BankID", async () => {
    const receiver = await callbackReceiverForTest();
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, corporateOrder(receiver.callbackUrl));
    const attempt = await sandbox.waitForCallback({ orderUuid: uuid });
    expect(attempt).toMatchObject({ status: "INVOICED", ok: true });
    expect(verifyCallback(attempt.url, CALLBACK_SECRET).ok).toBe(true);
  });

  it("calls back CANCELLED after Cancel, and EXPIRED after expire", async () => {
    const receiver = await callbackReceiverForTest();
    const sandbox = await sandboxForTest();
    const cancelled = await submitted(sandbox, privateOrder(receiver.callbackUrl));
    const expired = await submitted(sandbox, privateOrder(receiver.callbackUrl));
    await connectApi(sandbox).cancel(cancelled);
    sandbox.expire(expired);

    await sandbox.waitForCallbacks({ ok: true }, 2);
    expect(sandbox.callbacks.map(({ orderUuid, status }) => [orderUuid, status])).toEqual(
      expect.arrayContaining([
        [cancelled, "CANCELLED"],
        [expired, "EXPIRED"],
      ]),
    );
    expect((await connectApi(sandbox).cancel(expired)).body.message).toBe("orderStatusAlreadyExpired");
  });

  it("can set statuses the lifecycle does not model, which still verify", async () => {
    const receiver = await callbackReceiverForTest();
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, corporateOrder(receiver.callbackUrl));
    sandbox.setStatus(uuid, "Purring");
    sandbox.markPaid(uuid);
    sandbox.setStatus(uuid, "PARTIAL REFUNDED");

    const attempts = await sandbox.waitForCallbacks({ orderUuid: uuid }, 4);
    expect(attempts.map((attempt) => attempt.status)).toEqual([
      "INVOICED",
      "Purring",
      "PAID",
      "PARTIAL REFUNDED",
    ]);
    for (const attempt of attempts) expect(verifyCallback(attempt.url, CALLBACK_SECRET).ok).toBe(true);
    expect((await connectApi(sandbox).status(uuid)).body.data).toMatchObject({ status: "PARTIAL REFUNDED" });
  });

  it("refuses transitions the lifecycle does not allow, naming the order and its status", async () => {
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, privateOrder());
    expect(() => sandbox.markPaid(uuid)).toThrow(
      new FrontPaymentSandboxError(
        "invalid_transition",
        `Order ${uuid} is SENT: only an INVOICED (or Purring, Inkasso) order can be paid.`,
      ),
    );
    sandbox.approveBankId(uuid);
    expect(() => sandbox.approveBankId(uuid)).toThrow(
      /is INVOICED: only a SENT order can be approved with BankID/,
    );
    expect(() => sandbox.expire(uuid)).toThrow(/only a SENT order can expire/);
    expect(() => sandbox.approveBankId("ODR0000000000")).toThrow(
      expect.objectContaining({
        code: "order_not_found",
        message: "There is no order ODR0000000000 in this sandbox.",
      }),
    );
  });

  it("includes a callback URL's own query parameters in the checksum", async () => {
    const receiver = await callbackReceiverForTest();
    const sandbox = await sandboxForTest();
    await submitted(sandbox, corporateOrder(`${receiver.callbackUrl}?order_identifier=rRbl1FWZG59o`));
    const [callback] = await receiver.received.waitForAll(() => true);
    const url = callback?.url ?? "";
    expect(paramsOf(url).slice(0, 2)).toEqual([
      ["order_identifier", "rRbl1FWZG59o"],
      ["orderUuid", expect.stringMatching(/^ODR/)],
    ]);
    expect(verifyCallback(url, CALLBACK_SECRET).ok).toBe(true);
  });

  it("records a callback it cannot sign, when the URL's own query repeats one of its parameters", async () => {
    const receiver = await callbackReceiverForTest();
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, corporateOrder(`${receiver.callbackUrl}?status=mine`));
    expect(sandbox.order(uuid)?.status).toBe("INVOICED");
    expect(await sandbox.waitForCallback({ orderUuid: uuid })).toMatchObject({
      ok: false,
      willRetry: false,
      outcome: {
        kind: "error",
        message: 'cannot sign the callback: signCallback: the parameter "status" is given twice',
      },
    });
    await sandbox.callbacksIdle();
    expect(receiver.received.entries).toEqual([]);
  });

  it("sends no callback for an order without a callbackUrl", async () => {
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, privateOrder());
    sandbox.approveBankId(uuid);
    await sandbox.callbacksIdle();
    expect(sandbox.callbacks).toEqual([]);
  });

  it("fails a wait that is never satisfied with a message, instead of hanging", async () => {
    const sandbox = await sandboxForTest();
    await expect(sandbox.waitForCallback({ status: "PAID" }, { timeoutMs: 20 })).rejects.toThrow(
      "Timed out after 20 ms waiting for 1 × a callback try (saw 0)",
    );
    await expect(sandbox.waitForRequest({ endpoint: "cancelOrder" }, { timeoutMs: 20 })).rejects.toThrow(
      "waiting for 1 × a Connect request",
    );
  });

  it("hands out copies, so a test cannot change the sandbox's state by accident", async () => {
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, privateOrder());
    const copy = sandbox.order(uuid);
    if (!copy) throw new Error("order missing");
    copy.status = "PAID";
    copy.history.push({ status: "PAID", at: 0 });
    expect(sandbox.order(uuid)).toMatchObject({ status: "SENT", history: [{ status: "SENT" }] });
  });
});
