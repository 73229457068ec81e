import type { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CHANNELS, DEFAULT_USERS, type SlackWorkspaceState } from "../src/index.js";
import { plain, type SlackTestBed, slackError, startSlackTestBed } from "./slack-helpers.js";

const [KARI, OLA, , EMIL] = DEFAULT_USERS.map((user) => user.id) as [string, string, string, string];
const { sales: SALES, general: GENERAL, finance: FINANCE, kariDm: KARI_DM } = DEFAULT_CHANNELS;

let bed: SlackTestBed;
let client: WebClient;

beforeEach(async () => {
  bed = await startSlackTestBed();
  client = bed.client;
});
afterEach(() => bed.sandbox.close());

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

describe("chat.postMessage", () => {
  it("posts to a channel the bot is in and keeps text, blocks and unfurl flags", async () => {
    const answer = await client.chat.postMessage({
      channel: SALES,
      text: "Invoice 1042 sent",
      blocks: [section("*Invoice 1042* sent to Nordlys AS")],
      unfurl_links: false,
      unfurl_media: false,
    });
    expect(answer).toMatchObject({
      ok: true,
      channel: SALES,
      ts: expect.stringMatching(/^\d{10}\.\d{6}$/),
      message: {
        type: "message",
        user: bed.sandbox.workspace.bot.userId,
        bot_id: bed.sandbox.workspace.bot.botId,
      },
    });
    const [message] = bed.sandbox.workspace.messages(SALES);
    expect(message).toMatchObject({
      ts: answer.ts,
      text: "Invoice 1042 sent",
      unfurlLinks: false,
      unfurlMedia: false,
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Invoice 1042* sent to Nordlys AS" } }],
    });
  });

  it("answers not_in_channel in a public channel the bot has not joined, until it joins", async () => {
    expect((await slackError(client.chat.postMessage({ channel: GENERAL, text: "Hei" }))).error).toBe(
      "not_in_channel",
    );
    const joined = await client.conversations.join({ channel: GENERAL });
    expect(joined.channel?.is_member).toBe(true);
    await expect(client.chat.postMessage({ channel: GENERAL, text: "Hei" })).resolves.toMatchObject({
      ok: true,
    });
  });

  it("answers channel_not_found for a private channel the bot is not in, and for unknown ids", async () => {
    expect((await slackError(client.chat.postMessage({ channel: FINANCE, text: "Hei" }))).error).toBe(
      "channel_not_found",
    );
    expect((await slackError(client.chat.postMessage({ channel: "C0NOWHERE", text: "Hei" }))).error).toBe(
      "channel_not_found",
    );
  });

  it("accepts a channel name and a user id (the bot's DM), as Slack does", async () => {
    const byName = await client.chat.postMessage({ channel: "#sales", text: "By name" });
    expect(byName.channel).toBe(SALES);
    const toKari = await client.chat.postMessage({ channel: KARI, text: "Your invoice was paid" });
    expect(toKari.channel).toBe(KARI_DM);
    const toOla = await client.chat.postMessage({ channel: OLA, text: "Hei Ola" });
    expect(bed.sandbox.workspace.channel(toOla.channel ?? "")).toMatchObject({ kind: "im", imUserId: OLA });
  });

  it("answers is_archived for an archived channel", async () => {
    bed.sandbox.controls.archiveChannel(SALES);
    expect((await slackError(client.chat.postMessage({ channel: SALES, text: "Hei" }))).error).toBe(
      "is_archived",
    );
  });

  it("threads replies under their parent, and answers thread_not_found for an unknown parent", async () => {
    const parent = await client.chat.postMessage({ channel: SALES, text: "Invoice 1042" });
    const reply = await client.chat.postMessage({ channel: SALES, thread_ts: parent.ts ?? "", text: "Paid" });
    expect(reply.message).toMatchObject({ thread_ts: parent.ts });
    expect(bed.sandbox.workspace.thread(SALES, parent.ts ?? "").map((message) => message.text)).toEqual([
      "Paid",
    ]);
    expect(bed.sandbox.workspace.messages(SALES)).toHaveLength(1);
    const failure = await slackError(
      client.chat.postMessage({ channel: SALES, thread_ts: "1.000001", text: "?" }),
    );
    expect(failure.error).toBe("thread_not_found");
  });

  it("answers invalid_blocks with Slack's messages, and no_text with nothing to post", async () => {
    const tooMany = Array.from({ length: 51 }, () => ({ type: "divider" }));
    expect(await slackError(client.chat.postMessage({ channel: SALES, text: "x", blocks: tooMany }))).toEqual(
      {
        error: "invalid_blocks",
        messages: ["[ERROR] no more than 50 items allowed [json-pointer:/blocks]"],
      },
    );
    const longSection = [section("s".repeat(3001))];
    expect(
      await slackError(client.chat.postMessage({ channel: SALES, text: "x", blocks: longSection })),
    ).toEqual({
      error: "invalid_blocks",
      messages: ["[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"],
    });
    expect((await slackError(client.chat.postMessage({ channel: SALES, text: "" }))).error).toBe("no_text");
  });

  it("truncates text past 40 000 characters with a message_truncated warning", async () => {
    const answer = await client.chat.postMessage({ channel: SALES, text: "a".repeat(40_001) });
    expect(answer.warning).toBe("message_truncated");
    expect(bed.sandbox.workspace.messages(SALES)[0]?.text).toHaveLength(40_000);
  });
});

