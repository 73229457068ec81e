import type { WebAPIRateLimitedError } from "@slack/web-api";
import type { Logger } from "pino";
import { ErrorCode } from "../slack-web-api.js";
import type { InvoiceStore, MessageRef, OrderRecord, OutboxEntry, SlackWork } from "../store/types.js";
import { type OrderMessages, slackErrorCode } from "./order-messages.js";

/** How the outbox paces and retries its deliveries. */
export interface OutboxPolicy {
  /** How long a claim holds an entry; another instance may take it after (a crashed deliverer). */
  claimMs: number;
  /** Entries claimed at once (each of a different order). */
  batch: number;
  /** The first retry's delay; each failure doubles it, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Failed deliveries after which an entry is given up, loudly (a Slack that never takes it). */
  maxAttempts: number;
}

export const DEFAULT_OUTBOX_POLICY: OutboxPolicy = {
  claimMs: 60_000,
  batch: 20,
  firstDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  maxAttempts: 12,
};

/** What came of one entry: done (delivered or given up) or back in the outbox, and notes for the modal. */
interface Delivery {
  done: boolean;
  notes: string[];
}

function isRateLimited(error: unknown): error is WebAPIRateLimitedError {
  return (error as { code?: unknown } | null)?.code === ErrorCode.RateLimitedError;
}

/** Why a delivery failed, for the entry and the log: Slack's error code, never a payload. */
function failureOf(error: unknown): string {
  return slackErrorCode(error) ?? (error as { code?: string } | null)?.code ?? String((error as Error)?.name);
}

/** Slack's limits apply per method (chat.update: per workspace) and, for posting, per channel. */
function pacingKey(work: SlackWork, order: OrderRecord): string {
  if (work.kind === "update-message") return "chat.update";
  if (work.kind === "tell-interrupted") return `chat.postMessage:${order.userId}`;
  return `chat.postMessage:${order.message?.channelId ?? order.channelId}`;
}

/**
 * Delivers the Slack work in the outbox (`SlackWork`): claims due entries as `owner`, carries each
 * out against the order as it is now, and removes it; a failure goes back with a growing delay, a
 * rate limit (429) with Slack's `Retry-After`, and the same method or channel waits as long.
 * Several instances may deliver from one store: claims keep them apart, and an order's entries
 * go out one at a time, in order.
 */
