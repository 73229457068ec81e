import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { getInTeam } from "../../orders/team-scope.js";
import { rememberCustomerIfCreated } from "../../services/saved-customers.js";
import { rememberLinesIfCreated } from "../../services/saved-products.js";

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
    const order = await getInTeam(deps.orders, body.team?.id ?? body.view?.team_id, orderId);
    if (!order || order.userId !== body.user.id) return;
    await deps.orders.retry(orderId, kind, { viewId });
    // The request (and so the customer) is erased once created: read it from the order as it was.
    // An expired order has none left, and is not sent again.
    if (order.state !== "created" && order.state !== "expired") {
      await rememberCustomerIfCreated(deps, order, order.request.customerDetails);
      await rememberLinesIfCreated(deps, order, order.request.products);
    }
  };
}
