import { describe, expect, it, vi } from "vitest";
import {
  FrontPaymentAuthenticationError,
  FrontPaymentConflictError,
  FrontPaymentError,
  FrontPaymentNetworkError,
  FrontPaymentNotFoundError,
  FrontPaymentRateLimitError,
  FrontPaymentServerError,
  FrontPaymentTimeoutError,
  FrontPaymentValidationError,
  isOutcomeUnknown,
} from "../src/index.js";
import { clientWith, fetchFailed, json, ORDER, rejectionOf, socketClosed, TOKEN } from "./helpers.js";

describe("Front Payment's answers become typed errors", () => {
  it("417 is a validation error with Front Payment's messages", async () => {
    const body = {
      status_code: 417,
      status_message: "Client Error",
      message: "payloadValidationErrors",
      is_error: true,
      errors: [
        "The customer details.personal number must be 11 digits.",
        "The order date does not match the format.",
      ],
    };
    const { client } = clientWith([json(417, body)]);
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(error).toBeInstanceOf(FrontPaymentValidationError);
    expect(error).toBeInstanceOf(FrontPaymentError);
    expect(error).toMatchObject({
      name: "FrontPaymentValidationError",
      status: 417,
      messageKey: "payloadValidationErrors",
      errors: body.errors,
      messages: body.errors,
      origin: "front_payment",
      operation: "submitInvoiceOrder",
      method: "POST",
    });
    expect((error as FrontPaymentError).body).toEqual(body);
    expect((error as Error).message).toBe(
      "Front Payment rejected the order: The customer details.personal number must be 11 digits. The order date does not match the format.",
    );
  });

  it("417 with a message but no list still explains itself", async () => {
    const { client } = clientWith([json(417, { message: "payloadValidationErrors", errors: null })]);
    await expect(client.cancelOrder("ODR1", "note")).rejects.toThrow(
      "Front Payment rejected the cancellation of order ODR1 as invalid (HTTP 417).",
    );
  });

  it("417 with errors per field reads their sentences, never [object Object]", async () => {
    const errors = { personalNumber: ["must be 11 digits", { max: 11 }, null], "": "", orderDate: 17 };
    const { client } = clientWith([json(417, { message: "payloadValidationErrors", errors })]);
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(error).toMatchObject({ messages: ["must be 11 digits"], errors });
    expect((error as Error).message).toBe("Front Payment rejected the order: must be 11 digits");
  });

  it("417 with an empty list falls back to a readable message key", async () => {
    const { client } = clientWith([json(417, { message: "orderDateInvalid", errors: [] })]);
    await expect(client.submitInvoiceOrder(ORDER)).rejects.toThrow(
      "Front Payment rejected the order: order date invalid",
    );
  });

  it("400 is a conflict, its message key made readable", async () => {
    const { client } = clientWith([
      json(400, {
        status_code: 400,
        status_message: "Conflict of Business Logic",
        message: "orderStatusAlreadyPaid",
        is_error: true,
        errors: null,
      }),
    ]);
    const error = await rejectionOf(client.cancelOrder("ODR1", "Sent by mistake"));
    expect(error).toBeInstanceOf(FrontPaymentConflictError);
    expect(error).toMatchObject({
      status: 400,
      messageKey: "orderStatusAlreadyPaid",
      operation: "cancelOrder",
    });
    expect((error as Error).message).toBe(
      "Front Payment refused the cancellation of order ODR1: order status already paid (HTTP 400).",
    );
  });

  it.each([
    [
      "the newer error envelope",
      { status_code: 404, message: "orderNotFound", is_error: false, errors: null },
    ],
    ["the older data envelope", { status_code: 404, message: "Order Not Found", is_data: false, data: null }],
  ])("404 is not found, in %s", async (_name, body) => {
    const { client } = clientWith([json(404, body)]);
    const error = await rejectionOf(client.getOrderStatus("ODR404"));
    expect(error).toBeInstanceOf(FrontPaymentNotFoundError);
    expect(error).toMatchObject({ status: 404, messageKey: body.message });
    expect((error as Error).message).toBe("Front Payment has no order ODR404 (HTTP 404).");
  });

  it.each([
    [401, "Front Payment did not accept the API token for the order (HTTP 401): check the token."],
    [403, "Front Payment refused the order (HTTP 403): the API token is not allowed to do this."],
  ])("%i is an authentication error, whatever the body", async (status, message) => {
    const { client } = clientWith([new Response("Unauthorized", { status })]);
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(error).toBeInstanceOf(FrontPaymentAuthenticationError);
    expect(error).toMatchObject({ status, messageKey: undefined, body: "Unauthorized" });
    expect((error as Error).message).toBe(message);
  });

  it("429 is a rate-limit error with Front Payment's Retry-After", async () => {
    const { client, calls } = clientWith([
      json(429, { message: "Too Many Attempts." }, { "retry-after": "7" }),
    ]);
    const error = await rejectionOf(client.cancelOrder("ODR1", "note"));
    expect(error).toBeInstanceOf(FrontPaymentRateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 7 });
    expect((error as Error).message).toBe(
      "Front Payment is limiting the request rate and refused the cancellation of order ODR1 (HTTP 429); try again in 7 s.",
    );
    expect(calls).toHaveLength(1);
  });

  it.each([
    [
      500,
      {
        status_code: 500,
        status_message: "Internal Dependency Error",
        message: "Internal Error Occurred Please Try Again Later",
        is_error: true,
        errors: { happenedAt: "2025-08-14T06:28:08Z", internalErrorDetails: [] },
      },
      "Front Payment failed while handling the order (HTTP 500: Internal Error Occurred Please Try Again Later). It may have been carried out: check before sending it again.",
    ],
    [
      510,
      {
        status_code: 510,
        status_message: "Execution Exception Occurred",
        message: "Something Went Wrong",
        is_error: true,
        errors: "Array",
      },
      "Front Payment failed while handling the order (HTTP 510: Something Went Wrong). It may have been carried out: check before sending it again.",
    ],
    [
      502,
      "<html>Bad Gateway</html>",
      "Front Payment failed while handling the order (HTTP 502). It may have been carried out: check before sending it again.",
    ],
  ])("%i is a server error, whose outcome is unknown for a submit", async (status, body, message) => {
    const answer = typeof body === "string" ? new Response(body, { status }) : json(status, body);
    const { client } = clientWith([answer]);
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(error).toBeInstanceOf(FrontPaymentServerError);
    expect(error).toMatchObject({ status });
    expect((error as Error).message).toBe(message);
    expect(isOutcomeUnknown(error)).toBe(true);
  });

  it("a 5xx on a read changes nothing at Front Payment: its outcome is not unknown", async () => {
    const { client } = clientWith([json(500, { message: "x" })], { retry: { maxRetries: 0 } });
    const error = await rejectionOf(client.getOrderStatus("ODR1"));
    expect(error).toBeInstanceOf(FrontPaymentServerError);
    expect((error as Error).message).toBe(
      "Front Payment failed while handling the status request for order ODR1 (HTTP 500: x).",
    );
    expect(isOutcomeUnknown(error)).toBe(false);
  });

  it("a 5xx on cancel may have cancelled the order: outcome unknown", async () => {
    const { client, calls } = clientWith([json(510, { message: "Something Went Wrong" })]);
    const error = await rejectionOf(client.cancelOrder("ODR1", "note"));
    expect(isOutcomeUnknown(error)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 417, 422, 429])("%i proves the submit was refused", async (status) => {
    const { client } = clientWith([json(status, { message: "refused" })]);
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(error).toMatchObject({ status });
    expect(isOutcomeUnknown(error)).toBe(false);
  });

  it("500's errors object is kept", async () => {
    const errors = { happenedAt: "2025-08-14T06:28:08Z", internalErrorDetails: ["db"] };
    const { client } = clientWith([json(500, { message: "x", errors })], { retry: { maxRetries: 0 } });
    await expect(client.getOrderStatus("ODR1")).rejects.toMatchObject({ errors });
  });

  it("any other status is a plain FrontPaymentError", async () => {
    const { client } = clientWith([json(422, { message: "unprocessableEntity" })]);
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(error?.constructor).toBe(FrontPaymentError);
    expect((error as Error).message).toBe(
      "Front Payment answered the order with HTTP 422: unprocessable entity.",
    );
  });

  it.each([
    ["an empty body", new Response(null, { status: 417 })],
    ["a JSON array", json(417, [1, 2])],
    ["a number", json(417, 5)],
    ["errors of the wrong type", json(417, { message: 5, errors: 7 })],
  ])("never crashes on %s", async (_name, answer) => {
    const { client } = clientWith([answer]);
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(error).toBeInstanceOf(FrontPaymentValidationError);
    expect(error).toMatchObject({ messages: [] });
  });
});

