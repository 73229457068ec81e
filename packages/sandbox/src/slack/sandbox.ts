import type { IncomingMessage, ServerResponse } from "node:http";
import { listen, type RecordLog, sendJson, type WaitOptions } from "../http.js";
import {
  DEFAULT_APP_TOKEN,
  DEFAULT_BOT,
  DEFAULT_BOT_TOKEN,
  DEFAULT_CHANNELS,
  DEFAULT_TEAM,
  DEFAULT_USERS,
  defaultChannels,
  SECOND_BOT,
  SECOND_CHANNELS,
  SECOND_TEAM,
  SECOND_USERS,
} from "./defaults.js";
import { FaultPlan } from "./faults.js";
import { SlackIds } from "./ids.js";
import { ALLOW_PATH, AUTHORIZE_PATH, SandboxOAuth, type SlackOAuthApp } from "./oauth.js";
import { ResponseUrls, type ResponseUrlTarget } from "./response-urls.js";
import { SocketModeServer } from "./socket-mode.js";
import { TriggerRegistry, type TriggerSource } from "./triggers.js";
import type { SlackBotIdentity, SlackChannel, SlackSandboxEvent, SlackTeam, SlackUser } from "./types.js";
import { RateLimiter, SLACK_RATE_LIMITS, type SlackRateLimits } from "./web-api/rate-limits.js";
import {
  handleWebApi,
  SCOPES,
  type SlackMethodName,
  type WebApiContext,
  type WebApiRouter,
} from "./web-api/server.js";
import { SlackWorkspace } from "./workspace.js";

export type { SlackOAuthApp } from "./oauth.js";

/** A channel to start with; leave out what the defaults cover. */
export type SlackChannelInit = Pick<SlackChannel, "id" | "name" | "kind" | "members"> &
  Partial<Omit<SlackChannel, "id" | "name" | "kind" | "members">>;

/** One workspace of the stand-in; leave out what the defaults cover. */
export interface SlackWorkspaceOptions {
  /** The bot token this workspace's installation gets (default `xoxb-sandbox` for the first). */
  botToken?: string;
  team?: SlackTeam;
  bot?: SlackBotIdentity;
  users?: SlackUser[];
  channels?: SlackChannelInit[];
  /**
   * Whether the app is installed here from the start, so its bot token works (default: true for
   * the first workspace, false for added ones, which install it through OAuth).
   */
  installed?: boolean;
}

export interface SlackSandboxOptions extends SlackWorkspaceOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** The app-level token `apps.connections.open` accepts, for Socket Mode (default `xapp-sandbox`). */
  appToken?: string;
  /** Milliseconds since the epoch; inject one to expire triggers without waiting. */
  clock?: () => number;
  /**
   * Enforce Slack's rate limits on `chat.update` (Tier 3, per workspace) and `chat.postMessage`
   * (about one a second per channel) with 429 and `Retry-After`: `true` for Slack's figures. Off by
   * default, so other tests need not pace themselves.
   */
  rateLimits?: boolean | SlackRateLimits;
  /** The app's OAuth credentials: `oauth.v2.access` and the consent page work only with them. */
  oauth?: SlackOAuthApp;
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
  /**
   * Someone removes the app from the workspace (`reason: "uninstalled"`) or revokes its token:
   * the bot token stops working (`token_revoked`). The driver's `appUninstalled()` and
   * `tokensRevoked()` also tell the bot.
   */
  revokeInstallation(reason: "uninstalled" | "tokens_revoked"): void;
  /** Turns Slack's rate limits on (`true`: Slack's figures) or off, from the next call. */
  enforceRateLimits(limits: boolean | SlackRateLimits): void;
}

