/**
 * App Home and ephemeral messages with buttons, proved with a real Bolt app: `app_home_opened`
 * arrives as a signed Events API request, actions in the Home view and in an ephemeral message
 * come back as Slack sends them, and `replace_original` on an ephemeral's `response_url` replaces
 * it in place. Plus the two look-ups a bot makes around them: permalinks and a person's channels.
 */
import type { AddressInfo } from "node:net";
import { App, type BlockAction, type OverflowAction, type StaticSelectAction } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackDriver, DEFAULT_CHANNELS, DEFAULT_USERS, type SlackDriver } from "../src/index.js";
import { plain, type SlackTestBed, silentLogger, slackError, startSlackTestBed } from "./slack-helpers.js";

const SIGNING_SECRET = "home-signing-secret";
const KARI = DEFAULT_USERS[0]?.id ?? "";
const LAST = DEFAULT_USERS.at(-1)?.id ?? "";
const { sales: SALES, general: GENERAL, finance: FINANCE } = DEFAULT_CHANNELS;

let bed: SlackTestBed;
let app: App;
let driver: SlackDriver;
const picked: string[] = [];

function homeView(opened: number, lastPick: string) {
  return {
    type: "home" as const,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `Opened ${opened} times; last pick ${lastPick}` } },
      {
        type: "section",
        block_id: "row",
        text: { type: "mrkdwn", text: "An invoice" },
        accessory: {
          type: "overflow",
          action_id: "row_menu",
          options: ["status", "cancel"].map((value) => ({ text: plain(value), value })),
        },
      },
      {
        type: "section",
        block_id: "language",
        text: { type: "mrkdwn", text: "Language" },
        accessory: {
          type: "static_select",
          action_id: "language_select",
          options: ["nb", "en"].map((value) => ({ text: plain(value), value })),
        },
      },
    ],
  };
}

