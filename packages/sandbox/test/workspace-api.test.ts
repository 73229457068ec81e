import { request as httpRequest } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WorkspaceSnapshot } from "../src/index.js";
import { privateOrder, submitted } from "./frontpayment-fixtures.js";
import { customerInput, modal } from "./slack-helpers.js";
import { act, option, plain, startWorkspaceBed, type WorkspaceBed } from "./workspace-fixtures.js";

const KARI = "U0KARINOR";
const EMIL = "U0EMILVIK"; // not in #sales
const SALES = "C0SALES01";

let bed: WorkspaceBed;
beforeEach(async () => {
  bed = await startWorkspaceBed();
  bed.view = modal({
    blocks: [
      customerInput(),
      {
        type: "input",
        block_id: "terms",
        dispatch_action: true,
        label: plain("Terms"),
        element: { type: "static_select", action_id: "days", options: [option("14", "14 days")] },
      },
    ],
  });
});
afterEach(async () => {
  await bed.close();
});

/** Reads Server-Sent Events frames from the page's feed until `count` have arrived. */
async function readFrames(response: Response, count: number): Promise<WorkspaceSnapshot[]> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = "";
  const frames: WorkspaceSnapshot[] = [];
  while (frames.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    let end = text.indexOf("\n\n");
    while (end >= 0) {
      const data = text
        .slice(0, end)
        .split("\n")
        .find((line) => line.startsWith("data: "));
      if (data) frames.push(JSON.parse(data.slice(6)));
      text = text.slice(end + 2);
      end = text.indexOf("\n\n");
    }
  }
  await reader.cancel();
  return frames;
}

