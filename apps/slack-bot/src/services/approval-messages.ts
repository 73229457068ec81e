import type { Logger } from "pino";
import { type LocaleChoice, type Messages, messagesFor } from "../i18n/index.js";
import type { FormDefaults } from "../invoice-form/defaults.js";
import { formFromOrder } from "../invoice-form/from-order.js";
import { newFormMetadata } from "../invoice-form/metadata.js";
import { type ApprovalDecision, creatorViewId } from "../orders/approval.js";
import type { WebClient } from "../slack-web-api.js";
import type {
  ApprovalMessageRef,
  AwaitingApprovalOrder,
  OrderRecord,
  RejectedOrder,
} from "../store/types.js";
import {
  approvalDecidedMessage,
  approvalRequestMessage,
  askedApprovers,
  awaitingApprovalModal,
  rejectedCreatorMessage,
} from "../views/approval-message.js";
import type { ModalView } from "../views/block-kit.js";
import { invoiceModal } from "../views/invoice-modal.js";
import { slackErrorCode } from "./order-messages.js";

/** What the invoice form is built with, when a rejection puts its creator back in it. */
export interface FormSettings {
  taxRates: readonly number[];
  defaults: Partial<FormDefaults>;
  now: () => Date;
}

/**
 * The form for a rejected order: filled in from its request, the rejection's reason at the top,
 * for a new submission (it goes for approval again when it is still at or above the limit).
 */
export function formAfterRejection(t: Messages, order: RejectedOrder, form: FormSettings): ModalView {
  const base = newFormMetadata({ channelId: order.channelId });
  const { metadata, values } = formFromOrder(order.request, base, { orderId: order.id });
  return invoiceModal(t, {
    metadata,
    initial: values,
    notice: t.approval.formNotice({ reason: order.rejection.reason }),
    taxRates: form.taxRates,
    defaults: form.defaults,
    now: form.now(),
  });
}

/**
 * The approval's Slack side: each approver's direct message, in their own language; those
 * messages once someone decided; and the creator's modal and messages. Slack failures for one
 * approver are logged and the others still asked.
 */
export function createApprovalMessages({
  slackFor,
  locales,
  logger,
  form,
}: {
  /** The Web API client with the bot token of the team. */
  slackFor: (teamId: string) => Promise<WebClient>;
  locales: LocaleChoice;
  logger: Logger;
  form: FormSettings;
}) {
  async function wordsFor(order: Pick<OrderRecord, "teamId">, userId: string) {
    return messagesFor(await locales.forPerson(order.teamId, userId));
  }

  /** Shows `view` in the creator's submission modal if it is still open; false when it is not. */
  async function showCreator(order: OrderRecord, view: ModalView): Promise<boolean> {
    try {
      await (await slackFor(order.teamId)).views.update({ view_id: creatorViewId(order), view });
      return true;
    } catch (error) {
      if (slackErrorCode(error) !== "not_found")
        logger.warn({ orderId: order.id, err: error }, "could not update the creator's modal");
      return false;
    }
  }

  return {
    /** Asks each of `approvers` by direct message; returns where, for those Slack took. */
    async ask(
      order: AwaitingApprovalOrder,
      approvers: readonly string[],
      thresholdOre: number,
    ): Promise<ApprovalMessageRef[]> {
      const slack = await slackFor(order.teamId);
      const asked: ApprovalMessageRef[] = [];
      for (const approverId of approvers) {
        try {
          const t = await wordsFor(order, approverId);
          const message = approvalRequestMessage(t, { order, request: order.request, thresholdOre });
          const posted = await slack.chat.postMessage({ channel: approverId, ...message });
          if (posted.channel && posted.ts)
            asked.push({ approverId, channelId: posted.channel, ts: posted.ts });
        } catch (error) {
          logger.error({ orderId: order.id, approverId, err: error }, "could not ask an approver");
        }
      }
      if (asked.length === 0) logger.error({ orderId: order.id }, "no approver could be asked");
      return asked;
    },

    /** The creator's modal, now saying who was asked. */
    async showWaiting(order: AwaitingApprovalOrder): Promise<void> {
      const t = await wordsFor(order, order.userId);
      await showCreator(order, awaitingApprovalModal(t, order, askedApprovers(order)));
    },

    /** Every approval message says how it ended, without buttons (each in its reader's language). */
    async showDecision(
      order: OrderRecord,
      messages: readonly ApprovalMessageRef[],
      decision: ApprovalDecision,
    ): Promise<void> {
      const slack = await slackFor(order.teamId);
      for (const ref of messages) {
        try {
          const message = approvalDecidedMessage(await wordsFor(order, ref.approverId), order, decision);
          await slack.chat.update({ channel: ref.channelId, ts: ref.ts, ...message });
        } catch (error) {
          logger.warn({ orderId: order.id, ref, err: error }, "could not update an approval message");
        }
      }
    },

    /**
     * Tells the creator why it was rejected: their modal, if still open, becomes the form filled
     * in from it with the reason at the top; and a direct message keeps the reason and a button
     * to that form.
     */
    async tellRejected(order: RejectedOrder): Promise<void> {
      const t = await wordsFor(order, order.userId);
      await showCreator(order, formAfterRejection(t, order, form));
      const message = rejectedCreatorMessage(t, order, order.rejection);
      await (await slackFor(order.teamId)).chat.postMessage({ channel: order.userId, ...message });
    },
  };
}

export type ApprovalMessages = ReturnType<typeof createApprovalMessages>;
