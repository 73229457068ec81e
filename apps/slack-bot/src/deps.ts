import type { FrontPaymentClient } from "@fakturabot/client";
import type { Logger } from "pino";
import type { FormDefaults } from "./invoice-form/defaults.js";
import type { AccessRules } from "./listeners/access.js";
import type { OrderMessages } from "./services/order-messages.js";
import type { StatusUpdates } from "./services/status-updates.js";
import type { Submissions } from "./services/submissions.js";
import type { InvoiceStore } from "./store/types.js";

/** What the bot's listeners and routes work with; built once in `createBot`. */
export interface BotDeps {
  access: AccessRules;
  /** Where Front Payment and customers reach this server, e.g. `https://fakturabot.example.com`. */
  publicBaseUrl: string;
  taxRates: readonly number[];
  /** The deployment's form defaults (maturity days, invoice fee, …). */
  formDefaults: Partial<FormDefaults>;
  store: InvoiceStore;
  frontPayment: FrontPaymentClient;
  messages: OrderMessages;
  statusUpdates: StatusUpdates;
  submissions: Submissions;
  logger: Logger;
  now: () => Date;
}
