import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/**
 * "Send again" after a certain failure (`from: ["failed"]`), or "Send anyway" after the user
 * confirmed an unknown outcome (`from: ["unknown"]`). If nothing is to be sent (another click
 * won, or a callback proved the order exists) the modal shows the order as it is now.
 */
export function retrySubmissionClicked(deps: BotDeps, from: readonly ("failed" | "unknown")[]) {
  return async ({ ack, body, action, client }: Args) => {
    await ack();
    const orderId = action.type === "button" ? action.value : undefined;
    const viewId = body.view?.id;
    if (!orderId || !viewId) return;
    const order = await deps.store.get(orderId);
    if (!order || order.userId !== body.user.id) return;
    const retried = await deps.submissions.retry(orderId, viewId, from);
    if (!retried) {
      const current = await deps.store.get(orderId);
      if (current) await client.views.update({ view_id: viewId, view: deps.submissions.viewFor(current) });
    }
  };
}
