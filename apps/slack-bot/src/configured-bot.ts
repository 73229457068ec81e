import { createFrontPaymentClient } from "@fakturabot/client";
import { type BotOptions, createBot } from "./app.js";
import { describeConfig, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { openStore } from "./store/open.js";

/**
 * Starts Fakturabot against real Slack and Front Payment, configured by `env`; `tuning` sets what
 * no operator needs to (an instance's id, how soon a crashed instance's work is taken over).
 */
export async function startConfiguredBot(
  env: Record<string, string | undefined>,
  tuning: Pick<BotOptions, "instanceId" | "takeoverMs"> = {},
) {
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel });
  logger.info({ config: describeConfig(config) }, "starting Fakturabot");

  // Before anything listens: an unreachable database stops the start with its reason.
  const store = await openStore(config.store);
  const bot = createBot({
    slack: {
      botToken: config.slack.botToken ?? undefined,
      oauth: config.slack.oauth ?? undefined,
      signingSecret: config.slack.signingSecret,
      socketMode: config.slack.appToken ? { appToken: config.slack.appToken, port: config.port } : undefined,
      apiUrl: config.slack.apiUrl ?? undefined,
    },
    frontPayment: createFrontPaymentClient({
      token: config.frontPayment.token,
      environment: config.frontPayment.environment,
      baseUrl: config.frontPayment.baseUrl,
      taxRates: config.invoice.taxRates,
      logger: logger.child({ component: "frontpayment" }),
    }),
    callbackSecret: config.frontPayment.callbackSecret,
    publicBaseUrl: config.publicBaseUrl,
    access: config.access,
    taxRates: config.invoice.taxRates,
    formDefaults: { invoiceMaturityDays: config.invoice.maturityDays },
    maxInvoiceTotalOre: config.invoice.maxTotalKroner * 100,
    keptRequestMs: config.invoice.keptRequestDays * 24 * 60 * 60 * 1000,
    localeSettings: config.locales,
    approval: config.approval && {
      thresholdOre: config.approval.thresholdKroner * 100,
      approverUserIds: config.approval.approverUserIds,
    },
    followUp: {
      intervalMs: config.followUp.intervalMinutes * 60_000,
      quietAfterMs: config.followUp.quietHours * 3_600_000,
    },
    store,
    logger,
    ...tuning,
    brreg: { baseUrl: config.brreg.baseUrl },
  });
  const running = await bot.start(config.port, "0.0.0.0");
  return {
    url: running.url,
    verified: running.verified,
    async stop() {
      await running.stop();
      await store.close();
    },
  };
}
