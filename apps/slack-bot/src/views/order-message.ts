import { formatNok, safeKronerToOre } from "@fakturabot/schema";
import { escapeMrkdwn, type KnownBlock, mrkdwnLink, truncate } from "./block-kit.js";
import { statusEmoji, statusLabel } from "./order-status.js";

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
}

/** The longest customer name a message shows; escaped, it is at most 5 times longer (`&` → `&amp;`). */
const MAX_SHOWN_NAME_LENGTH = 255;

/** The message in the channel that follows the order from sent to paid; `chat.update` rewrites it. */
export function orderMessage(order: OrderMessageInput): { text: string; blocks: KnownBlock[] } {
  const total = formatNok(order.grandTotalOre);
  const { status } = order;
  // Names are at most 255 characters when typed; an older order's longer one is cut, so every
  // block stays within Slack's limits (a section's 3000 characters, a field's 2000) once escaped.
  const customer = escapeMrkdwn(truncate(order.customerName, MAX_SHOWN_NAME_LENGTH));
  const bankIdLink = order.bankIdUrl
    ? mrkdwnLink(order.bankIdUrl, "open the BankID verification")
    : undefined;
  const nextStep =
    status === "SENT" && order.bankIdUrl !== null
      ? `:bust_in_silhouette: The customer confirms with BankID: ${bankIdLink ?? "the link is in Front Payment Go"}`
      : status === "INVOICED" && order.bankIdUrl === null
        ? ":zap: Invoiced directly, no BankID step."
        : null;
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: { type: "mrkdwn", text: `*Invoice to ${customer}* · ${total}\n${statusLabel(status)}` },
    },
    {
      type: "section",
      fields: [
        // Digits and the mask's stars (checked and masked before it was stored), never typed text.
        { type: "mrkdwn", text: `*Customer*\n${customer} (${order.customerIdentifier})` },
        { type: "mrkdwn", text: `*Front Payment order*\n\`${order.fpOrderUuid ?? "pending"}\`` },
      ],
    },
  ];
  if (nextStep) blocks.push({ type: "section", text: { type: "mrkdwn", text: nextStep } });
  blocks.push({
    type: "context",
    elements: [
      { type: "mrkdwn", text: `Sent by <@${order.createdBy}> · our reference \`${order.orderId}\`` },
    ],
  });
  return { text: `Invoice to ${customer}: ${total}, ${status ?? "status not known yet"}`, blocks };
}

/** A callback from Front Payment (or a status lookup), as a thread reply: "PAID via Visa, 1 250,00 kr". */
export function statusChangeText(change: {
  status: string;
  paymentMethod: string | null;
  amount: string | null;
}): string {
  // Front Payment names a payment method on every callback; it means something once paid.
  const via =
    change.paymentMethod && change.status === "PAID" ? ` via ${escapeMrkdwn(change.paymentMethod)}` : "";
  // An amount that is not money (more than 2 decimals, not a number) is left out, never guessed.
  const amountOre = change.amount === null ? undefined : safeKronerToOre(change.amount);
  const amount = amountOre === undefined || amountOre < 0 ? "" : `, ${formatNok(amountOre)}`;
  return `${statusEmoji(change.status)} ${escapeMrkdwn(change.status)}${via}${amount}`;
}
