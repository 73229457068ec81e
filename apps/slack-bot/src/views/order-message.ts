import { safeKronerToOre } from "@fakturabot/schema";
import type { Messages } from "../i18n/index.js";
import type { OrderAction } from "../orders/transitions.js";
import type { InvoiceFacts } from "../store/types.js";
import { button, escapeMrkdwn, type KnownBlock, mrkdwnLink, option, section, truncate } from "./block-kit.js";
import { dueDate, type StoryContext, statusInWords } from "./order-words.js";

/** What the channel message shows about an order: nothing personal beyond name and masked number. */
export interface OrderMessageInput {
  orderId: string;
  fpOrderUuid: string | null;
  customerName: string;
  customerIdentifier: string;
  grandTotalOre: number;
  status: string | null;
  bankIdUrl: string | null;
  createdBy: string;
  /** Lines, terms, invoice number and what happened since; absent for orders from before they were kept. */
  facts?: InvoiceFacts | undefined;
  /** The buttons to offer (`orderActions`): only those that fit the order's status. */
  actions?: readonly OrderAction[];
}

/** How many lines the message lists before "+N more". */
export const SHOWN_LINES = 3;

/** The `action_id`s of the message's controls; each button's `value` is our order id. */
export const ORDER_ACTION_IDS = {
  resend: "order_message.resend",
  edit: "order_message.edit",
  refund: "order_message.refund",
  cancel: "order_message.cancel",
  /** The overflow menu: its options' values are `<action>:<order id>`. */
  more: "order_message.more",
} as const;

/** The rarer actions, in the overflow menu. */
const IN_OVERFLOW: readonly OrderAction[] = ["refresh", "copy"];

/** Every action the message may offer. */
const ACTIONS: readonly OrderAction[] = ["resend", "edit", "refund", "cancel", "refresh", "copy"];

/** Each control's label, as the message and `/invoice help` show it ("Cancel…"). */
export function actionLabel(t: Messages, action: OrderAction): string {
  return t.orderMessage[action];
}

/** An action's name in a sentence: its label without the "…" of a control that asks first ("Cancel"). */
export function actionName(t: Messages, action: OrderAction): string {
  return actionLabel(t, action).replace(/…$/u, "");
}

/** The value of an overflow option: which action, on which order. */
export function overflowValue(action: OrderAction, orderId: string): string {
  return `${action}:${orderId}`;
}

/** An overflow option's value read back, or null for one this view never made. */
export function readOverflowValue(value: string): { action: OrderAction; orderId: string } | null {
  const [action, orderId] = value.split(":");
  if (!orderId || !ACTIONS.includes(action as OrderAction)) return null;
  return { action: action as OrderAction, orderId };
}

/** "2 × Konsulenttime: 2 500,00 kr", the first few lines, then "+N more". */
function linesText(t: Messages, facts: InvoiceFacts | undefined): string | null {
  if (!facts || facts.lines.length === 0) return null;
  const shown = facts.lines
    .slice(0, SHOWN_LINES)
    .map(
      (line) =>
        `• ${escapeMrkdwn(truncate(line.quantity, 12))} × ${escapeMrkdwn(truncate(line.name, 120))}: ${t.format.money(line.amountOre)}`,
    );
  const more = facts.lines.length - SHOWN_LINES;
  return more > 0 ? [...shown, t.orderMessage.moreLines({ count: more })].join("\n") : shown.join("\n");
}

/** The buttons that fit, and the rarer ones in an overflow menu. */
function controls(t: Messages, orderId: string, actions: readonly OrderAction[]): KnownBlock | null {
  const buttons = actions
    .filter((action) => !IN_OVERFLOW.includes(action))
    .map((action) =>
      button({
        text: actionLabel(t, action),
        actionId: ORDER_ACTION_IDS[action as Exclude<OrderAction, "refresh" | "copy">],
        value: orderId,
        ...(action === "cancel" ? { style: "danger" as const } : {}),
      }),
    );
  const rare = actions.filter((action) => IN_OVERFLOW.includes(action));
  const overflow = rare.length
    ? [
        {
          type: "overflow" as const,
          action_id: ORDER_ACTION_IDS.more,
          options: rare.map((action) => option(actionLabel(t, action), overflowValue(action, orderId))),
        },
      ]
    : [];
  const elements = [...buttons, ...overflow];
  return elements.length ? { type: "actions", block_id: "order_actions", elements } : null;
}

/** The longest customer name a message shows; escaped, it is at most 5 times longer (`&` → `&amp;`). */
const MAX_SHOWN_NAME_LENGTH = 255;

