import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { rememberCustomerIfCreated } from "../../services/saved-customers.js";

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/**
 * "Send again" after a certain failure, or "Send anyway" after the user confirmed an unknown
 * outcome. If nothing is to be sent (another click won, or a callback proved the order exists)
 * the modal shows the order as it is now.
 */
export function retrySubmissionClicked(deps: BotDeps, kind: "send-again" | "send-anyway") {
  return async ({ ack, body, action }: Args) => {
    await ack();
    const orderId = action.type === "button" ? action.value : undefined;
    const viewId = body.view?.id;
    if (!orderId || !viewId) return;
    const order = await deps.orders.get(orderId);
    if (!order || order.userId !== body.user.id) return;
    await deps.orders.retry(orderId, kind, { viewId });
    // The request (and so the customer) is erased once created: read it from the order as it was.
    if (order.state !== "created")
      await rememberCustomerIfCreated(deps, order, order.request.customerDetails);
  };
}
