/**
 * Socket Mode against @slack/socket-mode's real SocketModeClient: apps.connections.open with the
 * app-level token, `hello`, envelopes out and acknowledgements back, `disconnect` on close.
 */
import { SocketModeClient } from "@slack/socket-mode";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  createSlackDriver,
  DEFAULT_APP_TOKEN,
  DEFAULT_BOT_TOKEN,
  DEFAULT_CHANNELS,
  DEFAULT_USERS,
  SlackDriverError,
} from "../src/index.js";
import { modal, type SlackTestBed, silentLogger, slackError, startSlackTestBed } from "./slack-helpers.js";

const KARI = DEFAULT_USERS[0]?.id ?? "";
const { sales: SALES } = DEFAULT_CHANNELS;

interface SocketEvent {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  envelope_id: string;
  body: Record<string, unknown> & { type?: string };
  accepts_response_payload?: boolean;
}

let bed: SlackTestBed;
let clients: SocketModeClient[];
let sandboxClosed: boolean;

/** A SocketModeClient pointed at the stand-in; every WebSocket message it reads lands in `messages`. */
function socketClient(appToken = DEFAULT_APP_TOKEN) {
  const client = new SocketModeClient({
    appToken,
    autoReconnectEnabled: false,
    logger: silentLogger,
    clientOptions: { slackApiUrl: bed.sandbox.apiUrl },
  });
  const messages: Record<string, unknown>[] = [];
  client.on("ws_message", (data: string) => messages.push(JSON.parse(data)));
  clients.push(client);
  return { client, messages };
}

beforeEach(async () => {
  bed = await startSlackTestBed();
  clients = [];
  sandboxClosed = false;
});

afterEach(async () => {
  await Promise.all(clients.map((client) => client.disconnect()));
  if (!sandboxClosed) await bed.sandbox.close();
});

describe("apps.connections.open", () => {
  it("answers the app-level token with a single-use WebSocket URL on the stand-in", async () => {
    const apps = bed.webClient({}, DEFAULT_APP_TOKEN);
    const opened = await apps.apps.connections.open();
    const url = new URL(String(opened.url));
    expect(url.protocol).toBe("ws:");
    expect(url.host).toBe(new URL(bed.sandbox.url).host);
    expect(url.pathname).toBe("/link/");
    expect(url.searchParams.get("app_id")).toBe("A0FAKTBOT");
    const again = await apps.apps.connections.open();
    expect(new URL(String(again.url)).searchParams.get("ticket")).not.toBe(url.searchParams.get("ticket"));
  });

  it("refuses the bot token (not_allowed_token_type) and unknown tokens (invalid_auth)", async () => {
    expect((await slackError(bed.client.apps.connections.open())).error).toBe("not_allowed_token_type");
    const stranger = bed.webClient({}, "xapp-1-not-ours");
    expect((await slackError(stranger.apps.connections.open())).error).toBe("invalid_auth");
  });

  it("the app-level token can open connections only, not post", async () => {
    const apps = bed.webClient({}, DEFAULT_APP_TOKEN);
    const refused = await slackError(apps.chat.postMessage({ channel: SALES, text: "Hei" }));
    expect(refused.error).toBe("not_allowed_token_type");
    expect(bed.sandbox.workspace.messages(SALES)).toHaveLength(0);
  });
});

describe("the WebSocket", () => {
  it("greets a connection with hello, as Slack does", async () => {
    const { client, messages } = socketClient();
    const connected = await client.start();
    expect(connected).toMatchObject({
      ok: true,
      url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/link\//),
    });
    expect(messages[0]).toEqual({
      type: "hello",
      num_connections: 1,
      debug_info: {
        host: expect.any(String),
        build_number: expect.any(Number),
        approximate_connection_time: 18060,
      },
      connection_info: { app_id: "A0FAKTBOT" },
    });
    expect(bed.sandbox.socketMode.connections).toBe(1);
  });

  it("a URL connects once: a second connection with the same ticket is refused", async () => {
    const opened = await bed.webClient({}, DEFAULT_APP_TOKEN).apps.connections.open();
    const url = String(opened.url);
    const outcome = (target: string) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(target);
        socket.on("open", () => {
          socket.close();
          resolve("open");
        });
        socket.on("error", () => resolve("refused"));
      });
    expect(await outcome(url)).toBe("open");
    expect(await outcome(url)).toBe("refused");
    expect(await outcome(url.replace(/ticket=[^&]+/, "ticket=made-up"))).toBe("refused");
  });

  it("a bot token cannot start a client; an unknown app token neither", async () => {
    await expect(socketClient(DEFAULT_BOT_TOKEN).client.start()).rejects.toMatchObject({
      data: { error: "not_allowed_token_type" },
    });
    await expect(socketClient("xapp-1-not-ours").client.start()).rejects.toMatchObject({
      data: { error: "invalid_auth" },
    });
    expect(bed.sandbox.socketMode.connections).toBe(0);
  });

  it("says disconnect (link_disabled) when the stand-in closes", async () => {
    const { client, messages } = socketClient();
    await client.start();
    const disconnected = new Promise<void>((resolve) => client.once("disconnected", () => resolve()));
    sandboxClosed = true;
    await bed.sandbox.close();
    await disconnected;
    expect(messages.at(-1)).toEqual({
      type: "disconnect",
      reason: "link_disabled",
      debug_info: { host: expect.any(String) },
    });
  });
});

