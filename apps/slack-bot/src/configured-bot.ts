import { createFrontPaymentClient } from "@fakturabot/client";
import { createBot } from "./app.js";
import { describeConfig, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { openSqliteStore } from "./store/index.js";

/** Starts Fakturabot against real Slack and Front Payment, configured by `env`. */
export async function startConfiguredBot(env: Record<string, string | undefined>) {
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel });
  logger.info({ config: describeConfig(config) }, "starting Fakturabot");

  const store = openSqliteStore({ dataDir: config.store.dataDir });
  const interrupted = await store.recoverInterruptedSubmissions(
    "Fakturabot restarted while the invoice was being sent, so we don't know whether Front Payment created it.",
  );
  const bot = createBot({
    slack: {
      botToken: config.slack.botToken,
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
    store,
    logger,
  });
  const running = await bot.start(config.port, "0.0.0.0");
  for (const order of interrupted) {
    await bot.deps.messages
      .notifyUser(
        order.userId,
        `:warning: Fakturabot restarted while sending your invoice to ${order.customerName} (\`${order.id}\`). We don't know whether Front Payment created it; its status appears here if Front Payment reports it.`,
      )
      .catch((error: unknown) => logger.warn({ orderId: order.id, err: error }, "could not tell the user"));
  }

  return {
    url: running.url,
    async stop() {
      await running.stop();
      await store.close();
    },
  };
}
