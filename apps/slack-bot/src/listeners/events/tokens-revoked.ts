import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { forgetWorkspace } from "./forget-workspace.js";

/**
 * `tokens_revoked`: the bot's token no longer works once a bot token is among the revoked ones;
 * revoked user tokens alone change nothing (the bot uses none).
 */
export function tokensRevoked(deps: BotDeps) {
  return async ({ event, context }: SlackEventMiddlewareArgs<"tokens_revoked"> & AllMiddlewareArgs) => {
    if ((event.tokens.bot ?? []).length === 0) return;
    await forgetWorkspace(deps, context.teamId, "tokens_revoked");
  };
}
