import {
  type FrontPaymentClient,
  FrontPaymentConflictError,
  FrontPaymentError,
  FrontPaymentNotFoundError,
  FrontPaymentValidationError,
  isOutcomeUnknown,
} from "@fakturabot/client";
import { safeKronerToOre, unixSeconds } from "@fakturabot/schema";
import type { Logger } from "pino";
import type { OrderMessages } from "../services/order-messages.js";
import type { OutcomeModal, SubmittedForm } from "../services/outcome-modal.js";
import type { WorkTracker } from "../services/work-tracker.js";
import type { InvoiceStore, NewSubmission, OrderRecord, StatusChange } from "../store/types.js";
import { OrderNotFoundError } from "./errors.js";
import {
  cancellation,
  confirmationNeeded,
  confirmationProblem,
  decide,
  decideOtherOrder,
  type Effect,
  type OrderEvent,
} from "./transitions.js";

/** Where the creator is watching a submission: the modal (and the form they submitted). */
export interface Watcher {
  viewId: string;
  form?: SubmittedForm;
}

/** How an event ended for the order. */
export interface Applied {
  order: OrderRecord;
  /**
   * `changed`: stored; `unchanged`: nothing to store; `duplicate`: a notification already in the
   * history; `unconfirmed`: a callback Front Payment's own answer did not confirm, so nothing changed.
   */
  outcome: "changed" | "unchanged" | "duplicate" | "unconfirmed";
  /** The effects (Front Payment, Slack) under way; never rejects. */
  effects: Promise<void>;
}

/** What became of a cancellation sent to Front Payment. */
export type CancelOutcome =
  | { kind: "cancelled"; fpOrderUuid: string }
  | { kind: "conflict"; fpOrderUuid: string; messageKey: string | undefined; message: string }
  | { kind: "not-found"; fpOrderUuid: string }
  | { kind: "failed"; fpOrderUuid: string; message: string };

/** A conditional write that keeps losing races is a bug, not contention: give up after this many. */
const MAX_ATTEMPTS = 8;

const INTERRUPTED_REASON =
  "Fakturabot restarted while the invoice was being sent, so we don't know whether Front Payment created it.";

/**
 * Reads the order, decides `event` (the table in `transitions.ts`) and stores the decision naming
 * the version it read; when another write won meanwhile, reads and decides again. Returns the order
 * as stored and the effects still to carry out.
 */
export async function commitEvent(
  store: InvoiceStore,
  orderId: string,
  event: OrderEvent,
): Promise<{ order: OrderRecord; outcome: Applied["outcome"]; effects: Effect[] }> {
  return inTurn(store, orderId, () => readDecideWrite(store, orderId, event));
}

/**
 * Per store, the last commit under way for each order. This process's commits to one order take
 * turns: racing each other they would only lose to each other's writes (on a store with real
 * round trips, such as PostgreSQL, a burst of callbacks for one order outlasts `MAX_ATTEMPTS`).
 * Writers in other processes still race, and the retries cover them.
 */
const turns = new WeakMap<InvoiceStore, Map<string, Promise<unknown>>>();

function inTurn<T>(store: InvoiceStore, orderId: string, work: () => Promise<T>): Promise<T> {
  const queue = turns.get(store) ?? new Map<string, Promise<unknown>>();
  turns.set(store, queue);
  const mine = (queue.get(orderId) ?? Promise.resolve()).then(work);
  const done = mine.then(
    () => {},
    () => {},
  );
  queue.set(orderId, done);
  void done.then(() => {
    if (queue.get(orderId) === done) queue.delete(orderId);
  });
  return mine;
}

async function readDecideWrite(
  store: InvoiceStore,
  orderId: string,
  event: OrderEvent,
): Promise<{ order: OrderRecord; outcome: Applied["outcome"]; effects: Effect[] }> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const order = await store.get(orderId);
    if (!order) throw new OrderNotFoundError(orderId);
    const decision = decide(order, event);
    if (!decision.next) return { order, outcome: "unchanged", effects: decision.effects };
    const written = await store.saveOrder(decision.next, decision.history);
    if (written.written) return { order: written.value, outcome: "changed", effects: decision.effects };
    if (written.reason === "duplicate") return { order, outcome: "duplicate", effects: [] };
  }
  throw new Error(`Order ${orderId} kept changing under ${event.type}`);
}

