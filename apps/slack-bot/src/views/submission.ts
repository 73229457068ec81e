import { formatNok } from "@fakturabot/schema";
import { messagesFor } from "../i18n/index.js";
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
function reasonText(reason: string): string {
  return escapeMrkdwn(truncate(reason.trim() || "No reason was given.", 1500));
}

function outcomeView(title: string, blocks: KnownBlock[], privateMetadata?: string): ModalView {
  return {
    type: "modal",
    callback_id: SUBMISSION_CALLBACK_ID,
    title: plainText(title),
    close: plainText("Close"),
    blocks,
    ...(privateMetadata ? { private_metadata: privateMetadata } : {}),
  };
}

function orderLine(orderId: string, fpOrderUuid?: string): KnownBlock {
  const ours = `Our reference \`${escapeMrkdwn(orderId)}\``;
  return context(fpOrderUuid ? `${ours}  ·  Front Payment order \`${escapeMrkdwn(fpOrderUuid)}\`` : ours);
}

/** "Sending to Front Payment…": shown at once on submit, while the request is under way. */
export function sendingModal({
  customerName,
  grandTotalOre,
}: {
  customerName: string;
  grandTotalOre: number;
}): ModalView {
  return outcomeView("Sending invoice", [
    section(
      `:hourglass_flowing_sand: *Sending to Front Payment…*\nThe invoice to *${escapeMrkdwn(customerName)}* for *${formatNok(grandTotalOre)}*.`,
    ),
    context("This takes a few seconds. You may close this window: the outcome is posted in the channel too."),
  ]);
}

/** Front Payment created the order; with a BankID link when the customer must confirm. */
export function createdModal({
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
}): ModalView {
  const link = bankIdUrl ? mrkdwnLink(bankIdUrl, "BankID link") : undefined;
  const next = bankIdUrl
    ? `The customer confirms the order with BankID${link ? `: ${link}` : ""}. The link is in the channel message too.`
    : status === "INVOICED"
      ? "Front Payment invoiced the customer directly; no BankID step is needed."
      : `Front Payment gave no BankID link. Status: ${statusInWords(messagesFor("en"), status, { bankIdUrl, grandTotalOre })}. The channel message follows it.`;
  return outcomeView("Invoice created", [
    section(
      `:white_check_mark: *Front Payment created the invoice* to *${escapeMrkdwn(customerName)}* for *${formatNok(grandTotalOre)}*.`,
    ),
    section(next),
    // The notes are the bot's own mrkdwn (commands in code spans); names in them come escaped.
    ...(channelNote ? [section(truncate(channelNote, 1500))] : []),
    orderLine(orderId, fpOrderUuid),
  ]);
}

/**
 * Front Payment certainly did not create the order. The form's values are kept with the order
 * (the store), so "Send again" needs no form; "Edit" goes back to it. `metadata`, when given, is
 * kept in `private_metadata` for the "Edit" listener (channel, customer type, line keys).
 */
export function failedModal({
  orderId,
  reason,
  metadata,
}: {
  orderId: string;
  reason: string;
  metadata?: FormMetadata;
}): ModalView {
  return outcomeView(
    "Invoice not sent",
    [
      section(`:x: *Front Payment did not create the invoice.*\n${reasonText(reason)}`),
      section("Nothing reached the customer. What you filled in is kept: send it again, or edit it first."),
      {
        type: "actions",
        block_id: "submission.actions",
        elements: [
          button({
            text: "Send again",
            actionId: RETRY_SUBMISSION_ACTION_ID,
            value: orderId,
            style: "primary",
          }),
          button({ text: "Edit", actionId: EDIT_SUBMISSION_ACTION_ID, value: orderId }),
        ],
      },
      orderLine(orderId),
    ],
    metadata ? encodeFormMetadata(metadata) : undefined,
  );
}

/**
 * No answer came (timeout, lost connection): Front Payment may or may not have created the
 * order. It is never sent again by itself; "Send anyway" asks for confirmation, naming the risk.
 */
export function unknownModal({ orderId, reason }: { orderId: string; reason: string }): ModalView {
  return outcomeView("Invoice status unknown", [
    section(`:warning: *We don't know whether Front Payment created the invoice.*\n${reasonText(reason)}`),
    section(
      [
        "Front Payment may or may not have created it, so Fakturabot will *not* send it again by itself.",
        "If Front Payment did create it, its status appears in the channel as soon as Front Payment reports it.",
        "Check Front Payment Go before sending it again: sending twice can invoice the customer twice.",
      ].join("\n"),
    ),
    {
      type: "actions",
      block_id: "submission.actions",
      elements: [
        button({
          text: "Send anyway",
          actionId: CONFIRM_UNKNOWN_RETRY_ACTION_ID,
          value: orderId,
          style: "danger",
          confirm: {
            title: plainText("Send the invoice again?"),
            text: plainText(
              truncate(
                `If Front Payment did create the first one, the customer gets two invoices (our reference ${orderId}). Send again only if you checked that it was not created.`,
                300,
              ),
            ),
            confirm: plainText("Send anyway"),
            deny: plainText("Don't send"),
            style: "danger",
          },
        }),
      ],
    },
    orderLine(orderId),
  ]);
}

/** A failed or unknown order kept past its time: erased, nothing left to send. */
export function expiredModal({ orderId, reason }: { orderId: string; reason: string }): ModalView {
  return outcomeView("Invoice expired", [
    section(
      `:wastebasket: *This invoice was never sent, and its details are erased.*\n${reasonText(reason)}`,
    ),
    section(EXPIRED_EXPLANATION),
    orderLine(orderId),
  ]);
}

/** What an expired order means for its creator (the modal and the direct message say the same). */
export const EXPIRED_EXPLANATION =
  "Fakturabot keeps an unsent invoice's details (the customer's personal number among them) only for a while. Run `/invoice` to send it anew; if Front Payment did create it after all, its status still appears in the channel.";

/**
 * The outcome as a direct message, for someone who closed the modal. When something is left to
 * do (send again, edit, send anyway), "Open" brings the outcome view back.
 */
export function outcomeMessage(text: string, openOrderId?: string): { text: string; blocks: KnownBlock[] } {
  return {
    text,
    blocks: [
      section(text),
      ...(openOrderId
        ? [
            {
              type: "actions",
              block_id: "submission.open",
              elements: [button({ text: "Open", actionId: OPEN_SUBMISSION_ACTION_ID, value: openOrderId })],
            } satisfies KnownBlock,
          ]
        : []),
    ],
  };
}
