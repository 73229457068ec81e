import { common } from "./areas/common.js";
import { products } from "./areas/products.js";
import type { AreaMessages } from "./define.js";
import { type Formats, formatsFor } from "./format.js";
import type { Locale } from "./locale.js";

/**
 * The one message catalogue: every string the bot shows in Slack, by area (one file each in
 * `areas/`), in Norwegian Bokmål and English. Add an area by importing it here.
 */
export const CATALOGUE = {
  common,
  products,
} satisfies Record<string, AreaMessages<Record<string, unknown>>>;

type Catalogue = typeof CATALOGUE;

/** Everything a view needs to speak one language: its messages by area, and its formats. */
export type Messages = { [Area in keyof Catalogue]: Catalogue[Area]["en"] } & {
  locale: Locale;
  format: Formats;
};

const BUILT = new Map<Locale, Messages>();

export function messagesFor(locale: Locale): Messages {
  let messages = BUILT.get(locale);
  if (!messages) {
    const areas = Object.fromEntries(
      Object.entries(CATALOGUE).map(([area, languages]) => [area, languages[locale]]),
    ) as { [Area in keyof Catalogue]: Catalogue[Area]["en"] };
    messages = { ...areas, locale, format: formatsFor(locale) };
    BUILT.set(locale, messages);
  }
  return messages;
}
