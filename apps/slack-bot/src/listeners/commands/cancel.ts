import type { WebClient } from "@slack/web-api";
import type { BotDeps } from "../../deps.js";
import { findInTeam } from "../../orders/team-scope.js";
import type { NotCancellableStatus } from "../../orders/transitions.js";
import { personMessages } from "../../services/locales.js";
import { cancelConfirmModal } from "../../views/cancel-modal.js";
import { mayCancel } from "../access.js";

/** Why each status the lifecycle will not cancel makes cancelling pointless, said plainly. */
const NOT_CANCELLABLE: Record<NotCancellableStatus, string> = {
  PAID: "is already paid, so it can't be cancelled. Refund it in Front Payment Go instead.",
  REFUNDED: "is already paid and refunded.",
  "PARTIAL REFUNDED": "is already paid (and partly refunded), so it can't be cancelled.",
  CANCELLED: "is already cancelled.",
  EXPIRED: "has expired; there is nothing to cancel.",
};

/**
 * `/invoice cancel <order> [note]`: checks who asks and whether the order can be cancelled, then
 * opens a confirmation dialog (nothing is sent to Front Payment before the user confirms). Returns
 * the message to show instead, when there is no dialog.
 */
export async function openCancelDialog(
  deps: BotDeps,
  client: WebClient,
  request: { reference: string; note: string; userId: string; teamId: string; triggerId: string },
): Promise<string | null> {
  const found = await findInTeam(deps.orders, request.teamId, request.reference);
  if (!found)
    return `I can only cancel invoices sent with Fakturabot, and \`${request.reference}\` isn't one of them.`;
  const { order, fpOrderUuid } = found;
  if (!mayCancel(deps.access, request.userId, order)) {
    return `Only <@${order.userId}>, who sent it, or a Fakturabot admin can cancel \`${request.reference}\`.`;
  }
  const refusal = deps.orders.cancellation(order, fpOrderUuid);
  if (refusal?.reason === "never-created" || fpOrderUuid === null) {
    return `\`${request.reference}\` was never created at Front Payment, so there is nothing to cancel.`;
  }
  if (refusal) return `\`${fpOrderUuid}\` ${NOT_CANCELLABLE[refusal.status]}`;
  await client.views.open({
    trigger_id: request.triggerId,
    view: cancelConfirmModal(await personMessages(deps.locales, request), {
      orderId: order.id,
      fpOrderUuid,
      customerName: order.customerName,
      grandTotalOre: order.grandTotalOre,
      note: request.note,
    }),
  });
  return null;
}
