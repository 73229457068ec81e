import { FrontPaymentError, FrontPaymentNotFoundError } from "@fakturabot/client";
import { formatNok, safeKronerToOre } from "@fakturabot/schema";
import type { BotDeps } from "../../deps.js";
import { statusLabel } from "../../views/order-status.js";

/** The answer to `/invoice status <order>`, from Front Payment's Get Order Status. */
export async function orderStatusText(deps: BotDeps, reference: string): Promise<string> {
  const found = await deps.orders.find(reference);
  const order = found?.order;
  const fpOrderUuid = found ? found.fpOrderUuid : reference.startsWith("ODR") ? reference : null;
  // A second order sent for one of ours is shown, but not recorded as the order's status.
  const isOrdersOwn = order?.state === "created" && fpOrderUuid === order.fpOrderUuid;
  if (!fpOrderUuid) {
    return order
      ? `\`${reference}\` was never created at Front Payment (${order.state}${"failureReason" in order && order.failureReason ? `: ${order.failureReason}` : ""}).`
      : `I don't know an invoice \`${reference}\`. Use the id from the invoice message.`;
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
    const who = !order
      ? ""
      : isOrdersOwn
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
