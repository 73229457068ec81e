import type { FormField } from "../../invoice-form/ids.js";
import { BLOCK_IDS, fieldActionId, LAYOUT_BLOCK_IDS } from "../../invoice-form/ids.js";
import { TEXT_MAX_LENGTHS } from "../../invoice-form/limits.js";
import { header, type KnownBlock, option, plainText } from "../block-kit.js";
import type { FieldBuilder } from "./field-builder.js";
import { registerBlock } from "./register-note.js";
import { countryChoices, languageOptions, selected } from "./select-options.js";

/**
 * Who is invoiced: the type switch (which shows the personal or the organisation number), name,
 * email, mobile, address and the invoice's language.
 */
export function customerBlocks({
  t,
  names,
  metadata,
  initial,
  defaults,
  input,
  textInput,
}: FieldBuilder): KnownBlock[] {
  const actionId = (field: FormField) => fieldActionId(field, metadata.fills);
  const words = t.invoiceModal;
  const person = option(words.aPerson, "private");
  const company = option(words.aCompany, "corporate");
  const email = initial.email;
  const countries = countryChoices(t);
  const languages = languageOptions(t);
  const country =
    selected(countries.options, initial.country?.toUpperCase()) ??
    selected(countries.options, defaults.country);
  const language =
    selected(languages, initial.preferredLanguage) ?? selected(languages, defaults.preferredLanguage);
  return [
    header(t.common.customer, LAYOUT_BLOCK_IDS.customerHeader),
    input({
      blockId: BLOCK_IDS.customerType,
      label: names.customerType,
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
      hint: words.atMostCharacters({ max: TEXT_MAX_LENGTHS.name }),
      maxLength: TEXT_MAX_LENGTHS.name,
    }),
    metadata.customerType === "private"
      ? textInput("personalNumber", {
          placeholder: words.personalNumberPlaceholder,
          hint: words.personalNumberHint,
          maxLength: TEXT_MAX_LENGTHS.personalNumber,
        })
      : textInput("organizationId", {
          placeholder: words.organisationNumberPlaceholder,
          hint: words.organisationNumberHint,
          maxLength: TEXT_MAX_LENGTHS.organizationId,
          dispatch: true,
        }),
    ...(metadata.customerType === "corporate" && metadata.register
      ? [registerBlock(t, metadata.register)]
      : []),
    input({
      blockId: BLOCK_IDS.email,
      label: names.email,
      hint: words.emailHint,
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
      hint: words.atMostCharacters({ max: TEXT_MAX_LENGTHS.street }),
      maxLength: TEXT_MAX_LENGTHS.street,
    }),
    textInput("zip", {
      placeholder: "7030",
      hint: words.zipHint({ max: TEXT_MAX_LENGTHS.zip }),
      maxLength: TEXT_MAX_LENGTHS.zip,
    }),
    textInput("city", {
      placeholder: "Trondheim",
      hint: words.atMostCharacters({ max: TEXT_MAX_LENGTHS.city }),
      maxLength: TEXT_MAX_LENGTHS.city,
    }),
    input({
      blockId: BLOCK_IDS.country,
      label: names.country,
      element: {
        type: "static_select",
        action_id: actionId("country"),
        placeholder: plainText(words.countryPlaceholder),
        option_groups: countries.groups,
        ...(country ? { initial_option: country } : {}),
      },
    }),
    input({
      blockId: BLOCK_IDS.preferredLanguage,
      label: names.preferredLanguage,
      hint: words.invoiceLanguageHint,
      element: {
        type: "static_select",
        action_id: actionId("preferredLanguage"),
        options: languages,
        ...(language ? { initial_option: language } : {}),
      },
    }),
  ];
}
