import type { WebClient } from "@slack/web-api";
import type { BotDeps } from "../deps.js";
import { messagesFor } from "../i18n/index.js";
import { mayManageCustomers, mayManageProducts } from "../listeners/access.js";
import { osloDay } from "../orders/due-date.js";
import { homeSumFilters, listingFilter } from "../orders/listing.js";
import { appHomeView, homeHelpSection, homeOrdersSection, homeSumsSection } from "../views/app-home.js";
import { customersHomeSection, HOME_CUSTOMERS_SHOWN } from "../views/home/customers-section.js";
import {
  HOME_EARLIER_LINES_SHOWN,
  HOME_PRODUCTS_SHOWN,
  productsHomeSection,
} from "../views/home/products-section.js";
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
  const [open, overdue, paidThisMonth, mine, team, customers] = await Promise.all([
    deps.orders.sum(sums.open),
    deps.orders.sum(sums.overdue),
    deps.orders.sum(sums.paidThisMonth),
    deps.orders.list(listingFilter(viewer, ["mine"], "", today), { limit: HOME_LIST_SIZE }),
    deps.orders.list(listingFilter(viewer, [], "", today), { limit: HOME_LIST_SIZE }),
    deps.customers.searchCustomers(who.teamId, "", HOME_CUSTOMERS_SHOWN + 1),
  ]);
  const [t, products] = await Promise.all([
    deps.locales.forPerson(who.teamId, who.userId).then(messagesFor),
    productChoices(deps, who.teamId, "", {
      products: HOME_PRODUCTS_SHOWN + 1,
      earlier: HOME_EARLIER_LINES_SHOWN,
    }),
  ]);
  const rows = (orders: typeof mine.orders) =>
    orders.map((order) => ({ order, today, actions: rowActions(deps, who.userId, order) }));
  const view = appHomeView([
    homeSumsSection({ open, overdue, paidThisMonth }),
    homeOrdersSection(
      "home.mine",
      "Your invoices",
      rows(mine.orders),
      "You haven't sent any invoices yet. Type `/invoice` in a channel.",
    ),
    homeOrdersSection("home.team", "Your team's invoices", rows(team.orders), "No invoices you can see yet."),
    customersHomeSection(customers, {
      mayManage: mayManageCustomers(deps.access, who.userId),
      more: customers.length > HOME_CUSTOMERS_SHOWN,
    }),
    productsHomeSection(t, products.products, products.earlier, {
      mayManage: mayManageProducts(deps.access, who.userId),
    }),
    homeHelpSection(),
  ]);
  await client.views.publish({ user_id: who.userId, view });
}
