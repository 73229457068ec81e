import { signCallback } from "@fakturabot/client";
import { unixSeconds } from "@fakturabot/schema";
import type { SandboxLogger } from "../http.js";
import { RecordLog } from "../http.js";
import { nextTurn, nonNegativeInteger, pause } from "./checks.js";
import type { FrontPaymentSandboxOrder } from "./orders.js";

/** How a callback that fails (non-2xx or no response) is tried again. */
export interface CallbackRetry {
  /** Tries in all, the first included (1: never retried). */
  attempts: number;
  /** Waits before the 2nd, 3rd… try; the last one repeats when there are more tries than waits. */
  delaysMs: readonly number[];
}

/** Front Payment documents no retry policy; a short bounded one keeps failing receivers testable. */
export const DEFAULT_CALLBACK_RETRY: CallbackRetry = { attempts: 3, delaysMs: [200, 1000] };

/** One try to deliver a callback, as the callbacks log keeps it. */
export interface CallbackAttempt {
  /** The status change being reported; a duplicate delivery shares it with the original. */
  notificationId: number;
  /** 1 for the original delivery, 2 for a duplicate of it. */
  copy: number;
  /** 1 for the first try, then 2, 3… for retries. */
  attempt: number;
  orderUuid: string;
  status: string;
  /** The signed URL that was requested (GET). */
  url: string;
  /** When the try started, in clock milliseconds. */
  startedAt: number;
  outcome: { kind: "response"; status: number } | { kind: "error"; message: string };
  /** The receiver answered 2xx. */
  ok: boolean;
  /** Another try of the same delivery follows. */
  willRetry: boolean;
}

export type CallbackReleaseOrder = "reversed" | "as-held";

interface Delivery {
  notificationId: number;
  copy: number;
  orderUuid: string;
  status: string;
  url: string;
}

export interface CallbackDispatcherOptions {
  secret: string;
  fetch: typeof globalThis.fetch;
  clock: () => number;
  retry: CallbackRetry;
  /** How long one try may take before it counts as failed. */
  timeoutMs: number;
  logger: SandboxLogger | undefined;
}

/**
 * Sends status callbacks in the background (never in the way of an API response), one order's
 * callbacks one after another so they arrive in order unless a fault says otherwise, and keeps
 * every try in `attempts`.
 */
export class CallbackDispatcher {
  readonly attempts = new RecordLog<CallbackAttempt>();
  #retry: CallbackRetry;
  #notifications = 0;
  #duplicatesLeft = 0;
  #holding = false;
  #held: Delivery[] = [];
  readonly #queues = new Map<string, Promise<void>>();
  #inFlight = 0;
  readonly #idleWaiters = new Set<() => void>();
  readonly #shutdown = new AbortController();

  constructor(private readonly options: CallbackDispatcherOptions) {
    this.#retry = validRetry(options.retry);
  }

