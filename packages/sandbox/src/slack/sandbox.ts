import type { IncomingMessage, ServerResponse } from "node:http";
import { listen, type RecordLog, sendJson, type WaitOptions } from "../http.js";
import {
  DEFAULT_APP_TOKEN,
  DEFAULT_BOT,
  DEFAULT_BOT_TOKEN,
  DEFAULT_TEAM,
  DEFAULT_USERS,
  defaultChannels,
} from "./defaults.js";
import { FaultPlan } from "./faults.js";
import { SlackIds } from "./ids.js";
import { ResponseUrls, type ResponseUrlTarget } from "./response-urls.js";
import { SocketModeServer } from "./socket-mode.js";
import { TriggerRegistry, type TriggerSource } from "./triggers.js";
import type { SlackBotIdentity, SlackChannel, SlackSandboxEvent, SlackTeam, SlackUser } from "./types.js";
import { RateLimiter, SLACK_RATE_LIMITS, type SlackRateLimits } from "./web-api/rate-limits.js";
import { handleWebApi, type SlackMethodName } from "./web-api/server.js";
import { SlackWorkspace } from "./workspace.js";

/** A channel to start with; leave out what the defaults cover. */
export type SlackChannelInit = Pick<SlackChannel, "id" | "name" | "kind" | "members"> &
  Partial<Omit<SlackChannel, "id" | "name" | "kind" | "members">>;

export interface SlackSandboxOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** The bot token the Web API accepts (default `xoxb-sandbox`). */
  botToken?: string;
  /** The app-level token `apps.connections.open` accepts, for Socket Mode (default `xapp-sandbox`). */
  appToken?: string;
  /** Milliseconds since the epoch; inject one to expire triggers without waiting. */
  clock?: () => number;
  team?: SlackTeam;
  bot?: SlackBotIdentity;
  users?: SlackUser[];
  channels?: SlackChannelInit[];
  /**
   * Enforce Slack's rate limits on `chat.update` (Tier 3, per workspace) and `chat.postMessage`
   * (about one a second per channel) with 429 and `Retry-After`: `true` for Slack's figures. Off by
   * default, so other tests need not pace themselves.
   */
  rateLimits?: boolean | SlackRateLimits;
}

/** Fault and workspace controls; each says what the next calls will meet. */
export interface SlackSandboxControls {
  /** The next `times` (default 1) calls of `method` get HTTP 429, `Retry-After` and `ratelimited`. */
  rateLimitNext(method: SlackMethodName, options: { retryAfterSeconds: number; times?: number }): void;
  /** The next `times` calls of `method` fail with Slack error `error` (HTTP `status`, default 200). */
  failNext(method: SlackMethodName, options: { error: string; times?: number; status?: number }): void;
  /** Takes the bot out of a channel (id or `#name`), as if someone removed it. */
  removeBot(channel: string): void;
  addBot(channel: string): void;
  archiveChannel(channel: string, archived?: boolean): void;
  /**
   * A fresh `trigger_id` for `userId`, valid for 3 s by the sandbox clock and usable once. Pass
   * the interaction's `source` so `views.push` knows which modal it belongs to.
   */
  issueTrigger(userId: string, source?: TriggerSource): string;
  /** A fresh `response_url` answering into `channelId` for `userId` (five uses, 30 minutes). */
  issueResponseUrl(target: ResponseUrlTarget): string;
  /** Turns Slack's rate limits on (`true`: Slack's figures) or off, from the next call. */
  enforceRateLimits(limits: boolean | SlackRateLimits): void;
}

export interface SlackSandbox {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** Give this to `WebClient` as `slackApiUrl` (ends with `/api/`). */
  apiUrl: string;
  /** The app-level token for Socket Mode: `apps.connections.open` answers a WebSocket URL to it. */
  appToken: string;
  /** Socket Mode connections; the driver with `transport: "socket"` sends its envelopes here. */
  socketMode: SocketModeServer;
  /** The workspace's state and queries; `GET {url}/_sandbox/state` serves the same JSON. */
  workspace: SlackWorkspace;
  controls: SlackSandboxControls;
  /** Every change, in order. */
  events: RecordLog<SlackSandboxEvent>;
  /** Resolves with the first truthy value of `check`, now or after a later change. */
  waitFor<T>(check: () => T | undefined | null | false, options?: Omit<WaitOptions, "count">): Promise<T>;
  close(): Promise<void>;
}