describe("transport failures become typed errors", () => {
  it("a refused connection is a network error: not sent", async () => {
    const { client } = clientWith(
      [{ throws: fetchFailed("ECONNREFUSED", "connect ECONNREFUSED 10.0.0.1:443") }],
      {
        retry: { maxRetries: 0 },
      },
    );
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(error).toBeInstanceOf(FrontPaymentNetworkError);
    expect(error).toMatchObject({ delivery: "not_sent", code: "ECONNREFUSED", status: undefined });
    expect((error as Error).message).toBe(
      "Could not connect to Front Payment (ECONNREFUSED): the order was not sent.",
    );
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect(isOutcomeUnknown(error)).toBe(false);
  });

  it("a connection closed after sending is a network error: outcome unknown", async () => {
    const { client } = clientWith([{ throws: socketClosed() }]);
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(error).toBeInstanceOf(FrontPaymentNetworkError);
    expect(error).toMatchObject({ delivery: "unknown", code: "UND_ERR_SOCKET" });
    expect((error as Error).message).toBe(
      "The connection to Front Payment failed (UND_ERR_SOCKET) after the order was sent: whether Front Payment received it is unknown.",
    );
    expect(isOutcomeUnknown(error)).toBe(true);
  });

  it("an error without any code counts as outcome unknown", async () => {
    const { client } = clientWith([{ throws: new TypeError("fetch failed") }]);
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(error).toMatchObject({ delivery: "unknown", code: undefined });
    expect((error as Error).message).toMatch(/failed \(fetch failed\) after the order was sent/);
  });

  it("undici's connect timeout is a timeout error: not sent", async () => {
    const { client } = clientWith(
      [{ throws: fetchFailed("UND_ERR_CONNECT_TIMEOUT", "Connect Timeout Error") }],
      {
        retry: { maxRetries: 0 },
      },
    );
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(error).toBeInstanceOf(FrontPaymentTimeoutError);
    expect(error).toMatchObject({ delivery: "not_sent" });
    expect((error as Error).message).toBe(
      "Could not connect to Front Payment in time (UND_ERR_CONNECT_TIMEOUT): the order was not sent.",
    );
  });

  it("an AggregateError where every address refused is not sent; a mix with a reset is unknown", async () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: "ECONNREFUSED" });
    const allRefused = new TypeError("fetch failed", {
      cause: new AggregateError([refused("::1"), refused("127.0.0.1")], "connect failed"),
    });
    const mixed = new TypeError("fetch failed", {
      cause: new AggregateError([refused("::1"), Object.assign(new Error("reset"), { code: "ECONNRESET" })]),
    });
    const { client } = clientWith([{ throws: allRefused }, { throws: mixed }], { retry: { maxRetries: 0 } });
    await expect(client.submitInvoiceOrder(ORDER)).rejects.toMatchObject({ delivery: "not_sent" });
    await expect(client.submitInvoiceOrder(ORDER)).rejects.toMatchObject({ delivery: "unknown" });
  });

  // This list decides whether an invoice may be sent again, so every code is pinned down.
  it.each([
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EAI_NONAME",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "EHOSTDOWN",
    "ENETDOWN",
    "EADDRNOTAVAIL",
    "CERT_HAS_EXPIRED",
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "ERR_TLS_CERT_ALTNAME_INVALID",
  ])("%s is not sent", async (code) => {
    const { client } = clientWith([{ throws: fetchFailed(code) }], { retry: { maxRetries: 0 } });
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(error).toBeInstanceOf(FrontPaymentNetworkError);
    expect(error).toMatchObject({ delivery: "not_sent", code });
  });

  it.each(["UND_ERR_CONNECT_TIMEOUT", "ERR_SOCKET_CONNECTION_TIMEOUT"])(
    "%s is a connect timeout: not sent",
    async (code) => {
      const { client } = clientWith([{ throws: fetchFailed(code) }], { retry: { maxRetries: 0 } });
      const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
      expect(error).toBeInstanceOf(FrontPaymentTimeoutError);
      expect(error).toMatchObject({ delivery: "not_sent" });
    },
  );

  it("a cyclic cause chain is still a network error, not a stack overflow", async () => {
    const looped = Object.assign(new TypeError("fetch failed"), { code: "ECONNREFUSED" });
    looped.cause = looped;
    const { client } = clientWith([{ throws: looped }], { retry: { maxRetries: 0 } });
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(error).toBeInstanceOf(FrontPaymentNetworkError);
    expect(error).toMatchObject({ delivery: "not_sent", code: "ECONNREFUSED" });
  });

  it.each(["ECONNRESET", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET", "UND_ERR_HEADERS_TIMEOUT"])(
    "%s is outcome unknown",
    async (code) => {
      const { client } = clientWith([{ throws: fetchFailed(code) }]);
      await expect(client.submitInvoiceOrder(ORDER)).rejects.toMatchObject({ delivery: "unknown", code });
    },
  );

  it("a body that breaks after the headers is outcome unknown", async () => {
    const { client } = clientWith([{ status: 201, bodyBreaks: socketClosed("terminated") }]);
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(error).toBeInstanceOf(FrontPaymentNetworkError);
    expect(error).toMatchObject({ delivery: "unknown", code: "UND_ERR_SOCKET" });
  });

  it("the caller's own abort is passed through as it is, not retried", async () => {
    const { client, calls } = clientWith([{ hang: true }]);
    const controller = new AbortController();
    const reason = new Error("the user gave up");
    const pending = client.GET("/api/v1/connect/orders/status/{orderUuid}", {
      params: { path: { orderUuid: "ODR1" } },
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(calls).toHaveLength(1);
  });
});

describe("secrets and personal data stay out of messages and logs", () => {
  const PERSONAL_NUMBER = "28038712383";

  it("the token appears in no error message and no log line, whatever fails", async () => {
    const { client, lines } = clientWith([
      json(401, { message: "unauthenticated" }),
      { throws: fetchFailed("ECONNREFUSED") },
      { throws: fetchFailed("ECONNREFUSED") },
      { throws: fetchFailed("ECONNREFUSED") },
      { throws: socketClosed() },
      json(503, {}),
      json(503, {}),
      json(503, {}),
    ]);
    const errors = [
      await rejectionOf(client.submitInvoiceOrder(ORDER)),
      await rejectionOf(client.submitInvoiceOrder(ORDER)),
      await rejectionOf(client.submitInvoiceOrder(ORDER)),
      await rejectionOf(client.getOrderStatus("ODR1")),
    ];
    for (const error of errors) {
      expect((error as Error).message).not.toContain(TOKEN);
      expect(JSON.stringify(error)).not.toContain(TOKEN);
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
    expect(JSON.stringify(lines)).not.toContain("Bearer");
  });

  it("personal numbers in Front Payment's messages are masked, and bodies are never logged", async () => {
    const { client, lines } = clientWith([
      json(417, {
        message: "payloadValidationErrors",
        errors: [`The personal number ${PERSONAL_NUMBER} is not registered.`],
      }),
    ]);
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect((error as Error).message).toBe(
      "Front Payment rejected the order: The personal number 280387***** is not registered.",
    );
    expect(error).toMatchObject({ messages: ["The personal number 280387***** is not registered."] });
    expect(JSON.stringify(error)).not.toContain(PERSONAL_NUMBER);
    expect(JSON.stringify(lines)).not.toContain(PERSONAL_NUMBER);
    // The raw body stays reachable for code that needs it, but off the enumerable fields loggers serialise.
    expect(JSON.stringify((error as FrontPaymentError).body)).toContain(PERSONAL_NUMBER);
  });

  it("the order's body is not logged on the way out either", async () => {
    const { client, lines } = clientWith([json(201, { status_code: 201 })]);
    await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(JSON.stringify(lines)).not.toContain(ORDER.customerDetails.personalNumber);
  });
});

describe("what each error says about itself", () => {
  it.each([
    [400, "FrontPaymentConflictError"],
    [401, "FrontPaymentAuthenticationError"],
    [404, "FrontPaymentNotFoundError"],
    [429, "FrontPaymentRateLimitError"],
    [503, "FrontPaymentServerError"],
    [422, "FrontPaymentError"],
  ])("HTTP %i is a %s by name, without a cause", async (status, name) => {
    const { client } = clientWith([json(status, {})]);
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(error).toMatchObject({ name });
    expect(Object.hasOwn(error as object, "cause")).toBe(false);
  });

  it("a 2xx answer of the wrong shape is a FrontPaymentResponseError by name", async () => {
    const { client } = clientWith([json(200, { data: 5 })]);
    await expect(client.getOrderStatus("ODR1")).rejects.toMatchObject({ name: "FrontPaymentResponseError" });
  });

  it("400 without a message, 404 without an order and 429 without Retry-After still read well", async () => {
    const { client } = clientWith([json(400, {}), json(404, {}), json(429, {})]);
    await expect(client.submitInvoiceOrder(ORDER)).rejects.toThrow(
      "Front Payment refused the order: a business rule forbids it (HTTP 400).",
    );
    await expect(client.submitInvoiceOrder(ORDER)).rejects.toThrow(
      "Front Payment found nothing for the order (HTTP 404).",
    );
    const limited = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect((limited as Error).message).toBe(
      "Front Payment is limiting the request rate and refused the order (HTTP 429).",
    );
    expect(limited).toMatchObject({ retryAfterSeconds: undefined });
  });

  it.each([
    ["Order alreadyPaid", "Order alreadyPaid"],
    ["alreadyPaid today", "alreadyPaid today"],
    ["orderStatusAlreadyPaid", "order status already paid"],
  ])("reads the message key %j as %j", async (messageKey, detail) => {
    const { client } = clientWith([json(400, { message: messageKey })]);
    await expect(client.submitInvoiceOrder(ORDER)).rejects.toThrow(
      `refused the order: ${detail} (HTTP 400).`,
    );
  });

  it("a raw call is named after its method and path", async () => {
    const { client } = clientWith([{ throws: socketClosed() }], { retry: { maxRetries: 0 } });
    const error = await rejectionOf(
      client.GET("/api/v1/connect/orders/status/{orderUuid}", { params: { path: { orderUuid: "ODR1" } } }),
    );
    expect(error).toMatchObject({ operation: "GET /api/v1/connect/orders/status/ODR1", method: "GET" });
    expect((error as Error).message).toContain(
      "after the request GET /api/v1/connect/orders/status/ODR1 was sent",
    );
  });

  it("a connect timeout among refusals is a timeout; beside a reset it is outcome unknown", async () => {
    const failure = (...codes: string[]) =>
      new TypeError("fetch failed", {
        cause: new AggregateError(codes.map((code) => Object.assign(new Error(code), { code }))),
      });
    const { client } = clientWith(
      [
        { throws: failure("ECONNREFUSED", "UND_ERR_CONNECT_TIMEOUT") },
        { throws: failure("ECONNRESET", "UND_ERR_CONNECT_TIMEOUT") },
      ],
      { retry: { maxRetries: 0 } },
    );
    const timedOut = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(timedOut).toBeInstanceOf(FrontPaymentTimeoutError);
    expect(timedOut).toMatchObject({ delivery: "not_sent" });
    const lost = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(lost).toBeInstanceOf(FrontPaymentNetworkError);
    expect(lost).toMatchObject({ delivery: "unknown", code: "ECONNRESET" });
  });

  it("an AggregateError that contains itself is still a network error", async () => {
    const looped = new AggregateError([], "connect failed");
    looped.errors.push(looped, Object.assign(new Error("refused"), { code: "ECONNREFUSED" }));
    const { client } = clientWith([{ throws: new TypeError("fetch failed", { cause: looped }) }], {
      retry: { maxRetries: 0 },
    });
    await expect(client.submitInvoiceOrder(ORDER)).rejects.toMatchObject({ delivery: "not_sent" });
  });

  it.each([
    [20, "within 20 ms"],
    [1000, "within 1 s"],
  ])("a timeout of %i ms reads %j", async (timeoutMs, words) => {
    const { client } = clientWith([{ hang: true }], { timeoutMs });
    await expect(client.submitInvoiceOrder(ORDER)).rejects.toThrow(words);
  });

  it("a signal aborted before the call ends it at once, with its reason", async () => {
    const { client } = clientWith([{ hang: true }], { timeoutMs: 600_000 });
    const reason = new Error("already gone");
    const pending = client.GET("/api/v1/connect/orders/status/{orderUuid}", {
      params: { path: { orderUuid: "ODR1" } },
      signal: AbortSignal.abort(reason),
    });
    await expect(pending).rejects.toBe(reason);
  });
});
