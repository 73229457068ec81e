import type { FormField } from "../../invoice-form/ids.js";
import { BLOCK_IDS, fieldActionId, LAYOUT_BLOCK_IDS } from "../../invoice-form/ids.js";
import { FIELD_NAMES } from "../../invoice-form/labels.js";
import { TEXT_MAX_LENGTHS } from "../../invoice-form/limits.js";
import { header, type KnownBlock, option, plainText } from "../block-kit.js";
import type { FieldBuilder } from "./field-builder.js";
import { registerBlock } from "./register-note.js";
import { COUNTRY_GROUPS, COUNTRY_OPTIONS, LANGUAGE_OPTIONS, selected } from "./select-options.js";

/**
 * Who is invoiced: the type switch (which shows the personal or the organisation number), name,
 * email, mobile, address and the invoice's language.
 */
export function customerBlocks({
  metadata,
  initial,
  defaults,
  input,
  textInput,
}: FieldBuilder): KnownBlock[] {
  const actionId = (field: FormField) => fieldActionId(field, metadata.fills);
  const person = option("A person", "private");
  const company = option("A company", "corporate");
  const email = initial.email;
  const country =
    selected(COUNTRY_OPTIONS, initial.country?.toUpperCase()) ?? selected(COUNTRY_OPTIONS, defaults.country);
  const language =
    selected(LANGUAGE_OPTIONS, initial.preferredLanguage) ??
    selected(LANGUAGE_OPTIONS, defaults.preferredLanguage);
  return [
    header("Customer", LAYOUT_BLOCK_IDS.customerHeader),
    input({
      blockId: BLOCK_IDS.customerType,
      label: FIELD_NAMES.customerType,
      dispatch: true,
      element: {
        type: "radio_buttons",
        action_id: actionId("customerType"),
        options: [person, company],
        initial_option: metadata.customerType === "private" ? person : company,
      },
    }),
    textInput("name", {
      placeholder: metadata.customerType === "private" ? "Kari Nordmann" : "Fjordkraft AS",
      hint: `At most ${TEXT_MAX_LENGTHS.name} characters.`,
      maxLength: TEXT_MAX_LENGTHS.name,
    }),
    metadata.customerType === "private"
      ? textInput("personalNumber", {
          placeholder: "11 digits",
          hint: "Fødselsnummer or D-number. Checked for typos before anything is sent.",
          maxLength: TEXT_MAX_LENGTHS.personalNumber,
        })
      : textInput("organizationId", {
          placeholder: "9 digits, such as 923 609 016",
          hint: "Organisasjonsnummer. Press Enter to fill in the name and address from Brønnøysundregistrene.",
          maxLength: TEXT_MAX_LENGTHS.organizationId,
          dispatch: true,
        }),
    ...(metadata.customerType === "corporate" && metadata.register ? [registerBlock(metadata.register)] : []),
    input({
      blockId: BLOCK_IDS.email,
      label: FIELD_NAMES.email,
      hint: "Front Payment sends the invoice to this address.",
      element: {
        type: "email_text_input",
        action_id: actionId("email"),
        placeholder: plainText("kari@example.no"),
        ...(email ? { initial_value: email.slice(0, TEXT_MAX_LENGTHS.email) } : {}),
      },
    }),
    textInput("countryCode", { initial: defaults.countryCode, maxLength: TEXT_MAX_LENGTHS.countryCode }),
    textInput("mobile", { placeholder: "465 67 468", maxLength: TEXT_MAX_LENGTHS.mobile }),
    textInput("street", {
      placeholder: "Klosterenget 144",
      hint: `At most ${TEXT_MAX_LENGTHS.street} characters.`,
      maxLength: TEXT_MAX_LENGTHS.street,
    }),
    textInput("zip", {
      placeholder: "7030",
      hint: `4 digits in Norway; up to ${TEXT_MAX_LENGTHS.zip} characters elsewhere.`,
      maxLength: TEXT_MAX_LENGTHS.zip,
    }),
    textInput("city", {
      placeholder: "Trondheim",
      hint: `At most ${TEXT_MAX_LENGTHS.city} characters.`,
      maxLength: TEXT_MAX_LENGTHS.city,
    }),
    input({
      blockId: BLOCK_IDS.country,
      label: FIELD_NAMES.country,
      element: {
        type: "static_select",
        action_id: actionId("country"),
        placeholder: plainText("Choose or type a country"),
        option_groups: COUNTRY_GROUPS,
        ...(country ? { initial_option: country } : {}),
      },
    }),
    input({
      blockId: BLOCK_IDS.preferredLanguage,
      label: FIELD_NAMES.preferredLanguage,
      hint: "The language of the customer's invoice and payment pages.",
      element: {
        type: "static_select",
        action_id: actionId("preferredLanguage"),
        options: LANGUAGE_OPTIONS,
        ...(language ? { initial_option: language } : {}),
      },
    }),
  ];
}
