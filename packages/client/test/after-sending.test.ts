/** The methods for acting on a sent invoice: details, all statuses, refunds, and the order-id check. */
import type { RefundOrderRequest } from "@fakturabot/schema";
import { describe, expect, it } from "vitest";
import {
  FrontPaymentConflictError,
  type FrontPaymentMethods,
  FrontPaymentNotFoundError,
  FrontPaymentResponseError,
  FrontPaymentServerError,
  FrontPaymentValidationError,
  isOutcomeUnknown,
} from "../src/index.js";
import { ACCEPTED, BASE_URL, clientWith, fetchFailed, json, rejectionOf } from "./helpers.js";

const DETAILS = {
  status_code: 200,
  status_message: "OK",
  message: "orderRetrievedSuccessfully",
  is_data: true,
  data: {
    type: "invoiced",
    orderUuid: "ODR4286244937",
    invoiceNumber: "99900753",
    status: "PAID",
    orderDate: "1755150488",
    paymentLinkDueDate: null,
    productList: [
      {
        id: 1001,
        name: "Konsulenttime",
        productId: null,
        quantity: 7.5,
        rate: 1250,
        discount: 0,
        tax: 25,
        amount: 9375,
      },
      { id: 1002, name: "Reise", productId: "R_1", quantity: 1, rate: 500, discount: 0, tax: 0, amount: 500 },
    ],
    orderSummary: { subTotal: 8000, tax: 1875, discount: 0, grandTotal: 9875 },
    customerDetails: {
      type: "corporate",
      uuid: "CSRT3419523642",
      countryCode: "+47",
      msisdn: "46567468",
      email: "faktura@eksempel.no",
      name: "Eksempel AS",
      preferredLanguage: "no",
      personalNumber: null,
      organizationId: "923609016",
      address: { street: "Klosterenget 144", zip: "7030", city: "Trondheim", country: "NO" },
    },
  },
};

const STATUSES = {
  status_code: 200,
  status_message: "OK",
  message: "Order Status Retrieved Successfully",
  is_data: true,
  data: [
    { uuid: "ODR1", status: "PAID" },
    { uuid: "ODR2", status: "PARTIAL REFUNDED" },
  ],
};

const REFUNDED = { ...ACCEPTED, message: "orderRefundedSuccessfully", is_data: true };
const PARTIAL_REFUND: RefundOrderRequest = {
  type: "invoiced",
  grandTotal: 500,
  products: [{ id: 1002, amount: 500 }],
};

describe("getOrderDetails", () => {
  it("reads the order with its lines' ids", async () => {
    const { client, calls } = clientWith([json(200, DETAILS)]);
    await expect(client.getOrderDetails("ODR4286244937")).resolves.toEqual(DETAILS.data);
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      `GET ${BASE_URL}/api/v1/connect/orders/details/ODR4286244937`,
    ]);
  });

  it("an answer whose lines carry no id is a FrontPaymentResponseError naming the field", async () => {
    const lines = DETAILS.data.productList.map(({ id: _id, ...line }) => line);
    const { client } = clientWith([json(200, { ...DETAILS, data: { ...DETAILS.data, productList: lines } })]);
    const error = await rejectionOf(client.getOrderDetails("ODR4286244937"));
    expect(error).toBeInstanceOf(FrontPaymentResponseError);
    expect((error as FrontPaymentResponseError).problems).toEqual([
      "data.productList.0.id: Required",
      "data.productList.1.id: Required",
    ]);
    expect(isOutcomeUnknown(error)).toBe(false);
  });

  it("404 is FrontPaymentNotFoundError naming the order", async () => {
    const notFound = {
      status_code: 404,
      status_message: "Not Found",
      message: "orderNotFound",
      is_error: false,
      errors: null,
    };
    const { client } = clientWith([json(404, notFound)]);
    const error = await rejectionOf(client.getOrderDetails("ODR1"));
    expect(error).toBeInstanceOf(FrontPaymentNotFoundError);
    expect(String(error)).toContain("Front Payment has no order ODR1 (HTTP 404).");
  });
});

