import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import { type LocaleChoice, type Messages, messagesFor } from "../i18n/index.js";
import type { FormMetadata } from "../invoice-form/metadata.js";
import type { InvoiceFormValues } from "../invoice-form/read.js";
import { frontPaymentErrorsToBlocks } from "../invoice-form/validate.js";
import type { OrderRecord } from "../store/types.js";
import {
  approvalOutcomeText,
  askedApprovers,
  awaitingApprovalModal,
  rejectedModal,
} from "../views/approval-message.js";
import { escapeMrkdwn, type ModalView } from "../views/block-kit.js";
import { failureReasonInWords } from "../views/failure-reason.js";
import { invoiceModal } from "../views/invoice-modal.js";
import {
  createdModal,
  expiredModal,
  failedModal,
  outcomeMessage,
  sendingModal,
  unknownModal,
} from "../views/submission.js";
import { type OrderMessages, slackErrorCode } from "./order-messages.js";

/** The form as the user submitted it, to put them back in it when Front Payment rejects a field. */
export interface SubmittedForm {
  values: InvoiceFormValues;
  metadata: FormMetadata;
  /** Front Payment's 417 messages for this attempt, to show next to their fields. */
  frontPaymentErrors?: readonly string[];
}

/** The modal for an order as it now is (a double submit, a retry that lost a race, "Open"). */
export function submissionView(t: Messages, order: OrderRecord, notes: readonly string[] = []): ModalView {
  switch (order.state) {
    case "awaiting_approval":
      return awaitingApprovalModal(t, order, askedApprovers(order));
    case "rejected":
      return rejectedModal(t, order, order.rejection);
    case "sending":
      return sendingModal(t, { customerName: order.customerName, grandTotalOre: order.grandTotalOre });
    case "created":
      return createdModal(t, {
        orderId: order.id,
        fpOrderUuid: order.fpOrderUuid,
        bankIdUrl: order.bankIdUrl,
        customerName: order.customerName,
        grandTotalOre: order.grandTotalOre,
        status: order.status?.status ?? null,
        ...(notes.length ? { channelNote: notes.join(" ") } : {}),
      });
    case "failed":
      return failedModal(t, { orderId: order.id, reason: failureReasonInWords(t, order.failureReason) });
    case "unknown":
      return unknownModal(t, { orderId: order.id, reason: failureReasonInWords(t, order.failureReason) });
    case "expired":
      return expiredModal(t, { orderId: order.id, reason: failureReasonInWords(t, order.failureReason) });
  }
}

/** The same news as a direct message, for someone who closed the modal. */
function outcomeText(
  t: Messages,
  order: OrderRecord,
  notes: readonly string[],
  form?: SubmittedForm,
): string {
  const words = t.submission;
  const customer = escapeMrkdwn(order.customerName);
  const reason = "failureReason" in order ? escapeMrkdwn(failureReasonInWords(t, order.failureReason)) : "";
  switch (order.state) {
    case "awaiting_approval":
    case "rejected":
      return approvalOutcomeText(t, order);
    case "sending":
      return words.dmSending({ customer });
    case "created":
      return `${words.dmCreated({ customer, fpOrderUuid: order.fpOrderUuid })}${notes.length ? ` ${notes.join(" ")}` : ""}`;
    case "failed":
      return form?.frontPaymentErrors
        ? words.dmRejected({ customer, errors: escapeMrkdwn(form.frontPaymentErrors.join(" ")) })
        : words.dmFailed({ customer, reason });
    case "unknown":
      return words.dmUnknown({ customer, reason });
    case "expired":
      return words.dmExpired({ customer, orderId: order.id, explanation: words.expiredExplanation });
  }
}

/**
 * Shows a submission's outcome where its creator is watching: the modal they submitted, or, when
 * they closed it (or Slack would not update it), a direct message with "Open" when something is
 * left to do.
 */
export function createOutcomeModal({
  slack,
  messages,
  logger,
  locales,
}: {
  slack: WebClient;
  messages: OrderMessages;
  logger: Logger;
  /** The creator reads the outcome in their own language. */
  locales: LocaleChoice;
}) {
  return {
    async show(
      order: OrderRecord,
      watcher: { viewId: string; form?: SubmittedForm },
      context: { notes: readonly string[] },
    ): Promise<void> {
      const { form } = watcher;
      const t = messagesFor(await locales.forPerson(order.teamId, order.userId));
      const view =
        order.state === "failed" && form?.frontPaymentErrors
          ? formWithFrontPaymentErrors(t, form, form.frontPaymentErrors)
          : submissionView(t, order, context.notes);
      try {
        await slack.views.update({ view_id: watcher.viewId, view });
      } catch (error) {
        // "Sending…" is worth nothing by direct message: the outcome follows.
        if (order.state === "sending") return;
        if (slackErrorCode(error) !== "not_found")
          logger.warn({ orderId: order.id, err: error }, "could not show the outcome in the modal");
        // Something left to do (send again, edit, send anyway) can be opened from the message.
        const open = order.state === "failed" || order.state === "unknown" ? order.id : undefined;
        const message = outcomeMessage(t, outcomeText(t, order, context.notes, form), open);
        await messages.notifyUser(order, message.text, message.blocks);
      }
    },
  };
}

/** Back to the form, filled in as it was, with Front Payment's messages next to their fields. */
function formWithFrontPaymentErrors(t: Messages, form: SubmittedForm, errors: readonly string[]): ModalView {
  const mapped = frontPaymentErrorsToBlocks(t, [...errors], form.metadata);
  const words = t.formErrors;
  return invoiceModal(t, {
    metadata: form.metadata,
    initial: form.values,
    notice: `${words.frontPaymentRejected} ${mapped.unmatched.length ? mapped.unmatched.join(" ") : words.fixMarkedFields}`,
    fieldErrors: mapped.byBlock,
  });
}

export type OutcomeModal = ReturnType<typeof createOutcomeModal>;
