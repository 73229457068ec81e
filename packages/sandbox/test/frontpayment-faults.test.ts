import { verifyCallback } from "@fakturabot/client";
import { describe, expect, it } from "vitest";
import { listen } from "../src/http.js";
import type { FrontPaymentSandboxOrder } from "../src/index.js";
import {
  CALLBACK_SECRET,
  callbackReceiverForTest,
  connectApi,
  control,
  corporateOrder,
  privateOrder,
  sandboxForTest,
  submitted,
  TOKEN,
} from "./frontpayment-fixtures.js";

/** A raw request to the Connect API that may fail, with how it failed. */
async function attempt(url: string, init: RequestInit = {}) {
  try {
    const response = await fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${TOKEN}`, ...init.headers },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  } catch (error) {
    return { error: error instanceof Error ? error.name : String(error) };
  }
}

function submitRaw(sandboxUrl: string, signal?: AbortSignal) {
  return attempt(`${sandboxUrl}/api/v1/connect/orders/invoice/submit`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(privateOrder()),
    ...(signal && { signal }),
  });
}

/**
 * A submission whose client gives up (a timeout) once the sandbox holds it: a fixed client
 * timeout could run out before a busy machine's sandbox had read the request at all.
 */
async function submitGivingUpOnceHeld(sandbox: Awaited<ReturnType<typeof sandboxForTest>>) {
  const giveUp = new AbortController();
  const answer = submitRaw(sandbox.url, giveUp.signal);
  await sandbox.waitForRequest((request) => request.outcome.kind === "held");
  giveUp.abort(new DOMException("The client gave up", "TimeoutError"));
  return await answer;
}

describe("Front Payment sandbox: API faults", () => {
  it("setLatency holds every answer back, so a client with a shorter timeout gives up", async () => {
    const sandbox = await sandboxForTest();
    sandbox.setLatency(60_000);
    expect(await submitRaw(sandbox.url, AbortSignal.timeout(100))).toEqual({ error: "TimeoutError" });

    sandbox.setLatency(0);
    expect(await submitRaw(sandbox.url, AbortSignal.timeout(5_000))).toMatchObject({ status: 201 });
    expect(sandbox.faults().latencyMs).toBe(0);
  });

  it.each([
    [
      429,
      {
        status_code: 429,
        status_message: "Too Many Requests",
        message: "tooManyRequests",
        is_error: true,
        errors: [],
      },
    ],
    [
      500,
      {
        status_code: 500,
        status_message: "Internal Dependency Error",
        message: "Internal Error Occurred Please Try Again Later",
        is_error: true,
        errors: { happenedAt: "2025-08-14T06:28:08.000Z", internalErrorDetails: [] },
      },
    ],
    [
      510,
      {
        status_code: 510,
        status_message: "Execution Exception Occurred",
        message: "Something Went Wrong",
        is_error: true,
        errors: [],
      },
    ],
  ] as const)("failNext(%s) answers the seed's body once, before anything happens", async (kind, body) => {
    const sandbox = await sandboxForTest({ clock: () => Date.UTC(2025, 7, 14, 6, 28, 8) });
    sandbox.failNext(kind);

    expect(await submitRaw(sandbox.url)).toEqual({ status: kind, body });
    expect(sandbox.orders()).toEqual([]);
    expect(await submitRaw(sandbox.url)).toMatchObject({ status: 201 });
    expect(sandbox.requests.map(({ fault, effect, outcome }) => ({ fault, effect, outcome }))).toEqual([
      { fault: kind, effect: null, outcome: { kind: "response", status: kind } },
      { fault: null, effect: "created", outcome: { kind: "response", status: 201 } },
    ]);
  });

  it("a 429 tells the client when to try again", async () => {
    const sandbox = await sandboxForTest();
    sandbox.failNext(429);
    const response = await fetch(`${sandbox.url}/api/v1/connect/orders/status/ODR1234567890`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
  });

  it("latency for one endpoint leaves the others alone", async () => {
    const sandbox = await sandboxForTest();
    sandbox.setLatency(60_000, { endpoint: "submitInvoiceOrder" });
    const status = await fetch(`${sandbox.url}/api/v1/connect/orders/status/ODR1234567890`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(status.status).toBe(404);
    expect(await submitRaw(sandbox.url, AbortSignal.timeout(200))).toEqual({ error: "TimeoutError" });
    expect(sandbox.orders()).toEqual([]);
  });

  it("failNext(500, { processFirst }) creates the order and still answers 500", async () => {
    const sandbox = await sandboxForTest();
    sandbox.failNext(500, { processFirst: true });
    expect(await submitRaw(sandbox.url)).toMatchObject({ status: 500 });
    expect(sandbox.orders()).toHaveLength(1);
    expect(sandbox.requests[0]).toMatchObject({ effect: "created", fault: 500 });
  });

  it("failNext('timeout') holds the response until the client gives up", async () => {
    const sandbox = await sandboxForTest();
    sandbox.failNext("timeout");
    expect(await submitGivingUpOnceHeld(sandbox)).toEqual({ error: "TimeoutError" });
    expect(sandbox.requests).toEqual([
      expect.objectContaining({
        endpoint: "submitInvoiceOrder",
        effect: null,
        fault: "timeout",
        outcome: { kind: "held" },
      }),
    ]);
    expect(sandbox.orders()).toEqual([]);
  });

  it("failNext('timeout', { processFirst }) creates the order the client never hears about", async () => {
    const sandbox = await sandboxForTest();
    sandbox.failNext("timeout", { processFirst: true });
    expect(await submitGivingUpOnceHeld(sandbox)).toEqual({ error: "TimeoutError" });
    const [order] = sandbox.orders();
    expect(sandbox.requests[0]).toMatchObject({
      effect: "created",
      orderUuid: order?.uuid,
      outcome: { kind: "held" },
    });
  });

  it.each([false, true])(
    "failNext('drop', { processFirst: %s }) closes the connection without an answer",
    async (processFirst) => {
      const sandbox = await sandboxForTest();
      sandbox.failNext("drop", { processFirst });
      expect(await submitRaw(sandbox.url)).toEqual({ error: "TypeError" });
      expect(sandbox.requests[0]).toMatchObject({
        fault: "drop",
        effect: processFirst ? "created" : null,
        outcome: { kind: "dropped" },
      });
      expect(sandbox.orders()).toHaveLength(processFirst ? 1 : 0);
    },
  );

  it("aims a fault at one endpoint, for a number of requests", async () => {
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, privateOrder());
    sandbox.failNext(510, { endpoint: "getOrderStatus", times: 2 });
    const api = connectApi(sandbox);

    expect((await api.invoiceNumber(uuid)).status).toBe(200);
    expect((await api.status(uuid)).status).toBe(510);
    expect((await api.status(uuid)).status).toBe(510);
    expect((await api.status(uuid)).status).toBe(200);
  });

  it("clearFaults removes latency and pending faults", async () => {
    const sandbox = await sandboxForTest();
    sandbox.setLatency(60_000);
    sandbox.failNext("drop");
    sandbox.duplicateCallbacks(3);
    sandbox.clearFaults();
    expect(sandbox.faults()).toMatchObject({ latencyMs: 0, pending: [], duplicateCallbacksLeft: 0 });
    expect(await submitRaw(sandbox.url)).toMatchObject({ status: 201 });
  });

  it("rejects controls it cannot carry out", async () => {
    const sandbox = await sandboxForTest();
    // @ts-expect-error: not a fault kind
    expect(() => sandbox.failNext(503)).toThrow(
      "Unknown fault 503; use one of 429, 500, 510, timeout, drop.",
    );
    expect(() => sandbox.failNext(429, { processFirst: true })).toThrow(
      "A 429 refuses the request: it cannot be carried out first.",
    );
    expect(() => sandbox.setLatency(-1)).toThrow("latency must be a whole number ≥ 0");
    expect(() => sandbox.setCallbackRetry({ attempts: 0, delaysMs: [] })).toThrow(
      "callbackRetry.attempts must be at least 1",
    );
  });
});

describe("Front Payment sandbox: callback faults", () => {
  it("retries a failing receiver on its schedule until it answers 2xx", async () => {
    const receiver = await callbackReceiverForTest({ failFirst: 2, failWith: 503 });
    const sandbox = await sandboxForTest({ callbackRetry: { attempts: 4, delaysMs: [1, 2] } });
    const uuid = await submitted(sandbox, corporateOrder(receiver.callbackUrl));

    const attempts = await sandbox.waitForCallbacks({ orderUuid: uuid }, 3);
    expect(
      attempts.map(({ attempt, outcome, ok, willRetry }) => ({ attempt, outcome, ok, willRetry })),
    ).toEqual([
      { attempt: 1, outcome: { kind: "response", status: 503 }, ok: false, willRetry: true },
      { attempt: 2, outcome: { kind: "response", status: 503 }, ok: false, willRetry: true },
      { attempt: 3, outcome: { kind: "response", status: 200 }, ok: true, willRetry: false },
    ]);
    expect(new Set(receiver.received.entries.map((callback) => callback.url)).size).toBe(1);
    await sandbox.callbacksIdle();
    expect(sandbox.callbacks).toHaveLength(3);
  });

  it("gives up after the last try", async () => {
    const receiver = await callbackReceiverForTest({ failFirst: 100, failWith: 500 });
    const sandbox = await sandboxForTest({ callbackRetry: { attempts: 2, delaysMs: [1] } });
    await submitted(sandbox, corporateOrder(receiver.callbackUrl));
    await sandbox.callbacksIdle();
    expect(sandbox.callbacks.map(({ attempt, ok, willRetry }) => ({ attempt, ok, willRetry }))).toEqual([
      { attempt: 1, ok: false, willRetry: true },
      { attempt: 2, ok: false, willRetry: false },
    ]);
    expect(receiver.received.entries).toHaveLength(2);
  });

  it("counts a refused connection as a failed try", async () => {
    const receiver = await callbackReceiverForTest();
    await receiver.close();
    const sandbox = await sandboxForTest({ callbackRetry: { attempts: 1, delaysMs: [] } });
    await submitted(sandbox, corporateOrder(receiver.callbackUrl));
    const failed = await sandbox.waitForCallback({ ok: false });
    expect(failed.outcome).toEqual({ kind: "error", message: expect.stringContaining("fetch failed") });
  });

  it("never makes an API response wait for a callback; a receiver that hangs is a failed try", async () => {
    const hanging = await listen(() => {});
    const sandbox = await sandboxForTest({
      callbackRetry: { attempts: 1, delaysMs: [] },
      callbackTimeoutMs: 100,
    });
    try {
      const uuid = await submitted(sandbox, corporateOrder(`${hanging.url}/callback`));
      expect(sandbox.order(uuid)?.status).toBe("INVOICED");
      const failed = await sandbox.waitForCallback({ orderUuid: uuid });
      expect(failed).toMatchObject({ ok: false, outcome: { kind: "error", message: "no response in time" } });
    } finally {
      await hanging.close();
    }
  });

  it("setCallbackRetry changes the schedule for later deliveries", async () => {
    const receiver = await callbackReceiverForTest({ failFirst: 100 });
    const sandbox = await sandboxForTest();
    sandbox.setCallbackRetry({ attempts: 1, delaysMs: [] });
    await submitted(sandbox, corporateOrder(receiver.callbackUrl));
    await sandbox.callbacksIdle();
    expect(sandbox.callbacks).toHaveLength(1);
    expect(sandbox.faults().callbackRetry).toEqual({ attempts: 1, delaysMs: [] });
  });

  it("duplicateCallbacks delivers the next callbacks twice, identically", async () => {
    const receiver = await callbackReceiverForTest();
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, privateOrder(receiver.callbackUrl));
    sandbox.duplicateCallbacks(1);
    sandbox.approveBankId(uuid);
    sandbox.markPaid(uuid);

    const attempts = await sandbox.waitForCallbacks({ orderUuid: uuid }, 3);
    expect(attempts.map(({ status, copy, notificationId }) => ({ status, copy, notificationId }))).toEqual([
      { status: "INVOICED", copy: 1, notificationId: 1 },
      { status: "INVOICED", copy: 2, notificationId: 1 },
      { status: "PAID", copy: 1, notificationId: 2 },
    ]);
    const [first, second] = receiver.received.entries;
    expect(second?.url).toBe(first?.url);
    expect(verifyCallback(second?.url ?? "", CALLBACK_SECRET).ok).toBe(true);
  });

  it("holdCallbacks and releaseCallbacks deliver callbacks out of order, newest first", async () => {
    const receiver = await callbackReceiverForTest();
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, privateOrder(receiver.callbackUrl));
    sandbox.holdCallbacks();
    sandbox.approveBankId(uuid);
    sandbox.markPaid(uuid, { paymentMethod: "Vipps" });
    await sandbox.callbacksIdle();
    expect(receiver.received.entries).toEqual([]);
    expect(sandbox.faults()).toMatchObject({ holdingCallbacks: true, heldCallbacks: 2 });

    expect(await sandbox.releaseCallbacks()).toBe(2);
    const statuses = receiver.received.entries.map((callback) =>
      verifyCallback(callback.url, CALLBACK_SECRET),
    );
    expect(statuses).toEqual([
      { ok: true, notification: expect.objectContaining({ status: "PAID", paymentMethod: "Vipps" }) },
      { ok: true, notification: expect.objectContaining({ status: "INVOICED" }) },
    ]);
    expect(sandbox.faults()).toMatchObject({ holdingCallbacks: false, heldCallbacks: 0 });
  });

  it("releaseCallbacks('as-held') keeps their order", async () => {
    const receiver = await callbackReceiverForTest();
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, privateOrder(receiver.callbackUrl));
    sandbox.holdCallbacks();
    sandbox.approveBankId(uuid);
    sandbox.markPaid(uuid);
    await sandbox.releaseCallbacks("as-held");
    expect(sandbox.callbacks.map((callback) => callback.status)).toEqual(["INVOICED", "PAID"]);
  });
});

describe("Front Payment sandbox: controls over HTTP", () => {
  it("drives the lifecycle and shows state under /_sandbox", async () => {
    const receiver = await callbackReceiverForTest();
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, privateOrder(receiver.callbackUrl));

    const approved = await control<FrontPaymentSandboxOrder>(sandbox, "POST", `orders/${uuid}/approve`);
    expect(approved).toMatchObject({ status: 200, body: { uuid, status: "INVOICED" } });
    const paid = await control<FrontPaymentSandboxOrder>(sandbox, "POST", `orders/${uuid}/pay`, {
      paymentMethod: "Visa",
    });
    expect(paid.body).toMatchObject({ status: "PAID", paymentMethod: "Visa" });
    expect(await control(sandbox, "POST", `orders/${uuid}/pay`)).toEqual({
      status: 409,
      body: { error: `Order ${uuid} is PAID: only an INVOICED (or Purring, Inkasso) order can be paid.` },
    });
    expect((await control(sandbox, "GET", "orders/ODR0000000000")).status).toBe(404);

    await control(sandbox, "GET", "callbacks/idle");
    const state = await control<{ orders: unknown[]; requests: unknown[]; callbacks: unknown[] }>(
      sandbox,
      "GET",
      "state",
    );
    expect(state.body.orders).toEqual([expect.objectContaining({ uuid, status: "PAID" })]);
    expect(state.body.requests).toHaveLength(1);
    expect(state.body.callbacks).toEqual([
      expect.objectContaining({ status: "INVOICED", ok: true }),
      expect.objectContaining({ status: "PAID", ok: true }),
    ]);
  });

  it("sets faults and callback faults", async () => {
    const receiver = await callbackReceiverForTest();
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, privateOrder(receiver.callbackUrl));

    await control(sandbox, "POST", "faults/fail-next", { kind: "510", endpoint: "getOrderStatus" });
    expect((await connectApi(sandbox).status(uuid)).status).toBe(510);
    await control(sandbox, "POST", "faults/latency", { ms: 5 });
    await control(sandbox, "POST", "callbacks/retry", { attempts: 2, delaysMs: [1] });
    await control(sandbox, "POST", "callbacks/duplicate", { count: 1 });
    const faults = await control(sandbox, "GET", "faults");
    expect(faults.body).toMatchObject({
      latencyMs: 5,
      duplicateCallbacksLeft: 1,
      callbackRetry: { attempts: 2, delaysMs: [1] },
    });

    await control(sandbox, "POST", "callbacks/hold");
    await control(sandbox, "POST", `orders/${uuid}/expire`);
    expect(await control(sandbox, "POST", "callbacks/release", { order: "as-held" })).toEqual({
      status: 200,
      body: { released: 2 },
    });
    expect(receiver.received.entries.map((callback) => callback.url.includes("status=EXPIRED"))).toEqual([
      true,
      true,
    ]);

    expect((await control(sandbox, "POST", "faults/clear")).body).toMatchObject({ latencyMs: 0 });
  });

  it("answers bad control requests with the reason", async () => {
    const sandbox = await sandboxForTest();
    expect(await control(sandbox, "POST", "faults/fail-next", { kind: "boom" })).toEqual({
      status: 400,
      body: { error: "kind must be one of 429, 500, 510, timeout, drop." },
    });
    expect(await control(sandbox, "POST", "faults/latency", { ms: "slow" })).toEqual({
      status: 400,
      body: { error: "ms must be a number." },
    });
    expect((await control(sandbox, "POST", "faults/latency", { ms: -5 })).body).toEqual({
      error: "latency must be a whole number ≥ 0",
    });
    expect((await control(sandbox, "GET", "faults/latency")).status).toBe(405);
    expect((await control(sandbox, "GET", "orders/%E0%A4%A")).status).toBe(404);
    expect(await control(sandbox, "GET", "nothing-here")).toEqual({
      status: 404,
      body: { error: "There is no control GET /_sandbox/nothing-here." },
    });
  });
});
