import {
  type FrontPaymentClient,
  FrontPaymentConflictError,
  FrontPaymentError,
  FrontPaymentNotFoundError,
  FrontPaymentValidationError,
  isOutcomeUnknown,
} from "@fakturabot/client";
import {
  type InvoiceOrderRequest,
  oreToKroner,
  type RefundOrderRequest,
  type ResendOrderRequest,
  safeKronerToOre,
  unixSeconds,
} from "@fakturabot/schema";
import type { Logger } from "pino";
import type { ApprovalMessages } from "../services/approval-messages.js";
import type { OrderMessages } from "../services/order-messages.js";
import type { OutcomeModal, SubmittedForm } from "../services/outcome-modal.js";
import { createSlackOutbox, type OutboxPolicy } from "../services/slack-outbox.js";
import type { WorkTracker } from "../services/work-tracker.js";
import type {
  CreatedOrder,
  InvoiceStore,
  NewOutboxEntry,
  NewSubmission,
  OrderCursor,
  OrderFilter,
  OrderRecord,
  StatusChange,
  SubmissionLease,
} from "../store/types.js";
import {
  type ApprovalPolicy,
  approvalDecisionOf,
  approversFor,
  creatorViewId,
  needsApproval,
} from "./approval.js";
import { dueDateOf } from "./due-date.js";
import { OrderNotFoundError } from "./errors.js";
import { OUR_FAILURE_REASONS } from "./failure-reasons.js";
import { isSlackWork, shown, slackWork, UPDATE_MESSAGE } from "./outbox.js";
import {
  type ActionRefusal,
  actionRefusal,
  cancellation,
  confirmationNeeded,
  confirmationProblem,
  decide,
  decideOtherOrder,
  type Effect,
  type OrderEvent,
  orderActions,
  refundProblem,
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

/** A submission's lease: long enough for a slow submit's retries, renewed every third of it. */
export const DEFAULT_LEASE_MS = 60_000;

/** A conditional write that keeps losing races is a bug, not contention: give up after this many. */
const MAX_ATTEMPTS = 8;

/** How long a failed or unknown order's request (with the personal number) is kept by default. */
export const DEFAULT_KEPT_REQUEST_MS = 7 * 24 * 60 * 60 * 1000;

/** How often the kept requests are looked at, by default: an hour late at most. */
const EXPIRY_SWEEP_EVERY_MS = 60 * 60 * 1000;

/** How an action on the order's message ended. */
export type ActionOutcome =
  | { kind: "done" }
  | { kind: "refused"; refusal: ActionRefusal }
  /** A refund of more than is left of what was paid. */
  | { kind: "too-much"; remainingOre: number }
  /**
   * Front Payment refused (`messageKey` when it gave one) or could not be reached; or, for an edit,
   * answered with another order than the one edited (`otherFpOrderUuid`, worded by who shows it).
   */
  | { kind: "failed"; message: string; messageKey?: string | undefined; otherFpOrderUuid?: string };

/** What Front Payment says was paid and refunded, in øre; our total when it gives none. */
function paidSoFar(
  status: { orderAmount?: unknown; refundedAmount?: unknown },
  order: CreatedOrder,
): { orderAmountOre: number; refundedOre: number } {
  const asOre = (value: unknown) =>
    typeof value === "number" || typeof value === "string" ? safeKronerToOre(value) : undefined;
  return {
    orderAmountOre: asOre(status.orderAmount) ?? order.grandTotalOre,
    refundedOre: asOre(status.refundedAmount) ?? order.facts?.refundedOre ?? 0,
  };
}

/** Stored as a code, worded in each reader's language when shown (`views/failure-reason.ts`). */
const INTERRUPTED_REASON = OUR_FAILURE_REASONS.interrupted;

/** How `commitEvent` writes a decision, beyond the table. */
export interface CommitOptions {
  /** The order as just read: the first attempt decides on it instead of reading again. */
  read?: OrderRecord;
  /** The Slack work to record with the write (default: the decision's, `slackWork`). */
  outbox?: (effects: readonly Effect[]) => NewOutboxEntry[];
  /** The lease of this instance, for a decision that begins an attempt (`sending`). */
  lease?: () => SubmissionLease;
}

/**
 * Reads the order, decides `event` (the table in `transitions.ts`) and stores the decision naming
 * the version it read, with the Slack work it leaves to do (the outbox) in the same write; when
 * another write won meanwhile, reads and decides again. Returns the order as stored and the effects
 * still to carry out (the Slack work among them is already recorded).
 */
export async function commitEvent(
  store: InvoiceStore,
  orderId: string,
  event: OrderEvent,
  options: CommitOptions = {},
): Promise<{ order: OrderRecord; outcome: Applied["outcome"]; effects: Effect[] }> {
  return inTurn(store, orderId, () => readDecideWrite(store, orderId, event, options));
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
  // Stryker disable next-line BlockStatement: without the clean-up a settled turn stays in memory; commitEvent behaves the same
  void done.then(() => {
    // Stryker disable next-line ConditionalExpression: `false` only keeps memory; `true`'s bug is also `!==`'s, which is killed
    if (queue.get(orderId) === done) queue.delete(orderId);
  });
  return mine;
}

async function readDecideWrite(
  store: InvoiceStore,
  orderId: string,
  event: OrderEvent,
  options: CommitOptions,
): Promise<{ order: OrderRecord; outcome: Applied["outcome"]; effects: Effect[] }> {
  let read = options.read;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const order = read ?? (await store.get(orderId));
    read = undefined;
    if (!order) throw new OrderNotFoundError(orderId);
    const decision = decide(order, event);
    if (!decision.next) return { order, outcome: "unchanged", effects: decision.effects };
    const outbox = (options.outbox ?? slackWork)(decision.effects);
    const lease = decision.next.state === "sending" ? options.lease?.() : undefined;
    const written = await store.saveOrder(decision.next, decision.history, {
      ...(outbox.length ? { outbox } : {}),
      ...(lease ? { lease } : {}),
    });
    if (written.written) return { order: written.value, outcome: "changed", effects: decision.effects };
    if (written.reason === "duplicate") return { order, outcome: "duplicate", effects: [] };
  }
  throw new Error(`Order ${orderId} kept changing under ${event.type}`);
}

