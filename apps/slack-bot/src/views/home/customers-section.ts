import type { Messages } from "../../i18n/index.js";
import type { SavedCustomer } from "../../store/types.js";
import { button, context, escapeMrkdwn, header, type KnownBlock, plainText, section } from "../block-kit.js";
import { EDIT_CUSTOMER_ACTION_ID, FORGET_CUSTOMER_ACTION_ID } from "../ids.js";
import { groupedNumber } from "../invoice-modal/saved-customer-picker.js";

/**
 * Customers shown at most: two blocks each, so that every section of the Home tab fits in its 100
 * blocks at their largest (test/views-entry.test.ts adds them up); the picker finds the rest.
 */
export const HOME_CUSTOMERS_SHOWN = 15;

export interface CustomersHomeSectionOptions {
  /** Whether this person may edit and forget customers (otherwise the list is shown without buttons). */
  mayManage: boolean;
  /** Whether the workspace has more customers than those shown. */
  more?: boolean;
}

function customerText(t: Messages, customer: SavedCustomer): string {
  const who =
    customer.organizationId === null
      ? t.home.person
      : t.home.company({ number: groupedNumber(customer.organizationId, 3) });
  const lines = [
    `*${escapeMrkdwn(customer.name)}*`,
    `${who} · ${escapeMrkdwn(customer.email)} · ${escapeMrkdwn(`${customer.countryCode} ${customer.msisdn}`)}`,
    escapeMrkdwn(`${customer.street}, ${customer.zip} ${customer.city}, ${customer.country}`),
  ];
  return lines.join("\n");
}

/**
 * App Home's "Customers" section: the workspace's saved customers (what the picker in `/invoice`
 * offers), each with Edit and Forget. Forgetting is the right to erasure, so it asks first and
 * says what it does. Pure; never throws.
 */
export function customersHomeSection(
  t: Messages,
  customers: readonly SavedCustomer[],
  { mayManage, more = false }: CustomersHomeSectionOptions,
): KnownBlock[] {
  const words = t.home;
  const shown = customers.slice(0, HOME_CUSTOMERS_SHOWN);
  const blocks: KnownBlock[] = [
    header(words.customersHeader, "home.customers"),
    context(words.customersAbout, "home.customers.about"),
  ];
  if (shown.length === 0) {
    blocks.push(section(words.noCustomers, "home.customers.none"));
    return blocks;
  }
  for (const customer of shown) {
    blocks.push(section(customerText(t, customer), `home.customer.${customer.id}`));
    if (!mayManage) continue;
    blocks.push({
      type: "actions",
      block_id: `home.customer.${customer.id}.actions`,
      elements: [
        button({ text: t.common.edit, actionId: EDIT_CUSTOMER_ACTION_ID, value: customer.id }),
        button({
          text: words.forget,
          actionId: FORGET_CUSTOMER_ACTION_ID,
          value: customer.id,
          style: "danger",
          confirm: {
            title: plainText(words.forgetTitle),
            text: plainText(words.forgetText({ name: customer.name.slice(0, 200) })),
            confirm: plainText(words.forget),
            deny: plainText(words.keep),
            style: "danger",
          },
        }),
      ],
    });
  }
  if (more || customers.length > shown.length)
    blocks.push(context(words.moreCustomers({ count: shown.length }), "home.customers.more"));
  return blocks;
}
