import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { type Messages, messagesFor } from "../../i18n/index.js";
import { getInTeam } from "../../orders/team-scope.js";
import type { ActionRefusal, OrderAction } from "../../orders/transitions.js";
import type { CreatedOrder, OrderRecord } from "../../store/types.js";
import { notAllowedText } from "../../views/help.js";
import { actionName, readOverflowValue } from "../../views/order-message.js";
import { statusInWords } from "../../views/order-words.js";
import { accessProblem, mayAct, whoMay } from "../access.js";

export type MessageActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** Why an action does not fit the order now, in words. */
export function refusalText(
  t: Messages,
  order: OrderRecord,
  action: OrderAction,
  refusal: ActionRefusal,
): string {
  if (refusal.reason === "never-created") return t.commands.neverCreatedAtFrontPayment;
  const status =
    order.state === "created"
      ? statusInWords(t, refusal.status, {
          bankIdUrl: order.bankIdUrl,
          grandTotalOre: order.grandTotalOre,
          facts: order.facts,
        })
      : "";
  if (refusal.reason === "invoiced") return t.commands.invoicedNotEditable({ status });
  return t.commands.doesNotFit({ action: actionName(t, action), status });
}

/** The order id a message control carries: a button's value, or the chosen overflow option's. */
function orderIdOf(args: MessageActionArgs): string | undefined {
  const { action } = args;
  if (action.type === "button") return action.value;
  if (action.type === "overflow") return readOverflowValue(action.selected_option.value)?.orderId;
  return undefined;
}

/** The words of the person who clicked. */
export async function clickerWords(deps: BotDeps, args: MessageActionArgs): Promise<Messages> {
  return messagesFor(await deps.locales.forPerson(args.body.team?.id, args.body.user.id));
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
  // Their language is looked up only to refuse: a click that opens a modal has 3 s for it.
  const refuse = async (words: (t: Messages) => string) =>
    tellClicker(args, words(await clickerWords(deps, args)));
  const orderId = orderIdOf(args);
  const order = orderId ? await getInTeam(deps.orders, args.body.team?.id, orderId) : null;
  if (!order) {
    await refuse((t) => t.commands.unknownInvoice);
    return null;
  }
  const who = { userId: args.body.user.id, channelId: args.body.channel?.id ?? "" };
  const problem = accessProblem(deps.access, who);
  if (problem) {
    await refuse((t) => notAllowedText(t, problem));
    return null;
  }
  if (!mayAct(deps.access, who, order, action)) {
    await refuse((t) =>
      t.commands.onlySomeMay({ action: actionName(t, action), who: whoMay(t, action, order.userId) }),
    );
    return null;
  }
  const refusal = deps.orders.actionRefusal(order, action);
  if (refusal || order.state !== "created") {
    await refuse((t) => refusalText(t, order, action, refusal ?? { reason: "never-created" }));
    return null;
  }
  return order;
}
