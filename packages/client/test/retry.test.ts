import { describe, expect, it } from "vitest";
import {
  createFrontPaymentClient,
  DEFAULT_RETRY,
  FrontPaymentAuthenticationError,
  FrontPaymentConflictError,
  FrontPaymentNotFoundError,
  FrontPaymentRateLimitError,
  FrontPaymentServerError,
  FrontPaymentValidationError,
  type RetryOptions,
} from "../src/index.js";
import { createTransport } from "../src/transport.js";
import {
  ACCEPTED,
  clientWith,
  fetchFailed,
  instantRetry,
  json,
  ORDER,
  recordingLogger,
  rejectionOf,
  STATUS,
  type Step,
  scriptedFetch,
  socketClosed,
  TOKEN,
} from "./helpers.js";

/** A client whose waits are recorded, with the given retry options and jitter source. */
function reader(steps: Step[], retry: RetryOptions) {
  const transport = scriptedFetch(...steps);
  const delays: number[] = [];
  const client = createFrontPaymentClient({
    token: TOKEN,
    baseUrl: "https://fp.test",
    fetch: transport.fetch,
    retry: {
      now: () => Date.parse("2025-08-14T06:00:00Z"),
      ...retry,
      sleep: async (ms) => {
        delays.push(ms);
      },
    },
  });
  return { client, calls: transport.calls, delays };
}

const unavailable = () => json(503, { message: "Service Unavailable" });

