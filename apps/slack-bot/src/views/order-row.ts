import type { types } from "@slack/bolt";
import type { Messages } from "../i18n/index.js";
import { isOverdue } from "../orders/listing.js";
import type { OrderRecord } from "../store/types.js";
import { approvalStatusInWords } from "./approval-message.js";
import { escapeMrkdwn, type KnownBlock, mrkdwn, option, truncate } from "./block-kit.js";
import { ORDER_ROW_MENU_ACTION_ID } from "./ids.js";
import { statusInWords, storyOf } from "./order-words.js";

/** What a row's menu offers, each reusing a command's flow (`/invoice status`, `/invoice cancel`). */
export type RowAction = "status" | "cancel";

/** Each row menu option's label, as listings and `/invoice help` show it. */
export function rowActionLabel(t: Messages, action: RowAction): string {
  return action === "status" ? t.commands.showStatus : t.orderMessage.cancel;
}

export function rowActionValue(action: RowAction, orderId: string): string {
  return `${action}:${orderId}`;
}

export function parseRowActionValue(
  value: string | undefined,
): { action: RowAction; orderId: string } | null {
  const match = /^(status|cancel):(FB[0-9A-Z]+)$/.exec(value ?? "");
  return match ? { action: match[1] as RowAction, orderId: match[2] as string } : null;
}

/** Where an order is, in a few words, for a row. */
function whereItIs(t: Messages, order: OrderRecord): string {
  const say = t.statusWords;
  switch (order.state) {
    case "created":
      return statusInWords(t, order.status?.status ?? null, storyOf(order));
    case "sending":
      return `:outbox_tray: ${say.beingSent}`;
    case "failed":
      return `:x: ${say.notSent}`;
    case "unknown":
      return `:grey_question: ${say.notKnownWhetherCreated}`;
    case "expired":
      return `:wastebasket: ${say.neverSentExpired}`;
    case "awaiting_approval":
    case "rejected":
      return approvalStatusInWords(t, order);
  }
}

export interface OrderRowInput {
  order: OrderRecord;
  /** The viewer's day (`YYYY-MM-DD`), for "overdue". */
  today: string;
  /** What the viewer may do with it; none: no menu. */
  actions: readonly RowAction[];
}

/** A row's block id: unique in its view, so one order may be in two sections of App Home. */
export function orderRowBlockId(orderId: string, section = "order_row"): string {
  return `${section}.${orderId}`;
}

/** One order as a line of a listing or App Home: customer, total, status, due date, its menu. */
export function orderRow(
  t: Messages,
  { order, today, actions }: OrderRowInput,
  section?: string,
): KnownBlock {
  const { day, money } = t.format;
  const due = order.dueDate
    ? ` · ${t.commands.due({ day: day(order.dueDate) })}${isOverdue(order, today) ? ` *${t.commands.overdue}*` : ""}`
    : "";
  const id = order.state === "created" ? order.fpOrderUuid : order.id;
  const text = `*${escapeMrkdwn(truncate(order.customerName, 100))}* · ${money(order.grandTotalOre)}\n${whereItIs(t, order)}${due}\n\`${id}\` · <@${order.userId}> · ${day(order.createdAt.toISOString().slice(0, 10))}`;
  const menu: types.Overflow | undefined =
    actions.length === 0
      ? undefined
      : {
          type: "overflow",
          action_id: ORDER_ROW_MENU_ACTION_ID,
          options: actions.map((action) =>
            option(rowActionLabel(t, action), rowActionValue(action, order.id)),
          ),
        };
  return {
    type: "section",
    block_id: orderRowBlockId(order.id, section),
    text: mrkdwn(text),
    ...(menu ? { accessory: menu } : {}),
  };
}
