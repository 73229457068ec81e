import { createServer } from "node:net";
import { createFrontPaymentClient } from "@fakturabot/client";
import {
  type BrregSandbox,
  createSlackDriver,
  type FrontPaymentSandbox,
  type SlackDriver,
  type SlackSandbox,
  startBrregSandbox,
  startFrontPaymentSandbox,
  startSlackSandbox,
  startWorkspacePage,
  type WorkspaceLink,
  type WorkspacePage,
} from "@fakturabot/sandbox";
import { DEFAULT_TAX_RATES } from "@fakturabot/schema";
import type { AccessRules, ApprovalPolicy, Locale } from "@fakturabot/slack-bot";
import {
  type Bot,
  createBot,
  type InvoiceStore,
  type Logger,
  openSqliteStore,
  type RunningBot,
} from "@fakturabot/slack-bot";

/** Secrets of the local stack only: the stand-ins and the bot share them on loopback. */
export const LOCAL_SECRETS = {
  signingSecret: "local-signing-secret",
  callbackSecret: "local-callback-secret",
  frontPaymentToken: "sandbox-token",
} as const;

/** The local Slack app's OAuth credentials (many workspaces), shared by the stand-in and the bot. */
export const LOCAL_OAUTH = {
  clientId: "1111.2222",
  clientSecret: "local-client-secret",
  stateSecret: "local-state-secret-of-at-least-32-chars",
  /** Fixed, so a restart on the same data directory opens the tokens it sealed. */
  tokenEncryptionKey: Buffer.alloc(32, "local-key"),
} as const;

export interface LocalStackOptions {
  dataDir: string;
  logger: Logger;
  /** Ports on 127.0.0.1; any free port when left out. */
  ports?: { bot?: number; slack?: number; frontPayment?: number; workspace?: number };
  access?: AccessRules;
  now?: () => Date;
  /** Stand-ins already running, used instead of new ones and left running by `close()` (a restart keeps them). */
  standIns?: { frontPayment?: FrontPaymentSandbox; slack?: SlackSandbox; brreg?: BrregSandbox };
  /** How long the bot waits for Brønnøysundregistrene's stand-in (the client's short default when left out). */
  brregTimeoutMs?: number;
  /** The Front Payment client's time limit per attempt (the client's default when left out). */
  frontPaymentTimeoutMs?: number;
  /**
   * How Slack reaches the bot: signed HTTP requests (default), or Socket Mode, where the bot
   * connects to the Slack stand-in with its app-level token (its own routes stay on HTTP).
   */
  slackTransport?: "http" | "socket";
  /**
   * `one` (default): the bot has the first workspace's bot token. `many`: Slack's OAuth flow; the
   * stand-in has a second workspace and neither has the app until it is installed
   * (`installThroughOAuth` with `installUrl`).
   */
  workspaces?: "one" | "many";
  /**
   * The bot's languages: Norwegian everywhere when left out, as the product ships; each person
   * may still choose their own in App Home. `workspaces` by team id.
   */
  locales?: { defaultLocale?: Locale; workspaces?: Record<string, Locale> };
  /** Approval above a threshold (APPROVAL_THRESHOLD_NOK, APPROVER_USER_IDS); none when left out. */
  approval?: ApprovalPolicy;
}

export interface LocalStack {
  frontPayment: FrontPaymentSandbox;
  /** Brønnøysundregistrene's stand-in: a handful of companies, the problem cases among them. */
  brreg: BrregSandbox;
  slack: SlackSandbox;
  bot: Bot;
  running: RunningBot;
  store: InvoiceStore;
  /** Acts as Slack (and as the people in it) towards the bot. */
  driver: SlackDriver;
  /** The local workspace: a Slack-like page in the browser over all of the above. */
  workspacePage: WorkspacePage;
  /** One page per workspace (with `workspaces: "many"`, the second workspace's too), linked by a switcher. */
  workspacePages: WorkspacePage[];
  /** Where an admin starts installing the app (with `workspaces: "many"`). */
  installUrl: string;
  close(): Promise<void>;
}

