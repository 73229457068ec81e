import type { Messages } from "../../i18n/index.js";
import { fieldNames } from "../../invoice-form/labels.js";
import type { SavedCustomer } from "../../store/types.js";
import { context, escapeMrkdwn, type InputBlock, type ModalView, plainText } from "../block-kit.js";
import { CUSTOMER_EDIT_CALLBACK_ID } from "../ids.js";
import { groupedNumber } from "../invoice-modal/saved-customer-picker.js";
import { countryChoices, languageOptions, selected } from "../invoice-modal/select-options.js";

/** The edit modal's text fields, each with its Slack limit (said in the hint). */
export const CUSTOMER_EDIT_FIELDS = {
  name: { maxLength: 255 },
  email: { maxLength: 320 },
  countryCode: { maxLength: 8 },
  msisdn: { maxLength: 30 },
  street: { maxLength: 255 },
  zip: { maxLength: 20 },
  city: { maxLength: 255 },
} as const;
export type CustomerEditField = keyof typeof CUSTOMER_EDIT_FIELDS;

/** What the editor's fields are called: as in the invoice form, so the two say the same. */
export function customerEditLabels(t: Messages): Readonly<Record<CustomerEditField, string>> {
  const names = fieldNames(t);
  return {
    name: t.home.name,
    email: names.email,
    countryCode: names.countryCode,
    msisdn: names.mobile,
    street: names.street,
    zip: names.zip,
    city: names.city,
  };
}

export function customerEditBlockId(field: CustomerEditField | "country" | "preferredLanguage"): string {
  return `customer_edit.${field}`;
}

/** Every input's action id is its block id: one element per block. */
export const customerEditActionId = customerEditBlockId;

/** The modal that edits a saved customer from App Home. Pure; never throws. */
export function customerEditModal(
  t: Messages,
  customer: SavedCustomer,
  errors: Record<string, string> = {},
): ModalView {
  const words = t.home;
  const labels = customerEditLabels(t);
  const names = fieldNames(t);
  const text = (field: CustomerEditField): InputBlock => {
    const { maxLength } = CUSTOMER_EDIT_FIELDS[field];
    const label = labels[field];
    const id = customerEditBlockId(field);
    const value = customer[field];
    return {
      type: "input",
      block_id: id,
      label: plainText(label),
      hint: plainText(errors[id] ? `⚠️ ${errors[id]}` : t.invoiceModal.atMostCharacters({ max: maxLength })),
      element: {
        type: "plain_text_input",
        action_id: id,
        max_length: maxLength,
        ...(value ? { initial_value: value.slice(0, maxLength) } : {}),
      },
    };
  };
  const countries = countryChoices(t);
  const languages = languageOptions(t);
  const country = selected(countries.options, customer.country);
  const language = selected(languages, customer.preferredLanguage);
  const identity =
    customer.organizationId === null
      ? words.editPerson
      : words.editCompany({ number: groupedNumber(customer.organizationId, 3) });
  return {
    type: "modal",
    callback_id: CUSTOMER_EDIT_CALLBACK_ID,
    private_metadata: customer.id,
    title: plainText(words.editTitle),
    submit: plainText(t.common.save),
    close: plainText(t.common.cancel),
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
        label: plainText(names.country),
        element: {
          type: "static_select",
          action_id: customerEditActionId("country"),
          option_groups: countries.groups,
          ...(country ? { initial_option: country } : {}),
        },
      },
      {
        type: "input",
        block_id: customerEditBlockId("preferredLanguage"),
        label: plainText(names.preferredLanguage),
        element: {
          type: "static_select",
          action_id: customerEditActionId("preferredLanguage"),
          options: languages,
          ...(language ? { initial_option: language } : {}),
        },
      },
    ],
  };
}
