import type { FrontPaymentClient, OrganisationLookup } from "@fakturabot/client";
import type { Logger } from "pino";
import type { LocaleChoice } from "./i18n/index.js";
import type { Installations } from "./installations/installation-store.js";
import type { FormDefaults } from "./invoice-form/defaults.js";
import type { AccessRules } from "./listeners/access.js";
import type { BotMetrics } from "./metrics.js";
import type { OrderLifecycle } from "./orders/lifecycle.js";
import type { ProductMethods } from "./store/products.js";
import type { InvoiceStore } from "./store/types.js";

/** The store's customer methods: the workspace's saved customers. */
export type CustomerDirectory = Pick<
  InvoiceStore,
  "saveCustomer" | "searchCustomers" | "getCustomer" | "updateCustomer" | "forgetCustomer"
>;

/** What the bot's listeners and routes work with; built once in `createBot`. */
export interface BotDeps {
  access: AccessRules;
  /** Where Front Payment and customers reach this server, e.g. `https://fakturabot.example.com`. */
  publicBaseUrl: string;
  taxRates: readonly number[];
  /** The deployment's form defaults (maturity days, invoice fee, …). */
  formDefaults: Partial<FormDefaults>;
  /** Customers remembered per workspace; never a personal number. */
  customers: CustomerDirectory;
  /** The workspace's price list, and the lines of its earlier invoices. */
  products: ProductMethods;
  /** The largest total an invoice may have, in øre (MAX_INVOICE_TOTAL_NOK). */
  maxInvoiceTotalOre: number;
  /** Which language a workspace and a person read (`messagesFor(locale)` gives the words). */
  locales: LocaleChoice;
  /** The people's own language choices (App Home). */
  personLocales: Pick<InvoiceStore, "getPersonLocale" | "setPersonLocale">;
  /** Every change to an order goes through it. */
  orders: OrderLifecycle;
  frontPayment: FrontPaymentClient;
  /** Brønnøysundregistrene (Enhetsregisteret): never throws; `unavailable` after its short timeout. */
  lookupOrganisation: (organisationNumber: string) => Promise<OrganisationLookup>;
  logger: Logger;
  /** What the bot counts and times for `/metrics`. */
  metrics: BotMetrics;
  now: () => Date;
  /** The workspaces that installed the app (OAuth); absent with one workspace's bot token. */
  installations?: Installations;
}