/**
 * Fakturabot with no accounts anywhere: the Front Payment and Slack stand-ins and the real bot,
 * wired on loopback. `pnpm start` without Slack credentials, `pnpm demo` and the tests use it.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { logger } = options;
  const own = {
    frontPayment: !options.standIns?.frontPayment,
    slack: !options.standIns?.slack,
    brreg: !options.standIns?.brreg,
  };
  const frontPayment =
    options.standIns?.frontPayment ??
    (await startFrontPaymentSandbox({
      callbackSecret: LOCAL_SECRETS.callbackSecret,
      tokens: [LOCAL_SECRETS.frontPaymentToken],
      ...(options.ports?.frontPayment === undefined ? {} : { port: options.ports.frontPayment }),
      logger: logger.child({ component: "frontpayment-sandbox" }),
    }));
  const many = options.workspaces === "many";
  const slack =
    options.standIns?.slack ??
    (await startSlackSandbox({
      ...(options.ports?.slack === undefined ? {} : { port: options.ports.slack }),
      ...(many ? { oauth: LOCAL_OAUTH, installed: false } : {}),
    }));
  if (many && !options.standIns?.slack) slack.addWorkspace();
  const brreg =
    options.standIns?.brreg ??
    (await startBrregSandbox({ logger: logger.child({ component: "brreg-sandbox" }) }));
  // One clock for the bot and its store, so an injected one moves both (due dates, quiet orders).
  const store = openSqliteStore({ dataDir: options.dataDir, ...(options.now ? { clock: options.now } : {}) });
  const socketMode = options.slackTransport === "socket";
  // Bolt's Socket Mode receiver listens for the routes on a port it is given and does not report back.
  const botPort = options.ports?.bot ?? (socketMode ? await freePort() : 0);
  const bot = createBot({
    slack: {
      ...(many
        ? { oauth: { ...LOCAL_OAUTH, authorizationUrl: slack.oauth.authorizeUrl } }
        : { botToken: "xoxb-sandbox" }),
      signingSecret: LOCAL_SECRETS.signingSecret,
      apiUrl: slack.apiUrl,
      socketMode: socketMode ? { appToken: slack.appToken, port: botPort } : undefined,
    },
    frontPayment: createFrontPaymentClient({
      token: LOCAL_SECRETS.frontPaymentToken,
      baseUrl: frontPayment.url,
      logger: logger.child({ component: "frontpayment" }),
      ...(options.frontPaymentTimeoutMs === undefined ? {} : { timeoutMs: options.frontPaymentTimeoutMs }),
    }),
    callbackSecret: LOCAL_SECRETS.callbackSecret,
    access: options.access ?? { allowedChannelIds: [], allowedUserIds: [], adminUserIds: [] },
    taxRates: DEFAULT_TAX_RATES,
    store,
    logger,
    ...(options.now ? { now: options.now } : {}),
    brreg: { baseUrl: brreg.url, timeoutMs: options.brregTimeoutMs },
    ...(options.locales ? { localeSettings: options.locales } : {}),
    ...(options.approval ? { approval: options.approval } : {}),
  });
  const running = await bot.start(botPort);
  // The stack is up once the Slack stand-in has confirmed the bot token, as `/readyz` says.
  await running.verified;
  if (many) slack.oauth.setRedirectUri(`${running.url}/slack/oauth_redirect`);
  const driver = createSlackDriver(
    socketMode
      ? { slack, transport: "socket" }
      : { slack, botUrl: `${running.url}/slack/events`, signingSecret: LOCAL_SECRETS.signingSecret },
  );
  const links: WorkspaceLink[] = [];
  const workspacePages: WorkspacePage[] = [];
  for (const [index, team] of (many ? slack.teams() : [slack]).entries()) {
    const page = await startWorkspacePage({
      slack: team,
      driver:
        index === 0
          ? driver
          : createSlackDriver({
              slack: team,
              botUrl: `${running.url}/slack/events`,
              signingSecret: LOCAL_SECRETS.signingSecret,
            }),
      frontPayment,
      // The first page keeps the configured port; the others take free ones.
      port: index === 0 ? (options.ports?.workspace ?? 0) : 0,
      workspaces: () => links,
    });
    workspacePages.push(page);
    links.push({ teamId: team.workspace.team.id, name: team.workspace.team.name, url: page.url });
  }
  const workspacePage = workspacePages[0] as WorkspacePage;
  return {
    frontPayment,
    brreg,
    slack,
    bot,
    running,
    store,
    driver,
    workspacePage,
    workspacePages,
    installUrl: `${running.url}/slack/install`,
    async close() {
      for (const page of workspacePages) await page.close();
      await running.stop();
      await Promise.all([
        own.slack && slack.close(),
        own.frontPayment && frontPayment.close(),
        own.brreg && brreg.close(),
      ]);
      await store.close();
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
