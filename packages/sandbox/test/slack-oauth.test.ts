/**
 * Slack's OAuth install flow and several workspaces on one stand-in, proven against a real Bolt
 * App in OAuth mode (its own InstallProvider, state check and installation store).
 */
import type { AddressInfo } from "node:net";
import { App } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createSlackDriver,
  DEFAULT_CHANNELS,
  DEFAULT_TEAM,
  installThroughOAuth,
  SECOND_CHANNELS,
  SECOND_TEAM,
  SECOND_USERS,
  type SlackTeamSandbox,
} from "../src/index.js";
import { type SlackTestBed, silentLogger, slackError, startSlackTestBed } from "./slack-helpers.js";

const SIGNING_SECRET = "oauth-signing-secret";
const CLIENT = { clientId: "1111.2222", clientSecret: "oauth-client-secret" };

let bed: SlackTestBed;
let second: SlackTeamSandbox;
let app: App;
let botBase: string;
const uninstalled: { event: string; teamId: string | undefined }[] = [];

beforeEach(async () => {
  bed = await startSlackTestBed({ oauth: CLIENT, installed: false });
  second = bed.sandbox.addWorkspace();
  uninstalled.length = 0;
  const clientOptions = {
    slackApiUrl: bed.sandbox.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger,
  };
  app = new App({
    signingSecret: SIGNING_SECRET,
    ...CLIENT,
    stateSecret: "oauth-state-secret-of-32-characters!",
    scopes: ["commands", "chat:write"],
    installerOptions: {
      directInstall: true,
      authorizationUrl: bed.sandbox.oauth.authorizeUrl,
      clientOptions,
    },
    clientOptions,
    logger: silentLogger,
  });
  app.command("/hello", async ({ ack, say, context }) => {
    await ack();
    await say(`hello from ${context.teamId}`);
  });
  for (const event of ["app_uninstalled", "tokens_revoked"] as const) {
    app.event(event, async ({ context }) => {
      uninstalled.push({ event, teamId: context.teamId });
    });
  }
  const server = await app.start(0);
  botBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bed.sandbox.oauth.setRedirectUri(`${botBase}/slack/oauth_redirect`);
});

afterEach(async () => {
  await app.stop();
  await bed.sandbox.close();
});

const install = (teamId: string, extra: Partial<Parameters<typeof installThroughOAuth>[1]> = {}) =>
  installThroughOAuth(bed.sandbox, { installUrl: `${botBase}/slack/install`, teamId, ...extra });

describe("the OAuth install flow", () => {
  it("installs the app in each workspace with its own bot token, and each answers with its own", async () => {
    expect(bed.sandbox.installation()).toBe("not-installed");
    const first = await install(DEFAULT_TEAM.id);
    expect(first).toMatchObject({ status: 200 });
    expect(first.redirectUrl).toMatch(/\/slack\/oauth_redirect\?code=T0SANDBOX\.\w+&state=/);
    expect(await install(SECOND_TEAM.id)).toMatchObject({ status: 200 });
    expect(bed.sandbox.teams().map((team) => team.installation())).toEqual(["installed", "installed"]);
    expect(bed.sandbox.botToken).not.toBe(second.botToken);

    const driver = (slack: SlackTeamSandbox) =>
      createSlackDriver({ slack, botUrl: `${botBase}/slack/events`, signingSecret: SIGNING_SECRET });
    await driver(bed.sandbox).slashCommand({ command: "/hello" });
    await driver(second).slashCommand({ command: "/hello", userId: SECOND_USERS[0]?.id ?? "" });
    const said = (slack: SlackTeamSandbox, channel: string) =>
      slack.waitFor(() => slack.workspace.messages(channel).at(-1)?.text);
    expect(await said(bed.sandbox, DEFAULT_CHANNELS.sales)).toBe("hello from T0SANDBOX");
    expect(await said(second, SECOND_CHANNELS.sales)).toBe("hello from T0NORDLYS");
    // Each workspace saw only its own calls.
    expect(second.workspace.messages(DEFAULT_CHANNELS.sales)).toEqual([]);
    expect(second.workspace.state.calls.map((call) => call.method)).toEqual([
      "oauth.v2.access",
      "auth.test",
      "chat.postMessage",
    ]);
  });

  it("refuses a changed state, a redirect without the browser's state cookie, and a code used twice", async () => {
    expect(await install(SECOND_TEAM.id, { tamperState: (state) => `${state}x` })).toMatchObject({
      status: 400,
    });
    expect(await install(SECOND_TEAM.id, { withoutCookie: true })).toMatchObject({ status: 400 });
    expect(second.installation()).toBe("not-installed");
    const done = await install(SECOND_TEAM.id);
    expect(done.status).toBe(200);
    const code = new URL(done.redirectUrl).searchParams.get("code") ?? "";
    const client = new WebClient(undefined, {
      slackApiUrl: bed.sandbox.apiUrl,
      retryConfig: { retries: 0 },
      logger: silentLogger,
    });
    const credentials = { client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret };
    expect(await slackError(client.oauth.v2.access({ ...credentials, code }))).toMatchObject({
      error: "invalid_code",
    });
    expect(
      await slackError(client.oauth.v2.access({ ...credentials, client_secret: "wrong", code })),
    ).toMatchObject({
      error: "bad_client_secret",
    });
  });

  it("shows a consent page with one Allow per workspace, and refuses an unknown client", async () => {
    const start = await fetch(`${botBase}/slack/install`, { redirect: "manual" });
    const consentUrl = start.headers.get("location") ?? "";
    expect(consentUrl.startsWith(bed.sandbox.oauth.authorizeUrl)).toBe(true);
    const page = await (await fetch(consentUrl)).text();
    expect(page).toContain("Allow in Fakturabot Sandbox");
    expect(page).toContain("Allow in Nordlys Regnskap");
    const stranger = new URL(consentUrl);
    stranger.searchParams.set("client_id", "9999.0000");
    expect((await fetch(stranger)).status).toBe(400);
  });

  it("tells the app of an uninstall and of a revoked token, signed, and the token stops working", async () => {
    await install(DEFAULT_TEAM.id);
    await install(SECOND_TEAM.id);
    const driver = (slack: SlackTeamSandbox) =>
      createSlackDriver({ slack, botUrl: `${botBase}/slack/events`, signingSecret: SIGNING_SECRET });
    expect(await driver(second).appUninstalled()).toMatchObject({ ok: true, status: 200 });
    expect(await driver(bed.sandbox).tokensRevoked()).toMatchObject({ ok: true, status: 200 });
    await bed.sandbox.waitFor(() => uninstalled.length === 2);
    expect(uninstalled).toEqual([
      { event: "app_uninstalled", teamId: SECOND_TEAM.id },
      { event: "tokens_revoked", teamId: DEFAULT_TEAM.id },
    ]);
    for (const slack of [bed.sandbox, second]) {
      expect(slack.installation()).toBe("revoked");
      expect(await slackError(bed.webClient({}, slack.botToken).auth.test())).toMatchObject({
        error: "token_revoked",
      });
    }
    const impostor = createSlackDriver({
      slack: second,
      botUrl: `${botBase}/slack/events`,
      signingSecret: "not-it",
    });
    expect(await impostor.appUninstalled()).toMatchObject({ ok: false, status: 401 });
    // Installing again makes the token work again.
    expect(await install(SECOND_TEAM.id)).toMatchObject({ status: 200 });
    expect(await bed.webClient({}, second.botToken).auth.test()).toMatchObject({ team_id: SECOND_TEAM.id });
  });
});
