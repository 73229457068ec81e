import type { WebClient } from "@slack/web-api";
import type { BotDeps } from "../deps.js";
import { mayManageCustomers, mayManageProducts } from "../listeners/access.js";
import { osloDay } from "../orders/due-date.js";
import { homeSumFilters, listingFilter } from "../orders/listing.js";
import {
  appHomeView,
  homeHelpSection,
  homeLanguageSection,
  homeOrdersSection,
  homeSumsSection,
} from "../views/app-home.js";
import { customersHomeSection, HOME_CUSTOMERS_SHOWN } from "../views/home/customers-section.js";
import {
  HOME_EARLIER_LINES_SHOWN,
  HOME_PRODUCTS_SHOWN,
  productsHomeSection,
} from "../views/home/products-section.js";
import { personMessages } from "./locales.js";
import { productChoices } from "./saved-products.js";
import { rowActions, viewerOf } from "./viewer.js";

/** Invoices per list on App Home. */
const HOME_LIST_SIZE = 10;

/**
 * Publishes `userId`'s App Home: the sums of open, overdue and paid this month, their latest
 * invoices and their team's, each with its menu; only what they may see; then the workspace's
 * saved customers (Edit and Forget for those who may manage them), and its price list.
 */
export async function publishHome(deps: BotDeps, client: WebClient, who: { teamId: string; userId: string }) {
  const viewer = await viewerOf(deps, client, who);
  const today = osloDay(deps.now());
  const sums = homeSumFilters(viewer, today);
  const [t, chosen, open, overdue, paidThisMonth, mine, team, customers, products] = await Promise.all([
    personMessages(deps.locales, who),
    deps.personLocales.getPersonLocale(who.teamId, who.userId),
    deps.orders.sum(sums.open),
    deps.orders.sum(sums.overdue),
    deps.orders.sum(sums.paidThisMonth),
    deps.orders.list(listingFilter(viewer, ["mine"], "", today), { limit: HOME_LIST_SIZE }),
    deps.orders.list(listingFilter(viewer, [], "", today), { limit: HOME_LIST_SIZE }),
    deps.customers.searchCustomers(who.teamId, "", HOME_CUSTOMERS_SHOWN + 1),
    productChoices(deps, who.teamId, "", {
      products: HOME_PRODUCTS_SHOWN + 1,
      earlier: HOME_EARLIER_LINES_SHOWN,
    }),
  ]);
  const rows = (orders: typeof mine.orders) =>
    orders.map((order) => ({ order, today, actions: rowActions(deps, who.userId, order) }));
  const view = appHomeView([
    homeSumsSection(t, { open, overdue, paidThisMonth }),
    homeLanguageSection(t, { chosen, workspaceLocale: deps.locales.forWorkspace(who.teamId) }),
    homeOrdersSection(t, "home.mine", t.home.yourInvoices, rows(mine.orders), t.home.noInvoicesYet),
    homeOrdersSection(t, "home.team", t.home.teamInvoices, rows(team.orders), t.home.noTeamInvoices),
    customersHomeSection(t, customers, {
      mayManage: mayManageCustomers(deps.access, who.userId),
      more: customers.length > HOME_CUSTOMERS_SHOWN,
    }),
    productsHomeSection(t, products.products, products.earlier, {
      mayManage: mayManageProducts(deps.access, who.userId),
    }),
    homeHelpSection(t),
  ]);
  await client.views.publish({ user_id: who.userId, view });
}
