import type { Messages } from "../../i18n/index.js";
import { LAYOUT_BLOCK_IDS, SAVED_CUSTOMER_ACTION_ID } from "../../invoice-form/ids.js";
import type { SavedCustomer } from "../../store/types.js";
import { type KnownBlock, type PlainTextOption, plainText, truncate } from "../block-kit.js";

/** `923609016` → `923 609 016`; `46567468` → `46 56 74 68`, as Norwegians write them. */
export function groupedNumber(digits: string, groups: 2 | 3): string {
  return /^\d+$/.test(digits) ? (digits.match(new RegExp(`\\d{1,${groups}}`, "g")) ?? []).join(" ") : digits;
}

/** One saved customer as a picker option: name and number, then how to reach them. */
export function savedCustomerOption(t: Messages, customer: SavedCustomer): PlainTextOption {
  const number =
    customer.organizationId === null
      ? t.invoiceModal.savedPerson
      : t.invoiceModal.savedCompany({ number: groupedNumber(customer.organizationId, 3) });
  return {
    text: plainText(truncate(`${customer.name} · ${number}`, 75)),
    value: customer.id,
    description: plainText(truncate(`${customer.email} · ${customer.countryCode} ${customer.msisdn}`, 75)),
  };
}

/** The options answer to a `block_suggestion`: at most 100, as Slack allows. */
export function savedCustomerOptions(t: Messages, customers: readonly SavedCustomer[]): PlainTextOption[] {
  return customers.slice(0, 100).map((customer) => savedCustomerOption(t, customer));
}

/** The search-as-you-type picker of the workspace's saved customers, at the top of the form. */
export function savedCustomerPicker(t: Messages): KnownBlock[] {
  return [
    {
      type: "actions",
      block_id: LAYOUT_BLOCK_IDS.savedCustomer,
      elements: [
        {
          type: "external_select",
          action_id: SAVED_CUSTOMER_ACTION_ID,
          placeholder: plainText(t.invoiceModal.savedCustomerPlaceholder),
          min_query_length: 0,
        },
      ],
    },
  ];
}
