import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type FrontPaymentClient, lookupOrganisation } from "@fakturabot/client";
import { App, type CustomRoute, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import { WebClient, type WebClientOptions } from "@slack/web-api";
import type { Logger } from "pino";
import { boltLogger } from "./bolt-logger.js";
import type { BotDeps } from "./deps.js";
import { frontPaymentCallbackRoute } from "./http/frontpayment-callback.js";
import { healthRoute } from "./http/health-route.js";
import { returnPagesRoute } from "./http/return-route.js";
import { dispatchErrorHandler } from "./http/route-param.js";
import type { FormDefaults } from "./invoice-form/defaults.js";
import type { AccessRules } from "./listeners/access.js";
import { registerListeners } from "./listeners/index.js";
import { createOrderLifecycle } from "./orders/lifecycle.js";
import { createOrderMessages } from "./services/order-messages.js";
import { createOutcomeModal } from "./services/outcome-modal.js";
import { createWorkTracker } from "./services/work-tracker.js";
import type { InvoiceStore } from "./store/types.js";

export interface BotOptions {
  slack: {
    botToken: string;
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
  store: InvoiceStore;
  logger: Logger;
  now?: () => Date;
  /** Brønnøysundregistrene: its base URL (the real register when left out) and time limit. */
  brreg?: { baseUrl?: string | undefined; timeoutMs?: number | undefined };
}

export interface RunningBot {
  /** Where this server listens, e.g. `http://127.0.0.1:3000`. */
  url: string;
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
  const clientOptions = slackClientOptions(options.slack.apiUrl, logger);
  // The services' own client: callbacks and background work happen outside Slack requests.
  const slack = new WebClient(options.slack.botToken, clientOptions);
  const work = createWorkTracker();
  const messages = createOrderMessages({ slack, logger });
  const orders = createOrderLifecycle({
    store,
    frontPayment: options.frontPayment,
    messages,
    outcomes: createOutcomeModal({ slack, messages, logger }),
    logger,
    work,
    now,
  });
  const deps: BotDeps = {
    access: options.access,
    publicBaseUrl: options.publicBaseUrl?.replace(/\/+$/, "") ?? "",
    taxRates: options.taxRates,
    formDefaults: options.formDefaults ?? {},
    customers: store,
    orders,
    frontPayment: options.frontPayment,
    lookupOrganisation: (organisationNumber) =>
      lookupOrganisation(organisationNumber, {
        ...(options.brreg?.baseUrl ? { baseUrl: options.brreg.baseUrl } : {}),
        ...(options.brreg?.timeoutMs ? { timeoutMs: options.brreg.timeoutMs } : {}),
      }),
    logger,
    now,
  };

  const customRoutes: CustomRoute[] = [
    healthRoute(),
    frontPaymentCallbackRoute({
      orders,
      callbackSecret: options.callbackSecret,
      logger,
      now: () => now().getTime(),
    }),
    returnPagesRoute({ orders }),
  ];
  const socketMode = options.slack.socketMode;
  const receiver = socketMode
    ? new SocketModeReceiver({
        appToken: socketMode.appToken,
        customRoutes,
        installerOptions: {
          port: socketMode.port,
          // apps.connections.open goes to the same Web API as everything else (e.g. the sandbox's).
          ...(options.slack.apiUrl ? { clientOptions: { slackApiUrl: options.slack.apiUrl } } : {}),
        },
        logger: boltLogger(logger),
      })
    : new HTTPReceiver({
        signingSecret: options.slack.signingSecret,
        customRoutes,
        dispatchErrorHandler,
        logger: boltLogger(logger),
      });
  const identity = botIdentity(slack);
  const app = new App({
    // Not `token`: Bolt would call auth.test at once and leave a failure of it unobserved.
    authorize: async () => ({ botToken: options.slack.botToken, ...(await identity.get()) }),
    receiver,
    logger: boltLogger(logger),
    clientOptions,
  });
  registerListeners(app, deps);
  app.error(async (error) => {
    logger.error({ err: error }, "unhandled error in a Slack listener");
  });

  return {
    app,
    deps,
    /** Starts listening on `port` (0: any free port) on `host`; in Socket Mode the routes use `socketMode.port`. */
    async start(port: number, host = "127.0.0.1"): Promise<RunningBot> {
      // A wrong bot token stops the start with Slack's own answer, before anything is served.
      await identity.get();
      const recovered = await orders.recover();
      const started = await app.start({ port, host });
      // In Socket Mode Bolt resolves with apps.connections.open's response, not a server.
      const address = socketMode
        ? undefined
        : ((started as Server | undefined)?.address() as AddressInfo | null);
      const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${socketMode?.port ?? address?.port ?? port}`;
      if (!deps.publicBaseUrl) deps.publicBaseUrl = url;
      logger.info({ url, socketMode: Boolean(socketMode) }, "Fakturabot is listening");
      // The creators of interrupted submissions are told once the bot is up.
      await Promise.all(recovered.map(({ effects }) => effects));
      return {
        url,
        /** Stops taking requests, then lets work already under way (a submission, a Slack update) finish. */
        async stop() {
          await app.stop();
          await work.idle();
        },
      };
    },
  };
}

export type Bot = ReturnType<typeof createBot>;
