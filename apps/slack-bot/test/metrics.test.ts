import { createFrontPaymentClient, signCallback, verifyCallback } from "@fakturabot/client";
import { startFrontPaymentSandbox } from "@fakturabot/sandbox";
import { SEED_INVOICE_ORDER_EXAMPLE } from "@fakturabot/schema";
import { describe, expect, it } from "vitest";
import { callbackRejection, createBotMetrics } from "../src/metrics.js";
import { deliveryKey } from "../src/middleware/once-per-delivery.js";
import { requestIdFrom } from "../src/request-context.js";

/** The value of one sample in the exposition, 0 when absent. */
async function sample(metrics: ReturnType<typeof createBotMetrics>, line: string): Promise<number> {
  const { body } = await metrics.exposition();
  const found = body.split("\n").find((each) => each.startsWith(`${line} `));
  return found ? Number(found.split(" ").at(-1)) : 0;
}

describe("bot metrics", () => {
  it("keep each bot's counts apart in one process", async () => {
    const [one, two] = [createBotMetrics(), createBotMetrics()];
    one.callback("applied");
    one.callback("applied");
    two.callback("rejected", "stale");
    expect(await sample(one, 'fakturabot_callbacks_total{result="applied",reason=""}')).toBe(2);
    expect(await sample(two, 'fakturabot_callbacks_total{result="applied",reason=""}')).toBe(0);
    expect(await sample(two, 'fakturabot_callbacks_total{result="rejected",reason="stale"}')).toBe(1);
  });

  it("serve Node's process and runtime metrics once started, before the bot's own, one set however often started", async () => {
    const metrics = createBotMetrics();
    const families = async () =>
      (await metrics.exposition()).body
        .split("\n")
        .filter((line) => line.startsWith("# TYPE "))
        .map((line) => line.split(" ")[2] as string);
    const runtime = (name: string) => /^fakturabot_(process|nodejs)_/.test(name);
    expect((await families()).filter(runtime)).toEqual([]);
    metrics.collectProcessMetrics();
    metrics.collectProcessMetrics();
    const served = await families();
    expect(served).toEqual(
      expect.arrayContaining([
        "fakturabot_process_cpu_seconds_total",
        "fakturabot_nodejs_gc_duration_seconds",
        "fakturabot_nodejs_eventloop_lag_seconds",
        "fakturabot_process_resident_memory_bytes",
      ]),
    );
    expect(new Set(served).size).toBe(served.length);
    const firstOwn = served.findIndex((name) => !runtime(name));
    expect(served.slice(firstOwn).filter(runtime)).toEqual([]);
    expect(served[firstOwn]).toBe("fakturabot_invoices_total");
  });

  it("show the outbox as its probe reports it, asked once per scrape", async () => {
    const metrics = createBotMetrics();
    expect(await sample(metrics, "fakturabot_outbox_depth")).toBe(0);
    let asked = 0;
    metrics.setOutboxProbe(async () => {
      asked += 1;
      return { depth: 3, oldestAgeSeconds: 42.5 };
    });
    const { body } = await metrics.exposition();
    expect(body).toContain("fakturabot_outbox_depth 3\n");
    expect(body).toContain("fakturabot_outbox_oldest_age_seconds 42.5\n");
    expect(asked).toBe(1);
  });

  it("class each Slack attempt by method: Slack's own code, rate limits, HTTP errors, timeouts", async () => {
    const metrics = createBotMetrics();
    const answers: (() => Promise<Response>)[] = [
      async () => Response.json({ ok: true }),
      async () => Response.json({ ok: false, error: "not_in_channel" }),
      // Only the top-level `ok` counts; an answer that is not JSON is unreadable.
      async () => Response.json({ ok: true, view: { state: { ok: false } } }),
      async () => {
        const answer = new Response("<html>Bad gateway</html>", { headers: { "x-slack-req-id": "r1" } });
        // As fetch's answers have it: the client reads some answers by their URL.
        return Object.defineProperty(answer, "url", { value: "http://127.0.0.1:1/api/chat.postMessage" });
      },
      async () => new Response("", { status: 429, headers: { "retry-after": "1" } }),
      async () => new Response("", { status: 503 }),
      async () => {
        throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
      },
    ];
    const fetch = metrics.slackFetch(() => (answers.shift() as () => Promise<Response>)());
    const url = "http://127.0.0.1:1/api/chat.postMessage";
    expect(await (await fetch(url)).json()).toEqual({ ok: true });
    // The client still reads the body the metrics looked at.
    expect(await (await fetch(url)).json()).toEqual({ ok: false, error: "not_in_channel" });
    expect(await (await fetch(url)).json()).toEqual({ ok: true, view: { state: { ok: false } } });
    const unreadable = await fetch(url);
    expect([unreadable.status, unreadable.headers.get("x-slack-req-id"), unreadable.url]).toEqual([
      200,
      "r1",
      url,
    ]);
    expect(await unreadable.text()).toBe("<html>Bad gateway</html>");
    await fetch(url);
    await fetch(url);
    await expect(fetch(url)).rejects.toThrow("timeout");
    const errors = (error: string) =>
      sample(metrics, `fakturabot_slack_api_errors_total{method="chat.postMessage",error="${error}"}`);
    expect(await errors("not_in_channel")).toBe(1);
    expect(await errors("unreadable")).toBe(1);
    expect(await errors("rate_limited")).toBe(1);
    expect(await errors("http_5xx")).toBe(1);
    expect(await errors("timeout")).toBe(1);
    expect(
      await sample(metrics, 'fakturabot_slack_api_duration_seconds_count{method="chat.postMessage"}'),
    ).toBe(7);
  });

  it("count submissions by outcome and time every Front Payment call, through the client it wraps", async () => {
    const sandbox = await startFrontPaymentSandbox({ tokens: ["t"], callbackSecret: "s" });
    try {
      const metrics = createBotMetrics();
      const client = metrics.frontPayment(
        createFrontPaymentClient({ token: "t", baseUrl: sandbox.url, retry: { maxRetries: 0 } }),
      );
      // The stand-in has no such order: 404.
      await expect(client.getOrderStatus("ODR1")).rejects.toThrow();
      expect(
        await sample(
          metrics,
          'fakturabot_frontpayment_errors_total{operation="getOrderStatus",error="FrontPaymentNotFoundError"}',
        ),
      ).toBe(1);
      expect(
        await sample(metrics, 'fakturabot_frontpayment_duration_seconds_count{operation="getOrderStatus"}'),
      ).toBe(1);
      // Raw calls and other properties pass through untouched.
      expect(typeof client.GET).toBe("function");
      // A 429 on submit is a certain refusal (docs/front-payment.md §12): failed, not unknown.
      sandbox.failNext(429, { endpoint: "submitInvoiceOrder" });
      await expect(client.submitInvoiceOrder(SEED_INVOICE_ORDER_EXAMPLE)).rejects.toThrow();
      await client.submitInvoiceOrder(SEED_INVOICE_ORDER_EXAMPLE);
      expect(await sample(metrics, 'fakturabot_invoices_total{outcome="failed"}')).toBe(1);
      expect(await sample(metrics, 'fakturabot_invoices_total{outcome="created"}')).toBe(1);
      expect(await sample(metrics, 'fakturabot_invoices_total{outcome="unknown"}')).toBe(0);
    } finally {
      await sandbox.close();
    }
  });

  it("class callback refusals by verifyCallback's own reasons", () => {
    const secret = "s3cret";
    const now = Date.now();
    const at = (offsetSeconds: number) => String(Math.floor(now / 1000) + offsetSeconds);
    const query = (timestamp: string) =>
      signCallback(
        [
          ["orderUuid", "ODR1"],
          ["status", "PAID"],
          ["timestamp", timestamp],
        ],
        secret,
      );
    const reason = (url: string) => {
      const verified = verifyCallback(url, secret, { maxAgeSeconds: 3600, now: () => now });
      if (verified.ok) throw new Error("it verified");
      return callbackRejection(verified.reason);
    };
    expect(reason(`/cb?${query(at(0)).replace("PAID", "SENT")}`)).toBe("checksum_mismatch");
    expect(reason(`/cb?${query(at(-7200))}`)).toBe("stale");
    expect(reason(`/cb?${query(at(7200))}`)).toBe("stale");
    expect(reason("/cb?orderUuid=ODR1")).toBe("malformed");
  });
});

describe("request ids", () => {
  it("reuse a well-formed incoming id, and make a new one for anything else", () => {
    expect(requestIdFrom("lb-7f3a9c1e-0001")).toBe("lb-7f3a9c1e-0001");
    // A repeated header: the first value.
    expect(requestIdFrom(["abcdef12-first", "abcdef12-second"])).toBe("abcdef12-first");
    for (const bad of [undefined, "", "short", "has space inside", "x".repeat(129), "new\nline-injected"]) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});

describe("delivery keys", () => {
  it("name a slash command or a click by its trigger, an event by its id, and leave view submissions alone", () => {
    expect(deliveryKey({ command: "/invoice", trigger_id: "T.1" })).toBe("command:T.1");
    expect(deliveryKey({ type: "block_actions", trigger_id: "T.2" })).toBe("block_actions:T.2");
    expect(deliveryKey({ type: "event_callback", event_id: "Ev1" })).toBe("event:Ev1");
    expect(deliveryKey({ type: "view_submission", trigger_id: "T.3" })).toBeNull();
    expect(deliveryKey({ type: "block_actions" })).toBeNull();
    expect(deliveryKey(null)).toBeNull();
  });
});
