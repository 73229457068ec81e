import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { hostname } from "node:os";
import { type FrontPaymentClient, lookupOrganisation } from "@fakturabot/client";
import type { CustomRoute, HTTPReceiverOptions } from "@slack/bolt";
import type { WebClientOptions } from "@slack/web-api";
import type { Logger } from "pino";
import { App, HTTPModuleFunctions, HTTPReceiver, SocketModeReceiver } from "./bolt.js";
import { boltLogger } from "./bolt-logger.js";
import { BotTokenError } from "./bot-token-error.js";
import type { BotDeps } from "./deps.js";
import { frontPaymentCallbackRoute } from "./http/frontpayment-callback.js";
import { healthRoute } from "./http/health-route.js";
import { metricsRoute } from "./http/metrics-route.js";
import { isNotInstalled, notInstalledHandler } from "./http/not-installed.js";
import { readinessRoute } from "./http/readiness-route.js";
import { withRequestId } from "./http/request-id.js";
import { returnPagesRoute } from "./http/return-route.js";
import { dispatchErrorHandler } from "./http/route-param.js";
import { customRouteServer } from "./http/route-server.js";
import { DEFAULT_LOCALE, type Locale, type LocaleChoice } from "./i18n/index.js";
import { createInstallations, type Installations } from "./installations/installation-store.js";
import { BOT_SCOPES, INSTALL_PATH, REDIRECT_PATH } from "./installations/oauth.js";
import { createSealer } from "./installations/sealing.js";
import type { FormDefaults } from "./invoice-form/defaults.js";
import { DEFAULT_MAX_INVOICE_TOTAL_KRONER } from "./invoice-form/limits.js";
import type { AccessRules } from "./listeners/access.js";
import { registerListeners } from "./listeners/index.js";
import { createBotMetrics } from "./metrics.js";
import { oncePerDelivery } from "./middleware/once-per-delivery.js";
import { requestIdMiddleware, requestIdProperty } from "./middleware/request-id.js";
import type { ApprovalPolicy } from "./orders/approval.js";
import { createOrderLifecycle } from "./orders/lifecycle.js";
import { createOverdueCheck } from "./orders/overdue-check.js";
import type { ApprovalMessages } from "./services/approval-messages.js";
import { configuredLocales } from "./services/locales.js";
import { onFirstCall } from "./services/on-first-call.js";
import { slackClients } from "./services/slack-clients.js";
import { DEFAULT_OUTBOX_POLICY } from "./services/slack-outbox.js";
import { teamServices, workspaceServices } from "./services/team-routing.js";
import { createWorkTracker } from "./services/work-tracker.js";
import { WebClient } from "./slack-web-api.js";
import type { InvoiceStore } from "./store/types.js";

/** Installing in many workspaces through Slack's OAuth flow (instead of one workspace's bot token). */
export interface SlackOAuthOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** 32 bytes: seals each workspace's bot token in the store (AES-256-GCM). */
  tokenEncryptionKey: Buffer;
  /** Slack's consent page, or a stand-in's (default Slack's). */
  authorizationUrl?: string | undefined;
}

