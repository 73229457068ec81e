import { DEMO_BASE_URL } from "@fakturabot/schema";
import { describe, expect, it } from "vitest";
import {
  createFrontPaymentClient,
  FrontPaymentResponseError,
  FrontPaymentValidationError,
  isOutcomeUnknown,
  USER_AGENT,
  VERSION,
} from "../src/index.js";
import {
  ACCEPTED,
  BASE_URL,
  CREATED,
  CREATED_AS_RECORDED,
  clientWith,
  INVOICE_NUMBER,
  json,
  ORDER,
  rejectionOf,
  STATUS,
  scriptedFetch,
  TOKEN,
} from "./helpers.js";

describe("the methods", () => {
  it("submitInvoiceOrder posts the order and returns the created order's ids", async () => {
    const { client, calls } = clientWith([json(201, CREATED)]);
    await expect(client.submitInvoiceOrder(ORDER)).resolves.toEqual(CREATED.data);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.method).toBe("POST");
    expect(call?.url).toBe(`${BASE_URL}/api/v1/connect/orders/invoice/submit`);
    expect(call?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(call?.body ?? "")).toEqual(ORDER);
  });

  it("submitInvoiceOrder accepts an answer without a BankID link (straight to INVOICED)", async () => {
    const { bankIdUrl: _, ...withoutLink } = CREATED.data;
    const { client } = clientWith([json(201, { ...CREATED, data: withoutLink })]);
    await expect(client.submitInvoiceOrder(ORDER)).resolves.toEqual(withoutLink);
  });

  it("submitInvoiceOrder finds the BankID link in a recorded real answer, where it is paymentUrl", async () => {
    const { client } = clientWith([json(201, CREATED_AS_RECORDED)]);
    await expect(client.submitInvoiceOrder(ORDER)).resolves.toEqual({
      orderUuid: "ODR2005869234",
      customerUuid: "CSRT3672053467",
      bankIdUrl: "https://demo.frontpayment.no/checkout/ODR2005869234?lang=en",
    });
  });

  const LINK = "https://auth.current.bankid.no/precheck/auth?state=abc";
  const OTHER_LINK = "https://example.no/other";
  const ids = { orderUuid: "ODR1", customerUuid: "CSRT1" };
  it.each([
    ["bankIdVerificationUrl", { bankIdVerificationUrl: LINK }, LINK],
    ["url", { url: LINK }, LINK],
    ["a null bankIdUrl beside a paymentUrl", { bankIdUrl: null, paymentUrl: LINK }, LINK],
    ["bankIdUrl first, whatever else is there", { paymentUrl: OTHER_LINK, bankIdUrl: LINK }, LINK],
    ["the first of two other https URLs", { paymentUrl: LINK, url: OTHER_LINK }, LINK],
    ["a null bankIdUrl and no other link", { bankIdUrl: null, paymentUrl: "http://example.no/plain" }, null],
    [
      "only http, text and numbers",
      { paymentUrl: "http://example.no", note: "https:", amount: 5 },
      undefined,
    ],
  ])("submitInvoiceOrder normalises the link to bankIdUrl: %s", async (_name, extra, bankIdUrl) => {
    const { client } = clientWith([json(201, { ...CREATED, data: { ...ids, ...extra } })]);
    const data = await client.submitInvoiceOrder(ORDER);
    expect(data).toEqual(bankIdUrl === undefined ? ids : { ...ids, bankIdUrl });
    expect(Object.keys(data)).toEqual(
      bankIdUrl === undefined ? ["orderUuid", "customerUuid"] : ["orderUuid", "customerUuid", "bankIdUrl"],
    );
  });

  it("getOrderStatus reads the status, any status string included", async () => {
    const { client, calls } = clientWith([
      json(200, STATUS),
      json(200, { ...STATUS, data: { uuid: "ODR1", status: "Some New Status" } }),
    ]);
    await expect(client.getOrderStatus("ODR4286244937")).resolves.toEqual(STATUS.data);
    await expect(client.getOrderStatus("ODR1")).resolves.toEqual({ uuid: "ODR1", status: "Some New Status" });
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      `GET ${BASE_URL}/api/v1/connect/orders/status/ODR4286244937`,
      `GET ${BASE_URL}/api/v1/connect/orders/status/ODR1`,
    ]);
    expect(calls[0]?.body).toBe("");
  });

  it("cancelOrder posts the note and resolves on 202", async () => {
    const { client, calls } = clientWith([json(202, ACCEPTED)]);
    await expect(client.cancelOrder("ODR4286244937", "Sent by mistake")).resolves.toBeUndefined();
    expect(calls[0]?.url).toBe(`${BASE_URL}/api/v1/connect/orders/cancel/ODR4286244937`);
    expect(JSON.parse(calls[0]?.body ?? "")).toEqual({ cancellationNote: "Sent by mistake" });
  });

  it("resendOrder posts the contact details and resolves on 202", async () => {
    const { client, calls } = clientWith([
      json(202, { ...ACCEPTED, message: "resentOrderSuccessfully", is_data: true }),
    ]);
    const contact = { countryCode: "+47", msisdn: "46567468", email: "kari@example.no" };
    await expect(client.resendOrder("ODR4286244937", contact)).resolves.toBeUndefined();
    expect(calls[0]?.url).toBe(`${BASE_URL}/api/v1/connect/orders/resend/ODR4286244937`);
    expect(JSON.parse(calls[0]?.body ?? "")).toEqual(contact);
  });

  it("getInvoiceNumber reads the number, null before invoicing", async () => {
    const { client, calls } = clientWith([
      json(200, INVOICE_NUMBER),
      json(200, { ...INVOICE_NUMBER, data: { orderUuid: "ODR1", invoiceNumber: null, status: "SENT" } }),
    ]);
    await expect(client.getInvoiceNumber("ODR4286244937")).resolves.toEqual(INVOICE_NUMBER.data);
    await expect(client.getInvoiceNumber("ODR1")).resolves.toMatchObject({ invoiceNumber: null });
    expect(calls[0]?.url).toBe(`${BASE_URL}/api/v1/connect/orders/invoice-number/ODR4286244937`);
  });

  it("puts only an order id of ODR and digits in the path (see after-sending.test.ts)", async () => {
    const { client, calls } = clientWith([]);
    await expect(client.getOrderStatus("ODR1/../x?y")).rejects.toBeInstanceOf(FrontPaymentValidationError);
    expect(calls).toHaveLength(0);
  });
});

