import { describe, expect, it } from "vitest";
import {
  connectApi,
  corporateOrder,
  privateOrder,
  sandboxForTest,
  submitted,
  TOKEN,
} from "./frontpayment-fixtures.js";

describe("Front Payment sandbox: submit invoice order", () => {
  it("answers 201 with Front Payment's envelope, ODR/CSRT ids and a bankIdUrl to its own BankID page", async () => {
    const sandbox = await sandboxForTest();
    const { status, body } = await connectApi(sandbox).submit(privateOrder());

    expect(status).toBe(201);
    expect(body).toEqual({
      status_code: 201,
      status_message: "OK",
      message: "orderCreatedSuccessfully",
      is_data: true,
      data: {
        orderUuid: expect.stringMatching(/^ODR\d{10}$/),
        customerUuid: expect.stringMatching(/^CSRT\d{10}$/),
        bankIdUrl: expect.any(String),
      },
    });
    const { orderUuid, bankIdUrl } = body.data as { orderUuid: string; bankIdUrl: string };
    expect(bankIdUrl).toBe(`${sandbox.url}/bankid/${orderUuid}`);
    expect(sandbox.order(orderUuid)).toMatchObject({ status: "SENT", orderAmount: 40, invoiceNumber: null });
    expect(sandbox.requests).toEqual([
      expect.objectContaining({
        seq: 1,
        method: "POST",
        endpoint: "submitInvoiceOrder",
        orderUuid,
        effect: "created",
        fault: null,
        outcome: { kind: "response", status: 201 },
      }),
    ]);
  });

  it("gives every order and customer its own id", async () => {
    const sandbox = await sandboxForTest();
    const uuids = await Promise.all(Array.from({ length: 20 }, () => submitted(sandbox, privateOrder())));
    expect(new Set(uuids).size).toBe(20);
    expect(new Set(sandbox.orders().map((order) => order.customerUuid)).size).toBe(20);
  });

  it("sends corporate customers straight to INVOICED without a BankID link, by default", async () => {
    const sandbox = await sandboxForTest();
    const { status, body } = await connectApi(sandbox).submit(corporateOrder());
    expect(status).toBe(201);
    const data = body.data as { orderUuid: string; bankIdUrl: unknown };
    expect(data.bankIdUrl).toBeNull();
    expect(sandbox.order(data.orderUuid)?.status).toBe("INVOICED");
  });

  it("lets bankIdFor decide who verifies with BankID (the docs' revisions disagree)", async () => {
    const sandbox = await sandboxForTest({ bankIdFor: (customer) => customer.type === "corporate" });
    const privateUuid = await submitted(sandbox, privateOrder());
    const corporateUuid = await submitted(sandbox, corporateOrder());
    expect(sandbox.order(privateUuid)).toMatchObject({ status: "INVOICED", bankIdUrl: null });
    expect(sandbox.order(corporateUuid)).toMatchObject({ status: "SENT" });
  });

  it("leaves the link out of the submit answer with linkInSubmitAnswer: false, the order still waiting for BankID", async () => {
    const sandbox = await sandboxForTest({ linkInSubmitAnswer: false });
    const { status, body } = await connectApi(sandbox).submit(privateOrder());
    expect(status).toBe(201);
    const data = body.data as { orderUuid: string; bankIdUrl: unknown };
    expect(data.bankIdUrl).toBeNull();
    expect(sandbox.order(data.orderUuid)).toMatchObject({
      status: "SENT",
      bankIdUrl: `${sandbox.url}/bankid/${data.orderUuid}`,
    });
  });

  it("builds bankIdUrl on publicUrl when browsers reach the sandbox elsewhere", async () => {
    const sandbox = await sandboxForTest({ publicUrl: "https://fp.sandbox.example/" });
    const uuid = await submitted(sandbox, privateOrder());
    expect(sandbox.order(uuid)?.bankIdUrl).toBe(`https://fp.sandbox.example/bankid/${uuid}`);
  });

  describe("authentication", () => {
    it.each([
      ["no Authorization header", null, "The Authorization header with a bearer token is missing."],
      ["an unknown token", "not-the-token", "The bearer token is not valid."],
    ])("answers 401 to %s, creates nothing and never echoes the token", async (_case, token, reason) => {
      const sandbox = await sandboxForTest();
      const { status, body } = await connectApi(sandbox, token).submit(privateOrder());
      expect(status).toBe(401);
      expect(body).toEqual({
        status_code: 401,
        status_message: "Unauthorized",
        message: "unauthenticated",
        is_error: true,
        errors: [reason],
      });
      expect(JSON.stringify(body)).not.toContain("not-the-token");
      expect(sandbox.orders()).toEqual([]);
      expect(sandbox.requests[0]).toMatchObject({ effect: null, outcome: { kind: "response", status: 401 } });
    });

    it("answers 401 to a header that is not a bearer token", async () => {
      const sandbox = await sandboxForTest();
      const response = await fetch(`${sandbox.url}/api/v1/connect/orders/status/ODR1`, {
        headers: { authorization: `Basic ${TOKEN}` },
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        errors: ['The Authorization header must be "Bearer <token>".'],
      });
    });

    it("accepts exactly the configured tokens", async () => {
      const sandbox = await sandboxForTest({ tokens: ["token-a", "token-b"] });
      expect((await connectApi(sandbox, "token-b").submit(privateOrder())).status).toBe(201);
      expect((await connectApi(sandbox, TOKEN).submit(privateOrder())).status).toBe(401);
    });
  });

  describe("validation (417)", () => {
    it("lists readable Laravel-style messages for every problem, without quoting values", async () => {
      const sandbox = await sandboxForTest();
      const order = privateOrder();
      const { status, body } = await connectApi(sandbox).submit({
        ...order,
        products: [{ name: " ", quantity: true, rate: "4O", tax: 13 }],
        orderDate: "14.08.2025",
        invoiceFeeApplicable: "yes",
        customerDetails: {
          ...order.customerDetails,
          personalNumber: "2803871238",
          preferredLanguage: "fi",
          address: { ...order.customerDetails.address, country: "Norway" },
        },
      });

      expect(status).toBe(417);
      expect(body).toEqual({
        status_code: 417,
        status_message: "Client Error",
        message: "payloadValidationErrors",
        is_error: true,
        errors: [
          "The products.0.name field is required.",
          "The products.0.quantity must be a number.",
          'The products.0.rate must be a number, such as 40 or "40.50".',
          "The products.0.tax must be one of the VAT rates 0, 12, 15, 25.",
          "The products.0.amount field is required.",
          "The order date must be a Unix timestamp in seconds, as a string of digits.",
          "The invoice fee applicable field must be true or false.",
          "The customer details.preferred language must be one of en, no, sv, da, de.",
          "The customer details.address.country must be an ISO 3166-1 alpha-2 country code, such as NO.",
          "The customer details.personal number must be exactly 11 digits.",
        ],
      });
      expect(JSON.stringify(body)).not.toContain("2803871238");
      expect(sandbox.orders()).toEqual([]);
    });

    it("names missing objects and the customer type in the same style", async () => {
      const sandbox = await sandboxForTest();
      const { callback: _callback, ...withoutCallback } = privateOrder();
      const { body } = await connectApi(sandbox).submit({
        ...withoutCallback,
        products: [],
        customerDetails: { ...withoutCallback.customerDetails, type: "person" },
      });
      expect(body.errors).toEqual([
        "The products must have at least one product line.",
        "The callback field is required.",
        "The customer details.type must be private or corporate.",
      ]);
    });

    it("answers 417 to a body that is not JSON", async () => {
      const sandbox = await sandboxForTest();
      const { status, body } = await connectApi(sandbox).call("POST", "orders/invoice/submit", "{not json");
      expect(status).toBe(417);
      expect(body.errors).toEqual(["The request body must be a JSON object."]);
    });

    it("accepts the VAT rates the account is configured with", async () => {
      const sandbox = await sandboxForTest({ taxRates: [0, 14] });
      const order = privateOrder();
      const line = { ...order.products[0], name: "Fisk", tax: 14 };
      expect((await connectApi(sandbox).submit({ ...order, products: [line] })).status).toBe(201);
      const { status, body } = await connectApi(sandbox).submit({
        ...order,
        products: [{ ...line, tax: 25 }],
      });
      expect(status).toBe(417);
      expect(body.errors).toEqual(["The products.0.tax must be one of the VAT rates 0, 14."]);
    });
  });

  describe("fpgoUuid (updates an existing order)", () => {
    it("updates the named order instead of creating one", async () => {
      const sandbox = await sandboxForTest();
      const uuid = await submitted(sandbox, privateOrder());
      const update = { ...privateOrder(), orderSummary: { ...privateOrder().orderSummary, grandTotal: 50 } };
      const { status, body } = await connectApi(sandbox).submit({
        ...update,
        fpgoUuid: uuid,
        orderFrom: "PARTNER",
      });
      expect(status).toBe(201);
      expect(body.data).toMatchObject({ orderUuid: uuid });
      expect(sandbox.orders()).toHaveLength(1);
      expect(sandbox.order(uuid)?.orderAmount).toBe(50);
      expect(sandbox.requests.map((request) => request.effect)).toEqual(["created", "updated"]);
    });

    it("rejects an unknown fpgoUuid, and one without orderFrom", async () => {
      const sandbox = await sandboxForTest();
      const { status, body } = await connectApi(sandbox).submit({
        ...privateOrder(),
        fpgoUuid: "ODR0000000000",
      });
      expect(status).toBe(417);
      expect(body.errors).toEqual([
        "The order from field is required when fpgo uuid is present.",
        "The selected fpgo uuid is invalid.",
      ]);
      expect(sandbox.orders()).toEqual([]);
    });
  });
});

