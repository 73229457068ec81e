import { PREFERRED_LANGUAGES, type PreferredLanguage } from "@fakturabot/schema";
import { INVOICE_OPTION_VALUES } from "../../invoice-form/ids.js";
import { option, type PlainTextOption, plainText } from "../block-kit.js";
import { COUNTRIES_IN_ORDER, NORDIC_COUNTRIES } from "./countries-in-order.js";

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

/**
 * The country select. One static_select holds at most 100 options, and there are 249 countries,
 * so they come in option groups: the Nordic countries first, then one group per initial letter
 * (none holds 100). People pick or type a name; the value is the ISO 3166-1 alpha-2 code the
 * schema checks. The order and names are a constant (see `countries-in-order.ts`).
 */
export const COUNTRY_GROUPS = (() => {
  const countryOption = ([code, name]: readonly [string, string]) => option(`${name} (${code})`, code);
  const byLetter = new Map<string, PlainTextOption[]>();
  for (const country of COUNTRIES_IN_ORDER.slice(NORDIC_COUNTRIES.length)) {
    const letter = country[1].normalize("NFD").charAt(0).toUpperCase();
    const group = byLetter.get(letter);
    if (group) group.push(countryOption(country));
    else byLetter.set(letter, [countryOption(country)]);
  }
  return [
    {
      label: plainText("Nordic countries"),
      options: COUNTRIES_IN_ORDER.slice(0, NORDIC_COUNTRIES.length).map(countryOption),
    },
    ...[...byLetter].map(([letter, options]) => ({ label: plainText(letter), options })),
  ];
})();

export const COUNTRY_OPTIONS = COUNTRY_GROUPS.flatMap((group) => group.options);

/**
 * Front Payment documents only that `invoiceInterval` is 0, 1 or 2, not what each means
 * (docs/front-payment.md §17): the labels say what is known and what is assumed.
 */
export const INTERVAL_OPTIONS: PlainTextOption[] = [
  {
    ...option("0 · one invoice, sent now", "0"),
    description: plainText("What the seed example sends; the usual choice."),
  },
  {
    ...option("1 · Front Payment's interval 1", "1"),
    description: plainText("Undocumented: use only if Front Payment told you to."),
  },
  {
    ...option("2 · Front Payment's interval 2", "2"),
    description: plainText("Undocumented: use only if Front Payment told you to."),
  },
];

export const INVOICE_OPTIONS: PlainTextOption[] = [
  {
    ...option("Add Front Payment's invoice fee", INVOICE_OPTION_VALUES.invoiceFee),
    description: plainText("Customer pays it on top; amount set in your Front Payment agreement."),
  },
  {
    ...option("A separate invoice per product line", INVOICE_OPTION_VALUES.separateInvoices),
    description: plainText("Otherwise all lines are on one invoice."),
  },
];

/** The option whose value is `value`, as a select's `initial_option`. */
export function selected(
  options: readonly PlainTextOption[],
  value: string | undefined,
): PlainTextOption | undefined {
  return value === undefined ? undefined : options.find((candidate) => candidate.value === value);
}
