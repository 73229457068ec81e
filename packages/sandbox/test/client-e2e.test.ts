/**
 * @fakturabot/client end to end against the Front Payment sandbox, over real HTTP on loopback:
 * every method, every error category from the sandbox's real answers, and "sent exactly once"
 * when the answer is lost.
 */
import {
  createFrontPaymentClient,
  FrontPaymentAuthenticationError,
  type FrontPaymentClientOptions,
  FrontPaymentConflictError,
  FrontPaymentNetworkError,
  FrontPaymentNotFoundError,
  FrontPaymentServerError,
  FrontPaymentTimeoutError,
  FrontPaymentValidationError,
  isOutcomeUnknown,
  verifyCallback,
} from "@fakturabot/client";
import { describe, expect, it } from "vitest";
import { listen } from "../src/http.js";
import type { FrontPaymentSandbox } from "../src/index.js";
import {
  CALLBACK_SECRET,
  callbackReceiverForTest,
  corporateOrder,
  privateOrder,
  sandboxForTest,
  TOKEN,
} from "./frontpayment-fixtures.js";

/** A client for the sandbox that retries without waiting (the backoff itself is the client's own test). */
function clientFor(sandbox: FrontPaymentSandbox, options: Partial<FrontPaymentClientOptions> = {}) {
  return createFrontPaymentClient({
    token: TOKEN,
    baseUrl: sandbox.url,
    ...options,
    retry: { sleep: () => Promise.resolve(), ...options.retry },
  });
}

