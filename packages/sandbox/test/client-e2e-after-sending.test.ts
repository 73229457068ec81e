/**
 * @fakturabot/client end to end against the Front Payment sandbox, after an invoice is sent:
 * order details, all statuses, refunds (full, partial, over the limit, with their callbacks),
 * resends, invoice numbers and updates through `fpgoUuid`, over real HTTP on loopback.
 */
import {
  createFrontPaymentClient,
  FrontPaymentConflictError,
  FrontPaymentNetworkError,
  FrontPaymentNotFoundError,
  FrontPaymentServerError,
  FrontPaymentValidationError,
  isOutcomeUnknown,
  verifyCallback,
} from "@fakturabot/client";
import { type InvoiceOrderRequest, priceOrder } from "@fakturabot/schema";
import { describe, expect, it } from "vitest";
import type { FrontPaymentSandbox } from "../src/index.js";
import {
  CALLBACK_SECRET,
  callbackReceiverForTest,
  connectApi,
  corporateOrder,
  privateOrder,
  sandboxForTest,
  TOKEN,
} from "./frontpayment-fixtures.js";

function clientFor(sandbox: FrontPaymentSandbox) {
  return createFrontPaymentClient({
    token: TOKEN,
    baseUrl: sandbox.url,
    retry: { sleep: () => Promise.resolve() },
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

/** Two lines: 2 hours at 1250 (25 % VAT) and a 500 trip (0 %), 3000 in all. */
function twoLineOrder(base: InvoiceOrderRequest): InvoiceOrderRequest {
  const { products, orderSummary } = priceOrder([
    { name: "Konsulenttime", productId: "KT", quantity: 2, rate: 1250, tax: 25 },
    { name: "Reise", quantity: 1, rate: 500, tax: 0 },
  ]);
  return { ...base, products, orderSummary };
}

/** A paid two-line corporate order, its line ids, and a client. */
async function paidOrder(callbackUrl?: string) {
  const sandbox = await sandboxForTest();
  const client = clientFor(sandbox);
  const { orderUuid } = await client.submitInvoiceOrder(twoLineOrder(corporateOrder(callbackUrl)));
  sandbox.markPaid(orderUuid, { paymentMethod: "Visa" });
  const details = await client.getOrderDetails(orderUuid);
  const [hours, trip] = details.productList.map((line) => line.id);
  if (hours === undefined || trip === undefined) throw new Error("the order should have two lines");
  return { sandbox, client, orderUuid, hours, trip };
}

describe("getOrderDetails", () => {
  it("returns the stored order: lines with their ids, totals under the details' keys, the customer", async () => {
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);
    const order = twoLineOrder(corporateOrder());
    const { orderUuid, customerUuid } = await client.submitInvoiceOrder(order);
    const details = await client.getOrderDetails(orderUuid);
    expect(details).toEqual({
      type: "invoiced",
      orderUuid,
      invoiceNumber: sandbox.order(orderUuid)?.invoiceNumber,
      status: "INVOICED",
      orderDate: order.orderDate,
      paymentLinkDueDate: null,
      productList: [
        {
          id: expect.any(Number),
          name: "Konsulenttime",
          productId: "KT",
          quantity: 2,
          rate: 1250,
          discount: 0,
          tax: 25,
          amount: 2500,
        },
        {
          id: expect.any(Number),
          name: "Reise",
          productId: null,
          quantity: 1,
          rate: 500,
          discount: 0,
          tax: 0,
          amount: 500,
        },
      ],
      orderSummary: { subTotal: 2500, tax: 500, discount: 0, grandTotal: 3000 },
      customerDetails: {
        type: "corporate",
        uuid: customerUuid,
        countryCode: "+47",
        msisdn: "46567468",
        email: "post@example.no",
        name: "Eksempel AS",
        preferredLanguage: "no",
        personalNumber: null,
        organizationId: "923609016",
        address: order.customerDetails.address,
      },
    });
    const [first, second] = details.productList;
    expect(first?.id).not.toBe(second?.id);
    expect(sandbox.order(orderUuid)?.lineIds).toEqual([first?.id, second?.id]);
  });

  it("shows no invoice number while the private customer has not verified with BankID", async () => {
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);
    const { orderUuid } = await client.submitInvoiceOrder(privateOrder());
    expect(await client.getOrderDetails(orderUuid)).toMatchObject({
      status: "SENT",
      invoiceNumber: null,
      customerDetails: { type: "private", personalNumber: privateOrder().customerDetails.personalNumber },
    });
  });

  it("404 for an unknown order; an id that is not ODR + digits never reaches the sandbox", async () => {
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);
    expect(await failure(client.getOrderDetails("ODR0000000000"))).toBeInstanceOf(FrontPaymentNotFoundError);
    const local = await failure(client.getOrderDetails("CSRT3419523642"));
    expect(local).toBeInstanceOf(FrontPaymentValidationError);
    expect(local).toMatchObject({ origin: "local" });
    expect(sandbox.requests.map((request) => request.endpoint)).toEqual(["getOrderDetails"]);
  });
});

