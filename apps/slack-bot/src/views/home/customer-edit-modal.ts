import type { SavedCustomer } from "../../store/types.js";
import { context, escapeMrkdwn, type InputBlock, type ModalView, plainText } from "../block-kit.js";
import { groupedNumber } from "../invoice-modal/saved-customer-picker.js";
import {
  COUNTRY_GROUPS,
  COUNTRY_OPTIONS,
  LANGUAGE_OPTIONS,
  selected,
} from "../invoice-modal/select-options.js";

/** `callback_id` of the saved-customer edit modal; its `private_metadata` is the customer's id. */
export const CUSTOMER_EDIT_CALLBACK_ID = "customer_edit";

/** The edit modal's text fields, each with its label and Slack limit (said in the hint). */
export const CUSTOMER_EDIT_FIELDS = {
  name: { label: "Name", maxLength: 255 },
  email: { label: "Email", maxLength: 320 },
  countryCode: { label: "Country code", maxLength: 8 },
  msisdn: { label: "Mobile number", maxLength: 30 },
  street: { label: "Street address", maxLength: 255 },
  zip: { label: "Postcode", maxLength: 20 },
  city: { label: "City", maxLength: 255 },
} as const;
export type CustomerEditField = keyof typeof CUSTOMER_EDIT_FIELDS;

export function customerEditBlockId(field: CustomerEditField | "country" | "preferredLanguage"): string {
  return `customer_edit.${field}`;
}

/** Every input's action id is its block id: one element per block. */
export const customerEditActionId = customerEditBlockId;

/** The modal that edits a saved customer from App Home. Pure; never throws. */
export function customerEditModal(customer: SavedCustomer, errors: Record<string, string> = {}): ModalView {
  const text = (field: CustomerEditField): InputBlock => {
    const { label, maxLength } = CUSTOMER_EDIT_FIELDS[field];
    const id = customerEditBlockId(field);
    const value = customer[field];
    return {
      type: "input",
      block_id: id,
      label: plainText(label),
      hint: plainText(errors[id] ? `⚠️ ${errors[id]}` : `At most ${maxLength} characters.`),
      element: {
        type: "plain_text_input",
        action_id: id,
        max_length: maxLength,
        ...(value ? { initial_value: value.slice(0, maxLength) } : {}),
      },
    };
  };
  const country = selected(COUNTRY_OPTIONS, customer.country);
  const language = selected(LANGUAGE_OPTIONS, customer.preferredLanguage);
  const identity =
    customer.organizationId === null
      ? "A person. Their personal number is not stored: it is asked for on every invoice."
      : `A company, organisation number ${groupedNumber(customer.organizationId, 3)} (not editable: forget the customer to change it).`;
  return {
    type: "modal",
    callback_id: CUSTOMER_EDIT_CALLBACK_ID,
    private_metadata: customer.id,
    title: plainText("Edit customer"),
    submit: plainText("Save"),
    close: plainText("Cancel"),
    blocks: [
      context(escapeMrkdwn(identity)),
      text("name"),
      text("email"),
      text("countryCode"),
      text("msisdn"),
      text("street"),
      text("zip"),
      text("city"),
      {
        type: "input",
        block_id: customerEditBlockId("country"),
        label: plainText("Country"),
        element: {
          type: "static_select",
          action_id: customerEditActionId("country"),
          option_groups: COUNTRY_GROUPS,
          ...(country ? { initial_option: country } : {}),
        },
      },
      {
        type: "input",
        block_id: customerEditBlockId("preferredLanguage"),
        label: plainText("Invoice language"),
        element: {
          type: "static_select",
          action_id: customerEditActionId("preferredLanguage"),
          options: LANGUAGE_OPTIONS,
          ...(language ? { initial_option: language } : {}),
        },
      },
    ],
  };
}
