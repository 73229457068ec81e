import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { forgetWorkspace } from "./forget-workspace.js";

/** `app_uninstalled`: someone removed Fakturabot from the workspace. */
export function appUninstalled(deps: BotDeps) {
  return async ({ context }: SlackEventMiddlewareArgs<"app_uninstalled"> & AllMiddlewareArgs) => {
    await forgetWorkspace(deps, context.teamId, "app_uninstalled");
  };
}