export function createSlackOutbox({
  store,
  messages,
  logger,
  now,
  owner,
  onPosted,
  policy = DEFAULT_OUTBOX_POLICY,
}: {
  store: InvoiceStore;
  messages: OrderMessages;
  logger: Logger;
  now: () => Date;
  /** This instance's id. */
  owner: string;
  /** Records where an order's message was posted (the `message-posted` event). */
  onPosted: (orderId: string, message: MessageRef) => Promise<void>;
  policy?: OutboxPolicy;
}) {
  /** Until when (ms) a method or channel is rate limited, as Slack last said. */
  const pausedUntil = new Map<string, number>();
  let stopping = false;
  /** The delivery round under way, and whether another was asked for meanwhile. */
  let tail: Promise<unknown> = Promise.resolve();
  let queued: Promise<number> | null = null;

  async function carryOut({ work, attempts, lastError }: OutboxEntry, order: OrderRecord): Promise<string[]> {
    // An earlier delivery of it did not complete: it may be in Slack already.
    const redelivery = attempts > 0 || lastError !== null;
    switch (work.kind) {
      case "post-message": {
        if (order.state !== "created" || order.message) return [];
        // Posted by that delivery, but where was never recorded: that message is the order's.
        const found = redelivery ? await messages.findPostedOrder(order) : null;
        if (found) {
          // It shows the order as it was then; changes since were left to this post to show. Brought
          // up to date before it is recorded, so a failed update is retried with the adoption.
          await messages.updateMessage({ ...order, message: found });
          await onPosted(order.id, found);
          return [];
        }
        const posted = await messages.postOrder(order);
        await onPosted(order.id, { channelId: posted.channelId, ts: posted.ts });
        return posted.fallbackReason ? [posted.fallbackReason] : [];
      }
      case "update-message":
        if (order.state === "created") await messages.updateMessage(order);
        return [];
      case "reply-status":
        if (order.state === "created")
          await messages.replyStatusChange(order, work.change, { unlessInThread: redelivery });
        return [];
      case "tell-interrupted":
        await messages.tellInterrupted(order);
        return [];
      case "second-order":
        await messages.reportSecondOrder(order, work.fpOrderUuid, { first: work.first, change: work.change });
        return [];
    }
  }

  /** Delivers one claimed entry. */
  async function deliver(entry: OutboxEntry): Promise<Delivery> {
    const order = await store.get(entry.orderId);
    if (!order) {
      await store.completeOutbox(entry.id, owner);
      return { done: true, notes: [] };
    }
    const key = pacingKey(entry.work, order);
    const at = now().getTime();
    const paused = pausedUntil.get(key) ?? 0;
    if (paused > at) {
      await store.releaseOutbox(entry.id, owner, { dueAt: new Date(paused), failed: false });
      return { done: false, notes: [] };
    }
    try {
      const notes = await carryOut(entry, order);
      await store.completeOutbox(entry.id, owner);
      return { done: true, notes };
    } catch (error) {
      return failed(entry, order, key, error);
    }
  }

  async function failed(
    entry: OutboxEntry,
    order: OrderRecord,
    key: string,
    error: unknown,
  ): Promise<Delivery> {
    const at = now().getTime();
    const notes = entry.work.kind === "post-message" ? [await messages.notPostedNote(order)] : [];
    const context = { orderId: entry.orderId, work: entry.work.kind, attempts: entry.attempts + 1 };
    if (isRateLimited(error)) {
      const until = at + error.retryAfter * 1000;
      pausedUntil.set(key, Math.max(until, pausedUntil.get(key) ?? 0));
      logger.info({ ...context, retryAfterSeconds: error.retryAfter, key }, "Slack asked to slow down");
      await store.releaseOutbox(entry.id, owner, { dueAt: new Date(until), failed: false });
      return { done: false, notes };
    }
    const reason = failureOf(error);
    if (entry.attempts + 1 >= policy.maxAttempts) {
      logger.error({ ...context, reason }, "gave up delivering Slack work");
      await store.completeOutbox(entry.id, owner);
      return { done: true, notes };
    }
    const delay = Math.min(policy.firstDelayMs * 2 ** entry.attempts, policy.maxDelayMs);
    logger.warn({ ...context, reason, retryInMs: delay }, "Slack work failed; will retry");
    await store.releaseOutbox(entry.id, owner, { dueAt: new Date(at + delay), failed: true, error: reason });
    return { done: false, notes };
  }

  /** `deliver`, never rejecting. */
  async function settle(entry: OutboxEntry): Promise<Delivery> {
    try {
      return await deliver(entry);
    } catch (error) {
      // The store failed: the claim expires and the entry is delivered again later.
      logger.error({ orderId: entry.orderId, err: error }, "could not deliver Slack work");
      return { done: false, notes: [] };
    }
  }

  function claim(orderId?: string) {
    const at = now();
    return store.claimOutbox({
      owner,
      now: at,
      claimUntil: new Date(at.getTime() + policy.claimMs),
      limit: orderId ? 1 : policy.batch,
      ...(orderId ? { orderId } : {}),
    });
  }

  /** Claims and delivers due entries, round after round, until none is left (or a stop). */
  async function drain(): Promise<number> {
    let delivered = 0;
    while (!stopping) {
      const claimed = await claim();
      if (claimed.length === 0) break;
      await Promise.all(claimed.map(settle));
      delivered += claimed.length;
    }
    return delivered;
  }

  return {
    /**
     * Delivers every entry due now; resolves once they are delivered or given back. Calls while a
     * round is under way are served by one more round after it.
     */
    deliverDue(): Promise<number> {
      if (queued) return queued;
      const round = tail.then(() => {
        queued = null;
        return drain();
      });
      queued = round;
      tail = round.catch((error: unknown) => logger.error({ err: error }, "the Slack outbox failed"));
      return round;
    },

    /**
     * Delivers the due entries of one order now, in order (the creator is watching the modal), and
     * returns what the modal should add: where the message went instead, or that it was not posted.
     */
    async deliverFor(orderId: string): Promise<string[]> {
      const notes: string[] = [];
      while (!stopping) {
        const [entry] = await claim(orderId);
        if (!entry) break;
        const delivery = await settle(entry);
        notes.push(...delivery.notes);
        // Given back (a failure, a rate limit): later rounds take it from here.
        if (!delivery.done) break;
      }
      return notes;
    },

    /** Claims nothing more; resolves once the round under way has finished its claimed work. */
    async stop(): Promise<void> {
      stopping = true;
      await tail;
    },
  };
}

export type SlackOutbox = ReturnType<typeof createSlackOutbox>;