/** Why Front Payment did not create the order, in words for the person who sent it. */
function failureReason(error: unknown): string {
  if (error instanceof FrontPaymentError) return error.message;
  return "Something went wrong on our side before the order was sent.";
}

/**
 * The order lifecycle: the one place that moves orders from state to state (the table in
 * `transitions.ts`). Listeners, the callback route and start-up call it; it calls the store, Front
 * Payment and the Slack message service.
 */
export function createOrderLifecycle({
  store,
  frontPayment,
  messages,
  outcomes,
  logger,
  work,
  now,
}: {
  store: InvoiceStore;
  frontPayment: Pick<
    FrontPaymentClient,
    "submitInvoiceOrder" | "cancelOrder" | "getOrderStatus" | "getOrderDetails"
  >;
  messages: OrderMessages;
  outcomes: OutcomeModal;
  logger: Logger;
  work: WorkTracker;
  now: () => Date;
}) {
  /**
   * Each order's effects run one decision after another, so two events cannot both post its
   * message (a callback racing Front Payment's answer); every run starts from the order as stored.
   */
  const queues = new Map<string, Promise<void>>();

  function enqueue(orderId: string, task: () => Promise<void>): Promise<void> {
    const next = (queues.get(orderId) ?? Promise.resolve())
      .then(task)
      .catch((error: unknown) => logger.error({ orderId, err: error }, "an order's follow-up failed"));
    queues.set(orderId, next);
    void next.then(() => {
      if (queues.get(orderId) === next) queues.delete(orderId);
    });
    return next;
  }

  /** Decides `event` for the order, stores the decision, and queues its effects. */
  async function apply(orderId: string, event: OrderEvent, watcher?: Watcher): Promise<Applied> {
    const { order, outcome, effects } = await commitEvent(store, orderId, event);
    const ran =
      effects.length === 0 ? Promise.resolve() : enqueue(orderId, () => run(effects, order, watcher));
    return { order, outcome, effects: work.track(ran) };
  }

  /** Runs effects in order; each failure is logged and the rest go on, since the order is stored. */
  async function run(effects: Effect[], order: OrderRecord, watcher?: Watcher) {
    let current = (await store.get(order.id)) ?? order;
    const notes: string[] = [];
    for (const effect of effects) {
      try {
        current = (await carryOut(effect, current, watcher, notes)) ?? current;
      } catch (error) {
        logger.error({ orderId: order.id, effect: effect.type, err: error }, "an order's follow-up failed");
        if (effect.type === "post-message") {
          notes.push("I couldn't post this invoice in the channel. Use `/invoice status` to follow it.");
        }
      }
    }
  }

  async function carryOut(
    effect: Effect,
    order: OrderRecord,
    watcher: Watcher | undefined,
    notes: string[],
  ): Promise<OrderRecord | undefined> {
    switch (effect.type) {
      case "send":
        // The answer's effects queue behind this run: waiting for them here would never end.
        await send(order, watcher);
        return;
      case "show-outcome":
        if (watcher) await outcomes.show(order, watcher, { notes });
        return;
      case "lookup-status": {
        if (order.state !== "created") return;
        const looked = await lookup(order.fpOrderUuid);
        const { order: updated } = await commitEvent(store, order.id, { type: "notified", change: looked });
        return updated;
      }
      case "post-message": {
        if (order.state !== "created" || order.message) return;
        const posted = await messages.postOrder(order);
        if (posted.fallbackReason) notes.push(posted.fallbackReason);
        const { order: withMessage } = await apply(order.id, {
          type: "message-posted",
          message: { channelId: posted.channelId, ts: posted.ts },
        });
        return withMessage;
      }
      case "show-status":
        if (order.state === "created") await messages.showStatusChange(order, effect.change);
        return;
      case "reply-status":
        if (order.state === "created") await messages.replyStatusChange(order, effect.change);
        return;
      case "second-order":
        notes.push(await secondOrder(order, effect.fpOrderUuid, effect.change));
        return;
      case "tell-interrupted":
        await messages.notifyUser(
          order.userId,
          `:warning: Fakturabot restarted while sending your invoice to ${order.customerName} (\`${order.id}\`). We don't know whether Front Payment created it; its status appears in the channel if Front Payment reports it.`,
        );
        return;
    }
  }

  /** Front Payment's own word on an order's status, as a notification. */
  async function lookup(fpOrderUuid: string): Promise<StatusChange> {
    const { status } = await frontPayment.getOrderStatus(fpOrderUuid);
    return {
      fpOrderUuid,
      status,
      sentAt: null,
      paymentMethod: null,
      amount: null,
      source: "lookup",
      receivedAt: now(),
    };
  }

  /**
   * A verified callback that would give an order its identity, report a second order or bring an
   * unknown status changes nothing until Get Order Details confirms it (`confirmationNeeded`).
   * Returns why it was not confirmed, or null.
   */
  async function unconfirmed(order: OrderRecord, change: StatusChange): Promise<string | null> {
    const need = confirmationNeeded(order, change);
    if (!need) return null;
    const owner = await store.getByFpOrderUuid(change.fpOrderUuid);
    if (owner && owner.id !== order.id) return `it is the Front Payment order of ${owner.id}`;
    try {
      const details = await frontPayment.getOrderDetails(change.fpOrderUuid);
      return confirmationProblem(order, change, need, {
        status: details.status,
        orderAmountOre: safeKronerToOre(details.orderSummary.grandTotal) ?? null,
        customerName: details.customerDetails.name ?? null,
      });
    } catch (error) {
      if (error instanceof FrontPaymentNotFoundError) return "Front Payment has no such order";
      throw error;
    }
  }

  /** Submits an order in state `sending`; Front Payment's answer is the next event, returned with its effects. */
  async function send(order: OrderRecord, watcher: Watcher | undefined): Promise<Applied | null> {
    if (order.state !== "sending") return null;
    let answer: OrderEvent;
    try {
      const created = await frontPayment.submitInvoiceOrder(order.request);
      logger.info({ orderId: order.id, fpOrderUuid: created.orderUuid }, "order created");
      answer = {
        type: "created",
        fpOrderUuid: created.orderUuid,
        fpCustomerUuid: created.customerUuid,
        bankIdUrl: created.bankIdUrl ?? null,
        at: unixSeconds(now()),
      };
    } catch (error) {
      const reason = failureReason(error);
      const unknown = isOutcomeUnknown(error);
      logger.warn({ orderId: order.id, err: error }, unknown ? "submit outcome unknown" : "submit failed");
      answer = unknown ? { type: "outcome-unknown", reason } : { type: "refused", reason };
      if (error instanceof FrontPaymentValidationError && watcher?.form) {
        watcher = { ...watcher, form: { ...watcher.form, frontPaymentErrors: error.messages } };
      }
    }
    return apply(order.id, answer, watcher);
  }

  /**
   * Front Payment reports another order for one of ours: both attempts of an order whose outcome
   * was unknown reached it. Remembered so it can be found and cancelled; told once, then only
   * when its status moves on. Returns what the creator should be told about it.
   */
  async function secondOrder(order: OrderRecord, fpOrderUuid: string, change: StatusChange | null) {
    const status = change && { status: change.status, at: change.sentAt ?? unixSeconds(change.receivedAt) };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const known = await store.getOtherFpOrder(fpOrderUuid);
      const { next, news } = decideOtherOrder(known, { orderId: order.id, fpOrderUuid, status });
      if (next && !(await store.saveOtherFpOrder(next)).written) continue;
      logger.error({ orderId: order.id, other: fpOrderUuid, news }, "second Front Payment order");
      if (news !== "same") {
        await messages.reportSecondOrder(order, fpOrderUuid, {
          first: news === "new",
          change: change && {
            status: change.status,
            paymentMethod: change.paymentMethod,
            amount: change.amount,
          },
        });
      }
      const known_ = order.state === "created" ? order.fpOrderUuid : "";
      return `:warning: Front Payment has two orders for this invoice: \`${known_}\`, and \`${fpOrderUuid}\` from sending it again. Cancel one of them: \`/invoice cancel ${fpOrderUuid}\``;
    }
    throw new Error(`Second order ${fpOrderUuid} kept changing`);
  }

  return {
    get: (id: string) => store.get(id),

    /**
     * The order a person means by `ODR…` (Front Payment's id: the order's own, or a second order
     * sent for it) or `FB…` (ours), and which Front Payment order that is (null: never created).
     */
    async find(reference: string): Promise<{ order: OrderRecord; fpOrderUuid: string | null } | null> {
      if (!reference.startsWith("ODR")) {
        const order = await store.get(reference);
        return order ? { order, fpOrderUuid: order.state === "created" ? order.fpOrderUuid : null } : null;
      }
      const own = await store.getByFpOrderUuid(reference);
      if (own) return { order: own, fpOrderUuid: reference };
      const other = await store.getOtherFpOrder(reference);
      const order = other && (await store.get(other.orderId));
      return order ? { order, fpOrderUuid: reference } : null;
    },

    /**
     * Records a validated submission as `sending`. A second submit of the same modal state finds
     * the first order (`created: false`) instead of making another.
     */
    begin: (submission: NewSubmission) => store.beginSubmission(submission),

    /** Sends a just-begun order and shows the outcome to `watcher`. */
    async send(order: OrderRecord, watcher: Watcher): Promise<void> {
      const answered = await work.track(send(order, watcher));
      await answered?.effects;
    },

    /** "Send again" (a failed order) or, after the creator confirmed, "Send anyway" (an unknown one). */
    async retry(orderId: string, kind: "send-again" | "send-anyway", watcher: Watcher): Promise<void> {
      const { effects } = await apply(orderId, { type: kind }, watcher);
      await effects;
    },

    /**
     * A status notification: a verified callback or a status lookup. Stored before it returns;
     * throws `OrderNotFoundError` for an order we do not know.
     */
    async notify(orderId: string, change: StatusChange): Promise<Applied> {
      const order = await store.get(orderId);
      if (!order) throw new OrderNotFoundError(orderId);
      const problem = await unconfirmed(order, change);
      if (problem) {
        logger.warn(
          { orderId, fpOrderUuid: change.fpOrderUuid, status: change.status, problem },
          "unconfirmed callback",
        );
        return { order, outcome: "unconfirmed", effects: Promise.resolve() };
      }
      return apply(orderId, { type: "notified", change });
    },

    /**
     * Why `fpOrderUuid` of `order` cannot be cancelled (never created, already paid…), or null.
     */
    cancellation,

    /** Cancels `fpOrderUuid` (the order's own, or a second order) at Front Payment, then records it. */
    async cancel(order: OrderRecord, fpOrderUuid: string, note: string): Promise<CancelOutcome> {
      // A cancellation is Front Payment's own answer about the order: a lookup, needing no confirmation.
      try {
        await frontPayment.cancelOrder(fpOrderUuid, note);
      } catch (error) {
        logger.warn({ orderId: order.id, err: error }, "cancel failed");
        if (error instanceof FrontPaymentConflictError) {
          return { kind: "conflict", fpOrderUuid, messageKey: error.messageKey, message: error.message };
        }
        if (error instanceof FrontPaymentNotFoundError) return { kind: "not-found", fpOrderUuid };
        if (error instanceof FrontPaymentError)
          return { kind: "failed", fpOrderUuid, message: error.message };
        throw error;
      }
      const { effects } = await apply(order.id, {
        type: "notified",
        change: {
          fpOrderUuid,
          status: "CANCELLED",
          sentAt: null,
          paymentMethod: null,
          amount: null,
          source: "lookup",
          receivedAt: now(),
        },
      });
      await effects;
      return { kind: "cancelled", fpOrderUuid };
    },

    /**
     * At start-up, before serving requests: orders left `sending` by a stop or crash become
     * `unknown` (they may or may not have reached Front Payment) and their creators are told.
     */
    async recover(): Promise<Applied[]> {
      const interrupted = await store.listByState("sending");
      return Promise.all(
        interrupted.map((order) => apply(order.id, { type: "interrupted", reason: INTERRUPTED_REASON })),
      );
    },
  };
}

export type OrderLifecycle = ReturnType<typeof createOrderLifecycle>;