export interface BotOptions {
  slack: {
    /** One workspace's bot token; leave it out with `oauth`. */
    botToken?: string | undefined;
    /** Many workspaces, each installing the app through OAuth; leave it out with `botToken`. */
    oauth?: SlackOAuthOptions | undefined;
    signingSecret: string;
    /** Socket Mode for development: needs the app-level token. */
    socketMode?: { appToken: string; port: number } | undefined;
    /** Another Slack Web API base URL, e.g. the sandbox's. */
    apiUrl?: string | undefined;
  };
  frontPayment: FrontPaymentClient;
  callbackSecret: string;
  /** Where Front Payment and customers reach this server; the listening address when left out. */
  publicBaseUrl?: string | undefined;
  access: AccessRules;
  taxRates: readonly number[];
  formDefaults?: Partial<FormDefaults>;
  /** The largest total an invoice may have, in øre; 10 000 000 kr when left out. */
  maxInvoiceTotalOre?: number;
  /**
   * The languages (DEFAULT_LOCALE, WORKSPACE_LOCALES): Norwegian in every workspace by default;
   * each person may choose their own in App Home.
   */
  localeSettings?: { defaultLocale?: Locale; workspaces?: Readonly<Record<string, Locale>> };
  /** Which language each workspace and person reads, replacing `localeSettings` and App Home's choice. */
  locales?: LocaleChoice;
  /** How long a failed or unknown order keeps its request (personal number included); 7 days when left out. */
  keptRequestMs?: number;
  store: InvoiceStore;
  logger: Logger;
  now?: () => Date;
  /**
   * The periodic check (overdue orders, quiet ones asked about): how often it runs, and how long
   * an order may hear nothing before Front Payment is asked. Default: hourly, and a day.
   */
  followUp?: { intervalMs?: number; quietAfterMs?: number };
  /** This instance among those sharing the store (leases, outbox claims); a random one by default. */
  instanceId?: string;
  /** How often the outbox looks for Slack work due (its own writes deliver at once): default 1 s. */
  outboxPollMs?: number;
  /**
   * How long a crashed instance's submission leases and outbox claims hold before another instance
   * takes over: 60 s each by default (a test that kills instances shortens them).
   */
  takeoverMs?: { lease?: number; outboxClaim?: number };
  /** Brønnøysundregistrene: its base URL (the real register when left out) and time limit. */
  brreg?: { baseUrl?: string | undefined; timeoutMs?: number | undefined };
  /** Approval above a threshold (APPROVAL_THRESHOLD_NOK, APPROVER_USER_IDS); none when left out. */
  approval?: ApprovalPolicy | null | undefined;
}

const HOUR_MS = 60 * 60 * 1000;

export interface RunningBot {
  /** Where this server listens, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /**
   * Slack's confirmation of the bot token, which comes just after listening: until then `/readyz`
   * says not ready and Slack's requests wait for it. A refused token rejects it with a
   * `BotTokenError` (Slack's own answer); the bot then serves no Slack request and should be stopped.
   */
  verified: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Slack calls that change something must not be repeated blindly (a retried `chat.postMessage`
 * can post twice): a few retries for network trouble, and rate limits waited out as Slack asks.
 */
function slackClientOptions(apiUrl: string | undefined, logger: Logger): WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    timeout: 10_000,
    logger: boltLogger(logger),
  };
}

/** Who the bot is in Slack (`auth.test`), asked once and kept; asked again after a failure. */
function botIdentity(slack: WebClient) {
  let known: Promise<{ botId: string; botUserId: string }> | undefined;
  return {
    get() {
      known ??= slack.auth.test().then((answer) => ({
        botId: answer.bot_id as string,
        botUserId: answer.user_id as string,
      }));
      known.catch(() => {
        known = undefined;
      });
      return known;
    },
  };
}

/**
 * The composition root of the Slack app: Bolt with the listeners, and on the same server the
 * Front Payment callback, the customer's return pages and a health check.
 */
