import {
  type FrontPaymentClient,
  FrontPaymentError,
  FrontPaymentValidationError,
  isOutcomeUnknown,
} from "@fakturabot/client";
import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import type { FormMetadata } from "../invoice-form/metadata.js";
import type { InvoiceFormValues } from "../invoice-form/read.js";
import { frontPaymentErrorsToBlocks } from "../invoice-form/validate.js";
import { FpOrderMismatchError } from "../store/errors.js";
import type { InvoiceStore, NewSubmission, OrderRecord } from "../store/types.js";
import type { ModalView } from "../views/block-kit.js";
import { invoiceModal } from "../views/invoice-modal.js";
import {
  createdModal,
  failedModal,
  outcomeMessage,
  sendingModal,
  unknownModal,
} from "../views/submission.js";
import { type OrderMessages, slackErrorCode } from "./order-messages.js";
import type { WorkTracker } from "./work-tracker.js";

/** The form as the user submitted it, to put them back in it when Front Payment rejects a field. */
export interface SubmittedForm {
  values: InvoiceFormValues;
  metadata: FormMetadata;
}

/** Why Front Payment did not create the order, in words for the person who sent it. */
function failureReason(error: unknown): string {
  if (error instanceof FrontPaymentError) return error.message;
  return "Something went wrong on our side before the order was sent.";
}

/**
 * Sends orders to Front Payment exactly once (docs/front-payment.md §12). An order is recorded as `sending`
 * before its request leaves; the answer makes it `created`, `failed` (certainly not created: safe
 * to send again) or `unknown` (may exist: sent again only on the user's explicit confirmation).
 * The modal follows along; if the user closed it, the news comes by direct message.
 */
