import { FrontPaymentError, FrontPaymentNotFoundError } from "@fakturabot/client";
import { safeKronerToOre } from "@fakturabot/schema";
import type { WebClient } from "@slack/web-api";
import type { BotDeps } from "../../deps.js";
import type { Messages } from "../../i18n/index.js";
import { osloDay } from "../../orders/due-date.js";
import { isOverdue } from "../../orders/listing.js";
import { canonicalStatus } from "../../orders/status.js";
import { findInTeam } from "../../orders/team-scope.js";
import type { CreatedOrder, OrderRecord } from "../../store/types.js";
import { escapeMrkdwn, mrkdwnLink } from "../../views/block-kit.js";
import { failureReasonInWords } from "../../views/failure-reason.js";
import { type StoryContext, statusInWords, storyOf } from "../../views/order-words.js";
import { mayView } from "../access.js";

/** The statuses Front Payment has an invoice number for (docs/front-payment.md §13.4). */
const NUMBERED = ["INVOICED", "Purring", "Inkasso", "PAID", "REFUNDED", "PARTIAL REFUNDED"];

/**
 * What else is worth knowing about the order's own Front Payment order: the BankID link while
 * the customer has not verified, the invoice number once there is one, the due date and a link to
 * the channel message. Each is left out when it cannot be had; none stops the answer.
 */
async function details(
  t: Messages,
  deps: BotDeps,
  client: WebClient,
  order: CreatedOrder,
  status: string,
): Promise<string[]> {
  const say = t.commands;
  const lines: string[] = [];
  if (status === "SENT" && order.bankIdUrl) {
    const link = mrkdwnLink(order.bankIdUrl, say.theBankIdVerification);
    if (link) lines.push(`:bust_in_silhouette: ${say.waitingToVerify({ link })}`);
  }
  if (NUMBERED.includes(status)) {
    try {
      const { invoiceNumber } = await deps.frontPayment.getInvoiceNumber(order.fpOrderUuid);
      if (invoiceNumber) lines.push(`:receipt: ${say.invoiceNumber({ number: invoiceNumber })}`);
    } catch (error) {
      deps.logger.warn({ orderId: order.id, err: error }, "no invoice number for /invoice status");
    }
  }
  if (order.dueDate) {
    const overdue = isOverdue({ ...order, status: { status, at: 0 } }, osloDay(deps.now()));
    const due = say.dueOn({ day: t.format.day(order.dueDate) });
    lines.push(`:calendar: ${due}${overdue ? ` ${say.overdue}` : ""}`);
  }
  if (order.message) {
    try {
      const { permalink } = await client.chat.getPermalink({
        channel: order.message.channelId,
        message_ts: order.message.ts,
      });
      const link = permalink && mrkdwnLink(permalink, say.theInvoicesMessage);
      if (link) lines.push(`:speech_balloon: ${say.see({ link })}`);
    } catch (error) {
      deps.logger.warn({ orderId: order.id, err: error }, "no permalink for /invoice status");
    }
  }
  return lines;
}

/** The state of an order that never reached Front Payment, in words. */
function stateInWords(t: Messages, state: OrderRecord["state"]): string {
  switch (state) {
    case "sending":
      return t.commands.stateSending;
    case "failed":
      return t.commands.stateFailed;
    case "unknown":
      return t.commands.stateUnknown;
    case "expired":
      return t.commands.stateExpired;
    case "awaiting_approval":
      return t.commands.stateAwaitingApproval;
    case "rejected":
      return t.commands.stateRejected;
    case "created":
      return state;
  }
}

/**
 * The answer to `/invoice status <order>`, from Front Payment's Get Order Status: only for orders
 * Fakturabot sent, and only to people who may see them (`mayView`).
 */
export async function orderStatusText(
  t: Messages,
  deps: BotDeps,
  client: WebClient,
  reference: string,
  asker: { userId: string; channelId: string; memberOf?: readonly string[]; teamId: string },
): Promise<string> {
  const say = t.commands;
  const found = await findInTeam(deps.orders, asker.teamId, reference);
  if (!found || !mayView(deps.access, asker, found.order)) {
    return say.unknownReference({ reference: `\`${reference}\`` });
  }
  const { order, fpOrderUuid } = found;
  // A second order sent for one of ours is shown, but not recorded as the order's status.
  const isOrdersOwn = order?.state === "created" && fpOrderUuid === order.fpOrderUuid;
  if (!fpOrderUuid) {
    const reason =
      "failureReason" in order && order.failureReason
        ? `: ${escapeMrkdwn(failureReasonInWords(t, order.failureReason))}`
        : "";
    return say.neverCreated({
      reference: `\`${reference}\``,
      state: `${stateInWords(t, order.state)}${reason}`,
    });
  }
  try {
    const status = await deps.frontPayment.getOrderStatus(fpOrderUuid);
    if (isOrdersOwn) {
      await deps.orders.notify(order.id, {
        fpOrderUuid,
        status: status.status,
        sentAt: null,
        paymentMethod: null,
        amount: null,
        source: "lookup",
        receivedAt: deps.now(),
      });
    }
    const total = status.orderAmount === undefined ? undefined : safeKronerToOre(status.orderAmount);
    const refunded = status.refundedAmount === undefined ? undefined : safeKronerToOre(status.refundedAmount);
    const amounts = [
      total === undefined ? null : say.total({ amount: t.format.money(total) }),
      refunded === undefined || refunded === 0
        ? null
        : say.refundedAmount({ amount: t.format.money(refunded) }),
    ].filter(Boolean);
    const customer = escapeMrkdwn(order.customerName);
    const who = isOrdersOwn
      ? ` ${say.toCustomer({ customer })}`
      : ` (${say.secondOrderFor({ customer })}${order.state === "created" ? `, \`${order.fpOrderUuid}\`` : ""})`;
    const story: StoryContext =
      isOrdersOwn && order.state === "created"
        ? storyOf(order)
        : { bankIdUrl: null, grandTotalOre: total ?? 0 };
    const more = isOrdersOwn ? await details(t, deps, client, order, canonicalStatus(status.status)) : [];
    return [
      `*\`${fpOrderUuid}\`*${who}: ${statusInWords(t, status.status, story)}${amounts.length ? ` (${amounts.join(", ")})` : ""}`,
      ...more,
    ].join("\n");
  } catch (error) {
    if (error instanceof FrontPaymentNotFoundError) return say.noSuchOrder({ order: `\`${fpOrderUuid}\`` });
    if (error instanceof FrontPaymentError) return say.noStatus({ message: error.message });
    throw error;
  }
}
