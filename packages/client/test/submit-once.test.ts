import { describe, expect, it } from "vitest";
import {
  FrontPaymentNetworkError,
  FrontPaymentRateLimitError,
  FrontPaymentResponseError,
  FrontPaymentServerError,
  FrontPaymentTimeoutError,
  isOutcomeUnknown,
} from "../src/index.js";
import {
  CREATED,
  clientWith,
  fetchFailed,
  json,
  ORDER,
  rejectionOf,
  type Step,
  socketClosed,
} from "./helpers.js";

/**
 * docs/front-payment.md §12: an order is created by every submit that reaches Front Payment. Under each fault
 * below the script holds a success after the fault, so a retry would show up as a second call.
 */
describe("submitInvoiceOrder reaches Front Payment at most once, whatever fails", () => {
  const faults: [string, Step, abstract new (...args: never[]) => Error, boolean][] = [
    ["connection closed after sending", { throws: socketClosed() }, FrontPaymentNetworkError, true],
    ["connection reset", { throws: fetchFailed("ECONNRESET") }, FrontPaymentNetworkError, true],
    ["broken pipe", { throws: fetchFailed("EPIPE") }, FrontPaymentNetworkError, true],
    [
      "headers timeout in undici",
      { throws: fetchFailed("UND_ERR_HEADERS_TIMEOUT") },
      FrontPaymentNetworkError,
      true,
    ],
    ["an error with no code at all", { throws: new Error("boom") }, FrontPaymentNetworkError, true],
    [
      "the body breaking after a 201",
      { status: 201, bodyBreaks: socketClosed("terminated") },
      FrontPaymentNetworkError,
      true,
    ],
    ["no answer before the timeout", { hang: true }, FrontPaymentTimeoutError, true],
    [
      "a 201 with an unreadable body",
      new Response("{not json", { status: 201 }),
      FrontPaymentResponseError,
      true,
    ],
    // A 5xx proves nothing about the order: Front Payment may have created it before failing.
    [
      "500",
      json(500, { message: "Internal Error Occurred Please Try Again Later" }),
      FrontPaymentServerError,
      true,
    ],
    ["502", new Response("Bad Gateway", { status: 502 }), FrontPaymentServerError, true],
    ["503 with Retry-After 0", json(503, {}, { "retry-after": "0" }), FrontPaymentServerError, true],
    ["504", new Response(null, { status: 504 }), FrontPaymentServerError, true],
    ["510", json(510, { message: "Something Went Wrong" }), FrontPaymentServerError, true],
    // Only refusals prove that no order exists.
    ["429 with Retry-After 0", json(429, {}, { "retry-after": "0" }), FrontPaymentRateLimitError, false],
  ];

  it.each(faults)("%s", async (_name, fault, kind, outcomeUnknown) => {
    const { client, calls, delays } = clientWith([fault, json(201, CREATED)], { timeoutMs: 50 });
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(calls).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error).toBeInstanceOf(kind);
    expect(isOutcomeUnknown(error)).toBe(outcomeUnknown);
  });

  it("says 'outcome unknown' in words when it may have been sent", async () => {
    const { client } = clientWith([{ hang: true }], { timeoutMs: 50 });
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(error).toMatchObject({ delivery: "unknown", timeoutMs: 50 });
    expect((error as Error).message).toBe(
      "Front Payment did not answer the order within 50 ms: whether it received it is unknown.",
    );
  });
});

describe("submitInvoiceOrder is retried only when it certainly never left", () => {
  it.each([
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "UND_ERR_CONNECT_TIMEOUT",
  ])("%s, then success: created once", async (code) => {
    const { client, calls, delays } = clientWith([{ throws: fetchFailed(code) }, json(201, CREATED)]);
    await expect(client.submitInvoiceOrder(ORDER)).resolves.toEqual(CREATED.data);
    expect(calls).toHaveLength(2);
    expect(delays).toHaveLength(1);
    // Both attempts carried the same order: the first one never reached anyone.
    expect(calls[0]?.body).toBe(calls[1]?.body);
  });

  it("refused every time: a 'not sent' error after the retries, safe to try again", async () => {
    const refused = { throws: fetchFailed("ECONNREFUSED") };
    const { client, calls } = clientWith([refused, refused, refused]);
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(calls).toHaveLength(3);
    expect(error).toBeInstanceOf(FrontPaymentNetworkError);
    expect(error).toMatchObject({ delivery: "not_sent" });
    expect(isOutcomeUnknown(error)).toBe(false);
    expect((error as Error).message).toBe(
      "Could not connect to Front Payment (ECONNREFUSED): the order was not sent.",
    );
  });

  it("refused, then lost after sending: stops there, outcome unknown", async () => {
    const { client, calls } = clientWith([
      { throws: fetchFailed("ECONNREFUSED") },
      { throws: socketClosed() },
      json(201, CREATED),
    ]);
    const error = await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(calls).toHaveLength(2);
    expect(isOutcomeUnknown(error)).toBe(true);
  });
});

describe("timeouts", () => {
  it("end an attempt whose fetch ignores its signal", async () => {
    const { client } = clientWith([{ hang: true }], { timeoutMs: 20 });
    await expect(client.submitInvoiceOrder(ORDER)).rejects.toBeInstanceOf(FrontPaymentTimeoutError);
  });

  it("abort the underlying fetch, so its connection is freed", async () => {
    const signals: AbortSignal[] = [];
    const { client } = clientWith([], {
      timeoutMs: 20,
      fetch: (request) => {
        signals.push(request.signal);
        return new Promise((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        );
      },
    });
    await expect(client.submitInvoiceOrder(ORDER)).rejects.toMatchObject({ delivery: "unknown" });
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
  });

  it("cover the body too: headers in time, then a stalled body", async () => {
    const stalled = new Response(new ReadableStream({ start() {} }), { status: 201 });
    const { client } = clientWith([stalled], { timeoutMs: 20 });
    await expect(client.submitInvoiceOrder(ORDER)).rejects.toBeInstanceOf(FrontPaymentTimeoutError);
  });

  it("leave no timer behind once an attempt is answered", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;
    const { client } = clientWith([json(201, CREATED), json(201, CREATED), json(201, CREATED)], {
      timeoutMs: 600_000,
    });
    const before = timers();
    for (let order = 0; order < 3; order++) await client.submitInvoiceOrder(ORDER);
    expect(timers()).toBe(before);
  });

  it("apply per attempt, and reads retry them", async () => {
    const { client, calls } = clientWith(
      [
        { hang: true },
        { hang: true },
        json(200, { ...CREATED, status_code: 200, data: { uuid: "ODR1", status: "PAID" } }),
      ],
      {
        timeoutMs: 20,
      },
    );
    await expect(client.getOrderStatus("ODR1")).resolves.toEqual({ uuid: "ODR1", status: "PAID" });
    expect(calls).toHaveLength(3);
  });
});
