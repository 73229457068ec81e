export { CATALOGUE, type Messages, messagesFor } from "./catalogue.js";
export { type Formats, formatsFor } from "./format.js";
export { DEFAULT_LOCALE, fixedLocale, isLocale, LOCALES, type Locale, type LocaleChoice } from "./locale.js";
