import type { BotDeps } from "../../deps.js";

/**
 * The workspace took the bot's access away: its installation is forgotten, so its requests are
 * refused and nothing more is posted there. Its orders stay (they are Front Payment's records too).
 */
export async function forgetWorkspace(deps: BotDeps, teamId: string | undefined, why: string): Promise<void> {
  if (!teamId) return;
  if (!deps.installations) {
    deps.logger.error({ teamId, why }, "Slack took the bot's access away: SLACK_BOT_TOKEN no longer works");
    return;
  }
  const removed = await deps.installations.remove(teamId);
  deps.logger.warn({ teamId, why, removed }, "workspace installation removed: nothing more is sent there");
}
