import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import type { CancelOutcome } from "../../orders/lifecycle.js";
import { getInTeam } from "../../orders/team-scope.js";
import {
  CANCEL_NOTE_ACTION_ID,
  CANCEL_NOTE_BLOCK_ID,
  CANCEL_NOTE_MAX_LENGTH,
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
    // The input stops at its max_length, but a signed payload need not come from Slack's client.
    if (note.length > CANCEL_NOTE_MAX_LENGTH) {
      await ack({
        response_action: "errors",
        errors: {
          [CANCEL_NOTE_BLOCK_ID]: `The reason must be at most ${CANCEL_NOTE_MAX_LENGTH} characters.`,
        },
      });
      return;
    }
    const target = decodeCancelTarget(view.private_metadata);
    const order = await getInTeam(deps.orders, body.team?.id ?? view.team_id, target.orderId);
    const fpOrderUuid = target.fpOrderUuid ?? (order?.state === "created" ? order.fpOrderUuid : undefined);
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
    const outcome = await deps.orders.cancel(order, fpOrderUuid, note, body.user.id);
    await client.views.update({ view_id: view.id, view: cancelOutcomeModal(cancelOutcomeText(outcome)) });
  };
}

/** What became of the cancellation, in words. */
function cancelOutcomeText(outcome: CancelOutcome): { title: string; text: string } {
  const order = `\`${outcome.fpOrderUuid}\``;
  switch (outcome.kind) {
    case "cancelled":
      return {
        title: "Invoice cancelled",
        text: `${order} is cancelled. The customer can no longer pay it.`,
      };
    case "conflict": {
      const plain = CONFLICTS[outcome.messageKey ?? ""] ?? `Front Payment refused: ${outcome.message}`;
      return { title: "Not cancelled", text: `${order} was not cancelled. ${plain}` };
    }
    case "not-found":
      return { title: "Not cancelled", text: `Front Payment has no order ${order}.` };
    case "failed":
      return { title: "Not cancelled", text: `Nothing changed: ${outcome.message} Try again in a moment.` };
  }
}
