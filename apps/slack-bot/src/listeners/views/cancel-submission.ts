import { FrontPaymentConflictError, FrontPaymentError, FrontPaymentNotFoundError } from "@fakturabot/client";
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import type { OrderRecord } from "../../store/types.js";
import {
  CANCEL_NOTE_ACTION_ID,
  CANCEL_NOTE_BLOCK_ID,
  cancelOutcomeModal,
  decodeCancelTarget,
} from "../../views/cancel-modal.js";
import { mayCancel } from "../access.js";

/** Front Payment's 400 message keys for Cancel Order, said plainly. */
const CONFLICTS: Record<string, string> = {
  orderStatusAlreadyPaid:
    "It is already paid, so it can't be cancelled. Refund it in Front Payment Go instead.",
  orderStatusAlreadyCancelled: "It was already cancelled.",
};

/** The confirmed cancellation: sent to Front Payment, then shown in the modal and the channel. */
export function cancelSubmission(deps: BotDeps) {
  return async ({
    ack,
    body,
    view,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const note = view.state.values[CANCEL_NOTE_BLOCK_ID]?.[CANCEL_NOTE_ACTION_ID]?.value?.trim() ?? "";
    if (!note) {
      await ack({
        response_action: "errors",
        errors: { [CANCEL_NOTE_BLOCK_ID]: "Say why the invoice is cancelled." },
      });
      return;
    }
    const target = decodeCancelTarget(view.private_metadata);
    const order = await deps.store.get(target.orderId);
    const fpOrderUuid = target.fpOrderUuid ?? order?.fpOrderUuid;
    if (!order || !fpOrderUuid || !mayCancel(deps.access, body.user.id, order)) {
      await ack({
        response_action: "update",
        view: cancelOutcomeModal({ title: "Not cancelled", text: "You can't cancel this invoice." }),
      });
      return;
    }
    await ack({
      response_action: "update",
      view: cancelOutcomeModal({
        title: "Cancelling…",
        text: `Sending the cancellation of \`${fpOrderUuid}\` to Front Payment…`,
      }),
    });
    const outcome = await cancel(deps, order, fpOrderUuid, note);
    await client.views.update({ view_id: view.id, view: cancelOutcomeModal(outcome) });
  };
}

async function cancel(deps: BotDeps, order: OrderRecord, fpOrderUuid: string, note: string) {
  const orderId = order.id;
  try {
    await deps.frontPayment.cancelOrder(fpOrderUuid, note);
    const cancelled = { status: "CANCELLED", paymentMethod: null, amount: null };
    if (fpOrderUuid === order.fpOrderUuid) {
      await deps.statusUpdates.record(orderId, {
        fpOrderUuid,
        ...cancelled,
        sentAt: null,
        source: "lookup",
        receivedAt: deps.now(),
      });
    } else {
      // A second order sent for this one: the order itself stands.
      const at = Math.floor(deps.now().getTime() / 1000);
      await deps.store.recordOtherFpOrder(orderId, fpOrderUuid, { status: "CANCELLED", at });
      await deps.messages.reportSecondOrder(order, fpOrderUuid, { first: false, change: cancelled });
    }
    return {
      title: "Invoice cancelled",
      text: `\`${fpOrderUuid}\` is cancelled. The customer can no longer pay it.`,
    };
  } catch (error) {
    deps.logger.warn({ orderId, err: error }, "cancel failed");
    if (error instanceof FrontPaymentConflictError) {
      const plain = CONFLICTS[error.messageKey ?? ""] ?? `Front Payment refused: ${error.message}`;
      return { title: "Not cancelled", text: `\`${fpOrderUuid}\` was not cancelled. ${plain}` };
    }
    if (error instanceof FrontPaymentNotFoundError) {
      return { title: "Not cancelled", text: `Front Payment has no order \`${fpOrderUuid}\`.` };
    }
    if (error instanceof FrontPaymentError) {
      return { title: "Not cancelled", text: `Nothing changed: ${error.message} Try again in a moment.` };
    }
    throw error;
  }
}