/** One workspace: its state, controls and the driver's way in. */
export interface SlackTeamSandbox {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** Give this to `WebClient` as `slackApiUrl` (ends with `/api/`). */
  apiUrl: string;
  /** The app-level token for Socket Mode: `apps.connections.open` answers a WebSocket URL to it. */
  appToken: string;
  /** Socket Mode connections; the driver with `transport: "socket"` sends its envelopes here. */
  socketMode: SocketModeServer;
  /** The workspace's state and queries; `GET {url}/_sandbox/state?team=<id>` serves the same JSON. */
  workspace: SlackWorkspace;
  controls: SlackSandboxControls;
  /** Every change, in order. */
  events: RecordLog<SlackSandboxEvent>;
  /** Resolves with the first truthy value of `check`, now or after a later change. */
  waitFor<T>(check: () => T | undefined | null | false, options?: Omit<WaitOptions, "count">): Promise<T>;
  /** The bot token the app's installation in this workspace gets. */
  botToken: string;
  /** `installed`: the bot token works; `revoked`: it did once, and no longer does. */
  installation(): "installed" | "not-installed" | "revoked";
}

/** The OAuth install flow's Slack side. */
export interface SlackSandboxOAuth {
  /** Slack's consent page here: Bolt's `installerOptions.authorizationUrl`. */
  authorizeUrl: string;
  /** The app's configured Redirect URL (where "Allow" goes when the install URL names none). */
  setRedirectUri(url: string): void;
  /**
   * The "Allow" step: from the consent page URL the app sent the installer to (with its `state`),
   * the URL their browser follows to add the app to `teamId`; it redirects to the app's redirect
   * URL with a one-time `code` and the same `state`.
   */
  allowUrl(consentUrl: string, teamId: string): string;
}

