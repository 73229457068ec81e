import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { getInTeam } from "../../orders/team-scope.js";
import type { ActionRefusal, OrderAction } from "../../orders/transitions.js";
import type { CreatedOrder, OrderRecord } from "../../store/types.js";
import { notAllowedText } from "../../views/help.js";
import { readOverflowValue } from "../../views/order-message.js";
import { statusInWords } from "../../views/order-words.js";
import { accessProblem, mayAct, whoMay } from "../access.js";

export type MessageActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

const ACTION_NAMES: Record<OrderAction, string> = {
  resend: "Send link again",
  refresh: "Refresh status",
  cancel: "Cancel",
  refund: "Refund",
  copy: "Copy as new invoice",
  edit: "Edit",
};

/** Why an action does not fit the order now, in words. */
export function refusalText(order: OrderRecord, action: OrderAction, refusal: ActionRefusal): string {
  if (refusal.reason === "never-created") return "This invoice was never created at Front Payment.";
  const status =
    order.state === "created"
      ? statusInWords(refusal.status, {
          bankIdUrl: order.bankIdUrl,
          grandTotalOre: order.grandTotalOre,
          facts: order.facts,
        })
      : "";
  if (refusal.reason === "invoiced") {
    return `The customer has confirmed it, so it is an invoice now (${status}): it can't be edited. Make a refund or credit note instead.`;
  }
  return `${ACTION_NAMES[action]} doesn't fit this invoice any more: ${status}.`;
}

/** The order id a message control carries: a button's value, or the chosen overflow option's. */
function orderIdOf(args: MessageActionArgs): string | undefined {
  const { action } = args;
  if (action.type === "button") return action.value;
  if (action.type === "overflow") return readOverflowValue(action.selected_option.value)?.orderId;
  return undefined;
}

/** Tells only the person who clicked. */
export async function tellClicker(args: MessageActionArgs, text: string): Promise<void> {
  await args.respond({ response_type: "ephemeral", replace_original: false, text });
}

/**
 * The order a click on its message is about, when the person may use `action` on it and it fits
 * the order's status now (`actionRefusal`); otherwise they are told why, only them, and null.
 */
export async function orderForAction(
  deps: BotDeps,
  args: MessageActionArgs,
  action: OrderAction,
): Promise<CreatedOrder | null> {
  const orderId = orderIdOf(args);
  const order = orderId ? await getInTeam(deps.orders, args.body.team?.id, orderId) : null;
  if (!order) {
    await tellClicker(args, "I don't know this invoice any more.");
    return null;
  }
  const who = { userId: args.body.user.id, channelId: args.body.channel?.id ?? "" };
  const problem = accessProblem(deps.access, who);
  if (problem) {
    await tellClicker(args, notAllowedText(problem));
    return null;
  }
  if (!mayAct(deps.access, who, order, action)) {
    await tellClicker(args, `${ACTION_NAMES[action]}: ${whoMay(action, order.userId)} can do that.`);
    return null;
  }
  const refusal = deps.orders.actionRefusal(order, action);
  if (refusal || order.state !== "created") {
    await tellClicker(args, refusalText(order, action, refusal ?? { reason: "never-created" }));
    return null;
  }
  return order;
}