describe("the driver over Socket Mode", () => {
  it("delivers a slash command as a slash_commands envelope; the ack's payload is the answer", async () => {
    const { client } = socketClient();
    const received: SocketEvent[] = [];
    client.on("slash_commands", async (event: SocketEvent) => {
      received.push(event);
      await event.ack({ text: "Only you can see this" });
    });
    await client.start();
    const driver = createSlackDriver({ slack: bed.sandbox, transport: "socket" });

    const result = await driver.slashCommand({ command: "/invoice", text: "Nordlys" });

    expect(result).toMatchObject({
      ok: true,
      status: 200,
      body: JSON.stringify({ text: "Only you can see this" }),
    });
    const [event] = received;
    expect(event?.envelope_id).toEqual(expect.any(String));
    expect(event?.accepts_response_payload).toBe(true);
    expect(event?.body).toMatchObject({
      command: "/invoice",
      text: "Nordlys",
      user_id: KARI,
      channel_id: SALES,
      trigger_id: result.triggerId,
      response_url: result.responseUrl,
      api_app_id: "A0FAKTBOT",
    });
    expect(bed.sandbox.workspace.state.ephemerals.at(-1)).toMatchObject({
      userId: KARI,
      text: "Only you can see this",
    });
    expect(bed.sandbox.workspace.state.interactions.at(-1)).toMatchObject({
      kind: "slash_command",
      status: 200,
    });
  });

  it("delivers a view_submission as an interactive envelope; response_action errors apply as over HTTP", async () => {
    const { client } = socketClient();
    const submissions: SocketEvent[] = [];
    client.on("interactive", async (event: SocketEvent) => {
      submissions.push(event);
      await event.ack({ response_action: "errors", errors: { customer: "No customer by that name" } });
    });
    await client.start();
    const driver = createSlackDriver({ slack: bed.sandbox, transport: "socket" });
    await bed.client.views.open({
      trigger_id: bed.sandbox.controls.issueTrigger(KARI),
      view: modal() as never,
    });
    const handle = await driver.waitForModal();
    await handle.fill("customer", "name", "Nordlys AS");

    const outcome = await handle.submit();

    expect(submissions[0]?.body).toMatchObject({ type: "view_submission", view: { id: handle.id } });
    expect(outcome).toMatchObject({ kind: "errors", errors: { customer: "No customer by that name" } });
    expect(handle.isOpen).toBe(true);
  });

  it("a bare ack is an empty answer: the submitted modal closes", async () => {
    const { client } = socketClient();
    client.on("interactive", (event: SocketEvent) => event.ack());
    await client.start();
    const driver = createSlackDriver({ slack: bed.sandbox, transport: "socket" });
    await bed.client.views.open({
      trigger_id: bed.sandbox.controls.issueTrigger(KARI),
      view: modal() as never,
    });
    const handle = await driver.waitForModal();
    await handle.fill("customer", "name", "Nordlys AS");

    expect(await handle.submit()).toMatchObject({ kind: "closed", delivery: { ok: true, body: "" } });
    expect(handle.isOpen).toBe(false);
  });

  it("no ack within the ack window is a timeout, as over HTTP", async () => {
    const { client } = socketClient();
    const unanswered: SocketEvent[] = [];
    client.on("slash_commands", (event: SocketEvent) => unanswered.push(event));
    await client.start();
    const driver = createSlackDriver({ slack: bed.sandbox, transport: "socket", ackTimeoutMs: 100 });

    const result = await driver.slashCommand({ command: "/invoice" });

    expect(result).toMatchObject({ ok: false, status: "timeout", body: "" });
    expect(unanswered).toHaveLength(1);
    // A late acknowledgement changes nothing.
    await unanswered[0]?.ack({ text: "too late" });
    expect(bed.sandbox.workspace.state.ephemerals).toHaveLength(0);
  });

  it("with no app connected, the driver says so", async () => {
    const driver = createSlackDriver({ slack: bed.sandbox, transport: "socket" });
    await expect(driver.slashCommand({ command: "/invoice" })).rejects.toThrow(SlackDriverError);
    await expect(driver.slashCommand({ command: "/invoice" })).rejects.toThrow(
      /No app is connected over Socket Mode/,
    );
  });
});
