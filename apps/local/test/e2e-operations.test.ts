import { signCallback } from "@fakturabot/client";
import { SEED_INVOICE_ORDER_EXAMPLE } from "@fakturabot/schema";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_SECRETS } from "../src/stack.js";
import {
  type CustomerInput,
  callbackUrlOf,
  type Harness,
  KARI,
  PRIVATE_CUSTOMER,
  SALES,
  sendOrder,
  startHarness,
  submitRequests,
  waitForOrderMessage,
  waitForReply,
  waitForTitle,
} from "./e2e-harness.js";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.dispose();
});

/** A callback URL as Front Payment calls it, signed with `secret`. */
function signed(
  callbackUrl: string,
  orderUuid: string,
  status: string,
  secret: string = LOCAL_SECRETS.callbackSecret,
): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const query = signCallback(
    [
      ["orderUuid", orderUuid],
      ["status", status],
      ["paymentMethod", "invoice"],
      ["amount", "2500.00"],
      ["createdAt", timestamp],
      ["timestamp", timestamp],
    ],
    secret,
  );
  return `${callbackUrl}?${query}`;
}

/** One sample of `/metrics`: the value of `name` with exactly `labels`, 0 when there is none. */
async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${harness.running.url}/metrics`)).text();
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]),
    );
    if (JSON.stringify(Object.entries(found).sort()) === JSON.stringify(Object.entries(labels).sort())) {
      return Number(match[3]);
    }
  }
  return 0;
}

/** An order sent and shown in #sales. */
async function sentOrder(customer: CustomerInput & { name: string } = PRIVATE_CUSTOMER) {
  await sendOrder(harness, customer);
  const message = await waitForOrderMessage(harness, customer.name);
  const order = harness.frontPayment
    .orders()
    .find((each) => each.request.customerDetails.name === customer.name);
  if (!order) throw new Error(`Front Payment has no order for ${customer.name}`);
  return { message, order, ...callbackUrlOf(order) };
}

/** Every log line as JSON. */
function logLines(): Record<string, unknown>[] {
  return harness.logs.lines.flatMap((line) =>
    line
      .split("\n")
      .filter(Boolean)
      .map((each) => JSON.parse(each)),
  );
}

describe("/metrics", () => {
  it("counts exactly what happened: one submit, two callbacks (one applied, one a repeat), a forged one and a stranger's", async () => {
    const { message, order, callbackUrl } = await sentOrder();
    const invoiced = signed(callbackUrl, order.uuid, "INVOICED");
    expect((await fetch(invoiced)).status).toBe(200);
    expect((await fetch(invoiced)).status).toBe(200);
    await waitForReply(harness, SALES, message.ts, "Invoiced");

    const response = await fetch(`${harness.running.url}/metrics`);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await metric("fakturabot_invoices_total", { outcome: "created" })).toBe(1);
    expect(await metric("fakturabot_invoices_total", { outcome: "failed" })).toBe(0);
    expect(await metric("fakturabot_invoices_total", { outcome: "unknown" })).toBe(0);
    expect(await metric("fakturabot_callbacks_total", { result: "applied", reason: "" })).toBe(1);
    expect(await metric("fakturabot_callbacks_total", { result: "duplicate", reason: "" })).toBe(1);
    expect(
      await metric("fakturabot_frontpayment_duration_seconds_count", { operation: "submitInvoiceOrder" }),
    ).toBe(submitRequests(harness).length);
    expect(await metric("fakturabot_slack_api_duration_seconds_count", { method: "views.open" })).toBe(1);
    expect(
      await metric("fakturabot_slack_api_duration_seconds_count", { method: "chat.postMessage" }),
    ).toBeGreaterThanOrEqual(1);
    expect(await metric("fakturabot_recovered_submissions_total")).toBe(0);
    expect(await metric("fakturabot_outbox_depth")).toBe(0);
    // Node's runtime metrics, begun once the bot had started, beside the bot's own.
    expect(await metric("fakturabot_process_cpu_seconds_total")).toBeGreaterThan(0);

    const forged = signed(callbackUrl, order.uuid, "PAID", "not-the-secret");
    expect((await fetch(forged)).status).toBe(403);
    const stranger = signed(callbackUrl.replace(/[^/]+$/, "FB0NOSUCHORDER0"), order.uuid, "PAID");
    expect((await fetch(stranger)).status).toBe(404);
    expect(
      await metric("fakturabot_callbacks_total", { result: "rejected", reason: "checksum_mismatch" }),
    ).toBe(1);
    expect(await metric("fakturabot_callbacks_total", { result: "unknown_order", reason: "" })).toBe(1);
    expect(await metric("fakturabot_callbacks_total", { result: "applied", reason: "" })).toBe(1);
  });

  it("counts Front Payment's failures by class and the outcome unknown, and Slack's errors by code", async () => {
    harness.frontPayment.failNext(500, { endpoint: "submitInvoiceOrder", processFirst: true });
    const { modal } = await sendOrder(harness);
    await waitForTitle(modal, "Invoice status unknown");
    expect(await metric("fakturabot_invoices_total", { outcome: "unknown" })).toBe(1);
    expect(await metric("fakturabot_invoices_total", { outcome: "created" })).toBe(0);
    expect(
      await metric("fakturabot_frontpayment_errors_total", {
        operation: "submitInvoiceOrder",
        error: "FrontPaymentServerError",
      }),
    ).toBe(1);

    // The bot joins the channel and posts again: the refused attempt is counted by Slack's code.
    harness.slack.controls.failNext("chat.postMessage", { error: "not_in_channel" });
    await sentOrder({ ...PRIVATE_CUSTOMER, name: "Ola Nordmann" });
    expect(
      await metric("fakturabot_slack_api_errors_total", {
        method: "chat.postMessage",
        error: "not_in_channel",
      }),
    ).toBe(1);
    expect(
      await metric("fakturabot_slack_api_duration_seconds_count", { method: "conversations.join" }),
    ).toBe(1);
    expect(await metric("fakturabot_invoices_total", { outcome: "created" })).toBe(1);
  });
});

describe("request ids", () => {
  it("mark every log line of one callback with one id, another for a concurrent callback; reuse a well-formed incoming id", async () => {
    const first = await sentOrder();
    const second = await sentOrder({ ...PRIVATE_CUSTOMER, name: "Ola Nordmann" });
    const [one, two] = await Promise.all([
      fetch(signed(first.callbackUrl, first.order.uuid, "INVOICED")),
      fetch(signed(second.callbackUrl, second.order.uuid, "INVOICED"), {
        headers: { "x-request-id": "lb-7f3a9c1e-0001" },
      }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    const ids = [one.headers.get("x-request-id"), two.headers.get("x-request-id")];
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toBe("lb-7f3a9c1e-0001");
    // Slack hears of them off the request path (the outbox); once it has, every line is written.
    await waitForReply(harness, SALES, first.message.ts, "Invoiced");
    await waitForReply(harness, SALES, second.message.ts, "Invoiced");
    await harness.running.stop();

    for (const [index, { ours }] of [first, second].entries()) {
      const lines = logLines().filter((line) => line.requestId === ids[index]);
      expect(lines.some((line) => line.msg === "status notification" && line.orderId === ours)).toBe(true);
      expect(lines.filter((line) => "orderId" in line).every((line) => line.orderId === ours)).toBe(true);
    }
  });

  it("replace a malformed incoming id, and carry a Slack request's id through its listener", async () => {
    const answer = await fetch(`${harness.running.url}/frontpayment/return/FB0NOSUCHORDER0/success`, {
      headers: { "x-request-id": "bad id <script>" },
    });
    expect(answer.status).toBe(404);
    expect(answer.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    const before = logLines().length;
    await harness.driver.slashCommand({ command: "/invoice", userId: KARI, channelId: SALES });
    await harness.running.stop();
    // The listener's views.open, logged by the Web API client at debug level, inside the request.
    const opened = logLines()
      .slice(before)
      .filter((line) => String(line.msg).includes("views.open"));
    expect(opened.length).toBeGreaterThan(0);
    const ids = new Set(opened.map((line) => line.requestId));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("readiness", () => {
  it("is not ready without its database, while still alive", async () => {
    await harness.store.close();
    const answer = await fetch(`${harness.running.url}/readyz`);
    expect([answer.status, await answer.text()]).toEqual([503, "not ready: database unavailable"]);
    expect((await fetch(`${harness.running.url}/healthz`)).status).toBe(200);
    expect(harness.logs.text()).toContain("not ready: the database did not answer as expected");
  });

  it("is ready with its database, apart from liveness, and not ready while it stops, finishing the submission under way", async () => {
    const ready = await fetch(`${harness.running.url}/readyz`);
    expect([ready.status, await ready.text()]).toEqual([200, "ready"]);
    harness.frontPayment.setLatency(4000, { endpoint: "submitInvoiceOrder" });
    const { modal } = await sendOrder(harness);
    // The submission is under way (the modal says "Sending…"): stopping waits for it.
    const stopped = harness.running.stop();
    const stopping = await fetch(`${harness.running.url}/readyz`);
    expect([stopping.status, await stopping.text()]).toEqual([503, "not ready: stopping"]);
    expect((await fetch(`${harness.running.url}/healthz`)).status).toBe(200);
    await stopped;
    expect(submitRequests(harness)).toHaveLength(1);
    expect((await harness.store.listByState("created")).length).toBe(1);
    expect(modal.view.title?.text).toBe("Invoice created");
    await expect(fetch(`${harness.running.url}/readyz`)).rejects.toThrow();
  });
});

describe("Slack's retries", () => {
  it("a retried /invoice opens no second modal; a retried button click does its work once", async () => {
    const command = await harness.driver.slashCommand({
      command: "/invoice",
      userId: KARI,
      channelId: SALES,
    });
    const modal = await command.modal();
    const retried = await harness.driver.retryLast({ num: 1, reason: "http_timeout" });
    expect(retried.status).toBe(200);
    expect(await metric("fakturabot_slack_repeats_skipped_total")).toBe(1);
    expect(logLines()).toContainEqual(
      expect.objectContaining({
        msg: "a repeat of a Slack delivery already handled: acknowledged only",
        key: `command:${command.triggerId}`,
        retryNum: 1,
        retryReason: "http_timeout",
      }),
    );

    const updates = () =>
      harness.slack.workspace.state.calls.filter((call) => call.method === "views.update");
    const before = modal.view.hash;
    await modal.click("invoice_form.add_line");
    await modal.waitForView((view) => view.hash !== before);
    const withTwoLines = modal.view.blocks.length;
    // A round trip after the retry: a second views.open of it would have come by now.
    const opens = () => harness.slack.workspace.state.calls.filter((call) => call.method === "views.open");
    expect(opens()).toHaveLength(1);
    expect(updates()).toHaveLength(1);
    expect((await harness.driver.retryLast({ num: 2, reason: "http_error" })).status).toBe(200);
    expect(await metric("fakturabot_slack_repeats_skipped_total")).toBe(2);
    await harness.running.stop();
    expect(updates()).toHaveLength(1);
    expect(modal.view.blocks.length).toBe(withTwoLines);
  });
});

describe("Slack's retries across instances", () => {
  it("a retry that lands on another instance on the same database is acknowledged only", async () => {
    const other = await startHarness({
      dataDir: harness.dataDir,
      standIns: { frontPayment: harness.frontPayment, slack: harness.slack },
    });
    try {
      const command = await harness.driver.slashCommand({
        command: "/invoice",
        userId: KARI,
        channelId: SALES,
      });
      const modal = await command.modal();
      const retried = await harness.driver.retryLast({ botUrl: `${other.running.url}/slack/events` });
      expect(retried.status).toBe(200);
      expect(other.logs.text()).toContain(`"key":"command:${command.triggerId}"`);
      // A round trip after the retry: a second views.open of it would have come by now.
      const before = modal.view.hash;
      await modal.click("invoice_form.add_line");
      await modal.waitForView((view) => view.hash !== before);
      const opens = harness.slack.workspace.state.calls.filter((call) => call.method === "views.open");
      expect(opens).toHaveLength(1);
      const skipped = await (await fetch(`${other.running.url}/metrics`)).text();
      expect(skipped).toContain("fakturabot_slack_repeats_skipped_total 1\n");
    } finally {
      await other.dispose();
    }
  });
});

describe("recovery", () => {
  it("counts the submissions a restart found interrupted", async () => {
    const { order } = await harness.store.beginSubmission({
      id: "FB0INTERRUPTED1",
      submissionKey: "V0INTERRUPTED:1",
      teamId: "T0LOCAL",
      channelId: SALES,
      userId: KARI,
      customerType: "private",
      customerName: "Kari Nordmann",
      customerIdentifier: "280387*****",
      preferredLanguage: "no",
      grandTotalOre: 4000,
      request: { ...SEED_INVOICE_ORDER_EXAMPLE, referenceNo: "FB0INTERRUPTED1" },
    });
    await harness.running.stop();
    const first = harness;
    const restarted = await startHarness({
      dataDir: first.dataDir,
      standIns: { frontPayment: first.frontPayment, slack: first.slack },
    });
    try {
      harness = restarted;
      expect((await restarted.store.get(order.id))?.state).toBe("unknown");
      expect(await metric("fakturabot_recovered_submissions_total")).toBe(1);
    } finally {
      harness = first;
      await restarted.dispose();
    }
  });
});
