import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import type { Messages } from "../../i18n/index.js";
import { getInTeam } from "../../orders/team-scope.js";
import type { ActionRefusal, OrderAction } from "../../orders/transitions.js";
import { personMessages } from "../../services/locales.js";
import type { CreatedOrder, OrderRecord } from "../../store/types.js";
import { notAllowedText } from "../../views/help.js";
import { readOverflowValue } from "../../views/order-message.js";
import { statusInWords } from "../../views/order-words.js";
import { accessProblem, mayAct, whoMay } from "../access.js";

export type MessageActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** What each action is called on the message's buttons. */
export function actionName(t: Messages, action: OrderAction): string {
  const words = t.orderActions;
  const names: Record<OrderAction, string> = {
    resend: words.actionResend,
    refresh: words.actionRefresh,
    cancel: words.actionCancel,
    refund: words.actionRefund,
    copy: words.actionCopy,
    edit: words.actionEdit,
  };
  return names[action];
}

/** Why an action does not fit the order now, in words. */
export function refusalText(
  t: Messages,
  order: OrderRecord,
  action: OrderAction,
  refusal: ActionRefusal,
): string {
  if (refusal.reason === "never-created") return t.orderActions.neverCreated;
  const status =
    order.state === "created"
      ? statusInWords(refusal.status, {
          bankIdUrl: order.bankIdUrl,
          grandTotalOre: order.grandTotalOre,
          facts: order.facts,
        })
      : "";
  if (refusal.reason === "invoiced") return t.orderActions.invoicedNoEdit({ status });
  return t.orderActions.doesNotFit({ action: actionName(t, action), status });
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
  const [t, order] = await Promise.all([
    personMessages(deps.locales, { teamId: args.body.team?.id, userId: args.body.user.id }),
    orderId ? getInTeam(deps.orders, args.body.team?.id, orderId) : null,
  ]);
  if (!order) {
    await tellClicker(args, t.orderActions.unknownInvoice);
    return null;
  }
  const who = { userId: args.body.user.id, channelId: args.body.channel?.id ?? "" };
  const problem = accessProblem(deps.access, who);
  if (problem) {
    await tellClicker(args, notAllowedText(problem));
    return null;
  }
  if (!mayAct(deps.access, who, order, action)) {
    await tellClicker(
      args,
      t.orderActions.notYours({ action: actionName(t, action), who: whoMay(action, order.userId) }),
    );
    return null;
  }
  const refusal = deps.orders.actionRefusal(order, action);
  if (refusal || order.state !== "created") {
    await tellClicker(args, refusalText(t, order, action, refusal ?? { reason: "never-created" }));
    return null;
  }
  return order;
}