describe("getAllOrderStatuses", () => {
  it("is empty for an account without orders (the sandbox answers 404 'Order Not Found', as the demo did)", async () => {
    const sandbox = await sandboxForTest();
    expect(await clientFor(sandbox).getAllOrderStatuses()).toEqual([]);
    expect(sandbox.requests.map((request) => [request.endpoint, request.outcome])).toEqual([
      ["getAllOrderStatuses", { kind: "response", status: 404 }],
    ]);
    expect((await connectApi(sandbox).call("GET", "orders/status")).body).toEqual({
      status_code: 404,
      status_message: "Not Found",
      message: "Order Not Found",
      is_data: false,
      data: null,
    });
  });

  it("lists every order, and filters by status ignoring case, spaces included", async () => {
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);
    const sent = (await client.submitInvoiceOrder(privateOrder())).orderUuid;
    const paid = (await client.submitInvoiceOrder(twoLineOrder(corporateOrder()))).orderUuid;
    const invoiced = (await client.submitInvoiceOrder(corporateOrder())).orderUuid;
    sandbox.markPaid(paid);

    expect(await client.getAllOrderStatuses()).toEqual([
      { uuid: sent, status: "SENT" },
      { uuid: paid, status: "PAID" },
      { uuid: invoiced, status: "INVOICED" },
    ]);
    expect(await client.getAllOrderStatuses({ type: "Paid" })).toEqual([{ uuid: paid, status: "PAID" }]);
    expect(await client.getAllOrderStatuses({ type: "PARTIAL REFUNDED" })).toEqual([]);

    const [hours] = (await client.getOrderDetails(paid)).productList;
    await client.refundOrder(paid, {
      type: "invoiced",
      grandTotal: 100,
      products: [{ id: hours?.id ?? 0, amount: 100 }],
    });
    expect(await client.getAllOrderStatuses({ type: "PARTIAL REFUNDED" })).toEqual([
      { uuid: paid, status: "PARTIAL REFUNDED" },
    ]);
  });
});