describe("reads retry with capped exponential backoff and jitter", () => {
  it("defaults: 2 retries, 500 ms base, 8 s cap, equal jitter, 30 s Retry-After cap", () => {
    expect(DEFAULT_RETRY).toMatchObject({
      maxRetries: 2,
      baseDelayMs: 500,
      maxDelayMs: 8_000,
      jitter: "equal",
      maxRetryAfterMs: 30_000,
    });
  });

  it("retries 5xx until an answer comes, waiting twice as long each time", async () => {
    const { client, calls, delays } = reader([unavailable(), unavailable(), json(200, STATUS)], {
      random: () => 0.5,
    });
    await expect(client.getOrderStatus("ODR1")).resolves.toEqual(STATUS.data);
    expect(calls).toHaveLength(3);
    // Equal jitter: half the backoff plus a random share of the other half (500 → 375, 1000 → 750).
    expect(delays).toEqual([375, 750]);
  });

  it("is bounded: after maxRetries the last error is returned", async () => {
    const { client, calls, delays } = reader([unavailable(), unavailable(), unavailable()], {});
    const error = await rejectionOf(client.getOrderStatus("ODR1"));
    expect(error).toBeInstanceOf(FrontPaymentServerError);
    expect(error).toMatchObject({ status: 503 });
    expect(calls).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  it("caps the backoff at maxDelayMs", async () => {
    const steps = Array.from({ length: 7 }, unavailable);
    const { client, delays } = reader(steps, { maxRetries: 6, jitter: "full", random: () => 1 });
    await rejectionOf(client.getOrderStatus("ODR1"));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });

  it("jitters: equal jitter stays within [half, all] of the backoff, full jitter within [0, all]", async () => {
    const randoms = [0, 0.999, 0.25, 0.75];
    const equal = reader([unavailable(), unavailable(), unavailable(), unavailable(), unavailable()], {
      maxRetries: 4,
      random: () => randoms.shift() ?? 0,
    });
    await rejectionOf(equal.client.getOrderStatus("ODR1"));
    // Backoffs 500, 1000, 2000, 4000: half of each, plus the random share of the other half.
    expect(equal.delays).toEqual([250, 1000, 1250, 3500]);

    const fullRandoms = [0, 0.5];
    const full = reader([unavailable(), unavailable(), unavailable()], {
      jitter: "full",
      random: () => fullRandoms.shift() ?? 0,
    });
    await rejectionOf(full.client.getOrderStatus("ODR1"));
    expect(full.delays).toEqual([0, 500]);
  });

  it("retries 429, 500, 502, 504 and 510 alike", async () => {
    const { client, calls } = reader(
      [json(429, {}), json(500, {}), json(502, {}), json(504, {}), json(510, {}), json(200, STATUS)],
      { maxRetries: 5 },
    );
    await expect(client.getOrderStatus("ODR1")).resolves.toEqual(STATUS.data);
    expect(calls).toHaveLength(6);
  });

  it("retries network errors and timeouts", async () => {
    const { client, calls } = reader(
      [{ throws: socketClosed() }, { throws: fetchFailed("ECONNRESET") }, json(200, STATUS)],
      {},
    );
    await expect(client.getOrderStatus("ODR1")).resolves.toEqual(STATUS.data);
    expect(calls).toHaveLength(3);
  });

  it.each([
    [404, FrontPaymentNotFoundError],
    [401, FrontPaymentAuthenticationError],
    [417, FrontPaymentValidationError],
    [400, FrontPaymentConflictError],
  ])("does not retry %i", async (status, kind) => {
    const { client, calls } = reader([json(status, { message: "orderNotFound" }), json(200, STATUS)], {});
    await expect(client.getOrderStatus("ODR1")).rejects.toBeInstanceOf(kind);
    expect(calls).toHaveLength(1);
  });

  it("maxRetries 0 means one attempt", async () => {
    const { client, calls } = reader([unavailable(), json(200, STATUS)], { maxRetries: 0 });
    await expect(client.getOrderStatus("ODR1")).rejects.toBeInstanceOf(FrontPaymentServerError);
    expect(calls).toHaveLength(1);
  });
});

describe("HEAD is a read", () => {
  it("retried after a 503, like GET", async () => {
    const transport = scriptedFetch(unavailable(), new Response(null, { status: 200 }));
    const { retry } = instantRetry();
    const { logger } = recordingLogger();
    const send = createTransport({
      fetch: transport.fetch,
      timeoutMs: 10_000,
      retry: { ...DEFAULT_RETRY, ...retry },
      logger,
    }).forRawCalls;
    const response = await send(
      new Request("https://fp.test/api/v1/connect/orders/status/ODR1", { method: "HEAD" }),
    );
    expect(response.status).toBe(200);
    expect(transport.calls).toHaveLength(2);
  });
});

describe("the default wait", () => {
  it("is a promise of a timer", async () => {
    const waiting = DEFAULT_RETRY.sleep(1);
    expect(waiting).toBeInstanceOf(Promise);
    await waiting;
  });
});

describe("Retry-After is honoured", () => {
  it("only as whole seconds or a date: other text falls back to the backoff", async () => {
    const { client, delays } = reader(
      [json(503, {}, { "retry-after": "3x" }), json(503, {}, { "retry-after": "x3" }), json(200, STATUS)],
      { random: () => 0 },
    );
    await client.getOrderStatus("ODR1");
    expect(delays).toEqual([250, 500]);
  });

  it("in seconds, instead of the backoff", async () => {
    const { client, delays } = reader([json(429, {}, { "retry-after": "3" }), json(200, STATUS)], {});
    await expect(client.getOrderStatus("ODR1")).resolves.toEqual(STATUS.data);
    expect(delays).toEqual([3000]);
  });

  it("as an HTTP date, against the injected clock", async () => {
    const { client, delays } = reader(
      [json(503, {}, { "retry-after": "Thu, 14 Aug 2025 06:00:05 GMT" }), json(200, STATUS)],
      {},
    );
    await client.getOrderStatus("ODR1");
    expect(delays).toEqual([5000]);
  });

  it("a date in the past means now; an unreadable value falls back to the backoff", async () => {
    const { client, delays } = reader(
      [
        json(503, {}, { "retry-after": "Thu, 14 Aug 2025 05:00:00 GMT" }),
        json(503, {}, { "retry-after": "soon" }),
        json(200, STATUS),
      ],
      { random: () => 0 },
    );
    await client.getOrderStatus("ODR1");
    expect(delays).toEqual([0, 500]);
  });

  it("up to the cap: asked to wait longer, the client returns the error with the wait instead", async () => {
    const { client, calls, delays } = reader(
      [json(429, {}, { "retry-after": "120" }), json(200, STATUS)],
      {},
    );
    const error = await rejectionOf(client.getOrderStatus("ODR1"));
    expect(error).toBeInstanceOf(FrontPaymentRateLimitError);
    expect(error).toMatchObject({ retryAfterSeconds: 120 });
    expect(calls).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("the cap is configurable", async () => {
    const { client, delays } = reader([json(429, {}, { "retry-after": "120" }), json(200, STATUS)], {
      maxRetryAfterMs: 120_000,
    });
    await client.getOrderStatus("ODR1");
    expect(delays).toEqual([120_000]);
  });
});

describe("writes (POST) are retried only when certainly not sent", () => {
  it.each([
    ["cancelOrder", (client: ReturnType<typeof clientWith>["client"]) => client.cancelOrder("ODR1", "note")],
    [
      "resendOrder",
      (client: ReturnType<typeof clientWith>["client"]) =>
        client.resendOrder("ODR1", { email: "kari@example.no" }),
    ],
  ])("%s: a refused connection is retried, a 503 or a lost connection is not", async (_name, call) => {
    const retried = clientWith([{ throws: fetchFailed("ECONNREFUSED") }, json(202, ACCEPTED)]);
    await expect(call(retried.client)).resolves.toBeUndefined();
    expect(retried.calls).toHaveLength(2);

    const failed = clientWith([unavailable(), json(202, ACCEPTED)]);
    await expect(call(failed.client)).rejects.toBeInstanceOf(FrontPaymentServerError);
    expect(failed.calls).toHaveLength(1);

    const lost = clientWith([{ throws: socketClosed() }, json(202, ACCEPTED)]);
    await expect(call(lost.client)).rejects.toMatchObject({ delivery: "unknown" });
    expect(lost.calls).toHaveLength(1);
  });
});

describe("every attempt is logged", () => {
  it("method, path, status, attempt and duration; retries as warnings", async () => {
    const { client, lines } = clientWith([unavailable(), json(200, STATUS)]);
    await client.getOrderStatus("ODR1");
    expect(lines).toEqual([
      {
        level: "warn",
        message: "Front Payment answered with an error; retrying",
        fields: {
          operation: "getOrderStatus",
          method: "GET",
          path: "/api/v1/connect/orders/status/ODR1",
          attempt: 1,
          status: 503,
          durationMs: expect.any(Number),
          willRetry: true,
          delayMs: 375,
        },
      },
      {
        level: "debug",
        message: "Front Payment answered",
        fields: {
          operation: "getOrderStatus",
          method: "GET",
          path: "/api/v1/connect/orders/status/ODR1",
          attempt: 2,
          status: 200,
          durationMs: expect.any(Number),
        },
      },
    ]);
  });

  it("a failed read that is retried, and an error answer that is not, say so", async () => {
    const { client, lines } = clientWith([{ throws: socketClosed() }, json(200, STATUS), json(503, {})]);
    const before = performance.now();
    await client.getOrderStatus("ODR1");
    const elapsed = performance.now() - before;
    const beforeSubmit = performance.now();
    await rejectionOf(client.submitInvoiceOrder(ORDER));
    const submitElapsed = performance.now() - beforeSubmit;
    expect(lines[0]).toMatchObject({
      level: "warn",
      message: "Front Payment request failed; retrying",
      fields: { willRetry: true, delayMs: 375, error: "FrontPaymentNetworkError" },
    });
    // The duration is the attempt's own, not a sum of clock readings.
    const durationMs = (lines[0]?.fields as { durationMs?: number } | undefined)?.durationMs;
    expect(durationMs).toBeLessThanOrEqual(Math.ceil(elapsed));
    expect(lines[2]).toMatchObject({
      level: "warn",
      message: "Front Payment answered with an error",
      fields: { status: 503, willRetry: false },
    });
    const answeredMs = (lines[2]?.fields as { durationMs?: number } | undefined)?.durationMs;
    expect(answeredMs).toBeLessThanOrEqual(Math.ceil(submitElapsed));
  });

  it.each([
    [5, "not_sent"],
    [6, "unknown"],
  ] as const)(
    "a system error %i causes deep decides the delivery as %s (deeper is not looked at)",
    async (depth, delivery) => {
      let error: Error = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
      for (let level = 0; level < depth; level++) error = new TypeError("fetch failed", { cause: error });
      const { client } = clientWith([{ throws: error }], { retry: { maxRetries: 0 } });
      await expect(client.submitInvoiceOrder(ORDER)).rejects.toMatchObject({ delivery });
    },
  );

  it("a transport failure names the error and its delivery", async () => {
    const { client, lines } = clientWith([{ throws: socketClosed() }]);
    await rejectionOf(client.submitInvoiceOrder(ORDER));
    expect(lines).toEqual([
      {
        level: "warn",
        message: "Front Payment request failed",
        fields: expect.objectContaining({
          operation: "submitInvoiceOrder",
          attempt: 1,
          error: "FrontPaymentNetworkError",
          delivery: "unknown",
          willRetry: false,
        }),
      },
    ]);
  });
});