describe("getAllOrderStatuses", () => {
  it("lists every order, or those of one status, with the filter encoded", async () => {
    const { client, calls } = clientWith([
      json(200, STATUSES),
      json(200, { ...STATUSES, data: [STATUSES.data[1]] }),
    ]);
    await expect(client.getAllOrderStatuses()).resolves.toEqual(STATUSES.data);
    await expect(client.getAllOrderStatuses({ type: "PARTIAL REFUNDED" })).resolves.toEqual([
      STATUSES.data[1],
    ]);
    expect(calls.map((call) => call.url)).toEqual([
      `${BASE_URL}/api/v1/connect/orders/status`,
      `${BASE_URL}/api/v1/connect/orders/status?type=PARTIAL%20REFUNDED`,
    ]);
  });

  it.each([
    [
      "the demo's",
      {
        status_code: 404,
        status_message: "Not Found",
        message: "Order Not Found",
        is_data: false,
        data: null,
      },
    ],
    [
      "the newer",
      {
        status_code: 404,
        status_message: "Not Found",
        message: "orderNotFound",
        is_error: false,
        errors: null,
      },
    ],
  ])("is empty when Front Payment answers 404 in %s words: no orders", async (_, body) => {
    const { client, calls } = clientWith([json(404, body)]);
    await expect(client.getAllOrderStatuses({ type: "REFUNDED" })).resolves.toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it("another 404 (a wrong base URL) is still an error", async () => {
    const { client } = clientWith([json(404, { message: "routeNotFound" })]);
    const error = await rejectionOf(client.getAllOrderStatuses());
    expect(error).toBeInstanceOf(FrontPaymentNotFoundError);
    expect(String(error)).toContain("Front Payment found nothing for the list of orders (HTTP 404).");
  });

  it("is a read: a 500 is retried", async () => {
    const { client, calls } = clientWith([json(500, {}), json(200, STATUSES)]);
    await expect(client.getAllOrderStatuses()).resolves.toHaveLength(2);
    expect(calls).toHaveLength(2);
  });

  it("an empty filter is refused before sending", async () => {
    const { client, calls } = clientWith([]);
    const error = await rejectionOf(client.getAllOrderStatuses({ type: "  " }));
    expect(error).toBeInstanceOf(FrontPaymentValidationError);
    expect(error).toMatchObject({
      origin: "local",
      issues: [{ path: "type", message: "must not be empty" }],
    });
    expect(calls).toHaveLength(0);
  });
});

describe("refundOrder", () => {
  it("posts a partial refund per line and resolves on 202", async () => {
    const { client, calls } = clientWith([json(202, REFUNDED)]);
    await expect(client.refundOrder("ODR4286244937", PARTIAL_REFUND)).resolves.toBeUndefined();
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      `POST ${BASE_URL}/api/v1/connect/orders/refund/ODR4286244937`,
    ]);
    expect(JSON.parse(calls[0]?.body ?? "")).toEqual(PARTIAL_REFUND);
  });

  it("a refund whose total is not its lines' sum is refused before sending", async () => {
    const { client, calls } = clientWith([]);
    const error = await rejectionOf(
      client.refundOrder("ODR4286244937", { ...PARTIAL_REFUND, grandTotal: 50 }),
    );
    expect(error).toBeInstanceOf(FrontPaymentValidationError);
    expect(String(error)).toContain(
      "The refund of order ODR4286244937 is invalid and was not sent: grandTotal must be the sum of the products' amounts (500.00).",
    );
    expect(calls).toHaveLength(0);
  });

  it("is a write: a 500 is not retried, a connection never made is", async () => {
    const failed = clientWith([json(500, {})]);
    expect(await rejectionOf(failed.client.refundOrder("ODR1", PARTIAL_REFUND))).toBeInstanceOf(
      FrontPaymentServerError,
    );
    expect(failed.calls).toHaveLength(1);

    const refused = clientWith([{ throws: fetchFailed("ECONNREFUSED") }, json(202, REFUNDED)]);
    await expect(refused.client.refundOrder("ODR1", PARTIAL_REFUND)).resolves.toBeUndefined();
    expect(refused.calls).toHaveLength(2);
  });

  it("a lost answer leaves the outcome unknown, and is not sent again", async () => {
    const { client, calls } = clientWith([{ throws: fetchFailed("ECONNRESET") }]);
    const error = await rejectionOf(client.refundOrder("ODR1", PARTIAL_REFUND));
    expect(isOutcomeUnknown(error)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it("400 is FrontPaymentConflictError with Front Payment's key", async () => {
    const conflict = {
      status_code: 400,
      status_message: "Conflict of Business Logic",
      message: "refundRejectionForRefundedCancelledInvoicedOrderParamRefunded",
      is_error: true,
      errors: null,
    };
    const { client } = clientWith([json(400, conflict)]);
    const error = await rejectionOf(client.refundOrder("ODR1", PARTIAL_REFUND));
    expect(error).toBeInstanceOf(FrontPaymentConflictError);
    expect(error).toMatchObject({ status: 400, messageKey: conflict.message });
  });
});

describe("every method taking an order id checks it is ODR and digits before sending", () => {
  const calls: [string, (client: FrontPaymentMethods, orderUuid: string) => Promise<unknown>][] = [
    ["getOrderStatus", (client, uuid) => client.getOrderStatus(uuid)],
    ["getOrderDetails", (client, uuid) => client.getOrderDetails(uuid)],
    ["getInvoiceNumber", (client, uuid) => client.getInvoiceNumber(uuid)],
    ["cancelOrder", (client, uuid) => client.cancelOrder(uuid, "Sent by mistake")],
    ["resendOrder", (client, uuid) => client.resendOrder(uuid, { email: "kari@example.no" })],
    ["refundOrder", (client, uuid) => client.refundOrder(uuid, PARTIAL_REFUND)],
  ];

  it.each(calls)("%s refuses a customer id, a path, lower case, and nothing", async (_, call) => {
    const { client, calls: sent } = clientWith([]);
    for (const uuid of ["CSRT3419523642", "ODR1/../x?y", "odr4286244937", "ODR"]) {
      const error = await rejectionOf(call(client, uuid));
      expect(error, uuid).toBeInstanceOf(FrontPaymentValidationError);
      expect(error, uuid).toMatchObject({
        origin: "local",
        issues: [{ path: "orderUuid", message: "must be ODR followed by digits, such as ODR4286244937" }],
      });
      expect(String(error)).toContain(`order ${uuid} is invalid and was not sent`);
    }
    expect(await rejectionOf(call(client, " "))).toMatchObject({
      issues: [{ path: "orderUuid", message: "is required" }],
    });
    expect(sent).toHaveLength(0);
  });

  it("an id with spaces around it is sent trimmed", async () => {
    const { client, calls: sent } = clientWith([json(200, DETAILS)]);
    await client.getOrderDetails(" ODR4286244937\n");
    expect(sent[0]?.url).toBe(`${BASE_URL}/api/v1/connect/orders/details/ODR4286244937`);
  });
});
