import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import type { Messages } from "../../i18n/index.js";
import type { CancelOutcome } from "../../orders/lifecycle.js";
import { getInTeam } from "../../orders/team-scope.js";
import { personMessages } from "../../services/locales.js";
import { CANCEL_NOTE_MAX_LENGTH, cancelOutcomeModal, decodeCancelTarget } from "../../views/cancel-modal.js";
import { CANCEL_NOTE_ACTION_ID, CANCEL_NOTE_BLOCK_ID } from "../../views/ids.js";
import { mayCancel } from "../access.js";

/** Front Payment's 400 message keys for Cancel Order, said plainly. */
function conflicts(t: Messages): Record<string, string> {
  return {
    orderStatusAlreadyPaid: t.orderActions.alreadyPaid,
    orderStatusAlreadyCancelled: t.orderActions.alreadyCancelled,
  };
}

/** The confirmed cancellation: sent to Front Payment, then shown in the modal and the channel. */
export function cancelSubmission(deps: BotDeps) {
  return async ({
    ack,
    body,
    view,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const note = view.state.values[CANCEL_NOTE_BLOCK_ID]?.[CANCEL_NOTE_ACTION_ID]?.value?.trim() ?? "";
    const t = await personMessages(deps.locales, {
      teamId: body.team?.id ?? view.team_id,
      userId: body.user.id,
    });
    const words = t.orderActions;
    if (!note) {
      await ack({
        response_action: "errors",
        errors: { [CANCEL_NOTE_BLOCK_ID]: words.sayWhy },
      });
      return;
    }
    // The input stops at its max_length, but a signed payload need not come from Slack's client.
    if (note.length > CANCEL_NOTE_MAX_LENGTH) {
      await ack({
        response_action: "errors",
        errors: {
          [CANCEL_NOTE_BLOCK_ID]: words.reasonTooLong({ max: CANCEL_NOTE_MAX_LENGTH }),
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
        view: cancelOutcomeModal(t, { title: words.notCancelled, text: words.mayNotCancel }),
      });
      return;
    }
    await ack({
      response_action: "update",
      view: cancelOutcomeModal(t, {
        title: words.cancelling,
        text: words.sendingCancellation({ fpOrderUuid }),
      }),
    });
    const outcome = await deps.orders.cancel(order, fpOrderUuid, note, body.user.id);
    await client.views.update({
      view_id: view.id,
      view: cancelOutcomeModal(t, cancelOutcomeText(t, outcome)),
    });
  };
}

/** What became of the cancellation, in words. */
function cancelOutcomeText(t: Messages, outcome: CancelOutcome): { title: string; text: string } {
  const words = t.orderActions;
  const order = `\`${outcome.fpOrderUuid}\``;
  switch (outcome.kind) {
    case "cancelled":
      return { title: words.cancelled, text: words.cancelledText({ order }) };
    case "conflict": {
      const why =
        conflicts(t)[outcome.messageKey ?? ""] ?? words.frontPaymentRefused({ message: outcome.message });
      return { title: words.notCancelled, text: words.notCancelledText({ order, why }) };
    }
    case "not-found":
      return { title: words.notCancelled, text: t.commands.noSuchOrder({ order }) };
    case "failed":
      return { title: words.notCancelled, text: words.nothingChangedRetry({ message: outcome.message }) };
  }
}
