import { type Locale, type LocaleChoice, type Messages, messagesFor } from "../i18n/index.js";
import type { InvoiceStore } from "../store/types.js";

/** Where the languages come from: the deployment's configuration, and each person's App Home setting. */
export interface LocaleSettings {
  /** Every workspace's language unless `workspaces` names it (DEFAULT_LOCALE). */
  defaultLocale: Locale;
  /** Workspaces with a language of their own, by team id (WORKSPACE_LOCALES). */
  workspaces?: Readonly<Record<string, Locale>>;
  /** The people's own choices. */
  store: Pick<InvoiceStore, "getPersonLocale">;
}

/**
 * The language a person reads: their own choice in App Home, else their workspace's (configured),
 * else the deployment's default. Channel messages, which everyone reads, use the workspace's.
 */
export function configuredLocales({ defaultLocale, workspaces = {}, store }: LocaleSettings): LocaleChoice {
  const forWorkspace = (teamId: string | undefined): Locale =>
    (teamId !== undefined && Object.hasOwn(workspaces, teamId) ? workspaces[teamId] : undefined) ??
    defaultLocale;
  return {
    forWorkspace,
    async forPerson(teamId, userId) {
      const own = teamId && userId ? await store.getPersonLocale(teamId, userId) : null;
      return own ?? forWorkspace(teamId);
    },
  };
}

/** The words for what only this person sees (their modals, App Home, ephemeral replies). */
export async function personMessages(
  locales: LocaleChoice,
  who: { teamId: string | undefined; userId: string | undefined },
): Promise<Messages> {
  return messagesFor(await locales.forPerson(who.teamId, who.userId));
}
