import { FrontPaymentError, FrontPaymentNotFoundError } from "@fakturabot/client";
import { formatNok, safeKronerToOre } from "@fakturabot/schema";
import type { BotDeps } from "../../deps.js";
import { findInTeam } from "../../orders/team-scope.js";
import { statusLabel } from "../../views/order-status.js";
import { mayView } from "../access.js";

/**
 * The answer to `/invoice status <order>`, from Front Payment's Get Order Status: only for orders
 * Fakturabot sent, and only to people who may see them (`mayView`).
 */
export async function orderStatusText(
  deps: BotDeps,
  reference: string,
  asker: { userId: string; channelId: string; teamId: string },
): Promise<string> {
  const found = await findInTeam(deps.orders, asker.teamId, reference);
  if (!found || !mayView(deps.access, asker, found.order)) {
    return `I don't know an invoice \`${reference}\` that you can see. Use the id from the invoice message.`;
  }
  const { order, fpOrderUuid } = found;
  // A second order sent for one of ours is shown, but not recorded as the order's status.
  const isOrdersOwn = order?.state === "created" && fpOrderUuid === order.fpOrderUuid;
  if (!fpOrderUuid) {
    return `\`${reference}\` was never created at Front Payment (${order.state}${"failureReason" in order && order.failureReason ? `: ${order.failureReason}` : ""}).`;
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
      total === undefined ? null : `total ${formatNok(total)}`,
      refunded === undefined || refunded === 0 ? null : `refunded ${formatNok(refunded)}`,
    ].filter(Boolean);
    const who = isOrdersOwn
      ? ` to ${order.customerName}`
      : ` (a second order for the invoice to ${order.customerName}${order.state === "created" ? `, \`${order.fpOrderUuid}\`` : ""})`;
    return `*\`${fpOrderUuid}\`*${who}: ${statusLabel(status.status)}${amounts.length ? ` (${amounts.join(", ")})` : ""}`;
  } catch (error) {
    if (error instanceof FrontPaymentNotFoundError) return `Front Payment has no order \`${fpOrderUuid}\`.`;
    if (error instanceof FrontPaymentError)
      return `I couldn't get the status from Front Payment: ${error.message}`;
    throw error;
  }
}
