import type { Messages } from "../i18n/index.js";
import {
  CONFIRM_UNKNOWN_RETRY_ACTION_ID,
  EDIT_SUBMISSION_ACTION_ID,
  OPEN_SUBMISSION_ACTION_ID,
  RETRY_SUBMISSION_ACTION_ID,
  SUBMISSION_CALLBACK_ID,
} from "../invoice-form/ids.js";
import { encodeFormMetadata, type FormMetadata } from "../invoice-form/metadata.js";
import {
  button,
  context,
  escapeMrkdwn,
  type KnownBlock,
  type ModalView,
  mrkdwnLink,
  plainText,
  section,
  truncate,
} from "./block-kit.js";
import { statusInWords } from "./order-words.js";

/**
 * The views that replace the `/invoice` form once it is submitted (docs/front-payment.md §12): sending, then
 * created, failed (certainly not created: may be sent again) or unknown (may exist: sent again
 * only after an explicit confirmation). None has a submit button or inputs.
 */

/** Front Payment's or the client's explanation, bounded so the view stays within Slack's limits. */
function reasonText(t: Messages, reason: string): string {
  return escapeMrkdwn(truncate(reason.trim() || t.submission.noReason, 1500));
}

function outcomeView(t: Messages, title: string, blocks: KnownBlock[], privateMetadata?: string): ModalView {
  return {
    type: "modal",
    callback_id: SUBMISSION_CALLBACK_ID,
    title: plainText(title),
    close: plainText(t.common.close),
    blocks,
    ...(privateMetadata ? { private_metadata: privateMetadata } : {}),
  };
}

function orderLine(t: Messages, orderId: string, fpOrderUuid?: string): KnownBlock {
  const ours = t.submission.ourReference({ orderId: escapeMrkdwn(orderId) });
  return context(
    fpOrderUuid
      ? `${ours}  ·  ${t.submission.frontPaymentOrder({ fpOrderUuid: escapeMrkdwn(fpOrderUuid) })}`
      : ours,
  );
}

/** "Sending to Front Payment…": shown at once on submit, while the request is under way. */
export function sendingModal(
  t: Messages,
  {
    customerName,
    grandTotalOre,
  }: {
    customerName: string;
    grandTotalOre: number;
  },
): ModalView {
  const words = t.submission;
  return outcomeView(t, words.sendingTitle, [
    section(
      words.sendingText({ customer: escapeMrkdwn(customerName), total: t.format.money(grandTotalOre) }),
    ),
    context(words.sendingNote),
  ]);
}

/** Front Payment created the order; with a BankID link when the customer must confirm. */
export function createdModal(
  t: Messages,
  {
    orderId,
    fpOrderUuid,
    bankIdUrl,
    customerName,
    grandTotalOre,
    status,
    channelNote,
  }: {
    orderId: string;
    fpOrderUuid: string;
    bankIdUrl: string | null;
    /** Front Payment's status, null while it has not said. */
    status: string | null;
    customerName: string;
    grandTotalOre: number;
    /** Where the order message went, or why it could not be posted. */
    channelNote?: string;
  },
): ModalView {
  const words = t.submission;
  const next = bankIdUrl
    ? words.bankIdNext({ link: mrkdwnLink(bankIdUrl, words.bankIdLink) })
    : status === "INVOICED"
      ? words.invoicedDirectly
      : words.noBankIdLink({ status: statusInWords(t, status, { bankIdUrl, grandTotalOre }) });
  return outcomeView(t, words.createdTitle, [
    section(
      words.createdText({ customer: escapeMrkdwn(customerName), total: t.format.money(grandTotalOre) }),
    ),
    section(next),
    // The notes are the bot's own mrkdwn (commands in code spans); names in them come escaped.
    ...(channelNote ? [section(truncate(channelNote, 1500))] : []),
    orderLine(t, orderId, fpOrderUuid),
  ]);
}

/**
 * Front Payment certainly did not create the order. The form's values are kept with the order
 * (the store), so "Send again" needs no form; "Edit" goes back to it. `metadata`, when given, is
 * kept in `private_metadata` for the "Edit" listener (channel, customer type, line keys).
 */
export function failedModal(
  t: Messages,
  {
    orderId,
    reason,
    metadata,
  }: {
    orderId: string;
    reason: string;
    metadata?: FormMetadata;
  },
): ModalView {
  const words = t.submission;
  return outcomeView(
    t,
    words.failedTitle,
    [
      section(words.failedText({ reason: reasonText(t, reason) })),
      section(words.failedNext),
      {
        type: "actions",
        block_id: "submission.actions",
        elements: [
          button({
            text: words.sendAgain,
            actionId: RETRY_SUBMISSION_ACTION_ID,
            value: orderId,
            style: "primary",
          }),
          button({ text: t.common.edit, actionId: EDIT_SUBMISSION_ACTION_ID, value: orderId }),
        ],
      },
      orderLine(t, orderId),
    ],
    metadata ? encodeFormMetadata(metadata) : undefined,
  );
}

/**
 * No answer came (timeout, lost connection): Front Payment may or may not have created the
 * order. It is never sent again by itself; "Send anyway" asks for confirmation, naming the risk.
 */
export function unknownModal(
  t: Messages,
  { orderId, reason }: { orderId: string; reason: string },
): ModalView {
  const words = t.submission;
  return outcomeView(t, words.unknownTitle, [
    section(words.unknownText({ reason: reasonText(t, reason) })),
    section(words.unknownNext),
    {
      type: "actions",
      block_id: "submission.actions",
      elements: [
        button({
          text: words.sendAnyway,
          actionId: CONFIRM_UNKNOWN_RETRY_ACTION_ID,
          value: orderId,
          style: "danger",
          confirm: {
            title: plainText(words.confirmTitle),
            text: plainText(truncate(words.confirmText({ orderId }), 300)),
            confirm: plainText(words.sendAnyway),
            deny: plainText(words.dontSend),
            style: "danger",
          },
        }),
      ],
    },
    orderLine(t, orderId),
  ]);
}

/** A failed or unknown order kept past its time: erased, nothing left to send. */
export function expiredModal(
  t: Messages,
  { orderId, reason }: { orderId: string; reason: string },
): ModalView {
  const words = t.submission;
  return outcomeView(t, words.expiredTitle, [
    section(words.expiredText({ reason: reasonText(t, reason) })),
    section(words.expiredExplanation),
    orderLine(t, orderId),
  ]);
}

/**
 * The outcome as a direct message, for someone who closed the modal. When something is left to
 * do (send again, edit, send anyway), "Open" brings the outcome view back.
 */
export function outcomeMessage(
  t: Messages,
  text: string,
  openOrderId?: string,
): { text: string; blocks: KnownBlock[] } {
  return {
    text,
    blocks: [
      section(text),
      ...(openOrderId
        ? [
            {
              type: "actions",
              block_id: "submission.open",
              elements: [
                button({ text: t.submission.open, actionId: OPEN_SUBMISSION_ACTION_ID, value: openOrderId }),
              ],
            } satisfies KnownBlock,
          ]
        : []),
    ],
  };
}