/** The message in the channel that follows the order from sent to paid; `chat.update` rewrites it. */
export function orderMessage(t: Messages, order: OrderMessageInput): { text: string; blocks: KnownBlock[] } {
  const say = t.orderMessage;
  const total = t.format.money(order.grandTotalOre);
  const { status, facts } = order;
  // Names are at most 255 characters when typed; an older order's longer one is cut, so every
  // block stays within Slack's limits (a section's 3000 characters, a field's 2000) once escaped.
  const customer = escapeMrkdwn(truncate(order.customerName, MAX_SHOWN_NAME_LENGTH));
  const context: StoryContext = { bankIdUrl: order.bankIdUrl, grandTotalOre: order.grandTotalOre, facts };
  const bankIdLink = order.bankIdUrl ? mrkdwnLink(order.bankIdUrl, say.openBankId) : undefined;
  const nextStep =
    status === "SENT" && order.bankIdUrl !== null
      ? `:bust_in_silhouette: ${say.customerConfirms({ link: bankIdLink ?? say.linkInFrontPayment })}`
      : status === "INVOICED" && order.bankIdUrl === null
        ? `:zap: ${say.invoicedDirectly}`
        : null;
  const due = dueDate(facts);
  const fields = [
    {
      type: "mrkdwn" as const,
      // Digits and the mask's stars (checked and masked before it was stored), never typed text.
      text: truncate(`*${t.common.customer}*\n${customer} (${order.customerIdentifier})`, 2000),
    },
    { type: "mrkdwn" as const, text: `*${say.frontPaymentOrder}*\n\`${order.fpOrderUuid ?? say.pending}\`` },
    ...(facts?.invoiceNumber
      ? [
          {
            type: "mrkdwn" as const,
            text: truncate(`*${say.invoiceNumber}*\n${escapeMrkdwn(facts.invoiceNumber)}`, 2000),
          },
        ]
      : []),
    ...(due === null
      ? []
      : [{ type: "mrkdwn" as const, text: `*${say.due}*\n${t.format.dayAndMonth(due)}` }]),
  ];
  const invoiceTo = say.invoiceTo({ customer });
  const statusWords = statusInWords(t, status, context);
  const blocks: KnownBlock[] = [
    section(`*${invoiceTo}* · ${total}\n${statusWords}`),
    { type: "section", fields },
  ];
  const lines = linesText(t, facts);
  if (lines) blocks.push(section(lines, "order_lines"));
  if (nextStep) blocks.push(section(nextStep));
  const panel = controls(t, order.orderId, order.actions ?? []);
  if (panel) blocks.push(panel);
  blocks.push({
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: say.sentBy({ who: `<@${order.createdBy}>`, reference: `\`${order.orderId}\`` }),
      },
    ],
  });
  // The notification's words are the message's: the status as people read it, not Front Payment's code.
  return { text: `${invoiceTo}: ${total}, ${statusWords}`, blocks };
}

/**
 * A callback from Front Payment (or a status lookup), as a thread reply, in the message's words
 * ("Paid by Visa"): the order as it is after the change gives the facts.
 */
export function statusChangeText(
  t: Messages,
  change: { status: string; paymentMethod: string | null; amount: string | null },
  order: StoryContext = { bankIdUrl: null, grandTotalOre: 0 },
): string {
  // Front Payment names a payment method on every callback; it means something once paid.
  const paidBy = change.status === "PAID" ? change.paymentMethod : null;
  const facts = order.facts && { ...order.facts, paymentMethod: paidBy ?? order.facts.paymentMethod };
  const context: StoryContext = facts
    ? { ...order, facts }
    : { ...order, facts: paidBy ? { ...NO_FACTS, paymentMethod: paidBy } : undefined };
  // An amount that is not money (more than 2 decimals, not a number) is left out, never guessed.
  const amountOre = change.amount === null ? undefined : safeKronerToOre(change.amount);
  const amount =
    change.status !== "PAID" || amountOre === undefined || amountOre < 0
      ? ""
      : `, ${t.format.money(amountOre)}`;
  return `${statusInWords(t, change.status, context)}${amount}`;
}

/** Facts for words about an order that has none kept. */
const NO_FACTS: InvoiceFacts = {
  lines: [],
  orderDate: Number.NaN,
  maturityDays: null,
  invoiceNumber: null,
  paymentMethod: null,
  refundedOre: 0,
  refundedLines: {},
  cancelled: null,
};
