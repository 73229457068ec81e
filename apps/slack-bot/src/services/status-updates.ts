import type { Logger } from "pino";
import type { InvoiceStore, OrderRecord, RecordStatusOutcome, StatusChange } from "../store/types.js";
import type { OrderMessages } from "./order-messages.js";
import type { WorkTracker } from "./work-tracker.js";

/**
 * Applies a status notification (a verified callback, a status lookup, a cancellation) to the
 * store first, durably, and then to Slack: the channel message is rewritten and the thread gets
 * one reply per change. Slack is told only about changes that moved the order forward.
 */
export function createStatusUpdates({
  store,
  messages,
  logger,
  work,
}: {
  store: InvoiceStore;
  messages: OrderMessages;
  logger: Logger;
  work: WorkTracker;
}) {
  /** Shows an applied change in Slack; an order first learnt of by its callback gets its message now. */
  async function publish(outcome: RecordStatusOutcome, change: StatusChange): Promise<void> {
    if (outcome.outcome !== "applied") return;
    let order: OrderRecord = outcome.order;
    try {
      if (!order.message) {
        const posted = await messages.postOrder(order);
        order = await store.setMessage(order.id, { channelId: posted.channelId, ts: posted.ts });
        await messages.replyStatusChange(order, change);
      } else {
        await messages.showStatusChange(order, change);
      }
    } catch (error) {
      logger.error(
        { orderId: order.id, status: change.status, err: error },
        "could not show a status change in Slack",
      );
    }
  }

  return {
    /** Records the change, then returns it with a promise of its Slack update (which never rejects). */
    async record(
      orderId: string,
      change: StatusChange,
    ): Promise<{ outcome: RecordStatusOutcome; published: Promise<void> }> {
      const outcome = await store.recordStatus(orderId, change);
      logger.info(
        { orderId, status: change.status, source: change.source, outcome: outcome.outcome },
        "status notification",
      );
      return { outcome, published: work.track(publish(outcome, change)) };
    },
  };
}

export type StatusUpdates = ReturnType<typeof createStatusUpdates>;