export function createBot(options: BotOptions) {
  const { logger, store } = options;
  const now = options.now ?? (() => new Date());
  const locales =
    options.locales ??
    configuredLocales({
      defaultLocale: options.localeSettings?.defaultLocale ?? DEFAULT_LOCALE,
      ...(options.localeSettings?.workspaces ? { workspaces: options.localeSettings.workspaces } : {}),
      store,
    });
  const metrics = createBotMetrics();
  // Every Web API call, the services' and the listeners' (Bolt builds those from these options), is timed.
  const clientOptions = { ...slackClientOptions(options.slack.apiUrl, logger), fetch: metrics.slackFetch() };
  const frontPayment = metrics.frontPayment(options.frontPayment);
  let stopping = false;
  const { oauth } = options.slack;
  if (Boolean(oauth) === Boolean(options.slack.botToken)) {
    throw new TypeError("createBot needs either slack.botToken (one workspace) or slack.oauth (many)");
  }
  if (oauth && options.slack.socketMode)
    throw new TypeError("OAuth (many workspaces) needs HTTP, not Socket Mode");
  const installations = oauth
    ? createInstallations({ store, sealer: createSealer(oauth.tokenEncryptionKey) })
    : undefined;
  // Why /readyz says not ready while Slack has not confirmed the bot token (one workspace), or refused it.
  let unverified: string | null = installations ? null : "Slack has not confirmed the bot token yet";
  // Asks Slack who the bot is (one workspace: its token in the environment).
  const slack = new WebClient(options.slack.botToken, clientOptions);
  // The order services' own (the outbox delivers with them): a 429 puts the entry back with
  // Slack's Retry-After instead of waiting in memory.
  const pacedOptions = { ...clientOptions, rejectRateLimitedCalls: true };
  const work = createWorkTracker();
  // With OAuth each order's messages go out with its own workspace's token.
  const { messages, outcomes } = installations
    ? teamServices(installations.botToken, pacedOptions, logger, locales)
    : workspaceServices(new WebClient(options.slack.botToken, pacedOptions), logger, locales);
  // Only orders above an approval threshold use these, so their views load on first use.
  const approvals = onFirstCall<ApprovalMessages>(
    { ask: true, showWaiting: true, showDecision: true, tellRejected: true },
    async () =>
      (await import("./services/approval-messages.js")).createApprovalMessages({
        slackFor: slackClients(options.slack.botToken, installations, clientOptions),
        locales,
        logger,
        form: { taxRates: options.taxRates, defaults: options.formDefaults ?? {}, now },
      }),
  );
  const orders = createOrderLifecycle({
    approval: options.approval ?? null,
    approvals,
    store,
    frontPayment,
    messages,
    outcomes,
    logger,
    work,
    now,
    ...(options.keptRequestMs === undefined ? {} : { keptRequestMs: options.keptRequestMs }),
    instanceId: options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    ...(options.takeoverMs?.lease === undefined ? {} : { leaseMs: options.takeoverMs.lease }),
    ...(options.takeoverMs?.outboxClaim === undefined
      ? {}
      : { outboxPolicy: { ...DEFAULT_OUTBOX_POLICY, claimMs: options.takeoverMs.outboxClaim } }),
  });
  const followUp = createOverdueCheck({
    store,
    orders,
    now,
    logger,
    quietAfterMs: options.followUp?.quietAfterMs ?? 24 * HOUR_MS,
  });
  const background = backgroundWork({
    orders,
    logger,
    pollMs: options.outboxPollMs ?? 1_000,
    onRecovered: (count) => metrics.recovered(count),
  });
  // The outbox as operators see it: how much Slack work waits, and for how long the oldest has.
  metrics.setOutboxProbe(async () => {
    const waiting = await store.listOutbox();
    const oldest = waiting[0]?.createdAt.getTime();
    return {
      depth: waiting.length,
      oldestAgeSeconds: oldest === undefined ? 0 : Math.max(0, (now().getTime() - oldest) / 1000),
    };
  });
  const deps: BotDeps = {
    access: options.access,
    publicBaseUrl: options.publicBaseUrl?.replace(/\/+$/, "") ?? "",
    taxRates: options.taxRates,
    formDefaults: options.formDefaults ?? {},
    customers: store,
    products: store,
    maxInvoiceTotalOre: options.maxInvoiceTotalOre ?? DEFAULT_MAX_INVOICE_TOTAL_KRONER * 100,
    locales,
    personLocales: store,
    orders,
    frontPayment,
    lookupOrganisation: (organisationNumber) =>
      lookupOrganisation(organisationNumber, {
        ...(options.brreg?.baseUrl ? { baseUrl: options.brreg.baseUrl } : {}),
        ...(options.brreg?.timeoutMs ? { timeoutMs: options.brreg.timeoutMs } : {}),
      }),
    logger,
    metrics,
    now,
    ...(installations ? { installations } : {}),
  };

  // The callback first: Bolt's HTTP receiver compiles each route's path pattern anew for every
  // request, in this order, until one matches, so the busiest route is compiled alone.
  const customRoutes: CustomRoute[] = [
    withRequestId(
      frontPaymentCallbackRoute({
        orders,
        callbackSecret: options.callbackSecret,
        logger,
        now: () => now().getTime(),
        metrics,
      }),
    ),
    healthRoute(),
    readinessRoute({ store, notReady: () => (stopping ? "stopping" : unverified), logger }),
    metricsRoute(metrics),
    withRequestId(returnPagesRoute({ orders, logger })),
  ];
  const socketMode = options.slack.socketMode;
  // In Socket Mode the routes have their own server: Bolt's would crash on a path such as `%ZZ`.
  const routeServer = socketMode ? customRouteServer(customRoutes, logger) : undefined;
  const receiver = socketMode
    ? new SocketModeReceiver({
        appToken: socketMode.appToken,
        installerOptions: {
          // apps.connections.open goes to the same Web API as everything else (e.g. the sandbox's).
          ...(options.slack.apiUrl ? { clientOptions: { slackApiUrl: options.slack.apiUrl } } : {}),
        },
        logger: boltLogger(logger),
      })
    : new HTTPReceiver({
        signingSecret: options.slack.signingSecret,
        customRoutes,
        dispatchErrorHandler,
        customPropertiesExtractor: requestIdProperty,
        logger: boltLogger(logger),
        ...(oauth && installations
          ? oauthReceiverOptions(oauth, installations, clientOptions, () => deps.publicBaseUrl, deps.locales)
          : {}),
      });
  const identity = botIdentity(slack);
  const app = new App({
    // With OAuth, Bolt authorizes each request from the installation store instead.
    ...(installations
      ? {}
      : {
          // Not `token`: Bolt would call auth.test at once and leave a failure of it unobserved.
          authorize: async () => ({ botToken: options.slack.botToken as string, ...(await identity.get()) }),
        }),
    receiver,
    logger: boltLogger(logger),
    clientOptions,
  });
  app.use(requestIdMiddleware);
  app.use(oncePerDelivery({ store, now, metrics, logger }));
  registerListeners(app, deps);
  app.error(async (error) => {
    // A workspace without an installation: answered politely by the receiver (notInstalledHandler).
    if (installations && isNotInstalled(error)) {
      logger.warn({ err: error }, "a request from a workspace without an installation");
      throw error;
    }
    logger.error({ err: error }, "unhandled error in a Slack listener");
  });

  return {
    app,
    deps,
    metrics,
    /** One run of the periodic check, now (the timer runs it too once started). */
    checkOverdue: followUp.checkOverdue,
    /** Starts listening on `port` (0: any free port) on `host`; in Socket Mode the routes use `socketMode.port`. */
    async start(port: number, host = "127.0.0.1"): Promise<RunningBot> {
      // Asked now and not waited for, as bare Bolt does with a token: listening would otherwise wait
      // for Slack's answer. Slack's requests wait for it (authorize); a wrong token fails `verified`.
      const verified = installations
        ? Promise.resolve()
        : identity.get().then(
            () => {
              unverified = null;
            },
            (error: unknown) => {
              const failure = BotTokenError.from(error);
              unverified =
                failure instanceof BotTokenError ? "Slack refused the bot token" : "Slack did not answer";
              // Logged here too: a caller that never looks at `verified` still leaves a trace.
              logger.error({ err: failure }, `not ready: ${unverified}`);
              throw failure;
            },
          );
      // Until the caller looks at it (just after the start resolves), a refusal is not unhandled.
      verified.catch(() => {});
      const recovered = await orders.recover();
      metrics.recovered(recovered.length);
      const expired = await orders.expireKeptRequests();
      const stopExpirySweep = orders.startExpirySweep();
      const started = await app.start({ port, host });
      if (routeServer && socketMode) await listen(routeServer, socketMode.port, host);
      // In Socket Mode Bolt resolves with apps.connections.open's response, not a server.
      const address = socketMode
        ? undefined
        : ((started as Server | undefined)?.address() as AddressInfo | null);
      const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${socketMode?.port ?? address?.port ?? port}`;
      if (!deps.publicBaseUrl) deps.publicBaseUrl = url;
      logger.info({ url, socketMode: Boolean(socketMode) }, "Fakturabot is listening");
      // Node's runtime metrics load some 80 modules (30 ms of CPU): begun as soon as the start
      // has resolved, rather than before the bot may listen.
      const processMetrics = setImmediate(() => metrics.collectProcessMetrics());
      // The creators of expired requests are told once the bot is up; Slack work left by an
      // earlier run (or another instance), the creators of interrupted submissions among it, is
      // delivered from now on.
      await Promise.all(expired.map(({ effects }) => effects));
      background.start();
      followUp.start(options.followUp?.intervalMs ?? HOUR_MS);
      let stopped: Promise<void> | undefined;
      return {
        url,
        verified,
        /**
         * Reports not ready (`/readyz` 503, so load balancers send no more), lets work already
         * under way (a submission) finish while still answering, then stops taking requests, waits
         * for what the last ones started and for the Slack deliveries already claimed; what is left
         * in the outbox waits for the next start (or another instance).
         */
        stop() {
          stopped ??= (async () => {
            stopping = true;
            clearImmediate(processMetrics);
            stopExpirySweep();
            await followUp.stop();
            await work.idle();
            await app.stop();
            if (routeServer) await new Promise<void>((resolve) => routeServer.close(() => resolve()));
            await work.idle();
            await background.stop();
          })();
          return stopped;
        },
      };
    },
  };
}

/**
 * Slack's OAuth install flow in Bolt's receiver: `/slack/install` sends the installer straight to
 * Slack's consent page with a signed `state` (also set as a cookie, so the redirect must come back
 * to the same browser), and `/slack/oauth_redirect` checks it, exchanges the code for the bot token
 * (`oauth.v2.access`) and stores the installation sealed.
 */
function oauthReceiverOptions(
  oauth: SlackOAuthOptions,
  installations: Installations,
  clientOptions: WebClientOptions,
  publicBaseUrl: () => string,
  locales: LocaleChoice,
): Partial<HTTPReceiverOptions> {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore: installations.boltStore,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      directInstall: true,
      // oauth.v2.access and auth.test go to the same Web API as everything else (e.g. the sandbox's).
      clientOptions,
      ...(oauth.authorizationUrl ? { authorizationUrl: oauth.authorizationUrl } : {}),
    },
    processEventErrorHandler: notInstalledHandler(
      () => `${publicBaseUrl()}${INSTALL_PATH}`,
      HTTPModuleFunctions.defaultProcessEventErrorHandler,
      locales,
    ),
  };
}

/**
 * What the bot does on its own while it runs: delivers the Slack work due (each instance's own
 * writes start a delivery at once; this finds retries and other instances' work), renews the
 * leases of its submissions in flight, and recovers submissions whose lease expired.
 */
function backgroundWork({
  orders,
  logger,
  pollMs,
  onRecovered,
}: {
  orders: ReturnType<typeof createOrderLifecycle>;
  logger: Logger;
  pollMs: number;
  /** How many interrupted submissions a recovery round took over. */
  onRecovered: (count: number) => void;
}) {
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, task: () => Promise<unknown>, what: string) => {
    const timer = setInterval(() => {
      task().catch((error: unknown) => logger.error({ err: error }, `${what} failed`));
    }, ms);
    timer.unref();
    timers.push(timer);
  };
  return {
    start() {
      void orders.outbox.deliverDue();
      every(pollMs, () => orders.outbox.deliverDue(), "delivering Slack work");
      every(orders.leaseMs / 3, () => orders.renewLeases(), "renewing leases");
      every(
        orders.leaseMs / 3,
        async () => onRecovered((await orders.recover()).length),
        "recovering interrupted submissions",
      );
    },
    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await orders.outbox.stop();
    },
  };
}

export type Bot = ReturnType<typeof createBot>;

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
}
