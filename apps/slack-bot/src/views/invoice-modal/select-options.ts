import { ISO_COUNTRY_CODES, PREFERRED_LANGUAGES, type PreferredLanguage } from "@fakturabot/schema";
import { INVOICE_OPTION_VALUES } from "../../invoice-form/ids.js";
import { option, type PlainTextOption, plainText } from "../block-kit.js";

const LANGUAGE_NAMES: Readonly<Record<PreferredLanguage, string>> = {
  no: "Norwegian",
  en: "English",
  sv: "Swedish",
  da: "Danish",
  de: "German",
};

export const LANGUAGE_OPTIONS = PREFERRED_LANGUAGES.map((language) =>
  option(LANGUAGE_NAMES[language], language),
);

/** Listed first; the rest follow alphabetically. */
const NORDIC_COUNTRIES = ["NO", "SE", "DK", "FI", "IS"];

/**
 * The country select. One static_select holds at most 100 options, and there are 249 countries,
 * so they come in option groups: the Nordic countries first, then one group per initial letter
 * (none holds 100). People pick or type a name; the value is the ISO 3166-1 alpha-2 code the
 * schema checks. Names come from the runtime's ICU data, with the code as fallback.
 */
export const COUNTRY_GROUPS = (() => {
  const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
  const countryOption = (code: string) => option(`${names.of(code) ?? code} (${code})`, code);
  const others = ISO_COUNTRY_CODES.filter((code) => !NORDIC_COUNTRIES.includes(code))
    .map(countryOption)
    .sort((a, b) => a.text.text.localeCompare(b.text.text, "en"));
  const byLetter = new Map<string, PlainTextOption[]>();
  for (const country of others) {
    const letter = country.text.text.normalize("NFD").charAt(0).toUpperCase();
    byLetter.set(letter, [...(byLetter.get(letter) ?? []), country]);
  }
  return [
    { label: plainText("Nordic countries"), options: NORDIC_COUNTRIES.map(countryOption) },
    ...[...byLetter].map(([letter, options]) => ({ label: plainText(letter), options })),
  ];
})();

export const COUNTRY_OPTIONS = COUNTRY_GROUPS.flatMap((group) => group.options);

export const INTERVAL_OPTIONS = ["0", "1", "2"].map((interval) => option(interval, interval));

export const INVOICE_OPTIONS = [
  option("Add the invoice fee", INVOICE_OPTION_VALUES.invoiceFee),
  option("A separate invoice per product line", INVOICE_OPTION_VALUES.separateInvoices),
];

/** The option whose value is `value`, as a select's `initial_option`. */
export function selected(
  options: readonly PlainTextOption[],
  value: string | undefined,
): PlainTextOption | undefined {
  return value === undefined ? undefined : options.find((candidate) => candidate.value === value);
}