/** The first workspace's parts at the top level (as before there were several), and the others. */
export interface SlackSandbox extends SlackTeamSandbox {
  /** Every workspace, the first one first. */
  teams(): SlackTeamSandbox[];
  team(teamId: string): SlackTeamSandbox | undefined;
  /** Another workspace on the same Slack (same API URL; its own token, users and channels). */
  addWorkspace(options?: SlackWorkspaceOptions): SlackTeamSandbox;
  oauth: SlackSandboxOAuth;
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

interface Team {
  sandbox: SlackTeamSandbox;
  context: WebApiContext;
  responseUrls: ResponseUrls;
  state: { installation: "installed" | "not-installed" | "revoked" };
}

function limitsOf(limits: boolean | SlackRateLimits): SlackRateLimits | undefined {
  if (limits === true) return SLACK_RATE_LIMITS;
  return limits === false ? undefined : limits;
}

/** Starts the Slack stand-in: a Web API at `apiUrl` over workspaces you can inspect and steer. */
export async function startSlackSandbox(options: SlackSandboxOptions = {}): Promise<SlackSandbox> {
  const clock = options.clock ?? Date.now;
  const ids = new SlackIds(clock);
  const appToken = options.appToken ?? DEFAULT_APP_TOKEN;
  let baseUrl = "";
  const socketMode = new SocketModeServer((options.bot ?? DEFAULT_BOT).appId, () => baseUrl);
  const teams: Team[] = [];
  const oauth = new SandboxOAuth(options.oauth, clock, () =>
    teams.map(({ sandbox }) => ({
      team: sandbox.workspace.team,
      installerId: sandbox.workspace.state.users.find((user) => !user.isBot)?.id,
    })),
  );

  function addTeam(init: SlackWorkspaceOptions, first: boolean): SlackTeamSandbox {
    // Added workspaces default to the second company's, so each has its own people and channels.
    const bot = init.bot ?? (first ? DEFAULT_BOT : SECOND_BOT);
    const users = init.users ?? (first ? DEFAULT_USERS : SECOND_USERS);
    const team = init.team ?? (first ? DEFAULT_TEAM : SECOND_TEAM);
    if (teams.some(({ sandbox }) => sandbox.workspace.team.id === team.id)) {
      throw new Error(`The Slack sandbox already has a workspace ${team.id}`);
    }
    const workspace = new SlackWorkspace(
      {
        team,
        bot,
        users,
        channels: init.channels
          ? init.channels.map(channelFrom)
          : defaultChannels(bot, users, first ? DEFAULT_CHANNELS : SECOND_CHANNELS),
      },
      ids,
      clock,
    );
    const triggers = new TriggerRegistry(ids, clock);
    const faults = new FaultPlan();
    // Per workspace, as Slack counts them.
    const rateLimits = new RateLimiter(clock, limitsOf(options.rateLimits ?? false));
    const responseUrls = new ResponseUrls(workspace, () => baseUrl);
    const botToken = init.botToken ?? (first ? DEFAULT_BOT_TOKEN : `xoxb-${team.id.toLowerCase()}-sandbox`);
    const state: Team["state"] = { installation: (init.installed ?? first) ? "installed" : "not-installed" };
    const channel = (reference: string) => {
      const found = workspace.channel(reference) ?? workspace.channelByName(reference);
      if (!found) throw new Error(`No channel ${reference} in the sandbox workspace ${team.id}`);
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
      revokeInstallation: () => {
        state.installation = "revoked";
      },
      enforceRateLimits: (limits) => rateLimits.set(limitsOf(limits)),
    };
    const sandbox: SlackTeamSandbox = {
      get url() {
        return baseUrl;
      },
      get apiUrl() {
        return `${baseUrl}/api/`;
      },
      appToken,
      socketMode,
      workspace,
      controls,
      events: workspace.events,
      waitFor: (check, waitOptions) => workspace.waitFor(check, waitOptions),
      botToken,
      installation: () => state.installation,
    };
    teams.push({
      sandbox,
      context: { workspace, triggers, faults, rateLimits, socketMode, appToken },
      responseUrls,
      state,
    });
    return sandbox;
  }

  const primary = addTeam(options, true);
  const teamById = (teamId: string) => teams.find(({ sandbox }) => sandbox.workspace.team.id === teamId);
  const router: WebApiRouter = {
    primary: (teams[0] as Team).context,
    forBotToken(token) {
      const found = teams.find(({ sandbox }) => sandbox.botToken === token);
      if (!found || found.state.installation === "not-installed") return "invalid_auth";
      return found.state.installation === "revoked" ? "token_revoked" : found.context;
    },
    exchangeCode(args, basic) {
      const { teamId, userId } = oauth.exchange(args, basic);
      const found = teamById(teamId) as Team;
      found.state.installation = "installed";
      const { team, bot } = found.sandbox.workspace;
      return {
        context: found.context,
        answer: {
          access_token: found.sandbox.botToken,
          token_type: "bot",
          scope: SCOPES,
          bot_user_id: bot.userId,
          app_id: bot.appId,
          team: { id: team.id, name: team.name },
          enterprise: null,
          is_enterprise_install: false,
          authed_user: { id: userId },
        },
      };
    },
  };

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://sandbox");
    const path = url.pathname;
    const method = /^\/api\/([\w.]+)$/.exec(path)?.[1];
    if (method && (request.method === "POST" || request.method === "GET")) {
      return handleWebApi(request, response, method, router);
    }
    const answering = request.method === "POST" && teams.find(({ responseUrls }) => responseUrls.owns(path));
    if (answering) return answering.responseUrls.handle(request, response, path);
    if (request.method === "GET" && oauth.owns(path)) return oauth.handle(request, response);
    if (request.method === "GET" && path === "/_sandbox/state") {
      const shown = teamById(url.searchParams.get("team") ?? "") ?? (teams[0] as Team);
      return sendJson(response, 200, shown.sandbox.workspace.toJSON());
    }
    if (request.method === "GET" && path === "/_sandbox/teams") {
      return sendJson(
        response,
        200,
        teams.map(({ sandbox, state }) => ({ ...sandbox.workspace.team, installation: state.installation })),
      );
    }
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

  return {
    ...primary,
    url: server.url,
    apiUrl: `${server.url}/api/`,
    teams: () => teams.map(({ sandbox }) => sandbox),
    team: (teamId) => teamById(teamId)?.sandbox,
    addWorkspace: (init = {}) => addTeam(init, false),
    oauth: {
      authorizeUrl: `${server.url}${AUTHORIZE_PATH}`,
      setRedirectUri: (url) => oauth.setRedirectUri(url),
      allowUrl(consentUrl, teamId) {
        const consent = new URL(consentUrl);
        consent.searchParams.set("team", teamId);
        return `${server.url}${ALLOW_PATH}${consent.search}`;
      },
    },
    close: async () => {
      await socketMode.close();
      await server.close();
    },
  };
}
