import type { FrontPaymentClient } from "@fakturabot/client";
import type { Logger } from "pino";
import type { Installations } from "./installations/installation-store.js";
import type { FormDefaults } from "./invoice-form/defaults.js";
import type { AccessRules } from "./listeners/access.js";
import type { BotMetrics } from "./metrics.js";
import type { OrderLifecycle } from "./orders/lifecycle.js";

/** What the bot's listeners and routes work with; built once in `createBot`. */
export interface BotDeps {
  access: AccessRules;
  /** Where Front Payment and customers reach this server, e.g. `https://fakturabot.example.com`. */
  publicBaseUrl: string;
  taxRates: readonly number[];
  /** The deployment's form defaults (maturity days, invoice fee, …). */
  formDefaults: Partial<FormDefaults>;
  /** The largest total an invoice may have, in øre (MAX_INVOICE_TOTAL_NOK). */
  maxInvoiceTotalOre: number;
  /** Every change to an order goes through it. */
  orders: OrderLifecycle;
  frontPayment: FrontPaymentClient;
  logger: Logger;
  /** What the bot counts and times for `/metrics`. */
  metrics: BotMetrics;
  now: () => Date;
  /** The workspaces that installed the app (OAuth); absent with one workspace's bot token. */
  installations?: Installations;
}
