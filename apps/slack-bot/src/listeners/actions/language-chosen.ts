import type { BotDeps } from "../../deps.js";
import { isLocale } from "../../i18n/index.js";
import { publishHome } from "../../services/home.js";
import { FOLLOW_WORKSPACE } from "../../views/ids.js";
import type { ModalActionArgs } from "./refresh-invoice-modal.js";

/**
 * The language select in App Home: the person's own language is kept (in their team), or forgotten
 * when they choose the workspace's again, and App Home is drawn afresh in it.
 */
export function languageChosen(deps: BotDeps) {
  return async ({ ack, action, body, client }: ModalActionArgs) => {
    await ack();
    const value = action.type === "static_select" ? action.selected_option?.value : undefined;
    const teamId = body.team?.id ?? body.view?.team_id ?? "";
    const userId = body.user.id;
    if (!teamId || (value !== FOLLOW_WORKSPACE && !isLocale(value))) return;
    await deps.personLocales.setPersonLocale(teamId, userId, isLocale(value) ? value : null);
    deps.logger.info({ userId, locale: value }, "language chosen in App Home");
    await publishHome(deps, client, { teamId, userId });
  };
}