/** What a call rejected with; fails the test if it resolved. */
async function failure(call: Promise<unknown>): Promise<unknown> {
  const outcome = await call.then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.resolved)}`);
  return outcome.error;
}

function submitsTo(sandbox: FrontPaymentSandbox) {
  return sandbox.requests.filter((request) => request.endpoint === "submitInvoiceOrder");
}

describe("client ↔ Front Payment sandbox: every method", () => {
  it("submits, follows, resends and cancels an order", async () => {
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);

    const created = await client.submitInvoiceOrder(privateOrder());
    const order = sandbox.order(created.orderUuid);
    expect(created).toEqual({
      orderUuid: expect.stringMatching(/^ODR\d{10}$/),
      customerUuid: order?.customerUuid,
      bankIdUrl: `${sandbox.url}/bankid/${created.orderUuid}`,
    });
    expect(await client.getOrderStatus(created.orderUuid)).toEqual({
      uuid: created.orderUuid,
      status: "SENT",
      orderAmount: 40,
      refundedAmount: 0,
    });
    expect(await client.getInvoiceNumber(created.orderUuid)).toEqual({
      orderUuid: created.orderUuid,
      invoiceNumber: null,
      status: "SENT",
    });

    await expect(
      client.resendOrder(created.orderUuid, { email: "kari@example.no" }),
    ).resolves.toBeUndefined();
    expect(sandbox.order(created.orderUuid)?.resends).toEqual([{ email: "kari@example.no" }]);

    await expect(
      client.cancelOrder(created.orderUuid, "Sent to the wrong customer"),
    ).resolves.toBeUndefined();
    expect(sandbox.order(created.orderUuid)).toMatchObject({
      status: "CANCELLED",
      cancellationNote: "Sent to the wrong customer",
    });
    expect(sandbox.requests.map((request) => [request.endpoint, request.outcome])).toEqual([
      ["submitInvoiceOrder", { kind: "response", status: 201 }],
      ["getOrderStatus", { kind: "response", status: 200 }],
      ["getInvoiceNumber", { kind: "response", status: 200 }],
      ["resendOrder", { kind: "response", status: 202 }],
      ["cancelOrder", { kind: "response", status: 202 }],
    ]);
  });

  it("goes through BankID, invoicing and payment, with callbacks that pass verifyCallback", async () => {
    const receiver = await callbackReceiverForTest();
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);
    const order = privateOrder(receiver.callbackUrl);

    const { orderUuid, bankIdUrl } = await client.submitInvoiceOrder(order);
    const approval = await fetch(bankIdUrl ?? "", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "decision=approve",
      redirect: "manual",
    });
    expect(approval.headers.get("location")).toBe(order.callback.success);

    const invoiceNumber = await client.getInvoiceNumber(orderUuid);
    expect(invoiceNumber).toEqual({
      orderUuid,
      invoiceNumber: expect.stringMatching(/^\d{8}$/),
      status: "INVOICED",
    });
    sandbox.markPaid(orderUuid, { paymentMethod: "Visa" });
    expect(await client.getOrderStatus(orderUuid)).toMatchObject({ status: "PAID" });

    const callbacks = await receiver.received.waitForAll(() => true, { count: 2 });
    expect(
      callbacks.map((callback) => verifyCallback(callback.url, CALLBACK_SECRET, { maxAgeSeconds: 60 })),
    ).toEqual([
      { ok: true, notification: expect.objectContaining({ orderUuid, status: "INVOICED", amount: "40.00" }) },
      {
        ok: true,
        notification: expect.objectContaining({ orderUuid, status: "PAID", paymentMethod: "Visa" }),
      },
    ]);
  });

  it("gets no BankID link for a corporate order, which is invoiced at once", async () => {
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);
    const { orderUuid, bankIdUrl } = await client.submitInvoiceOrder(corporateOrder());
    expect(bankIdUrl).toBeNull();
    expect(await client.getOrderStatus(orderUuid)).toMatchObject({ status: "INVOICED" });
  });
});

describe("client ↔ Front Payment sandbox: every error category from real answers", () => {
  it("417: Front Payment's own validation messages, when the account's VAT rates differ", async () => {
    const sandbox = await sandboxForTest({ taxRates: [0, 15] });
    const order = privateOrder();
    const line = { name: "Router", quantity: 1, rate: 40, tax: 25, amount: 40 };
    const error = await failure(clientFor(sandbox).submitInvoiceOrder({ ...order, products: [line] }));
    expect(error).toBeInstanceOf(FrontPaymentValidationError);
    expect(error).toMatchObject({
      status: 417,
      origin: "front_payment",
      messageKey: "payloadValidationErrors",
      messages: ["The products.0.tax must be one of the VAT rates 0, 15."],
    });
    expect(sandbox.orders()).toEqual([]);
  });

  it("400: a paid order cannot be cancelled, a cancelled one cannot be resent", async () => {
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);
    const paid = await client.submitInvoiceOrder(corporateOrder());
    sandbox.markPaid(paid.orderUuid);
    const conflict = await failure(client.cancelOrder(paid.orderUuid, "Too late"));
    expect(conflict).toBeInstanceOf(FrontPaymentConflictError);
    expect(conflict).toMatchObject({ status: 400, messageKey: "orderStatusAlreadyPaid" });

    const cancelled = await client.submitInvoiceOrder(corporateOrder());
    await client.cancelOrder(cancelled.orderUuid, "Wrong amount");
    const resend = await failure(client.resendOrder(cancelled.orderUuid, { email: "kari@example.no" }));
    expect(resend).toMatchObject({ status: 400, messageKey: "orderStatusAlreadyCancelled" });
  });

  it("404: unknown orders, in both of Front Payment's 404 shapes", async () => {
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);
    for (const call of [
      client.getOrderStatus("ODR0000000000"),
      client.getInvoiceNumber("ODR0000000000"),
      client.cancelOrder("ODR0000000000", "Unknown"),
      client.resendOrder("ODR0000000000", { countryCode: "+47", msisdn: "46567468" }),
    ]) {
      const error = await failure(call);
      expect(error).toBeInstanceOf(FrontPaymentNotFoundError);
      expect(error).toMatchObject({ status: 404, messageKey: "orderNotFound" });
    }
  });

  it("401: a token the sandbox does not accept, never retried", async () => {
    const sandbox = await sandboxForTest({ tokens: ["the-real-token"] });
    const error = await failure(clientFor(sandbox).getOrderStatus("ODR0000000000"));
    expect(error).toBeInstanceOf(FrontPaymentAuthenticationError);
    expect(error).toMatchObject({ status: 401 });
    expect(String(error)).not.toContain(TOKEN);
    expect(sandbox.requests).toHaveLength(1);
  });

  it.each([500, 510] as const)(
    "%s on submit: a server error, and the order was sent exactly once",
    async (kind) => {
      const sandbox = await sandboxForTest();
      sandbox.failNext(kind, { endpoint: "submitInvoiceOrder" });
      const error = await failure(clientFor(sandbox).submitInvoiceOrder(privateOrder()));
      expect(error).toBeInstanceOf(FrontPaymentServerError);
      expect(error).toMatchObject({ status: kind });
      expect(submitsTo(sandbox)).toEqual([expect.objectContaining({ fault: kind, effect: null })]);
      expect(sandbox.orders()).toEqual([]);
    },
  );

  it("500 on a read is retried, and the retry's answer returned", async () => {
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);
    const { orderUuid } = await client.submitInvoiceOrder(corporateOrder());
    sandbox.failNext(500, { endpoint: "getOrderStatus" });
    expect(await client.getOrderStatus(orderUuid)).toMatchObject({ status: "INVOICED" });
    expect(
      sandbox.requests.filter((request) => request.endpoint === "getOrderStatus").map((r) => r.outcome),
    ).toEqual([
      { kind: "response", status: 500 },
      { kind: "response", status: 200 },
    ]);
  });

  it("a read that keeps failing gives up after the client's retries", async () => {
    const sandbox = await sandboxForTest();
    sandbox.failNext(510, { endpoint: "getInvoiceNumber", times: 10 });
    const error = await failure(
      clientFor(sandbox, { retry: { maxRetries: 2 } }).getInvoiceNumber("ODR0000000000"),
    );
    expect(error).toBeInstanceOf(FrontPaymentServerError);
    expect(sandbox.requests).toHaveLength(3);
  });

  it.each([false, true])(
    "timeout on submit (order created first: %s): outcome unknown, sent exactly once",
    async (processFirst) => {
      const sandbox = await sandboxForTest();
      sandbox.failNext("timeout", { endpoint: "submitInvoiceOrder", processFirst });
      const error = await failure(clientFor(sandbox, { timeoutMs: 200 }).submitInvoiceOrder(privateOrder()));
      expect(error).toBeInstanceOf(FrontPaymentTimeoutError);
      expect(error).toMatchObject({ delivery: "unknown" });
      expect(isOutcomeUnknown(error)).toBe(true);
      expect(submitsTo(sandbox)).toEqual([
        expect.objectContaining({ fault: "timeout", outcome: { kind: "held" } }),
      ]);
      expect(sandbox.orders()).toHaveLength(processFirst ? 1 : 0);
    },
  );

  it.each([false, true])(
    "dropped connection on submit (order created first: %s): outcome unknown, sent exactly once",
    async (processFirst) => {
      const sandbox = await sandboxForTest();
      sandbox.failNext("drop", { endpoint: "submitInvoiceOrder", processFirst });
      const error = await failure(clientFor(sandbox).submitInvoiceOrder(privateOrder()));
      expect(error).toBeInstanceOf(FrontPaymentNetworkError);
      expect(error).toMatchObject({ delivery: "unknown" });
      expect(isOutcomeUnknown(error)).toBe(true);
      expect(submitsTo(sandbox)).toEqual([
        expect.objectContaining({ fault: "drop", outcome: { kind: "dropped" } }),
      ]);
      expect(sandbox.orders()).toHaveLength(processFirst ? 1 : 0);
    },
  );

  it.each([
    [500, false],
    [500, true],
    [510, false],
    [510, true],
  ] as const)(
    "%i on submit (order created first: %s): outcome unknown, sent exactly once",
    async (status, processFirst) => {
      const sandbox = await sandboxForTest();
      sandbox.failNext(status, { endpoint: "submitInvoiceOrder", processFirst });
      const error = await failure(clientFor(sandbox).submitInvoiceOrder(privateOrder()));
      expect(error).toBeInstanceOf(FrontPaymentServerError);
      expect(error).toMatchObject({ status });
      // A 5xx proves nothing about the order: Front Payment may have created it before failing.
      expect(isOutcomeUnknown(error)).toBe(true);
      expect((error as Error).message).toMatch(/may have been carried out: check before sending it again/);
      expect(submitsTo(sandbox).map((request) => request.outcome)).toEqual([{ kind: "response", status }]);
      expect(sandbox.orders()).toHaveLength(processFirst ? 1 : 0);
    },
  );

  it("latency longer than the client's timeout is a timeout", async () => {
    const sandbox = await sandboxForTest();
    sandbox.setLatency(60_000);
    const client = clientFor(sandbox, { timeoutMs: 100, retry: { maxRetries: 0 } });
    const error = await failure(client.getOrderStatus("ODR0000000000"));
    expect(error).toBeInstanceOf(FrontPaymentTimeoutError);
  });

  it("a sandbox that is not running: not sent, so safe to send again", async () => {
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);
    await sandbox.close();
    const error = await failure(client.submitInvoiceOrder(privateOrder()));
    expect(error).toBeInstanceOf(FrontPaymentNetworkError);
    expect(error).toMatchObject({ delivery: "not_sent" });
    expect(isOutcomeUnknown(error)).toBe(false);
  });
});

describe("client ↔ Front Payment sandbox: callbacks at a verifying receiver", () => {
  /** A receiver like the bot's: 200 for a callback that passes verifyCallback, 403 otherwise. */
  async function verifyingReceiver(secret: string) {
    const verdicts: boolean[] = [];
    const server = await listen((request, response) => {
      const verified = verifyCallback(request.url ?? "", secret, { maxAgeSeconds: 300 });
      verdicts.push(verified.ok);
      response.writeHead(verified.ok ? 200 : 403).end();
    });
    return {
      callbackUrl: `${server.url}/frontpayment/callback/FB-E2E-1`,
      verdicts,
      close: () => server.close(),
    };
  }

  it("duplicated and out-of-order callbacks all verify", async () => {
    const receiver = await verifyingReceiver(CALLBACK_SECRET);
    const sandbox = await sandboxForTest();
    try {
      const { orderUuid } = await clientFor(sandbox).submitInvoiceOrder(privateOrder(receiver.callbackUrl));
      sandbox.duplicateCallbacks(1);
      sandbox.holdCallbacks();
      sandbox.approveBankId(orderUuid);
      sandbox.markPaid(orderUuid);
      await sandbox.releaseCallbacks();

      expect(sandbox.callbacks.map(({ status, copy, ok }) => ({ status, copy, ok }))).toEqual([
        { status: "PAID", copy: 1, ok: true },
        { status: "INVOICED", copy: 2, ok: true },
        { status: "INVOICED", copy: 1, ok: true },
      ]);
      expect(receiver.verdicts).toEqual([true, true, true]);
    } finally {
      await receiver.close();
    }
  });

  it("a receiver with the wrong secret refuses every try, and the sandbox gives up on schedule", async () => {
    const receiver = await verifyingReceiver("not-the-callback-secret");
    const sandbox = await sandboxForTest({ callbackRetry: { attempts: 3, delaysMs: [1] } });
    try {
      await clientFor(sandbox).submitInvoiceOrder(corporateOrder(receiver.callbackUrl));
      await sandbox.callbacksIdle();
      expect(sandbox.callbacks.map(({ outcome, willRetry }) => ({ outcome, willRetry }))).toEqual([
        { outcome: { kind: "response", status: 403 }, willRetry: true },
        { outcome: { kind: "response", status: 403 }, willRetry: true },
        { outcome: { kind: "response", status: 403 }, willRetry: false },
      ]);
      expect(receiver.verdicts).toEqual([false, false, false]);
    } finally {
      await receiver.close();
    }
  });
});
