import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewClosedAction } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";

/** The invoice modal was closed: nothing was sent unless it was submitted, so only acknowledge. */
export function invoiceClosed(deps: BotDeps) {
  return async ({ ack, body }: SlackViewMiddlewareArgs<ViewClosedAction> & AllMiddlewareArgs) => {
    await ack();
    deps.logger.debug({ userId: body.user.id, viewId: body.view.id }, "invoice modal closed");
  };
}
