import type { Messages } from "../i18n/index.js";
import type { KnownBlock, ModalView } from "./block-kit.js";
import { escapeMrkdwn, option, plainText, section, truncate } from "./block-kit.js";
import {
  REFUND_CONFIRM_CALLBACK_ID,
  REFUND_IDS,
  REFUND_MODAL_CALLBACK_ID,
  RESEND_IDS,
  RESEND_MODAL_CALLBACK_ID,
  refundLineBlockId,
} from "./ids.js";
import { actionLabel } from "./order-message.js";

/*
 * The modals behind the order message's buttons: Send link again, Refund… and its confirmation,
 * and the "one moment" view shown while Front Payment is asked (a trigger lasts 3 s only).
 */

/** The most lines the refund form lists (each is one input block; Slack allows 100 blocks). */
export const MAX_REFUND_LINES = 40;

/** While Front Payment is asked for the order (details, status). */
export function waitingModal(t: Messages, title: string): ModalView {
  return {
    type: "modal",
    title: plainText(truncate(title, 24)),
    close: plainText(t.common.close),
    blocks: [section(t.orderActions.gettingInvoice)],
  };
}

/** A modal that only says something: an outcome, or why not. */
export function noticeModal(t: Messages, title: string, text: string): ModalView {
  return {
    type: "modal",
    title: plainText(truncate(title, 24)),
    close: plainText(t.common.close),
    blocks: [section(text)],
  };
}

function textInput(
  ids: { block: string; action: string },
  label: string,
  initial: string | null,
  options: { hint?: string; email?: boolean } = {},
): KnownBlock {
  return {
    type: "input",
    block_id: ids.block,
    optional: true,
    label: plainText(label),
    ...(options.hint ? { hint: plainText(options.hint) } : {}),
    element: {
      type: options.email ? "email_text_input" : "plain_text_input",
      action_id: ids.action,
      ...(initial ? { initial_value: truncate(initial, 150) } : {}),
    },
  } as KnownBlock;
}

/** Send link again: where to, prefilled from Front Payment's details and editable. */
export function resendModal(
  t: Messages,
  order: {
    orderId: string;
    customerName: string;
    email: string | null;
    countryCode: string | null;
    mobile: string | null;
  },
): ModalView {
  const words = t.orderActions;
  return {
    type: "modal",
    callback_id: RESEND_MODAL_CALLBACK_ID,
    private_metadata: order.orderId,
    title: plainText(actionLabel(t, "resend")),
    submit: plainText(words.resendSubmit),
    close: plainText(t.common.cancel),
    blocks: [
      section(words.resendText({ customer: escapeMrkdwn(order.customerName) })),
      textInput(RESEND_IDS.email, t.common.email, order.email, { email: true }),
      textInput(RESEND_IDS.countryCode, t.common.countryCode, order.countryCode ?? "+47", {
        hint: words.countryCodeHint,
      }),
      textInput(RESEND_IDS.mobile, words.mobile, order.mobile, { hint: words.mobileHint }),
    ],
  };
}

/** One line of the order as the refund form offers it. */
export interface RefundableLine {
  id: number;
  name: string;
  /** What is left to refund of this line, in øre. */
  leftOre: number;
}

/** Refund…: everything left, or chosen lines and amounts. */
export function refundModal(
  t: Messages,
  order: {
    orderId: string;
    customerName: string;
    paidOre: number;
    refundedOre: number;
    lines: readonly RefundableLine[];
  },
): ModalView {
  const words = t.orderActions;
  const money = t.format.money;
  const left = Math.max(order.paidOre - order.refundedOre, 0);
  const lines = order.lines.filter((line) => line.leftOre > 0).slice(0, MAX_REFUND_LINES);
  return {
    type: "modal",
    callback_id: REFUND_MODAL_CALLBACK_ID,
    private_metadata: JSON.stringify({
      orderId: order.orderId,
      lines: lines.map((line) => ({ id: line.id, amountOre: line.leftOre })),
    }),
    title: plainText(words.refundTitle),
    submit: plainText(words.reviewRefund),
    close: plainText(t.common.cancel),
    blocks: [
      section(
        words.refundText({
          customer: escapeMrkdwn(order.customerName),
          paid: money(order.paidOre),
          refunded: money(order.refundedOre),
          left: money(left),
        }),
      ),
      {
        type: "input",
        block_id: REFUND_IDS.scope.block,
        label: plainText(words.whatToRefund),
        element: {
          type: "radio_buttons",
          action_id: REFUND_IDS.scope.action,
          initial_option: option(words.everythingLeft({ left: money(left) }), "everything"),
          options: [
            option(words.everythingLeft({ left: money(left) }), "everything"),
            option(words.amountsBelow, "lines"),
          ],
        },
      },
      ...lines.map(
        (line): KnownBlock => ({
          type: "input",
          block_id: refundLineBlockId(line.id),
          optional: true,
          label: plainText(truncate(words.lineUpTo({ name: line.name, left: money(line.leftOre) }), 2000)),
          element: {
            type: "plain_text_input",
            action_id: REFUND_IDS.lineAction,
            placeholder: plainText(words.amountPlaceholder),
          },
        }),
      ),
    ],
  };
}

/** What the confirmation carries: which order, and each line's amount in øre. */
export interface RefundPlan {
  orderId: string;
  lines: { id: number; amountOre: number }[];
}

/** The confirmation that states the amount before any money moves. */
export function refundConfirmModal(
  t: Messages,
  plan: RefundPlan,
  order: { customerName: string },
): ModalView {
  const words = t.orderActions;
  const total = t.format.money(plan.lines.reduce((sum, line) => sum + line.amountOre, 0));
  return {
    type: "modal",
    callback_id: REFUND_CONFIRM_CALLBACK_ID,
    private_metadata: JSON.stringify(plan),
    title: plainText(words.confirmRefundTitle),
    submit: plainText(truncate(words.refundAmount({ total }), 24)),
    close: plainText(t.common.cancel),
    blocks: [section(words.confirmRefundText({ total, customer: escapeMrkdwn(order.customerName) }))],
  };
}

/**
 * The plan a confirmation carries (or the form's lines with what is left of each), or null for
 * metadata these views never made.
 */
export function readRefundPlan(privateMetadata: string): RefundPlan | null {
  try {
    const plan = JSON.parse(privateMetadata) as Partial<RefundPlan>;
    const lines = Array.isArray(plan.lines) ? plan.lines : [];
    const valid = lines.every(
      (line) => Number.isSafeInteger(line?.id) && Number.isSafeInteger(line?.amountOre) && line.amountOre > 0,
    );
    return typeof plan.orderId === "string" && lines.length > 0 && valid
      ? { orderId: plan.orderId, lines }
      : null;
  } catch {
    return null;
  }
}