export function createSubmissions({
  store,
  frontPayment,
  messages,
  slack,
  logger,
  work,
}: {
  store: InvoiceStore;
  frontPayment: Pick<FrontPaymentClient, "submitInvoiceOrder">;
  messages: OrderMessages;
  slack: WebClient;
  logger: Logger;
  work: WorkTracker;
}) {
  /** Replaces the modal; a closed modal, or one Slack would not update, sends `fallbackText` to the user instead. */
  async function showModal(viewId: string, view: ModalView, order: OrderRecord, fallbackText: string) {
    try {
      await slack.views.update({ view_id: viewId, view });
    } catch (error) {
      const code = slackErrorCode(error);
      if (code !== "not_found")
        logger.warn({ orderId: order.id, err: error }, "could not show the outcome in the modal");
      // Something left to do (send again, edit, send anyway) can be opened from the message.
      const open = order.state === "failed" || order.state === "unknown" ? order.id : undefined;
      const message = outcomeMessage(fallbackText, open);
      await messages.notifyUser(order.userId, message.text, message.blocks);
    }
  }

  async function onCreated(order: OrderRecord, viewId: string) {
    let channelNote: string | undefined;
    try {
      const posted = await messages.postOrder(order);
      order = await store.setMessage(order.id, { channelId: posted.channelId, ts: posted.ts });
      channelNote = posted.fallbackReason;
    } catch (error) {
      logger.error({ orderId: order.id, err: error }, "could not post the order message");
      channelNote = "I couldn't post this invoice in the channel. Use `/invoice status` to follow it.";
    }
    await showModal(
      viewId,
      createdModal({
        orderId: order.id,
        fpOrderUuid: order.fpOrderUuid as string,
        bankIdUrl: order.bankIdUrl,
        customerName: order.customerName,
        grandTotalOre: order.grandTotalOre,
        ...(channelNote ? { channelNote } : {}),
      }),
      order,
      `Your invoice to ${order.customerName} was sent to Front Payment (\`${order.fpOrderUuid}\`).${channelNote ? ` ${channelNote}` : ""}`,
    );
  }

  async function onError(
    order: OrderRecord,
    viewId: string,
    error: unknown,
    form: SubmittedForm | undefined,
  ) {
    const reason = failureReason(error);
    if (isOutcomeUnknown(error)) {
      const unknown = await store.markUnknown(order.id, reason);
      logger.warn({ orderId: order.id, err: error }, "submit outcome unknown");
      await showModal(
        viewId,
        unknownModal({ orderId: order.id, reason }),
        unknown,
        `We don't know whether Front Payment created your invoice to ${order.customerName}: ${reason} It will not be sent again automatically.`,
      );
      return;
    }
    const failed = await store.markFailed(order.id, reason);
    logger.warn({ orderId: order.id, err: error }, "submit failed");
    if (error instanceof FrontPaymentValidationError && form) {
      // Back to the form, filled in as it was, with Front Payment's messages next to their fields.
      const mapped = frontPaymentErrorsToBlocks(error.messages, form.metadata);
      await showModal(
        viewId,
        invoiceModal({
          metadata: form.metadata,
          initial: form.values,
          notice: `Front Payment rejected the invoice.${mapped.unmatched.length ? ` ${mapped.unmatched.join(" ")}` : " Fix the marked fields and send it again."}`,
          fieldErrors: mapped.byBlock,
        }),
        failed,
        `Front Payment rejected your invoice to ${order.customerName}: ${error.messages.join(" ")} Run /invoice to try again.`,
      );
      return;
    }
    await showModal(
      viewId,
      failedModal({ orderId: order.id, reason }),
      failed,
      `Your invoice to ${order.customerName} was not sent: ${reason}`,
    );
  }

  /**
   * Front Payment created this attempt, but a callback had already proved that an earlier one (an
   * unknown outcome) exists: two orders. The order stays the one Front Payment reported first; the
   * other is remembered and reported, so someone cancels one of them.
   */
  async function onSecondOrder(mismatch: FpOrderMismatchError, viewId: string) {
    const order = (await store.get(mismatch.orderId)) as OrderRecord;
    logger.error(
      { orderId: order.id, known: mismatch.knownFpOrderUuid, other: mismatch.otherFpOrderUuid },
      "second Front Payment order",
    );
    if ((await store.recordOtherFpOrder(order.id, mismatch.otherFpOrderUuid)) === "new") {
      await messages.reportSecondOrder(order, mismatch.otherFpOrderUuid, { first: true, change: null });
    }
    const twoOrders = `Front Payment has two orders for this invoice: \`${mismatch.knownFpOrderUuid}\`, and \`${mismatch.otherFpOrderUuid}\` from sending it again. Cancel one of them: \`/invoice cancel ${mismatch.otherFpOrderUuid}\``;
    await showModal(
      viewId,
      createdModal({
        orderId: order.id,
        fpOrderUuid: mismatch.knownFpOrderUuid,
        bankIdUrl: order.bankIdUrl,
        customerName: order.customerName,
        grandTotalOre: order.grandTotalOre,
        channelNote: `:warning: ${twoOrders}`,
      }),
      order,
      `Your invoice to ${order.customerName}: ${twoOrders}`,
    );
  }

  /** Sends an order in state `sending` and shows the outcome in the modal `viewId`. */
  function send(order: OrderRecord, viewId: string, form?: SubmittedForm): Promise<void> {
    return work.track(sendNow(order, viewId, form));
  }

  async function sendNow(order: OrderRecord, viewId: string, form?: SubmittedForm): Promise<void> {
    if (!order.request) throw new Error(`Order ${order.id} has no request to send`);
    let updated: OrderRecord;
    try {
      const created = await frontPayment.submitInvoiceOrder(order.request);
      updated = await store.markCreated(order.id, {
        fpOrderUuid: created.orderUuid,
        fpCustomerUuid: created.customerUuid,
        bankIdUrl: created.bankIdUrl ?? null,
        // docs/front-payment.md §3: without a BankID link the order went straight to INVOICED;
        // callbacks confirm.
        status: created.bankIdUrl ? "SENT" : "INVOICED",
      });
      logger.info({ orderId: order.id, fpOrderUuid: created.orderUuid }, "order created");
    } catch (error) {
      if (error instanceof FpOrderMismatchError) await onSecondOrder(error, viewId);
      else await onError(order, viewId, error, form);
      return;
    }
    // Outside the try: trouble with Slack after this must never make a created order look failed.
    await onCreated(updated, viewId);
  }

  return {
    /**
     * Records a validated submission. A second submit of the same modal state finds the first
     * order (`created: false`) instead of making another.
     */
    begin(submission: NewSubmission) {
      return store.beginSubmission(submission);
    },

    send,

    /** The view for an order that is already on its way (a double submit, or a retry that lost a race). */
    viewFor(order: OrderRecord): ModalView {
      switch (order.state) {
        case "sending":
          return sendingModal({ customerName: order.customerName, grandTotalOre: order.grandTotalOre });
        case "created":
          return createdModal({
            orderId: order.id,
            fpOrderUuid: order.fpOrderUuid as string,
            bankIdUrl: order.bankIdUrl,
            customerName: order.customerName,
            grandTotalOre: order.grandTotalOre,
          });
        case "failed":
          return failedModal({ orderId: order.id, reason: order.failureReason ?? "" });
        case "unknown":
          return unknownModal({ orderId: order.id, reason: order.failureReason ?? "" });
      }
    },

    /**
     * Sends a `failed` order again, or an `unknown` one after the user confirmed. Returns false
     * when there is nothing to send: another attempt won, or a callback proved the order exists.
     */
    async retry(
      orderId: string,
      viewId: string,
      from: readonly ("failed" | "unknown")[],
    ): Promise<OrderRecord | null> {
      const order = await store.retrySubmission(orderId, from);
      if (!order) return null;
      await slack.views.update({
        view_id: viewId,
        view: sendingModal({ customerName: order.customerName, grandTotalOre: order.grandTotalOre }),
      });
      await send(order, viewId);
      return order;
    },
  };
}

export type Submissions = ReturnType<typeof createSubmissions>;