describe("chat.update", () => {
  it("replaces text and blocks, keeping blocks when left out, and remembers revisions", async () => {
    const posted = await client.chat.postMessage({
      channel: SALES,
      text: "Waiting for BankID",
      blocks: [section("Waiting")],
    });
    const ts = posted.ts ?? "";
    const updated = await client.chat.update({ channel: SALES, ts, text: "Invoiced" });
    expect(updated).toMatchObject({ ok: true, channel: SALES, ts, text: "Invoiced" });
    const message = bed.sandbox.workspace.message(SALES, ts);
    expect(message).toMatchObject({
      text: "Invoiced",
      blocks: [section("Waiting")],
      edited: { user: "U0FAKTBOT" },
    });
    await client.chat.update({ channel: SALES, ts, text: "Paid", blocks: [] });
    expect(bed.sandbox.workspace.message(SALES, ts)?.blocks).toEqual([]);
    expect(bed.sandbox.workspace.message(SALES, ts)?.revisions.map((revision) => revision.text)).toEqual([
      "Waiting for BankID",
      "Invoiced",
    ]);
  });

  it("answers message_not_found and cant_update_message (someone else's message)", async () => {
    expect((await slackError(client.chat.update({ channel: SALES, ts: "1.000001", text: "x" }))).error).toBe(
      "message_not_found",
    );
    const channel = bed.sandbox.workspace.channel(SALES);
    if (!channel) throw new Error("no #sales");
    const karis = bed.sandbox.workspace.postMessage(channel, {
      user: KARI,
      text: "Who sends the invoice?",
      blocks: [],
      source: "web_api",
    });
    expect((await slackError(client.chat.update({ channel: SALES, ts: karis.ts, text: "x" }))).error).toBe(
      "cant_update_message",
    );
  });

  it("takes a conversation id, not a name", async () => {
    const posted = await client.chat.postMessage({ channel: SALES, text: "x" });
    expect(
      (await slackError(client.chat.update({ channel: "#sales", ts: posted.ts ?? "", text: "y" }))).error,
    ).toBe("channel_not_found");
  });
});