describe("Front Payment sandbox: order endpoints", () => {
  it("reports an order's status with its amount", async () => {
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, privateOrder());
    expect(await connectApi(sandbox).status(uuid)).toEqual({
      status: 200,
      body: {
        status_code: 200,
        status_message: "OK",
        message: "Order Status Retrieved Successfully",
        is_data: true,
        data: { uuid, status: "SENT", orderAmount: 40, refundedAmount: 0 },
      },
    });
  });

  it("answers 404 orderNotFound in each endpoint's documented shape", async () => {
    const sandbox = await sandboxForTest();
    const api = connectApi(sandbox);
    const notFound = { status_code: 404, status_message: "Not Found", message: "orderNotFound" };
    expect(await api.status("ODR0000000000")).toEqual({
      status: 404,
      body: { ...notFound, is_error: false, errors: null },
    });
    expect(await api.invoiceNumber("ODR0000000000")).toEqual({
      status: 404,
      body: { ...notFound, is_data: false, data: null },
    });
    expect((await api.cancel("ODR0000000000")).body).toMatchObject(notFound);
    expect((await api.resend("ODR0000000000")).body).toMatchObject(notFound);
  });

  it("shows the invoice number only once the order is invoiced, and not after it is cancelled", async () => {
    const sandbox = await sandboxForTest();
    const api = connectApi(sandbox);
    const uuid = await submitted(sandbox, privateOrder());
    expect((await api.invoiceNumber(uuid)).body).toEqual({
      status_code: 200,
      status_message: "OK",
      message: "orderInvoiceNoRetrievedSuccessfully",
      is_data: true,
      data: { orderUuid: uuid, invoiceNumber: null, status: "SENT" },
    });

    sandbox.approveBankId(uuid);
    const invoiced = await api.invoiceNumber(uuid);
    expect(invoiced.body.data).toEqual({
      orderUuid: uuid,
      invoiceNumber: expect.stringMatching(/^\d{8}$/),
      status: "INVOICED",
    });

    await api.cancel(uuid);
    expect((await api.invoiceNumber(uuid)).body.data).toEqual({
      orderUuid: uuid,
      invoiceNumber: null,
      status: "CANCELLED",
    });
  });

  it("cancels with 202, and refuses paid and cancelled orders with 400", async () => {
    const sandbox = await sandboxForTest();
    const api = connectApi(sandbox);
    const uuid = await submitted(sandbox, privateOrder());

    expect(await api.cancel(uuid, { cancellationNote: "Wrong customer" })).toEqual({
      status: 202,
      body: {
        status_code: 202,
        status_message: "OK",
        message: "cancelledOrderSuccessfully",
        is_data: false,
        data: null,
      },
    });
    expect(sandbox.order(uuid)).toMatchObject({ status: "CANCELLED", cancellationNote: "Wrong customer" });
    expect(await api.cancel(uuid)).toEqual({
      status: 400,
      body: {
        status_code: 400,
        status_message: "Conflict of Business Logic",
        message: "orderStatusAlreadyCancelled",
        is_error: true,
        errors: null,
      },
    });

    const paid = await submitted(sandbox, privateOrder());
    sandbox.approveBankId(paid);
    sandbox.markPaid(paid);
    const refused = await api.cancel(paid);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe("orderStatusAlreadyPaid");
    expect(sandbox.order(paid)?.status).toBe("PAID");
  });

  it("requires a cancellation note", async () => {
    const sandbox = await sandboxForTest();
    const uuid = await submitted(sandbox, privateOrder());
    const { status, body } = await connectApi(sandbox).cancel(uuid, {});
    expect(status).toBe(417);
    expect(body.errors).toEqual(["The cancellation note field is required."]);
    expect(sandbox.order(uuid)?.status).toBe("SENT");
  });

  it("resends with 202 and records where to", async () => {
    const sandbox = await sandboxForTest();
    const api = connectApi(sandbox);
    const uuid = await submitted(sandbox, privateOrder());
    expect(await api.resend(uuid, { countryCode: "+47", msisdn: "46567468" })).toEqual({
      status: 202,
      body: {
        status_code: 202,
        status_message: "OK",
        message: "resentOrderSuccessfully",
        is_data: true,
        data: null,
      },
    });
    expect(sandbox.order(uuid)?.resends).toEqual([{ countryCode: "+47", msisdn: "46567468" }]);

    const { status, body } = await api.resend(uuid, { msisdn: "46567468" });
    expect(status).toBe(417);
    expect(body.errors).toEqual(["Give an email, or a mobile number with its country code."]);

    await api.cancel(uuid);
    expect((await api.resend(uuid)).body.message).toBe("orderStatusAlreadyCancelled");
  });

  it("answers unknown paths 404 and wrong methods 405, as JSON", async () => {
    const sandbox = await sandboxForTest();
    const api = connectApi(sandbox);
    expect(await api.call("GET", "orders/reservation/ODR1")).toEqual({
      status: 404,
      body: {
        status_code: 404,
        status_message: "Not Found",
        message: "routeNotFound",
        is_error: true,
        errors: ["No endpoint GET /api/v1/connect/orders/reservation/ODR1."],
      },
    });
    const wrongMethod = await api.call("GET", "orders/invoice/submit");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.errors).toEqual([
      "/api/v1/connect/orders/invoice/submit does not support GET; use POST.",
    ]);
    expect(sandbox.requests.map((request) => request.endpoint)).toEqual([null, null]);
  });
});
