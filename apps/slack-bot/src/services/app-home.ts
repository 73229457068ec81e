import type { WebClient } from "@slack/web-api";
import type { BotDeps } from "../deps.js";
import { mayManageCustomers } from "../listeners/access.js";
import { customersHomeSection, HOME_CUSTOMERS_SHOWN } from "../views/home/customers-section.js";

/**
 * Publishes `userId`'s Home tab. For now it holds the Customers section only; App Home's other
 * sections are built elsewhere and join it here.
 */
export async function publishAppHome(
  deps: BotDeps,
  client: WebClient,
  who: { userId: string; teamId: string },
): Promise<void> {
  const customers = await deps.customers.searchCustomers(who.teamId, "", HOME_CUSTOMERS_SHOWN + 1);
  await client.views.publish({
    user_id: who.userId,
    view: {
      type: "home",
      blocks: customersHomeSection(customers, {
        mayManage: mayManageCustomers(deps.access, who.userId),
        more: customers.length > HOME_CUSTOMERS_SHOWN,
      }),
    },
  });
}