/** Why Front Payment did not create the order: its own words, or our code for our own error. */
function failureReason(error: unknown): string {
  if (error instanceof FrontPaymentError) return error.message;
  return OUR_FAILURE_REASONS.internal;
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
  keptRequestMs = DEFAULT_KEPT_REQUEST_MS,
  instanceId,
  leaseMs = DEFAULT_LEASE_MS,
  outboxPolicy,
  deliverAtOnce = true,
  approval = null,
  approvals,
}: {
  store: InvoiceStore;
  frontPayment: Pick<
    FrontPaymentClient,
    | "submitInvoiceOrder"
    | "cancelOrder"
    | "getOrderStatus"
    | "getOrderDetails"
    | "resendOrder"
    | "refundOrder"
    | "getInvoiceNumber"
  >;
  messages: OrderMessages;
  outcomes: OutcomeModal;
  logger: Logger;
  work: WorkTracker;
  now: () => Date;
  /** How long a failed or unknown order keeps its request before it expires (configuration). */
  keptRequestMs?: number;
  /** This instance, as the owner of its submissions' leases and of the outbox entries it delivers. */
  instanceId: string;
  /** How long a submission's lease lasts without renewal (renewed every third of it). */
  leaseMs?: number;
  outboxPolicy?: OutboxPolicy;
  /**
   * Whether Slack work this instance records is delivered at once (default), or only when
   * `outbox.deliverDue()` is called (the bot's poll; tests that drive delivery step by step).
   */
  deliverAtOnce?: boolean;
  /** Approval above a threshold (APPROVAL_THRESHOLD_NOK); none by default. */
  approval?: ApprovalPolicy | null;
  /** The approval's Slack side; without it nobody is asked. */
  approvals?: ApprovalMessages;
}) {
  const lease = (): SubmissionLease => ({
    owner: instanceId,
    expiresAt: new Date(now().getTime() + leaseMs),
  });
  /** Submissions this instance is sending right now: their leases are renewed. */
  const inFlight = new Set<string>();
  const outbox = createSlackOutbox({
    store,
    messages,
    logger,
    now,
    owner: instanceId,
    onPosted: async (orderId, message) => {
      await commitEvent(store, orderId, { type: "message-posted", message });
    },
    ...(outboxPolicy ? { policy: outboxPolicy } : {}),
  });
  /** Slack work was recorded: deliver it soon, off the path of the request that recorded it. */
  function kick(): void {
    if (deliverAtOnce) setImmediate(() => void outbox.deliverDue());
  }

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

  /** Decides `event` for the order, stores the decision (and its Slack work), and queues its effects. */
  async function apply(
    orderId: string,
    event: OrderEvent,
    watcher?: Watcher,
    read?: OrderRecord,
  ): Promise<Applied> {
    const { order, outcome, effects } = await commitEvent(store, orderId, event, {
      lease,
      ...(read ? { read } : {}),
    });
    const ran =
      effects.length === 0 ? Promise.resolve() : enqueue(orderId, () => run(effects, order, watcher));
    return { order, outcome, effects: work.track(ran) };
  }

  /**
   * Runs effects in order; each failure is logged and the rest go on, since the order is stored.
   * The Slack work among them is in the outbox: delivered here, in its place among the effects,
   * when the creator watches the modal (it shows where the message went); else soon, by the outbox.
   */
  async function run(effects: Effect[], order: OrderRecord, watcher?: Watcher) {
    let current = (await store.get(order.id)) ?? order;
    const notes: string[] = [];
    let delivered = false;
    for (const effect of effects) {
      if (isSlackWork(effect)) {
        if (delivered) continue;
        delivered = true;
        if (watcher && deliverAtOnce) notes.push(...(await outbox.deliverFor(order.id)));
        else kick();
        current = (await store.get(order.id)) ?? current;
        continue;
      }
      try {
        current = (await carryOut(effect, current, watcher, notes)) ?? current;
      } catch (error) {
        logger.error({ orderId: order.id, effect: effect.type, err: error }, "an order's follow-up failed");
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
        // The message shows the status it learnt: no thread reply for it.
        const { order: updated } = await commitEvent(
          store,
          order.id,
          { type: "notified", change: looked },
          { outbox: () => [UPDATE_MESSAGE] },
        );
        return updated;
      }
      case "second-order":
        notes.push(await secondOrder(order, effect.fpOrderUuid, effect.change));
        return;
      case "tell-expired":
        await messages.tellExpired(order, Math.round(keptRequestMs / (24 * 60 * 60 * 1000)));
        return;
      case "tell-stopped":
        if (order.state === "created") await messages.tellCustomerStopped(order);
        return;
      case "reply-overdue":
        if (order.state === "created") await messages.replyOverdue(order, effect.since);
        return;
      case "reply-news":
        if (order.state === "created") await messages.replyNews(order, effect.news);
        return;
      case "show-approval-decision": {
        const decision = approvalDecisionOf(order);
        if (decision) await approvals?.showDecision(order, effect.messages, decision);
        return;
      }
      case "tell-rejected":
        if (order.state === "rejected") await approvals?.tellRejected(order);
        return;
      case "fetch-invoice-number": {
        if (order.state !== "created") return;
        const { invoiceNumber } = await frontPayment.getInvoiceNumber(order.fpOrderUuid);
        if (invoiceNumber === null) return;
        const { order: numbered } = await apply(order.id, { type: "invoice-number", invoiceNumber });
        return numbered;
      }
      default:
        // Slack work: in the outbox (see `run`).
        return;
    }
  }

  /**
   * Expires every failed or unknown order, and every one waiting for approval or rejected, last
   * changed longer than `keptRequestMs` ago.
   */
  async function expireKeptRequests(): Promise<Applied[]> {
    const cutoff = now().getTime() - keptRequestMs;
    const kept = [
      ...(await store.listByState("failed")),
      ...(await store.listByState("unknown")),
      ...(await store.listByState("awaiting_approval")),
      ...(await store.listByState("rejected")),
    ];
    const due = kept.filter((order) => order.updatedAt.getTime() <= cutoff);
    return Promise.all(due.map((order) => apply(order.id, { type: "expire" })));
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

  /**
   * Asks the approvers of an order waiting for approval, records where, and shows its creator who
   * was asked (where they watch). Someone deciding meanwhile finds the messages updated all the same.
   */
  async function askApprovers(order: OrderRecord): Promise<void> {
    if (order.state !== "awaiting_approval" || !approval || !approvals) return;
    const messages = await approvals.ask(order, approversFor(approval, order), approval.thresholdOre);
    await (await apply(order.id, { type: "approval-asked", messages })).effects;
    // In turn with the order's effects, so a decision's outcome is never shown before it.
    await enqueue(order.id, async () => {
      const waiting = await store.get(order.id);
      if (waiting?.state === "awaiting_approval") await approvals.showWaiting(waiting);
    });
  }

  /**
   * Orders waiting for approval whose approvers were never asked (a stop cut the asking off, or
   * Slack took none of the messages), unchanged for a lease's time: asked now, by one instance
   * (it claims the order's version), so an ask still under way is never repeated.
   */
  async function askUnasked(): Promise<void> {
    if (!approval || !approvals) return;
    const quietSince = now().getTime() - leaseMs;
    for (const order of await store.listByState("awaiting_approval")) {
      if (order.approvalMessages.length > 0 || order.updatedAt.getTime() > quietSince) continue;
      const claim = `ask-approvers:${order.id}:${order.version}`;
      if (!(await store.claimOnce(claim, new Date(now().getTime() + leaseMs)))) continue;
      logger.warn({ orderId: order.id }, "asking the approvers of an order nobody was asked about");
      await askApprovers(order);
    }
  }

  /** An approver's decision on an order waiting for approval; shown where its creator watches. */
  async function decideApproval(
    orderId: string,
    event: Extract<OrderEvent, { type: "approve" | "reject" }>,
  ): Promise<Applied> {
    const order = await store.get(orderId);
    if (!order) throw new OrderNotFoundError(orderId);
    return apply(orderId, event, { viewId: creatorViewId(order) }, order);
  }

  /** Submits an order in state `sending`; Front Payment's answer is the next event, returned with its effects. */
  async function send(order: OrderRecord, watcher: Watcher | undefined): Promise<Applied | null> {
    if (order.state !== "sending") return null;
    let answer: OrderEvent;
    inFlight.add(order.id);
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
    } finally {
      inFlight.delete(order.id);
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
      // The report is Slack work recorded with the write, so a crash after it cannot lose it.
      const report: NewOutboxEntry = {
        work: { kind: "second-order", fpOrderUuid, first: news === "new", change: change && shown(change) },
        coalesceKey: null,
      };
      if (next && !(await store.saveOtherFpOrder(next, [report])).written) continue;
      logger.error({ orderId: order.id, other: fpOrderUuid, news }, "second Front Payment order");
      if (next) kick();
      return messages.secondOrderNote(order, fpOrderUuid);
    }
    throw new Error(`Second order ${fpOrderUuid} kept changing`);
  }

  /** Runs a Front Payment call for an action; its typed error as a failed outcome, or null. */
  async function frontPaymentCall(
    order: OrderRecord,
    action: string,
    call: () => Promise<unknown>,
  ): Promise<Extract<ActionOutcome, { kind: "failed" }> | null> {
    try {
      await call();
      return null;
    } catch (error) {
      logger.warn({ orderId: order.id, action, err: error }, "an action on an order failed");
      if (error instanceof FrontPaymentError) {
        return { kind: "failed", message: error.message, messageKey: error.messageKey };
      }
      throw error;
    }
  }

  return {
    get: (id: string) => store.get(id),

    /** A page of a listing (`orders/listing.ts` says what its filter means). */
    list: (filter: OrderFilter, page: { limit: number; after?: OrderCursor; before?: OrderCursor }) =>
      store.listOrders(filter, page),

    sum: (filter: OrderFilter) => store.sumOrders(filter),

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
    begin: (submission: NewSubmission) =>
      store.beginSubmission(
        {
          ...submission,
          dueDate: submission.dueDate ?? dueDateOf(submission.request),
          ...(needsApproval(submission.grandTotalOre, approval)
            ? { state: "awaiting_approval" as const }
            : {}),
        },
        lease(),
      ),

    /**
     * Sends a just-begun order and shows the outcome to `watcher`; one that must be approved first
     * is not sent: its approvers are asked.
     */
    async send(order: OrderRecord, watcher: Watcher): Promise<void> {
      if (order.state === "awaiting_approval") return work.track(askApprovers(order));
      const answered = await work.track(send(order, watcher));
      await answered?.effects;
    },

    /** The deployment's approval rule, or null when invoices need no approval. */
    approval,

    /**
     * `by` approves an order waiting for approval: it is sent, once (a second Approve finds it no
     * longer waiting: `unchanged`). The approvers' check is the table's too (`approverProblem`).
     */
    approve: (orderId: string, by: string) =>
      decideApproval(orderId, { type: "approve", by, approvers: approval?.approverUserIds ?? [] }),

    /** `by` rejects an order waiting for approval, saying why; its creator is told, with the form. */
    reject: (orderId: string, by: string, reason: string) =>
      decideApproval(orderId, { type: "reject", by, reason, approvers: approval?.approverUserIds ?? [] }),

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
      // Confirming may have taken a while (Get Order Details): then the order is read again.
      const read = confirmationNeeded(order, change) ? undefined : order;
      return apply(orderId, { type: "notified", change }, undefined, read);
    },

    /**
     * Why `fpOrderUuid` of `order` cannot be cancelled (never created, already paid…), or null.
     */
    cancellation,

    /** Cancels `fpOrderUuid` (the order's own, or a second order) at Front Payment, then records it. */
    async cancel(order: OrderRecord, fpOrderUuid: string, note: string, by?: string): Promise<CancelOutcome> {
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
      const change: StatusChange = {
        fpOrderUuid,
        status: "CANCELLED",
        sentAt: null,
        paymentMethod: null,
        amount: null,
        source: "lookup",
        receivedAt: now(),
      };
      const { effects } = await apply(
        order.id,
        by === undefined ? { type: "notified", change } : { type: "cancelled", by, reason: note, change },
      );
      await effects;
      return { kind: "cancelled", fpOrderUuid };
    },

    /** The periodic check's day for an order (`orders/overdue-check.ts`): overdue ones are told once. */
    overdue: (orderId: string, today: string) => apply(orderId, { type: "overdue", today }),

    /**
     * Asks Front Payment for the status of an order that has heard nothing for long, so a missed
     * callback is caught up; when nothing is new, records that it asked.
     */
    async catchUp(order: CreatedOrder): Promise<Applied> {
      const caught = await apply(order.id, { type: "notified", change: await lookup(order.fpOrderUuid) });
      if (caught.outcome === "changed") return caught;
      return apply(order.id, { type: "checked", at: unixSeconds(now()) });
    },

    /**
     * The customer landed on our failure return page after BankID: the seller is told once, in
     * the order's thread. Nothing for an order that is not created (or not ours: `get` first).
     */
    async customerStopped(orderId: string): Promise<Applied> {
      return apply(orderId, { type: "customer-stopped", at: unixSeconds(now()) });
    },

    /** Failed and unknown orders kept past their time lose their request; their creators are told. */
    expireKeptRequests,

    /** Runs `expireKeptRequests` every `everyMs` (an hour by default) until the returned stop is called. */
    startExpirySweep(everyMs = EXPIRY_SWEEP_EVERY_MS): () => void {
      const timer = setInterval(() => {
        work.track(
          expireKeptRequests().then(
            (expired) => Promise.all(expired.map(({ effects }) => effects)),
            (error: unknown) => logger.error({ err: error }, "the expiry sweep failed"),
          ),
        );
      }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },

    /** Which actions the order's message offers now, and why one does not fit. */
    actions: orderActions,
    actionRefusal,

    /**
     * Refresh status: Front Payment's Get Order Status, recorded as a lookup (a change rewrites the
     * message and replies in its thread). Returns the order as it now is.
     */
    async refresh(order: CreatedOrder): Promise<{ order: OrderRecord; changed: boolean }> {
      const change = await lookup(order.fpOrderUuid);
      const applied = await apply(order.id, { type: "notified", change });
      await applied.effects;
      return { order: (await store.get(order.id)) ?? applied.order, changed: applied.outcome === "changed" };
    },

    /** Send link again: Resend Payment Link to `to`, then a thread reply saying how it went out. */
    async resend(order: CreatedOrder, to: ResendOrderRequest, by: string): Promise<ActionOutcome> {
      const refusal = actionRefusal(order, "resend");
      if (refusal) return { kind: "refused", refusal };
      const failed = await frontPaymentCall(order, "resend", () =>
        frontPayment.resendOrder(order.fpOrderUuid, to),
      );
      if (failed) return failed;
      const target = {
        email: to.email ?? null,
        sms: to.msisdn && to.countryCode ? `${to.countryCode} ${to.msisdn}` : null,
      };
      const { effects } = await apply(order.id, { type: "link-resent", by, to: target });
      await effects;
      return { kind: "done" };
    },

    /**
     * Refund…: checked against what Front Payment says was paid and refunded (never more than is
     * left), then Refund Order, then its status after. `lines` are Get Order Details' line ids and
     * amounts in øre.
     */
    async refund(
      order: CreatedOrder,
      lines: readonly { id: number; amountOre: number }[],
      by: string,
    ): Promise<ActionOutcome> {
      const refusal = actionRefusal(order, "refund");
      if (refusal) return { kind: "refused", refusal };
      const amountOre = lines.reduce((sum, line) => sum + line.amountOre, 0);
      const before = await frontPayment.getOrderStatus(order.fpOrderUuid);
      const paid = paidSoFar(before, order);
      const problem = refundProblem(amountOre, paid);
      if (problem)
        return { kind: "too-much", remainingOre: problem.reason === "too-much" ? problem.remainingOre : 0 };
      const request: RefundOrderRequest = {
        type: "invoiced",
        grandTotal: oreToKroner(amountOre),
        products: lines
          .filter((line) => line.amountOre > 0)
          .map((line) => ({ id: line.id, amount: oreToKroner(line.amountOre) })),
      };
      const failed = await frontPaymentCall(order, "refund", () =>
        frontPayment.refundOrder(order.fpOrderUuid, request),
      );
      if (failed) return failed;
      const after = await frontPayment.getOrderStatus(order.fpOrderUuid);
      const { effects } = await apply(order.id, {
        type: "refunded",
        by,
        lines,
        amountOre,
        // Front Payment may still be processing it (202 is "accepted"): at least this refund counts.
        refundedOre: Math.max(paidSoFar(after, order).refundedOre, paid.refundedOre + amountOre),
        status: after.status,
        at: unixSeconds(now()),
      });
      await effects;
      return { kind: "done" };
    },

    /**
     * Edit…: the corrected order sent as an update of the same Front Payment order (`fpgoUuid`
     * with `orderFrom: "PARTNER"`, docs/front-payment.md §12), only while the customer has not
     * verified (SENT); never a second order.
     */
    async edit(order: CreatedOrder, request: InvoiceOrderRequest, by: string): Promise<ActionOutcome> {
      const refusal = actionRefusal(order, "edit");
      if (refusal) return { kind: "refused", refusal };
      const update: InvoiceOrderRequest = { ...request, fpgoUuid: order.fpOrderUuid, orderFrom: "PARTNER" };
      let answered: { orderUuid: string } | undefined;
      const failed = await frontPaymentCall(order, "edit", async () => {
        answered = await frontPayment.submitInvoiceOrder(update);
      });
      if (failed) return failed;
      if (answered?.orderUuid !== order.fpOrderUuid) {
        logger.error(
          { orderId: order.id, answered: answered?.orderUuid },
          "an edit answered with another order",
        );
        return { kind: "failed", message: "", otherFpOrderUuid: answered?.orderUuid ?? "" };
      }
      const { effects } = await apply(order.id, { type: "edited", by, request });
      await effects;
      return { kind: "done" };
    },

    /**
     * At start-up, before serving requests, and now and then: orders left `sending` by a stop or
     * crash, whose lease expired, become `unknown` (they may or may not have reached Front Payment)
     * and their creators are told. A live instance's submission keeps renewing its lease: never
     * taken. Each write names the version seen with the expired lease, so a renewal since wins.
     */
    async recover(): Promise<Applied[]> {
      const expired = await store.listExpiredSubmissions(now());
      const recovered: Applied[] = [];
      for (const order of expired) {
        const { next, effects } = decide(order, { type: "interrupted", reason: INTERRUPTED_REASON });
        if (!next) continue;
        const written = await store.saveOrder(next, undefined, { outbox: slackWork(effects) });
        if (!written.written) continue;
        logger.warn({ orderId: order.id }, "recovered an interrupted submission");
        recovered.push({ order: written.value, outcome: "changed", effects: Promise.resolve() });
      }
      if (recovered.length > 0) kick();
      work.track(
        askUnasked().catch((error: unknown) => logger.error({ err: error }, "asking approvers again failed")),
      );
      return recovered;
    },

    /** Extends the leases of the submissions this instance is sending (every third of the lease). */
    async renewLeases(): Promise<void> {
      for (const orderId of inFlight) {
        if (!(await store.renewLease(orderId, lease()))) {
          logger.warn({ orderId }, "lost the lease of a submission in flight");
        }
      }
    },

    /** The Slack work waiting in the store, delivered by this instance too. */
    outbox,

    /** How long a submission's lease lasts without renewal. */
    leaseMs,
  };
}

export type OrderLifecycle = ReturnType<typeof createOrderLifecycle>;
