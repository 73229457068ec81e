import type { WebClient } from "@slack/web-api";
import type { BotDeps } from "../../deps.js";
import type { Messages } from "../../i18n/index.js";
import { findInTeam } from "../../orders/team-scope.js";
import type { NotCancellableStatus } from "../../orders/transitions.js";
import { personMessages } from "../../services/locales.js";
import { cancelConfirmModal } from "../../views/cancel-modal.js";
import { mayCancel } from "../access.js";

/** Why each status the lifecycle will not cancel makes cancelling pointless, said plainly. */
function notCancellable(t: Messages, status: NotCancellableStatus): string {
  switch (status) {
    case "PAID":
      return t.commands.paidNotCancellable;
    case "REFUNDED":
      return t.commands.refundedNotCancellable;
    case "PARTIAL REFUNDED":
      return t.commands.partlyRefundedNotCancellable;
    case "CANCELLED":
      return t.commands.cancelledNotCancellable;
    case "EXPIRED":
      return t.commands.expiredNotCancellable;
  }
}

/**
 * `/invoice cancel <order> [note]`: checks who asks and whether the order can be cancelled, then
 * opens a confirmation dialog (nothing is sent to Front Payment before the user confirms). Returns
 * the message to show instead, when there is no dialog.
 */
export async function openCancelDialog(
  t: Messages,
  deps: BotDeps,
  client: WebClient,
  request: { reference: string; note: string; userId: string; teamId: string; triggerId: string },
): Promise<string | null> {
  const reference = `\`${request.reference}\``;
  const found = await findInTeam(deps.orders, request.teamId, request.reference);
  if (!found) return t.commands.cancelOnlyOurs({ reference });
  const { order, fpOrderUuid } = found;
  if (!mayCancel(deps.access, request.userId, order)) {
    return t.commands.cancelOnlyCreator({ creator: `<@${order.userId}>`, reference });
  }
  const refusal = deps.orders.cancellation(order, fpOrderUuid);
  if (refusal?.reason === "never-created" || fpOrderUuid === null) {
    return t.commands.cancelNeverCreated({ reference });
  }
  if (refusal) return `\`${fpOrderUuid}\` ${notCancellable(t, refusal.status)}`;
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
