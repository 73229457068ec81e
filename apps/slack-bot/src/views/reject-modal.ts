import type { Messages } from "../i18n/index.js";
import type { OrderRecord } from "../store/types.js";
import { context, escapeMrkdwn, type ModalView, plainText } from "./block-kit.js";
import { REJECT_MODAL_CALLBACK_ID, REJECT_REASON_ACTION_ID, REJECT_REASON_BLOCK_ID } from "./ids.js";

/** Long enough for a real explanation, short enough for the creator's message. */
export const MAX_REJECT_REASON = 500;

/** Reject…: why, for the creator, before the invoice is turned back. Pure; never throws. */
export function rejectModal(
  t: Messages,
  order: Pick<OrderRecord, "id" | "userId" | "grandTotalOre" | "customerName">,
): ModalView {
  return {
    type: "modal",
    callback_id: REJECT_MODAL_CALLBACK_ID,
    private_metadata: order.id,
    title: plainText(t.approval.rejectTitle),
    submit: plainText(t.approval.rejectSubmit),
    close: plainText(t.common.cancel),
    blocks: [
      context(
        t.approval.rejectAbout({
          customer: `*${escapeMrkdwn(order.customerName)}*`,
          total: t.format.money(order.grandTotalOre),
          creator: `<@${order.userId}>`,
        }),
      ),
      {
        type: "input",
        block_id: REJECT_REASON_BLOCK_ID,
        label: plainText(t.approval.reasonLabel),
        element: {
          type: "plain_text_input",
          action_id: REJECT_REASON_ACTION_ID,
          multiline: true,
          max_length: MAX_REJECT_REASON,
          placeholder: plainText(t.approval.reasonPlaceholder),
        },
      },
    ],
  };
}