describe("refundOrder", () => {
  it("refunds partly, then the rest: PAID → PARTIAL REFUNDED → REFUNDED, each with a signed callback", async () => {
    const receiver = await callbackReceiverForTest();
    const { sandbox, client, orderUuid, hours, trip } = await paidOrder(receiver.callbackUrl);

    await client.refundOrder(orderUuid, {
      type: "invoiced",
      grandTotal: 1250,
      products: [{ id: hours, amount: 1250 }],
    });
    expect(await client.getOrderStatus(orderUuid)).toEqual({
      uuid: orderUuid,
      status: "PARTIAL REFUNDED",
      orderAmount: 3000,
      refundedAmount: 1250,
    });

    await client.refundOrder(orderUuid, {
      type: "invoiced",
      grandTotal: "1750.00",
      products: [
        { id: hours, amount: 1250 },
        { id: trip, amount: "500" },
      ],
    });
    expect(await client.getOrderStatus(orderUuid)).toMatchObject({
      status: "REFUNDED",
      refundedAmount: 3000,
    });
    expect(sandbox.order(orderUuid)?.refunds.map((refund) => refund.request.grandTotal)).toEqual([
      1250,
      "1750.00",
    ]);
    expect(
      sandbox.requests.filter((request) => request.endpoint === "refundOrder").map((r) => r.effect),
    ).toEqual(["refunded", "refunded"]);

    const callbacks = await receiver.received.waitForAll(() => true, { count: 4 });
    expect(
      callbacks.map((callback) => {
        const verified = verifyCallback(callback.url, CALLBACK_SECRET, { maxAgeSeconds: 60 });
        return verified.ok ? verified.notification.status : verified.reason;
      }),
    ).toEqual(["INVOICED", "PAID", "PARTIAL REFUNDED", "REFUNDED"]);
    expect(await client.getInvoiceNumber(orderUuid)).toMatchObject({
      status: "REFUNDED",
      invoiceNumber: sandbox.order(orderUuid)?.invoiceNumber,
    });
  });

  it("never refunds more than a line's amount, nor a line the order does not have, nor a refunded order", async () => {
    const { sandbox, client, orderUuid, hours, trip } = await paidOrder();
    await client.refundOrder(orderUuid, {
      type: "invoiced",
      grandTotal: 400,
      products: [{ id: trip, amount: 400 }],
    });

    const refusals = [
      { grandTotal: 100.01, products: [{ id: trip, amount: 100.01 }] },
      { grandTotal: 2500.01, products: [{ id: hours, amount: 2500.01 }] },
      { grandTotal: 1, products: [{ id: hours + trip + 1, amount: 1 }] },
    ];
    const keys = [];
    for (const refusal of refusals) {
      const error = await failure(client.refundOrder(orderUuid, { type: "invoiced", ...refusal }));
      expect(error).toBeInstanceOf(FrontPaymentConflictError);
      keys.push((error as FrontPaymentConflictError).messageKey);
    }
    expect(keys).toEqual([
      "refundRejectionForProductAmountExceeded",
      "refundRejectionForProductAmountExceeded",
      "requestProductIdNotAvailable",
    ]);
    expect(sandbox.order(orderUuid)).toMatchObject({ status: "PARTIAL REFUNDED", refundedAmount: 400 });

    await client.refundOrder(orderUuid, {
      type: "invoiced",
      grandTotal: 2600,
      products: [
        { id: hours, amount: 2500 },
        { id: trip, amount: 100 },
      ],
    });
    const again = await failure(
      client.refundOrder(orderUuid, {
        type: "invoiced",
        grandTotal: 1,
        products: [{ id: hours, amount: 1 }],
      }),
    );
    expect(again).toMatchObject({
      status: 400,
      messageKey: "refundRejectionForRefundedCancelledInvoicedOrderParamRefunded",
    });
    expect(sandbox.order(orderUuid)).toMatchObject({ status: "REFUNDED", refundedAmount: 3000 });
  });

  it("never refunds more than was paid in total, even when the order's lines add up to more", async () => {
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);
    const order = corporateOrder();
    // The sandbox accepts totals that do not match the lines, as Front Payment documents no such rule.
    const { orderUuid } = await client.submitInvoiceOrder({
      ...order,
      orderSummary: { ...order.orderSummary, grandTotal: 30 },
    });
    sandbox.markPaid(orderUuid);
    const [line] = (await client.getOrderDetails(orderUuid)).productList;
    const error = await failure(
      client.refundOrder(orderUuid, {
        type: "invoiced",
        grandTotal: 40,
        products: [{ id: line?.id ?? 0, amount: 40 }],
      }),
    );
    expect(error).toMatchObject({ status: 400, messageKey: "refundRejectionForOrderAmountExceeded" });
    expect(sandbox.order(orderUuid)).toMatchObject({ status: "PAID", refundedAmount: 0 });
  });

  it("refuses an order that is not paid, and 404s an unknown one", async () => {
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);
    const { orderUuid } = await client.submitInvoiceOrder(corporateOrder());
    const [line] = (await client.getOrderDetails(orderUuid)).productList;
    const refund = {
      type: "invoiced",
      grandTotal: 40,
      products: [{ id: line?.id ?? 0, amount: 40 }],
    } as const;
    const notPaid = await failure(
      client.refundOrder(orderUuid, { ...refund, products: [...refund.products] }),
    );
    expect(notPaid).toMatchObject({
      status: 400,
      messageKey: "refundRejectionForRefundedCancelledInvoicedOrderParamRefunded",
    });
    const unknown = await failure(
      client.refundOrder("ODR0000000000", { ...refund, products: [...refund.products] }),
    );
    expect(unknown).toBeInstanceOf(FrontPaymentNotFoundError);
    expect(sandbox.order(orderUuid)?.refunds).toEqual([]);
  });

  it("the sandbox checks the body as the client does: 417 with Front Payment's words", async () => {
    const { sandbox, orderUuid, hours } = await paidOrder();
    const { status, body } = await connectApi(sandbox).call("POST", `orders/refund/${orderUuid}`, {
      type: "invoiced",
      grandTotal: 10,
      products: [{ id: hours, amount: 20 }],
    });
    expect(status).toBe(417);
    expect(body.errors).toEqual(["The grand total must be the sum of the products' amounts (20.00)."]);
  });

  it("a 500 is not retried and refunds nothing; a dropped answer after the refund leaves it made once", async () => {
    const { sandbox, client, orderUuid, trip } = await paidOrder();
    const refund = { type: "invoiced" as const, grandTotal: 500, products: [{ id: trip, amount: 500 }] };

    sandbox.failNext(500, { endpoint: "refundOrder" });
    expect(await failure(client.refundOrder(orderUuid, refund))).toBeInstanceOf(FrontPaymentServerError);
    expect(sandbox.order(orderUuid)?.refunds).toEqual([]);

    sandbox.failNext("drop", { endpoint: "refundOrder", processFirst: true });
    const lost = await failure(client.refundOrder(orderUuid, refund));
    expect(lost).toBeInstanceOf(FrontPaymentNetworkError);
    expect(isOutcomeUnknown(lost)).toBe(true);
    expect(sandbox.order(orderUuid)).toMatchObject({ status: "PARTIAL REFUNDED", refundedAmount: 500 });
    expect(
      sandbox.requests.filter((request) => request.endpoint === "refundOrder").map((r) => r.fault),
    ).toEqual([500, "drop"]);
  });
});