function channelFrom(init: SlackChannelInit): SlackChannel {
  return {
    archived: false,
    created: 1_735_689_600,
    topic: "",
    purpose: "",
    messages: [],
    ...structuredClone(init),
  };
}

function limitsOf(limits: boolean | SlackRateLimits): SlackRateLimits | undefined {
  if (limits === true) return SLACK_RATE_LIMITS;
  return limits === false ? undefined : limits;
}

/** Starts the Slack stand-in: a Web API at `apiUrl` over a workspace you can inspect and steer. */
export async function startSlackSandbox(options: SlackSandboxOptions = {}): Promise<SlackSandbox> {
  const clock = options.clock ?? Date.now;
  const ids = new SlackIds(clock);
  const bot = options.bot ?? DEFAULT_BOT;
  const users = options.users ?? DEFAULT_USERS;
  const workspace = new SlackWorkspace(
    {
      team: options.team ?? DEFAULT_TEAM,
      bot,
      users,
      channels: options.channels ? options.channels.map(channelFrom) : defaultChannels(bot, users),
    },
    ids,
    clock,
  );
  const triggers = new TriggerRegistry(ids, clock);
  const faults = new FaultPlan();
  const rateLimits = new RateLimiter(clock, limitsOf(options.rateLimits ?? false));
  let baseUrl = "";
  const responseUrls = new ResponseUrls(workspace, () => baseUrl);
  const socketMode = new SocketModeServer(bot.appId, () => baseUrl);
  const appToken = options.appToken ?? DEFAULT_APP_TOKEN;
  const context = {
    workspace,
    triggers,
    faults,
    rateLimits,
    socketMode,
    botToken: options.botToken ?? DEFAULT_BOT_TOKEN,
    appToken,
  };

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? "/", "http://sandbox").pathname;
    const method = /^\/api\/([\w.]+)$/.exec(path)?.[1];
    if (method && (request.method === "POST" || request.method === "GET")) {
      return handleWebApi(request, response, method, context);
    }
    if (request.method === "POST" && responseUrls.owns(path))
      return responseUrls.handle(request, response, path);
    if (request.method === "GET" && path === "/_sandbox/state")
      return sendJson(response, 200, workspace.toJSON());
    sendJson(response, 404, {
      ok: false,
      error: "not_found",
      detail: `${request.method} ${path} is not served here`,
    });
  };
  const server = await listen((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(response, 500, { ok: false, error: "sandbox_internal_error", detail: String(error) });
    });
  }, options.port ?? 0);
  baseUrl = server.url;
  server.server.on("upgrade", (request, socket, head) => socketMode.handleUpgrade(request, socket, head));

  const channel = (reference: string) => {
    const found = workspace.channel(reference) ?? workspace.channelByName(reference);
    if (!found) throw new Error(`No channel ${reference} in the sandbox workspace`);
    return found;
  };
  const controls: SlackSandboxControls = {
    rateLimitNext: (method, { retryAfterSeconds, times = 1 }) =>
      faults.arm(method, { kind: "rate_limited", retryAfterSeconds }, times),
    failNext: (method, { error, times = 1, status = 200 }) =>
      faults.arm(method, { kind: "error", error, status }, times),
    removeBot: (reference) => workspace.setMembership(channel(reference), bot.userId, false),
    addBot: (reference) => workspace.setMembership(channel(reference), bot.userId, true),
    archiveChannel: (reference, archived = true) => workspace.setArchived(channel(reference), archived),
    issueTrigger: (userId, source = { kind: "sandbox" }) => triggers.issue(userId, source).id,
    issueResponseUrl: (target) => responseUrls.issue(target),
    enforceRateLimits: (limits) => rateLimits.set(limitsOf(limits)),
  };

  return {
    url: server.url,
    apiUrl: `${server.url}/api/`,
    appToken,
    socketMode,
    workspace,
    controls,
    events: workspace.events,
    waitFor: (check, waitOptions) => workspace.waitFor(check, waitOptions),
    close: async () => {
      await socketMode.close();
      await server.close();
    },
  };
}
