import { ISO_COUNTRY_CODES, PREFERRED_LANGUAGES, type PreferredLanguage } from "@fakturabot/schema";
import type { Locale, Messages } from "../../i18n/index.js";
import { INVOICE_OPTION_VALUES } from "../../invoice-form/ids.js";
import { option, type PlainTextOption, plainText } from "../block-kit.js";
import { COUNTRIES_IN_ORDER, NORDIC_COUNTRIES } from "./countries-in-order.js";

/** The customer's invoice language, named in the reader's language. */
export function languageOptions(t: Messages): PlainTextOption[] {
  const words = t.invoiceModal;
  const names: Readonly<Record<PreferredLanguage, string>> = {
    no: words.languageNo,
    en: words.languageEn,
    sv: words.languageSv,
    da: words.languageDa,
    de: words.languageDe,
  };
  return PREFERRED_LANGUAGES.map((language) => option(names[language], language));
}

/**
 * Every country by its name in `locale`, the Nordic ones first. English is a constant (see
 * `countries-in-order.ts`: ~60 ms to compute); Norwegian names come from the runtime's ICU data,
 * computed the first time a Norwegian form is drawn and kept, in Norwegian alphabetical order
 * (Æ, Ø and Å last).
 */
function countriesInOrder(locale: Locale): readonly (readonly [string, string])[] {
  if (locale === "en") return COUNTRIES_IN_ORDER;
  const names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const entry = (code: string): [string, string] => [code, names.of(code) ?? code];
  const others = ISO_COUNTRY_CODES.filter((code) => !NORDIC_COUNTRIES.includes(code))
    .map(entry)
    .sort((a, b) => `${a[1]} (${a[0]})`.localeCompare(`${b[1]} (${b[0]})`, locale));
  return [...NORDIC_COUNTRIES.map(entry), ...others];
}

/** The letter a country is listed under: accents folded, but Æ, Ø and Å are letters of their own in Norwegian. */
function initialLetter(name: string, locale: Locale): string {
  const first = name.charAt(0).toUpperCase();
  if (locale === "nb" && "ÆØÅ".includes(first)) return first;
  return first.normalize("NFD").charAt(0);
}

export interface CountryChoices {
  groups: { label: ReturnType<typeof plainText>; options: PlainTextOption[] }[];
  options: PlainTextOption[];
}

const COUNTRY_CHOICES = new Map<Locale, CountryChoices>();

/**
 * The country select. One static_select holds at most 100 options, and there are 249 countries,
 * so they come in option groups: the Nordic countries first, then one group per initial letter
 * (none holds 100). People pick or type a name; the value is the ISO 3166-1 alpha-2 code the
 * schema checks. Built once per language.
 */
export function countryChoices(t: Messages): CountryChoices {
  const known = COUNTRY_CHOICES.get(t.locale);
  if (known) return known;
  const countries = countriesInOrder(t.locale);
  const countryOption = ([code, name]: readonly [string, string]) => option(`${name} (${code})`, code);
  const byLetter = new Map<string, PlainTextOption[]>();
  for (const country of countries.slice(NORDIC_COUNTRIES.length)) {
    const letter = initialLetter(country[1], t.locale);
    const group = byLetter.get(letter);
    if (group) group.push(countryOption(country));
    else byLetter.set(letter, [countryOption(country)]);
  }
  const groups = [
    {
      label: plainText(t.invoiceModal.nordicCountries),
      options: countries.slice(0, NORDIC_COUNTRIES.length).map(countryOption),
    },
    ...[...byLetter].map(([letter, options]) => ({ label: plainText(letter), options })),
  ];
  const choices = { groups, options: groups.flatMap((group) => group.options) };
  COUNTRY_CHOICES.set(t.locale, choices);
  return choices;
}

/**
 * Front Payment documents only that `invoiceInterval` is 0, 1 or 2, not what each means
 * (docs/front-payment.md §17): the labels say what is known and what is assumed.
 */
export function intervalOptions(t: Messages): PlainTextOption[] {
  const words = t.invoiceModal;
  return [
    { ...option(words.interval0, "0"), description: plainText(words.interval0Description) },
    { ...option(words.interval1, "1"), description: plainText(words.intervalUndocumented) },
    { ...option(words.interval2, "2"), description: plainText(words.intervalUndocumented) },
  ];
}

export function invoiceOptions(t: Messages): PlainTextOption[] {
  const words = t.invoiceModal;
  return [
    {
      ...option(words.invoiceFeeOption, INVOICE_OPTION_VALUES.invoiceFee),
      description: plainText(words.invoiceFeeDescription),
    },
    {
      ...option(words.separateInvoicesOption, INVOICE_OPTION_VALUES.separateInvoices),
      description: plainText(words.separateInvoicesDescription),
    },
  ];
}

/** The option whose value is `value`, as a select's `initial_option`. */
export function selected(
  options: readonly PlainTextOption[],
  value: string | undefined,
): PlainTextOption | undefined {
  return value === undefined ? undefined : options.find((candidate) => candidate.value === value);
}
