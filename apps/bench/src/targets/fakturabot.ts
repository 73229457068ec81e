// The candidate: the real bot (createBot) on the chosen store, talking to the stand-ins in the parent.
import { createFrontPaymentClient } from "@fakturabot/client";
import { DEFAULT_TAX_RATES } from "@fakturabot/schema";
import { createBot, createLogger, type LogLevel } from "@fakturabot/slack-bot";
import pino from "pino";
import { STORES, type StoreName, type StorePlace } from "../stores.js";
import { runTarget } from "./protocol.js";

export interface FakturabotConfig {
  store: StoreName;
  /** A directory (SQLite) or a database URL (PostgreSQL), fresh for this process. */
  storePlace: StorePlace;
  slackApiUrl: string;
  signingSecret: string;
  callbackSecret: string;
  frontPaymentUrl: string;
  frontPaymentToken: string;
  logLevel: LogLevel;
}

runTarget<FakturabotConfig>(async (config) => {
  // A production-like logger (pino, synchronous writes) whose lines go nowhere.
  const logger = createLogger({
    level: config.logLevel,
    destination: pino.destination({ dest: "/dev/null", sync: true }),
  });
  const store = await STORES[config.store].open(config.storePlace);
  const bot = createBot({
    slack: { botToken: "xoxb-sandbox", signingSecret: config.signingSecret, apiUrl: config.slackApiUrl },
    frontPayment: createFrontPaymentClient({
      token: config.frontPaymentToken,
      baseUrl: config.frontPaymentUrl,
      logger: logger.child({ component: "frontpayment" }),
    }),
    callbackSecret: config.callbackSecret,
    access: { allowedChannelIds: [], allowedUserIds: [], adminUserIds: [] },
    taxRates: DEFAULT_TAX_RATES,
    store,
    logger,
  });
  const running = await bot.start(0);
  return {
    url: running.url,
    async stop() {
      await running.stop();
      await store.close();
    },
  };
});