describe("resendOrder and getInvoiceNumber", () => {
  it("records where each resend went; refuses a PAID and a CANCELLED order", async () => {
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);
    const { orderUuid } = await client.submitInvoiceOrder(corporateOrder());
    await client.resendOrder(orderUuid, { countryCode: "+47", msisdn: "91234567" });
    await client.resendOrder(orderUuid, {
      email: "regnskap@example.no",
      countryCode: "+46",
      msisdn: "701234567",
    });
    expect(sandbox.order(orderUuid)?.resends).toEqual([
      { countryCode: "+47", msisdn: "91234567" },
      { email: "regnskap@example.no", countryCode: "+46", msisdn: "701234567" },
    ]);

    sandbox.markPaid(orderUuid);
    const paid = await failure(client.resendOrder(orderUuid, { email: "regnskap@example.no" }));
    expect(paid).toBeInstanceOf(FrontPaymentConflictError);
    expect(paid).toMatchObject({ status: 400, messageKey: "orderStatusAlreadyPaid" });

    const other = (await client.submitInvoiceOrder(corporateOrder())).orderUuid;
    await client.cancelOrder(other, "Wrong customer");
    const cancelled = await failure(client.resendOrder(other, { email: "regnskap@example.no" }));
    expect(cancelled).toMatchObject({ status: 400, messageKey: "orderStatusAlreadyCancelled" });
    expect(sandbox.order(orderUuid)?.resends).toHaveLength(2);
  });

  it("gives the invoice number only while the order is invoiced, paid or refunded", async () => {
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);
    const { orderUuid } = await client.submitInvoiceOrder(privateOrder());
    const numbers: (string | null)[] = [];
    const read = async () => numbers.push((await client.getInvoiceNumber(orderUuid)).invoiceNumber);
    await read();
    sandbox.approveBankId(orderUuid);
    await read();
    for (const status of ["Purring", "Inkasso", "PAID", "REFUNDED", "CANCELLED"]) {
      sandbox.setStatus(orderUuid, status);
      await read();
    }
    const issued = sandbox.order(orderUuid)?.invoiceNumber;
    expect(issued).toMatch(/^\d{8}$/);
    expect(numbers).toEqual([null, issued, issued, issued, issued, issued, null]);
  });
});

describe("submitInvoiceOrder with fpgoUuid: an update of the existing order", () => {
  it("replaces a SENT order's lines and totals, keeps its uuid, and answers like a create", async () => {
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);
    const created = await client.submitInvoiceOrder(privateOrder());
    const [oldLine] = (await client.getOrderDetails(created.orderUuid)).productList;

    const update = {
      ...twoLineOrder(privateOrder()),
      fpgoUuid: created.orderUuid,
      orderFrom: "PARTNER" as const,
    };
    expect(await client.submitInvoiceOrder(update)).toEqual(created);

    const details = await client.getOrderDetails(created.orderUuid);
    expect(details).toMatchObject({ status: "SENT", orderSummary: { grandTotal: 3000 } });
    expect(details.productList.map((line) => line.name)).toEqual(["Konsulenttime", "Reise"]);
    expect(details.productList.map((line) => line.id)).not.toContain(oldLine?.id);
    expect(await client.getOrderStatus(created.orderUuid)).toMatchObject({ orderAmount: 3000 });
    expect(sandbox.orders()).toHaveLength(1);
    expect(sandbox.requests.map((request) => request.effect)).toEqual([
      "created",
      null,
      "updated",
      null,
      null,
    ]);
  });

  it.each([
    ["INVOICED", "orderStatusAlreadyInvoiced", () => undefined],
    [
      "PAID",
      "orderStatusAlreadyPaid",
      (sandbox: FrontPaymentSandbox, uuid: string) => sandbox.markPaid(uuid),
    ],
  ])("refuses to update an order that is %s: 400 %s, the order unchanged", async (status, key, move) => {
    const sandbox = await sandboxForTest();
    const client = clientFor(sandbox);
    const { orderUuid } = await client.submitInvoiceOrder(corporateOrder());
    move(sandbox, orderUuid);
    const update = { ...twoLineOrder(corporateOrder()), fpgoUuid: orderUuid, orderFrom: "PARTNER" as const };
    const error = await failure(client.submitInvoiceOrder(update));
    expect(error).toBeInstanceOf(FrontPaymentConflictError);
    expect(error).toMatchObject({ status: 400, messageKey: key });
    expect(sandbox.order(orderUuid)).toMatchObject({ status, orderAmount: 40 });
  });
});
