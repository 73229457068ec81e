import { approval } from "./areas/approval.js";
import { commands } from "./areas/commands.js";
import { common } from "./areas/common.js";
import { formErrors, schemaWords } from "./areas/form-errors.js";
import { help } from "./areas/help.js";
import { home } from "./areas/home.js";
import { invoiceModal } from "./areas/invoice-modal.js";
import { notices } from "./areas/notices.js";
import { orderActions } from "./areas/order-actions.js";
import { orderMessage } from "./areas/order-message.js";
import { products } from "./areas/products.js";
import { statusWords } from "./areas/status-words.js";
import { submission } from "./areas/submission.js";
import type { AreaMessages } from "./define.js";
import { type Formats, formatsFor } from "./format.js";
import type { Locale } from "./locale.js";

/**
 * The one message catalogue: every string the bot shows in Slack, by area (one file each in
 * `areas/`), in Norwegian Bokmål and English. Add an area by importing it here.
 */
export const CATALOGUE = {
  common,
  orderMessage,
  statusWords,
  notices,
  commands,
  help,
  invoiceModal,
  formErrors,
  schemaWords,
  submission,
  home,
  orderActions,
  approval,
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
