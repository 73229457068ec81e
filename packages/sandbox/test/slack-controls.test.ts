import { retryPolicies, WebAPIHTTPError, WebAPIRateLimitedError, WebClientEvent } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CHANNELS, DEFAULT_USERS } from "../src/index.js";
import { modal, type SlackTestBed, slackError, startSlackTestBed } from "./slack-helpers.js";

const KARI = DEFAULT_USERS[0]?.id ?? "";
const { sales: SALES } = DEFAULT_CHANNELS;

let bed: SlackTestBed;

beforeEach(async () => {
  bed = await startSlackTestBed();
});
afterEach(() => bed.sandbox.close());

const callsTo = (method: string) =>
  bed.sandbox.workspace.state.calls.filter((call) => call.method === method);

describe("rateLimitNext", () => {
  it("answers HTTP 429 with Retry-After; rejectRateLimitedCalls turns it into WebAPIRateLimitedError", async () => {
    bed.sandbox.controls.rateLimitNext("chat.postMessage", { retryAfterSeconds: 17 });
    const client = bed.webClient({ rejectRateLimitedCalls: true });
    const error = await client.chat
      .postMessage({ channel: SALES, text: "x" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(17);
    expect(callsTo("chat.postMessage")).toMatchObject([{ status: 429, ok: false, error: "ratelimited" }]);
    // Only the next call: the one after goes through.
    await expect(client.chat.postMessage({ channel: SALES, text: "x" })).resolves.toMatchObject({ ok: true });
  });

  it("is what a raw request sees: 429, Retry-After and Slack's body", async () => {
    bed.sandbox.controls.rateLimitNext("auth.test", { retryAfterSeconds: 3 });
    const response = await fetch(`${bed.sandbox.apiUrl}auth.test`, {
      method: "POST",
      headers: { authorization: "Bearer xoxb-sandbox" },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("3");
    await expect(response.json()).resolves.toEqual({ ok: false, error: "ratelimited" });
  });

  it("by default the WebClient waits Retry-After, retries and succeeds", async () => {
    bed.sandbox.controls.rateLimitNext("chat.postMessage", { retryAfterSeconds: 0, times: 2 });
    const client = bed.webClient({ retryConfig: retryPolicies.rapidRetryPolicy });
    const limited: number[] = [];
    client.on(WebClientEvent.RATE_LIMITED, (retryAfter: number) => limited.push(retryAfter));
    await expect(client.chat.postMessage({ channel: SALES, text: "eventually" })).resolves.toMatchObject({
      ok: true,
    });
    expect(limited).toEqual([0, 0]);
    expect(callsTo("chat.postMessage").map((call) => call.status)).toEqual([429, 429, 200]);
    expect(bed.sandbox.workspace.messages(SALES).map((message) => message.text)).toEqual(["eventually"]);
  });
});

describe("enforceRateLimits", () => {
  const statuses = (method: string) => callsTo(method).map((call) => call.status);

  it("holds chat.postMessage to one a second per channel, with Retry-After by the sandbox clock", async () => {
    bed.sandbox.controls.enforceRateLimits(true);
    const client = bed.webClient({ rejectRateLimitedCalls: true });
    await client.chat.postMessage({ channel: SALES, text: "first" });
    const error = await client.chat
      .postMessage({ channel: SALES, text: "too soon" })
      .catch((caught) => caught);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(1);
    // Another channel has its own allowance.
    await client.chat.postMessage({ channel: DEFAULT_CHANNELS.kariDm, text: "elsewhere" });
    bed.clock.advance(1_000);
    await client.chat.postMessage({ channel: SALES, text: "second" });
    expect(statuses("chat.postMessage")).toEqual([200, 429, 200, 200]);
    expect(bed.sandbox.workspace.messages(SALES).map((message) => message.text)).toEqual(["first", "second"]);
  });

  it("holds chat.update to Tier 3 in the workspace: 50 a minute, then 429 until the oldest leaves the window", async () => {
    bed.sandbox.controls.enforceRateLimits(true);
    const client = bed.webClient({ rejectRateLimitedCalls: true });
    const posted = await client.chat.postMessage({ channel: SALES, text: "v0" });
    for (let index = 1; index <= 50; index += 1) {
      await client.chat.update({ channel: SALES, ts: posted.ts as string, text: `v${index}` });
      bed.clock.advance(100);
    }
    const error = await client.chat
      .update({ channel: SALES, ts: posted.ts as string, text: "v51" })
      .catch((caught) => caught);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(55);
    bed.clock.advance(55_000);
    await client.chat.update({ channel: SALES, ts: posted.ts as string, text: "v51" });
    expect(statuses("chat.update").filter((status) => status === 429)).toHaveLength(1);
    expect(bed.sandbox.workspace.message(SALES, posted.ts as string)?.text).toBe("v51");
  });

  it("is off by default and when turned off", async () => {
    const client = bed.webClient({ rejectRateLimitedCalls: true });
    for (const text of ["a", "b", "c"]) await client.chat.postMessage({ channel: SALES, text });
    bed.sandbox.controls.enforceRateLimits({ updatesPerMinute: 50, postsPerSecondPerChannel: 1 });
    await client.chat.postMessage({ channel: SALES, text: "d" });
    await expect(client.chat.postMessage({ channel: SALES, text: "e" })).rejects.toBeInstanceOf(
      WebAPIRateLimitedError,
    );
    bed.sandbox.controls.enforceRateLimits(false);
    await client.chat.postMessage({ channel: SALES, text: "f" });
    expect(statuses("chat.postMessage")).toEqual([200, 200, 200, 200, 429, 200]);
  });
});

describe("failNext", () => {
  it("answers the given Slack error for the next calls only", async () => {
    bed.sandbox.controls.failNext("chat.update", { error: "fatal_error", times: 1 });
    const posted = await bed.client.chat.postMessage({ channel: SALES, text: "x" });
    expect(
      (await slackError(bed.client.chat.update({ channel: SALES, ts: posted.ts ?? "", text: "y" }))).error,
    ).toBe("fatal_error");
    await expect(
      bed.client.chat.update({ channel: SALES, ts: posted.ts ?? "", text: "y" }),
    ).resolves.toMatchObject({
      ok: true,
    });
  });

  it("can fail at the HTTP level, which the WebClient reports as WebAPIHTTPError", async () => {
    bed.sandbox.controls.failNext("auth.test", { error: "service_unavailable", status: 503 });
    await expect(bed.client.auth.test()).rejects.toBeInstanceOf(WebAPIHTTPError);
  });

  it("refuses a non-positive count", () => {
    expect(() => bed.sandbox.controls.failNext("auth.test", { error: "fatal_error", times: 0 })).toThrow(
      RangeError,
    );
  });
});

describe("removeBot and addBot", () => {
  it("take the bot out of a channel and back", async () => {
    bed.sandbox.controls.removeBot("#sales");
    expect((await slackError(bed.client.chat.postMessage({ channel: SALES, text: "x" }))).error).toBe(
      "not_in_channel",
    );
    bed.sandbox.controls.addBot(SALES);
    await expect(bed.client.chat.postMessage({ channel: SALES, text: "x" })).resolves.toMatchObject({
      ok: true,
    });
  });

  it("refuse a channel the workspace does not have", () => {
    expect(() => bed.sandbox.controls.removeBot("#nowhere")).toThrow("No channel #nowhere");
  });
});

describe("issueTrigger", () => {
  it("issues triggers for the given person: the modal opens for them", async () => {
    const ola = DEFAULT_USERS[1]?.id ?? "";
    await bed.client.views.open({
      trigger_id: bed.sandbox.controls.issueTrigger(ola),
      view: modal() as never,
    });
    expect(bed.sandbox.workspace.openModal(ola)).toBeDefined();
    expect(bed.sandbox.workspace.openModal(KARI)).toBeUndefined();
  });
});

describe("response URLs", () => {
  it("post ephemeral or in-channel answers, five times within 30 minutes", async () => {
    const url = bed.sandbox.controls.issueResponseUrl({ userId: KARI, channelId: SALES });
    const respond = (body: unknown) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await respond({ text: "Only Kari sees this" })).status).toBe(200);
    expect((await respond({ text: "Everyone sees this", response_type: "in_channel" })).status).toBe(200);
    expect(bed.sandbox.workspace.ephemeralsFor(KARI)).toMatchObject([{ text: "Only Kari sees this" }]);
    expect(bed.sandbox.workspace.messages(SALES)).toMatchObject([
      { text: "Everyone sees this", source: "response_url" },
    ]);
    for (let use = 3; use <= 5; use += 1) expect((await respond({ text: `use ${use}` })).status).toBe(200);
    const sixth = await respond({ text: "too many" });
    expect([sixth.status, await sixth.text()]).toEqual([404, "used_url"]);
  });

  it("expire after 30 minutes by the sandbox clock", async () => {
    const url = bed.sandbox.controls.issueResponseUrl({ userId: KARI, channelId: SALES });
    bed.clock.advance(30 * 60 * 1000 + 1);
    const answer = await fetch(url, { method: "POST", body: JSON.stringify({ text: "late" }) });
    expect([answer.status, await answer.text()]).toEqual([404, "expired_url"]);
  });
});
