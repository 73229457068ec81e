/** The languages the bot speaks in Slack: Norwegian Bokmål and English. */
export const LOCALES = ["nb", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Sales and finance staff at Norwegian businesses read Norwegian unless they or their workspace choose English. */
export const DEFAULT_LOCALE: Locale = "nb";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Which language a workspace and the people in it read. */
export interface LocaleChoice {
  /** The workspace's language (configuration): channel messages, which everyone reads, use it. */
  forWorkspace(teamId: string | undefined): Locale;
  /** A person's language: their own setting (App Home), else their workspace's. */
  forPerson(teamId: string | undefined, userId: string | undefined): Promise<Locale>;
}

/** Every workspace and person reads `locale` (until people can choose their own). */
export function fixedLocale(locale: Locale): LocaleChoice {
  return { forWorkspace: () => locale, forPerson: async () => locale };
}