describe("workspace page: serving", () => {
  it("serves the page and its files with a strict content security policy", async () => {
    const page = await fetch(bed.page.url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/static/main.js">');
    const script = await fetch(`${bed.page.url}/static/mrkdwn.js`);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    for (const path of ["/static/missing.js", "/static/..%2Fpage.ts", "/static/page.ts", "/nowhere"]) {
      expect((await fetch(`${bed.page.url}${path}`)).status, path).toBe(404);
    }
  });

  it("gives the workspace as people see it: no API log, no message revisions, no personal numbers", async () => {
    await submitted(bed.frontPayment, privateOrder());
    const state = (await (await fetch(`${bed.page.url}/api/state`)).json()) as WorkspaceSnapshot;
    expect(state.channels.map((channel) => channel.name)).toEqual(
      expect.arrayContaining(["sales", "general"]),
    );
    expect(state).not.toHaveProperty("calls");
    expect(state.commands).toEqual(["/invoice"]);
    expect(state.frontPayment.orders).toEqual([
      expect.objectContaining({ status: "SENT", customerType: "private", bankIdRejections: 0 }),
    ]);
    const customer = privateOrder().customerDetails;
    if (customer.type !== "private") throw new Error("privateOrder() is a private customer's order");
    expect(JSON.stringify(state)).not.toContain(customer.personalNumber);
  });

  it("streams the workspace at once, then again after each change", async () => {
    const feed = await fetch(`${bed.page.url}/api/events`);
    expect(feed.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const frames = readFrames(feed, 3);
    await act(bed, "/api/messages", { userId: KARI, channelId: SALES, text: "Hei *alle*" });
    await submitted(bed.frontPayment, privateOrder());
    const [first, second, third] = await frames;
    expect(first?.channels.find((channel) => channel.id === SALES)?.messages).toEqual([]);
    expect(second?.channels.find((channel) => channel.id === SALES)?.messages).toEqual([
      expect.objectContaining({ user: KARI, text: "Hei *alle*" }),
    ]);
    expect(third?.frontPayment.orders).toHaveLength(1);
  });
});

/** A request to the page with the given `Host` header, as a rebound DNS name would send it. */
function withHost(host: string, method = "GET", path = "/api/state", body = "") {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = httpRequest(
      {
        hostname: "127.0.0.1",
        port: bed.page.port,
        path,
        method,
        headers: { host, "content-type": "application/json" },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

describe("workspace page: only on loopback names (no DNS rebinding)", () => {
  it.each(["127.0.0.1:PORT", "localhost:PORT", "LocalHost:PORT", "[::1]:PORT"])(
    "answers at %s",
    async (host) => {
      const answer = await withHost(host.replace("PORT", String(bed.page.port)));
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toHaveProperty("channels");
    },
  );

  it.each([
    "evil.example:PORT",
    "127.0.0.1.evil.example:PORT",
    "x127.0.0.1:PORT",
    "localhost:PORTx",
    "localhost:1",
    "localhost",
    "[::1]",
  ])("refuses %j with 421, for the page, its state and its actions", async (template) => {
    const host = template.replace("PORT", String(bed.page.port));
    const expected = {
      error: `This page answers only at 127.0.0.1:${bed.page.port}, localhost:${bed.page.port} or [::1]:${bed.page.port}, not at the host ${JSON.stringify(host)}.`,
    };
    for (const [method, path] of [
      ["GET", "/"],
      ["GET", "/api/state"],
      ["GET", "/api/events"],
      ["POST", "/api/messages"],
    ] as const) {
      const body = JSON.stringify({ userId: KARI, channelId: SALES, text: "rebound" });
      const answer = await withHost(host, method, path, method === "POST" ? body : "");
      expect(answer.status, `${method} ${path}`).toBe(421);
      expect(JSON.parse(answer.body)).toEqual(expected);
    }
    expect(bed.slack.workspace.messages(SALES)).toEqual([]);
  });
});

describe("workspace page: actions", () => {
  it("runs a slash command through the driver, as the chosen person in the chosen channel", async () => {
    const answer = await act(bed, "/api/messages", {
      userId: KARI,
      channelId: SALES,
      text: "/invoice Nordlys AS",
    });
    expect(answer).toEqual({ status: 200, body: { delivered: true } });
    expect(bed.received[0]?.form).toMatchObject({
      command: "/invoice",
      text: "Nordlys AS",
      user_id: KARI,
      channel_id: SALES,
    });
    const state = (await (await fetch(`${bed.page.url}/api/state`)).json()) as WorkspaceSnapshot;
    expect(state.modals).toEqual([
      expect.objectContaining({
        userId: KARI,
        depth: 1,
        view: expect.objectContaining({ callback_id: "invoice" }),
      }),
    ]);
  });

  it("refuses what Slack's client would not do, with a message", async () => {
    expect(await act(bed, "/api/messages", { userId: KARI, channelId: SALES, text: "/refund 12" })).toEqual({
      status: 400,
      body: { error: "/refund is not a valid command. This workspace's app has /invoice." },
    });
    expect(await act(bed, "/api/messages", { userId: EMIL, channelId: SALES, text: "/invoice" })).toEqual({
      status: 409,
      body: { error: `${EMIL} is not a member of #sales.` },
    });
    expect(await act(bed, "/api/messages", { userId: KARI, channelId: SALES })).toEqual({
      status: 400,
      body: { error: "text must be a non-empty string" },
    });
    expect(await act(bed, "/api/modal/submit", { userId: KARI })).toEqual({
      status: 409,
      body: { error: `${KARI} has no modal open` },
    });
    expect(await act(bed, "/api/nothing", {})).toEqual({
      status: 404,
      body: { error: "There is no action /api/nothing." },
    });
    const form = await fetch(`${bed.page.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "userId=U0KARINOR&channelId=C0SALES01&text=hi",
    });
    expect(form.status).toBe(415);
    expect(bed.received).toEqual([]);
  });

  it("fills, submits and closes the modal through the driver, answering what Slack's client showed", async () => {
    await act(bed, "/api/messages", { userId: KARI, channelId: SALES, text: "/invoice" });
    const blocked = await act(bed, "/api/modal/submit", { userId: KARI });
    expect(blocked.body).toEqual({
      outcome: {
        kind: "blocked",
        errors: {
          customer: "Please complete this required field.",
          terms: "Please complete this required field.",
        },
      },
    });
    expect(
      await act(bed, "/api/modal/fill", {
        userId: KARI,
        blockId: "customer",
        actionId: "name",
        value: "Nordlys",
      }),
    ).toEqual({ status: 200, body: { dispatched: false } });
    expect(
      await act(bed, "/api/modal/fill", { userId: KARI, blockId: "terms", actionId: "days", value: "14" }),
    ).toEqual({
      status: 200,
      body: { dispatched: true },
    });
    expect(
      await act(bed, "/api/modal/fill", {
        userId: KARI,
        blockId: "terms",
        actionId: "days",
        value: { days: 14 },
      }),
    ).toEqual({
      status: 400,
      body: { error: "value must be a string, a number, a list of strings or null" },
    });
    bed.submissionAnswer = JSON.stringify({
      response_action: "errors",
      errors: { customer: "Unknown customer" },
    });
    expect((await act(bed, "/api/modal/submit", { userId: KARI })).body).toEqual({
      outcome: { kind: "errors", errors: { customer: "Unknown customer" } },
    });
    bed.submissionAnswer = "not json";
    expect((await act(bed, "/api/modal/submit", { userId: KARI })).body).toEqual({
      outcome: {
        kind: "failed",
        message: "We had some trouble connecting. Try again?",
        reason: "the app's answer is neither empty nor JSON",
        messages: [],
      },
    });
    expect((await act(bed, "/api/modal/close", { userId: KARI })).body).toEqual({ notified: false });
    expect(bed.received.map((request) => request.payload?.type ?? request.form.command)).toEqual([
      "/invoice",
      "block_actions",
      "view_submission",
      "view_submission",
    ]);
    expect(bed.slack.workspace.openModal(KARI)).toBeUndefined();
  });

  it("moves Front Payment orders along from the panel, refusing transitions the order does not allow", async () => {
    const uuid = await submitted(bed.frontPayment, privateOrder());
    expect((await act(bed, `/api/frontpayment/orders/${uuid}/pay`, {})).status).toBe(409);
    expect(await act(bed, `/api/frontpayment/orders/${uuid}/approve`, {})).toEqual({ status: 200, body: {} });
    expect(await act(bed, `/api/frontpayment/orders/${uuid}/pay`, {})).toEqual({ status: 200, body: {} });
    expect(bed.frontPayment.order(uuid)?.status).toBe("PAID");
    expect((await act(bed, "/api/frontpayment/orders/ODR0000000000/approve", {})).status).toBe(404);
    expect((await act(bed, `/api/frontpayment/orders/${uuid}/refund`, {})).status).toBe(404);
  });
});