describe("chat.postEphemeral", () => {
  it("shows a message to one member of the channel", async () => {
    const answer = await client.chat.postEphemeral({
      channel: SALES,
      user: KARI,
      text: "Only you can see this",
    });
    expect(answer.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(bed.sandbox.workspace.ephemeralsFor(KARI, SALES)).toMatchObject([
      { text: "Only you can see this" },
    ]);
    expect(bed.sandbox.workspace.messages(SALES)).toHaveLength(0);
  });

  it("answers user_not_in_channel and user_not_found", async () => {
    expect(
      (await slackError(client.chat.postEphemeral({ channel: SALES, user: EMIL, text: "x" }))).error,
    ).toBe("user_not_in_channel");
    expect(
      (await slackError(client.chat.postEphemeral({ channel: SALES, user: "U0NOBODY", text: "x" }))).error,
    ).toBe("user_not_found");
  });

  it("needs the bot in the channel like chat.postMessage", async () => {
    expect(
      (await slackError(client.chat.postEphemeral({ channel: GENERAL, user: KARI, text: "x" }))).error,
    ).toBe("not_in_channel");
  });
});

describe("conversations.info, conversations.join and users.info", () => {
  it("describes public channels, also ones the bot is not in", async () => {
    const info = await client.conversations.info({ channel: GENERAL, include_num_members: true });
    expect(info.channel).toMatchObject({
      id: GENERAL,
      name: "general",
      is_channel: true,
      is_private: false,
      is_member: false,
      num_members: DEFAULT_USERS.length,
    });
  });

  it("hides private channels the bot is not in (channel_not_found), but shows its DMs", async () => {
    expect((await slackError(client.conversations.info({ channel: FINANCE }))).error).toBe(
      "channel_not_found",
    );
    expect((await slackError(client.conversations.join({ channel: FINANCE }))).error).toBe(
      "channel_not_found",
    );
    const dm = await client.conversations.info({ channel: KARI_DM });
    expect(dm.channel).toMatchObject({ id: KARI_DM, is_im: true, user: KARI });
  });

  it("joins once and warns already_in_channel after that", async () => {
    const again = await client.conversations.join({ channel: SALES });
    expect(again.warning).toBe("already_in_channel");
  });

  it("answers users.info with the person's name and time zone", async () => {
    const info = await client.users.info({ user: KARI });
    expect(info.user).toMatchObject({
      id: KARI,
      name: "kari",
      real_name: "Kari Nordmann",
      tz: "Europe/Oslo",
      tz_offset: 3600, // January in Oslo
      is_bot: false,
      profile: { email: "kari@fakturabot.invalid", display_name: "kari" },
    });
    expect((await slackError(client.users.info({ user: "U0NOBODY" }))).error).toBe("user_not_found");
  });
});

describe("conversations.history", () => {
  const METADATA = { event_type: "invoice_posted", event_payload: { order_id: "FB1" } };

  it("lists a channel's messages newest first, with replies sent to the channel too, and metadata when asked", async () => {
    const first = await client.chat.postMessage({ channel: SALES, text: "First", metadata: METADATA });
    await client.chat.postMessage({ channel: SALES, thread_ts: first.ts as string, text: "In the thread" });
    await client.chat.postMessage({
      channel: SALES,
      thread_ts: first.ts as string,
      text: "Also in the channel",
      reply_broadcast: true,
    });
    await client.chat.postMessage({ channel: SALES, text: "Second" });
    const history = await client.conversations.history({ channel: SALES });
    expect(history.messages?.map((message) => message.text)).toEqual([
      "Second",
      "Also in the channel",
      "First",
    ]);
    expect(history).toMatchObject({ has_more: false, pin_count: 0 });
    expect(history.messages?.[2]).toMatchObject({ ts: first.ts, reply_count: 2 });
    expect(history.messages?.[2]).not.toHaveProperty("metadata");
    const withMetadata = await client.conversations.history({ channel: SALES, include_all_metadata: true });
    expect(withMetadata.messages?.[2]?.metadata).toEqual(METADATA);
  });

  it("keeps to oldest and latest (exclusive unless inclusive) and pages by cursor", async () => {
    const posted: string[] = [];
    for (const text of ["one", "two", "three", "four", "five"]) {
      posted.push((await client.chat.postMessage({ channel: SALES, text })).ts as string);
    }
    const between = await client.conversations.history({
      channel: SALES,
      oldest: posted[1] as string,
      latest: posted[3] as string,
    });
    expect(between.messages?.map((message) => message.text)).toEqual(["three"]);
    const inclusive = await client.conversations.history({
      channel: SALES,
      oldest: posted[1] as string,
      latest: posted[3] as string,
      inclusive: true,
    });
    expect(inclusive.messages?.map((message) => message.text)).toEqual(["four", "three", "two"]);
    const page = await client.conversations.history({ channel: SALES, limit: 2 });
    expect(page.messages?.map((message) => message.text)).toEqual(["five", "four"]);
    expect(page.has_more).toBe(true);
    const next = await client.conversations.history({
      channel: SALES,
      limit: 2,
      cursor: page.response_metadata?.next_cursor as string,
    });
    expect(next.messages?.map((message) => message.text)).toEqual(["three", "two"]);
    const last = await client.conversations.history({
      channel: SALES,
      limit: 2,
      cursor: next.response_metadata?.next_cursor as string,
    });
    expect(last.messages?.map((message) => message.text)).toEqual(["one"]);
    expect(last.has_more).toBe(false);
  });

  it("answers not_in_channel, channel_not_found, invalid_cursor and invalid_ts_oldest as Slack does", async () => {
    expect((await slackError(client.conversations.history({ channel: GENERAL }))).error).toBe(
      "not_in_channel",
    );
    expect((await slackError(client.conversations.history({ channel: FINANCE }))).error).toBe(
      "channel_not_found",
    );
    expect(
      (await slackError(client.conversations.history({ channel: SALES, cursor: "bm9wZQ==" }))).error,
    ).toBe("invalid_cursor");
    expect((await slackError(client.conversations.history({ channel: SALES, oldest: "soon" }))).error).toBe(
      "invalid_ts_oldest",
    );
    await client.chat.postMessage({ channel: KARI_DM, text: "Your invoice" });
    const dm = await client.conversations.history({ channel: KARI_DM });
    expect(dm.messages?.map((message) => message.text)).toEqual(["Your invoice"]);
  });
});

describe("the Web API's own rules", () => {
  it("answers auth.test with the bot's identity", async () => {
    const { team, bot } = bed.sandbox.workspace;
    await expect(client.auth.test()).resolves.toMatchObject({
      ok: true,
      team_id: team.id,
      user_id: bot.userId,
      bot_id: bot.botId,
      url: `https://${team.domain}.slack.com/`,
    });
  });

  it("answers not_authed without a token and invalid_auth with a wrong one", async () => {
    expect((await slackError(bed.webClient({}, "").auth.test())).error).toBe("not_authed");
    expect((await slackError(bed.webClient({}, "xoxb-wrong").auth.test())).error).toBe("invalid_auth");
  });

  it("answers unknown_method for methods it does not implement", async () => {
    expect((await slackError(client.apiCall("chat.scheduleMessage", { channel: SALES }))).error).toBe(
      "unknown_method",
    );
  });

  it("accepts JSON bodies with a bearer token, and ignores a token inside them as Slack does", async () => {
    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(`${bed.sandbox.apiUrl}chat.postMessage`, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", ...headers },
        body: JSON.stringify(body),
      }).then((response) => response.json());
    await expect(
      post({ authorization: "Bearer xoxb-sandbox" }, { channel: SALES, text: "JSON" }),
    ).resolves.toMatchObject({
      ok: true,
    });
    await expect(post({}, { channel: SALES, text: "JSON", token: "xoxb-sandbox" })).resolves.toEqual({
      ok: false,
      error: "not_authed",
    });
  });

  it("records every call without its token, and serves the workspace as JSON", async () => {
    await client.chat.postMessage({ channel: SALES, text: "Logged" });
    expect(bed.sandbox.workspace.state.calls.at(-1)).toMatchObject({
      method: "chat.postMessage",
      args: { channel: SALES, text: "Logged" },
      status: 200,
      ok: true,
    });
    expect(JSON.stringify(bed.sandbox.workspace.state.calls)).not.toContain("xoxb-sandbox");
    const state = (await fetch(`${bed.sandbox.url}/_sandbox/state`).then((response) =>
      response.json(),
    )) as SlackWorkspaceState;
    expect(state.channels.find((channel) => channel.id === SALES)?.messages[0]?.text).toBe("Logged");
  });
});

