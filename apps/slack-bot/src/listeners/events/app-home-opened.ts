import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { publishAppHome } from "../../services/app-home.js";

/** The Home tab was opened: publish it fresh (saved customers change with every invoice). */
export function appHomeOpened(deps: BotDeps) {
  return async ({ event, body, client }: SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs) => {
    if (event.tab !== "home") return;
    await publishAppHome(deps, client, { userId: event.user, teamId: body.team_id });
  };
}