function page(number: number) {
  return {
    text: `Page ${number}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `Page ${number}` } },
      {
        type: "actions",
        elements: [
          { type: "button", action_id: "next_page", text: plain("Next"), value: String(number + 1) },
        ],
      },
    ],
  };
}

beforeEach(async () => {
  bed = await startSlackTestBed();
  picked.length = 0;
  let opened = 0;
  app = new App({
    token: "xoxb-sandbox",
    signingSecret: SIGNING_SECRET,
    logger: silentLogger,
    clientOptions: { slackApiUrl: bed.sandbox.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger },
  });
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    opened += 1;
    await client.views.publish({ user_id: event.user, view: homeView(opened, picked.at(-1) ?? "none") });
  });
  app.action<BlockAction<OverflowAction>>("row_menu", async ({ ack, action, body, client }) => {
    await ack();
    picked.push(action.selected_option.value);
    expect(body.view?.type).toBe("home");
    await client.views.publish({
      user_id: body.user.id,
      view: homeView(opened, action.selected_option.value),
    });
  });
  app.action<BlockAction<StaticSelectAction>>("language_select", async ({ ack, action, body, client }) => {
    await ack();
    picked.push(`language ${action.selected_option.value}`);
    await client.views.publish({ user_id: body.user.id, view: homeView(opened, picked.at(-1) ?? "") });
  });
  app.command("/list", async ({ ack, respond }) => {
    await ack();
    await respond({ response_type: "ephemeral", ...page(1) });
  });
  app.action<BlockAction>("next_page", async ({ ack, action, respond, body }) => {
    await ack();
    expect(body.container).toMatchObject({ is_ephemeral: true });
    if (action.type === "button") await respond({ replace_original: true, ...page(Number(action.value)) });
  });
  const server = await app.start(0);
  const botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  driver = createSlackDriver({ slack: bed.sandbox, botUrl, signingSecret: SIGNING_SECRET });
});

afterEach(async () => {
  await app.stop();
  await bed.sandbox.close();
});

describe("App Home", () => {
  it("delivers app_home_opened, shows the published view, and sends its overflow picks back", async () => {
    const { workspace } = bed.sandbox;
    expect(await driver.openAppHome({ userId: KARI })).toMatchObject({ ok: true, status: 200 });
    const first = await bed.sandbox.waitFor(() => workspace.home(KARI));
    expect(JSON.stringify(first.view.blocks)).toContain("Opened 1 times; last pick none");

    expect(await driver.homeAction({ userId: KARI, actionId: "row_menu", value: "cancel" })).toMatchObject({
      ok: true,
    });
    await bed.sandbox.waitFor(() =>
      JSON.stringify(workspace.home(KARI)?.view.blocks).includes("last pick cancel"),
    );
    expect(picked).toEqual(["cancel"]);
    // Opening again carries the view the person saw last, and keeps its id.
    await driver.openAppHome({ userId: KARI });
    const again = await bed.sandbox.waitFor(() =>
      JSON.stringify(workspace.home(KARI)?.view.blocks).includes("Opened 2 times")
        ? workspace.home(KARI)
        : undefined,
    );
    expect(again.view.id).toBe(first.view.id);
    expect(workspace.state.interactions.map((interaction) => interaction.kind)).toEqual([
      "event",
      "block_actions",
      "event",
    ]);
  });

  it("sends a select's pick back at once, as Slack does outside a modal's inputs", async () => {
    await driver.openAppHome({ userId: KARI });
    await bed.sandbox.waitFor(() => bed.sandbox.workspace.home(KARI));
    expect(await driver.homeAction({ userId: KARI, actionId: "language_select", value: "en" })).toMatchObject(
      { ok: true },
    );
    await bed.sandbox.waitFor(() =>
      JSON.stringify(bed.sandbox.workspace.home(KARI)?.view.blocks).includes("last pick language en"),
    );
    await expect(
      driver.homeAction({ userId: KARI, actionId: "language_select", value: "sv" }),
    ).rejects.toThrow("has no language_select with sv");
  });

  it("refuses an option the overflow does not offer, and a Home nobody published", async () => {
    await expect(driver.homeAction({ userId: KARI, actionId: "row_menu", value: "status" })).rejects.toThrow(
      "has no App Home view",
    );
    await driver.openAppHome({ userId: KARI });
    await bed.sandbox.waitFor(() => bed.sandbox.workspace.home(KARI));
    await expect(driver.homeAction({ userId: KARI, actionId: "row_menu", value: "refund" })).rejects.toThrow(
      "has no row_menu with refund",
    );
  });
});

describe("ephemeral messages with buttons", () => {
  it("replaces the ephemeral message in place through the action's response_url", async () => {
    const { workspace } = bed.sandbox;
    await driver.slashCommand({ command: "/list", userId: KARI, channelId: SALES });
    const first = await bed.sandbox.waitFor(() => workspace.ephemeralsFor(KARI, SALES)[0]);
    expect(first.text).toBe("Page 1");
    await driver.ephemeralAction({ userId: KARI, ts: first.ts, actionId: "next_page" });
    await bed.sandbox.waitFor(() => workspace.ephemeralsFor(KARI, SALES)[0]?.text === "Page 2");
    expect(workspace.ephemeralsFor(KARI, SALES)).toHaveLength(1);
    expect(bed.sandbox.events.entries.some((event) => event.type === "ephemeral_updated")).toBe(true);
    await expect(
      driver.ephemeralAction({ userId: LAST, ts: first.ts, actionId: "next_page" }),
    ).rejects.toThrow("sees no ephemeral message");
  });
});

describe("look-ups", () => {
  it("chat.getPermalink links a message and a thread reply; unknown ones are message_not_found", async () => {
    const posted = await bed.client.chat.postMessage({ channel: SALES, text: "Invoice" });
    const reply = await bed.client.chat.postMessage({
      channel: SALES,
      text: "Paid",
      thread_ts: posted.ts as string,
    });
    const link = await bed.client.chat.getPermalink({ channel: SALES, message_ts: posted.ts as string });
    expect(link.permalink).toBe(
      `https://${bed.sandbox.workspace.team.domain}.slack.com/archives/${SALES}/p${(posted.ts as string).replace(".", "")}`,
    );
    const replyLink = await bed.client.chat.getPermalink({ channel: SALES, message_ts: reply.ts as string });
    expect(replyLink.permalink).toContain(`?thread_ts=${posted.ts}&cid=${SALES}`);
    expect(
      (await slackError(bed.client.chat.getPermalink({ channel: SALES, message_ts: "1.2" }))).error,
    ).toBe("message_not_found");
    expect(
      (await slackError(bed.client.chat.getPermalink({ channel: FINANCE, message_ts: "1.2" }))).error,
    ).toBe("channel_not_found");
  });

  it("users.conversations lists a person's channels the bot can see, of the types asked for", async () => {
    const ids = async (types?: string) =>
      (
        (await bed.client.users.conversations({ user: KARI, ...(types ? { types } : {}) })).channels ?? []
      ).map((channel) => channel.id);
    expect(await ids()).toEqual([SALES, GENERAL]);
    // #finance is private and the bot is not in it: invisible to the bot.
    expect(await ids("public_channel,private_channel")).toEqual([SALES, GENERAL]);
    bed.sandbox.workspace.setMembership(
      bed.sandbox.workspace.channel(FINANCE) as never,
      bed.sandbox.workspace.bot.userId,
      true,
    );
    expect(await ids("private_channel")).toEqual([FINANCE]);
    expect((await slackError(bed.client.users.conversations({ user: "U0NOBODY" }))).error).toBe(
      "user_not_found",
    );
  });
});