describe("events", () => {
  it("lets a test wait for a message instead of sleeping", async () => {
    const waiting = bed.sandbox.waitFor(() =>
      bed.sandbox.workspace.messages(SALES).find((m) => m.text === "Later"),
    );
    const unrelated = bed.sandbox.events.waitFor((event) => event.type === "message_posted");
    await client.chat.postMessage({ channel: SALES, text: "Sooner" });
    await client.chat.postMessage({ channel: SALES, text: "Later" });
    await expect(waiting).resolves.toMatchObject({ text: "Later" });
    await expect(unrelated).resolves.toMatchObject({ type: "message_posted", message: { text: "Sooner" } });
  });

  it("fails a wait that nothing satisfies, naming what it waited for", async () => {
    await expect(
      bed.sandbox.waitFor(() => bed.sandbox.workspace.messages(GENERAL)[0], {
        timeoutMs: 20,
        what: "a message in #general",
      }),
    ).rejects.toThrow("a message in #general");
  });

  it("keeps plain text sections and mrkdwn as Slack echoes them", async () => {
    const answer = await client.chat.postMessage({
      channel: SALES,
      text: "x",
      blocks: [{ type: "header", text: plain("Faktura") }],
    });
    expect(answer.message?.blocks?.[0]).toMatchObject({
      type: "header",
      block_id: expect.any(String),
      text: { type: "plain_text", text: "Faktura", emoji: true },
    });
  });
});