describe("every request", () => {
  it("carries the bearer token, asks for JSON, and has a User-Agent naming the package and version", async () => {
    const { client, calls } = clientWith([json(200, STATUS), json(201, CREATED)]);
    await client.getOrderStatus("ODR1");
    await client.submitInvoiceOrder(ORDER);
    for (const call of calls) {
      expect(call.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
      expect(call.headers.get("user-agent")).toBe(USER_AGENT);
      expect(call.headers.get("accept")).toBe("application/json");
    }
    expect(USER_AGENT).toContain(`fakturabot-client/${VERSION}`);
    expect(USER_AGENT).toContain("@fakturabot/client");
  });

  it("goes to the demo API unless told otherwise", async () => {
    const transport = scriptedFetch(json(200, STATUS));
    const client = createFrontPaymentClient({ token: TOKEN, fetch: transport.fetch });
    await client.getOrderStatus("ODR1");
    expect(transport.calls[0]?.url).toBe(`${DEMO_BASE_URL}/api/v1/connect/orders/status/ODR1`);
  });

  it("goes to the given base URL, with or without a trailing slash", async () => {
    const transport = scriptedFetch(json(200, STATUS));
    const client = createFrontPaymentClient({
      token: TOKEN,
      environment: "production",
      baseUrl: "https://api.example.no/",
      fetch: transport.fetch,
    });
    await client.getOrderStatus("ODR1");
    expect(transport.calls[0]?.url).toBe("https://api.example.no/api/v1/connect/orders/status/ODR1");
  });

  it("raw typed access goes through the same transport: auth, retries, typed network errors", async () => {
    const { client, calls, delays } = clientWith([json(503, {}), json(200, STATUS)]);
    const { data, response } = await client.GET("/api/v1/connect/orders/status/{orderUuid}", {
      params: { path: { orderUuid: "ODR1" } },
    });
    expect(response.status).toBe(200);
    expect(data?.data.status).toBe("PAID");
    expect(calls).toHaveLength(2);
    expect(delays).toHaveLength(1);
    expect(calls[1]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });
});

describe("creating a client", () => {
  it("requires a base URL for production, whose address Front Payment has not confirmed", () => {
    expect(() => createFrontPaymentClient({ token: TOKEN, environment: "production" })).toThrow(
      /give baseUrl for the production environment/,
    );
  });

  it.each([
    [{ token: "" }, /token is required/],
    [{ token: "   " }, /token is required/],
    [{ token: TOKEN, baseUrl: "not a url" }, /baseUrl must be an http or https URL/],
    [{ token: TOKEN, baseUrl: "ftp://fp.test" }, /baseUrl must be an http or https URL/],
    [{ token: TOKEN, environment: "staging" as "demo" }, /environment must be "demo" or "production"/],
    [{ token: TOKEN, timeoutMs: 0 }, /timeoutMs must be a positive number/],
    [{ token: TOKEN, retry: { maxRetries: -1 } }, /retry.maxRetries must be a number of at least 0/],
    [{ token: TOKEN, retry: { maxRetries: 1.5 } }, /retry.maxRetries must be a whole number/],
    [{ token: TOKEN, retry: { jitter: "none" as "full" } }, /retry.jitter must be "full" or "equal"/],
  ])("refuses bad options: %o", (options, message) => {
    expect(() => createFrontPaymentClient(options)).toThrow(message);
  });

  it("never repeats the token in a configuration error", () => {
    const error = rejectionOfSync(() =>
      createFrontPaymentClient({ token: TOKEN, environment: "production", timeoutMs: -1 }),
    );
    expect(String(error)).not.toContain(TOKEN);
  });
});

describe("request bodies are checked before sending", () => {
  it("an invalid order is a local validation error, and nothing is sent", async () => {
    const { client, calls } = clientWith([]);
    const order = {
      ...ORDER,
      products: [],
      customerDetails: { ...ORDER.customerDetails, personalNumber: "123" },
    };
    const error = await rejectionOf(client.submitInvoiceOrder(order));
    expect(calls).toHaveLength(0);
    expect(error).toBeInstanceOf(FrontPaymentValidationError);
    expect(error).toMatchObject({
      origin: "local",
      status: undefined,
      operation: "submitInvoiceOrder",
      issues: [
        { path: "products", message: "must have at least one product line" },
        { path: "customerDetails.personalNumber", message: "must be exactly 11 digits" },
      ],
      messages: [
        "products must have at least one product line",
        "customerDetails.personalNumber must be exactly 11 digits",
      ],
    });
    expect((error as Error).message).toBe(
      "The order is invalid and was not sent: products must have at least one product line; customerDetails.personalNumber must be exactly 11 digits.",
    );
    expect(isOutcomeUnknown(error)).toBe(false);
  });

  it("a missing field reads 'is required'", async () => {
    const { client } = clientWith([]);
    const { invoiceFeeApplicable: _, ...order } = ORDER;
    const error = await rejectionOf(client.submitInvoiceOrder(order as typeof ORDER));
    expect(error).toMatchObject({ messages: ["invoiceFeeApplicable is required"] });
  });

  it("VAT rates follow the account's configuration", async () => {
    const order = { ...ORDER, products: ORDER.products.map((line) => ({ ...line, tax: 10 })) };
    const strict = clientWith([]);
    await expect(strict.client.submitInvoiceOrder(order)).rejects.toThrow(
      /products.0.tax must be one of the VAT rates 0, 12, 15, 25/,
    );
    const configured = clientWith([json(201, CREATED)], { taxRates: [0, 10, 25] });
    await expect(configured.client.submitInvoiceOrder(order)).resolves.toEqual(CREATED.data);
  });

  it("cancel needs a note, resend needs somewhere to send, every order call an order id", async () => {
    const { client, calls } = clientWith([]);
    await expect(client.cancelOrder("ODR1", "  ")).rejects.toThrow(
      "The cancellation of order ODR1 is invalid and was not sent: cancellationNote is required.",
    );
    await expect(client.resendOrder("ODR1", {})).rejects.toThrow(
      "give an email, or a mobile number with its country code",
    );
    await expect(client.resendOrder("ODR1", { email: "not-an-email" })).rejects.toThrow(
      "email must be an email address",
    );
    await expect(client.getOrderStatus("")).rejects.toThrow(/orderUuid is required/);
    await expect(client.getInvoiceNumber(" ")).rejects.toThrow(/orderUuid is required/);
    await expect(client.cancelOrder("", "x")).rejects.toBeInstanceOf(FrontPaymentValidationError);
    expect(calls).toHaveLength(0);
  });
});

describe("answers are validated", () => {
  it.each([
    [
      "a body missing data.orderUuid",
      json(201, { ...CREATED, data: { customerUuid: "CSRT1" } }),
      /data.orderUuid: Required/,
    ],
    ["a body that is not JSON", new Response("<html>oops</html>", { status: 201 }), /the body is not JSON/],
    ["an empty body", new Response(null, { status: 201 }), /the body is empty/],
    ["a JSON null", json(201, null), /body: Expected object, received null/],
    [
      "a bankIdUrl that is not a URL",
      json(201, { ...CREATED, data: { ...CREATED.data, bankIdUrl: 42 } }),
      /data.bankIdUrl/,
    ],
  ])(
    "submit answered 2xx with %s is a FrontPaymentResponseError whose outcome is unknown",
    async (_name, answer, problem) => {
      const { client, calls } = clientWith([answer]);
      const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
      expect(error).toBeInstanceOf(FrontPaymentResponseError);
      expect((error as Error).message).toMatch(problem);
      expect((error as Error).message).toMatch(
        /It was probably carried out: check before sending it again\.$/,
      );
      expect(error).toMatchObject({ status: 201, operation: "submitInvoiceOrder", method: "POST" });
      expect(isOutcomeUnknown(error)).toBe(true);
      expect(calls).toHaveLength(1);
    },
  );

  it("a read answered with the wrong shape is a FrontPaymentResponseError, outcome irrelevant", async () => {
    const { client } = clientWith([json(200, { ...STATUS, data: { uuid: "ODR1" } })]);
    const error = await rejectionOf(client.getOrderStatus("ODR1"));
    expect(error).toBeInstanceOf(FrontPaymentResponseError);
    expect(error).toMatchObject({ problems: ["data.status: Required"], method: "GET" });
    expect((error as Error).message).toBe(
      "Front Payment answered the status request for order ODR1 with HTTP 200, but not as its API documents (data.status: Required).",
    );
    expect(isOutcomeUnknown(error)).toBe(false);
  });

  it("cancel answered 204 without a body is a FrontPaymentResponseError, not a crash", async () => {
    const { client } = clientWith([new Response(null, { status: 204 })]);
    await expect(client.cancelOrder("ODR1", "note")).rejects.toBeInstanceOf(FrontPaymentResponseError);
  });
});

function rejectionOfSync(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected it to throw");
}
