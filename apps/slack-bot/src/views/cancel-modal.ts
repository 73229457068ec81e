import type { Messages } from "../i18n/index.js";
import { escapeMrkdwn, type ModalView, truncate } from "./block-kit.js";
import { CANCEL_MODAL_CALLBACK_ID, CANCEL_NOTE_ACTION_ID, CANCEL_NOTE_BLOCK_ID } from "./ids.js";

/** The longest cancellation note the input takes (its `max_length`); the submission checks it too. */
export const CANCEL_NOTE_MAX_LENGTH = 500;

/** Which order the confirmation is about: ours, and the Front Payment order to cancel. */
export interface CancelTarget {
  orderId: string;
  /** Null from a dialog opened before it said: the order's own Front Payment order. */
  fpOrderUuid: string | null;
}

/** The target a confirmation dialog carries in `private_metadata` (older dialogs: just our order id). */
export function decodeCancelTarget(privateMetadata: string): CancelTarget {
  try {
    const { orderId, fpOrderUuid } = JSON.parse(privateMetadata) as Partial<CancelTarget>;
    if (typeof orderId === "string" && typeof fpOrderUuid === "string") return { orderId, fpOrderUuid };
  } catch {
    // Not JSON: a dialog from before, carrying our order id only.
  }
  return { orderId: privateMetadata, fpOrderUuid: null };
}

/** Asks for the cancellation note and confirmation before anything is sent to Front Payment. */
export function cancelConfirmModal(
  t: Messages,
  order: {
    orderId: string;
    fpOrderUuid: string;
    customerName: string;
    grandTotalOre: number;
    note: string;
  },
): ModalView {
  const words = t.orderActions;
  return {
    type: "modal",
    callback_id: CANCEL_MODAL_CALLBACK_ID,
    private_metadata: JSON.stringify({ orderId: order.orderId, fpOrderUuid: order.fpOrderUuid }),
    title: { type: "plain_text", text: words.cancelTitle },
    submit: { type: "plain_text", text: words.cancelTitle },
    close: { type: "plain_text", text: words.keepIt },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: words.cancelQuestion({
            customer: escapeMrkdwn(truncate(order.customerName, 255)),
            total: t.format.money(order.grandTotalOre),
            fpOrderUuid: order.fpOrderUuid,
          }),
        },
      },
      {
        type: "input",
        block_id: CANCEL_NOTE_BLOCK_ID,
        label: { type: "plain_text", text: words.reason },
        hint: { type: "plain_text", text: words.reasonHint },
        element: {
          type: "plain_text_input",
          action_id: CANCEL_NOTE_ACTION_ID,
          multiline: true,
          max_length: CANCEL_NOTE_MAX_LENGTH,
          // Slack refuses the whole view when the starting value is longer than the input takes.
          ...(order.note ? { initial_value: order.note.slice(0, CANCEL_NOTE_MAX_LENGTH) } : {}),
        },
      },
    ],
  };
}

/** The modal after the cancellation was sent, or why it could not be. */
export function cancelOutcomeModal(t: Messages, outcome: { title: string; text: string }): ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: outcome.title },
    close: { type: "plain_text", text: t.common.close },
    blocks: [{ type: "section", text: { type: "mrkdwn", text: outcome.text } }],
  };
}
