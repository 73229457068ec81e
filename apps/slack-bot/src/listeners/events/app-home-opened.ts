import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { publishHome } from "../../services/home.js";

/** The Home tab was opened: it is drawn afresh each time, so it is as current as the store. */
export function appHomeOpened(deps: BotDeps) {
  return async ({ event, body, client }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs) => {
    if (event.tab !== "home") return;
    await publishHome(deps, client, { teamId: body.team_id, userId: event.user });
  };
}