  /** Reports the order's current status to its `callback.callbackUrl`, if it has one. */
  notify(order: Readonly<FrontPaymentSandboxOrder>): void {
    const callbackUrl = order.request.callback.callbackUrl;
    if (callbackUrl === undefined || this.#shutdown.signal.aborted) return;
    const notificationId = ++this.#notifications;
    const params: [string, string][] = [
      ["orderUuid", order.uuid],
      ["status", order.status],
      ["paymentMethod", order.paymentMethod],
      ["amount", order.orderAmount.toFixed(2)],
      ["createdAt", String(order.createdAt)],
      ["timestamp", String(unixSeconds(this.options.clock()))],
    ];
    let url: string;
    try {
      url = signedCallbackUrl(callbackUrl, params, this.options.secret);
    } catch (error) {
      // The URL's own query repeats one of the callback's parameters: Front Payment's checksum
      // scheme cannot sign that, so the try fails visibly instead of sending something unverifiable.
      const message = `cannot sign the callback: ${error instanceof Error ? error.message : String(error)}`;
      const delivery = {
        notificationId,
        copy: 1,
        orderUuid: order.uuid,
        status: order.status,
        url: callbackUrl,
      };
      this.attempts.push({
        ...delivery,
        attempt: 1,
        startedAt: this.options.clock(),
        outcome: { kind: "error", message },
        ok: false,
        willRetry: false,
      });
      this.options.logger?.warn({ orderUuid: order.uuid, status: order.status }, message);
      return;
    }
    const copies = this.#duplicatesLeft > 0 ? 2 : 1;
    if (copies === 2) this.#duplicatesLeft--;
    for (let copy = 1; copy <= copies; copy++) {
      const delivery = { notificationId, copy, orderUuid: order.uuid, status: order.status, url };
      if (this.#holding) this.#held.push(delivery);
      else void this.#enqueue(delivery);
    }
  }

  /** The next `count` callbacks are each delivered twice, identically. */
  duplicateNext(count: number): void {
    this.#duplicatesLeft = nonNegativeInteger(count, "duplicate count");
  }

  /** Keep new callbacks back until `release`, to deliver them out of order. */
  hold(): void {
    this.#holding = true;
  }

  /**
   * Stops holding and delivers what was held, newest first unless told otherwise; resolves when
   * those deliveries (retries included) are done.
   */
  async release(order: CallbackReleaseOrder = "reversed"): Promise<number> {
    this.#holding = false;
    const held = order === "reversed" ? this.#held.reverse() : this.#held;
    this.#held = [];
    await Promise.all(held.map((delivery) => this.#enqueue(delivery)));
    return held.length;
  }

  get duplicatesLeft(): number {
    return this.#duplicatesLeft;
  }

  get holding(): boolean {
    return this.#holding;
  }

  get heldCount(): number {
    return this.#held.length;
  }

  setRetry(retry: CallbackRetry): void {
    this.#retry = validRetry(retry);
  }

  get retry(): CallbackRetry {
    return this.#retry;
  }

  /** Resolves once no callback is being delivered or waiting to be retried (held ones aside). */
  idle(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.add(resolve));
  }

  /** Stops retries and abandons deliveries in flight. */
  close(): void {
    this.#shutdown.abort();
    this.#held = [];
  }

  #enqueue(delivery: Delivery): Promise<void> {
    this.#inFlight++;
    const previous = this.#queues.get(delivery.orderUuid) ?? Promise.resolve();
    const done = previous
      .then(() => nextTurn())
      .then(() => this.#deliver(delivery))
      .finally(() => {
        if (this.#queues.get(delivery.orderUuid) === done) this.#queues.delete(delivery.orderUuid);
        if (--this.#inFlight === 0) for (const wake of this.#idleWaiters) wake();
        if (this.#inFlight === 0) this.#idleWaiters.clear();
      });
    this.#queues.set(delivery.orderUuid, done);
    return done;
  }

  async #deliver(delivery: Delivery): Promise<void> {
    const { attempts, delaysMs } = this.#retry;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (this.#shutdown.signal.aborted) return;
      const startedAt = this.options.clock();
      const outcome = await this.#request(delivery.url);
      const ok = outcome.kind === "response" && outcome.status >= 200 && outcome.status < 300;
      const willRetry = !ok && attempt < attempts && !this.#shutdown.signal.aborted;
      this.attempts.push({ ...delivery, attempt, startedAt, outcome, ok, willRetry });
      this.options.logger?.info(
        {
          orderUuid: delivery.orderUuid,
          status: delivery.status,
          attempt,
          result: outcome.kind === "response" ? outcome.status : outcome.message,
        },
        ok ? "callback delivered" : willRetry ? "callback failed, will retry" : "callback failed",
      );
      if (!willRetry) return;
      await pause(delaysMs[attempt - 1] ?? delaysMs.at(-1) ?? 0, this.#shutdown.signal);
    }
  }

  async #request(url: string): Promise<CallbackAttempt["outcome"]> {
    try {
      const response = await this.options.fetch(url, {
        method: "GET",
        redirect: "manual",
        signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.#shutdown.signal]),
      });
      await response.body?.cancel();
      return { kind: "response", status: response.status };
    } catch (error) {
      return { kind: "error", message: describeFetchError(error) };
    }
  }
}

/**
 * The callback URL with the signed parameters appended. Parameters already in the URL come first
 * and are covered by the checksum too, as Front Payment's verification example hashes every
 * received parameter; Fakturabot's own callback URLs carry none (docs/front-payment.md §9).
 */
function signedCallbackUrl(
  callbackUrl: string,
  params: readonly (readonly [string, string])[],
  secret: string,
): string {
  const url = new URL(callbackUrl);
  const own = [...url.searchParams];
  url.search = "";
  url.hash = "";
  return `${url.href}?${signCallback([...own, ...params], secret)}`;
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return "no response in time";
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

function validRetry(retry: CallbackRetry): CallbackRetry {
  const attempts = nonNegativeInteger(retry.attempts, "callbackRetry.attempts");
  if (attempts < 1) throw new RangeError("callbackRetry.attempts must be at least 1");
  for (const delay of retry.delaysMs) nonNegativeInteger(delay, "callbackRetry.delaysMs");
  return { attempts, delaysMs: [...retry.delaysMs] };
}
