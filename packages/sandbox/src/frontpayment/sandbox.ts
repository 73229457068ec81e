import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomerDetails } from "@fakturabot/schema";
import { listen, RecordLog, readBody, type SandboxLogger, sendJson, type WaitOptions } from "../http.js";
import { bankIdPath, createBankIdPage } from "./bankid-page.js";
import {
  type CallbackAttempt,
  CallbackDispatcher,
  type CallbackReleaseOrder,
  type CallbackRetry,
  DEFAULT_CALLBACK_RETRY,
} from "./callbacks.js";
import { decodedSegment, pause } from "./checks.js";
import {
  type ConnectEndpoint,
  type ConnectRequestEffect,
  type ConnectResult,
  createConnectApi,
  matchConnectRoute,
} from "./connect-api.js";
import { createControlApi } from "./control-api.js";
import { answers } from "./envelopes.js";
import {
  type ConnectFailNextOptions,
  type ConnectFault,
  FaultPlan,
  type PendingConnectFault,
} from "./faults.js";
import { createIdGenerator } from "./ids.js";
import { type FrontPaymentSandboxOrder, OrderBook } from "./orders.js";

export interface FrontPaymentSandboxOptions {
  /** Port on 127.0.0.1; any free port when left out. */
  port?: number;
  /** The secret the callbacks' checksums are made with: the one given to `verifyCallback`. */
  callbackSecret: string;
  /** Accepted bearer tokens (default `["sandbox-token"]`). */
  tokens?: readonly string[];
  /** Milliseconds since the epoch, for `createdAt`, `timestamp` and the logs (default `Date.now`). */
  clock?: () => number;
  /**
   * Whether a customer verifies with BankID before the order is INVOICED. Default: private
   * customers do, corporate ones go straight to INVOICED (revision 1452 of the docs;
   * docs/front-payment.md §3).
   */
  bankIdFor?: (customer: CustomerDetails) => boolean;
  /** Base URL for `bankIdUrl`, when browsers reach the sandbox at another address. */
  publicUrl?: string;
  /**
   * Whether the submit answer carries the BankID link (default true). False: `bankIdUrl` is null
   * even for an order waiting for BankID, as an answer that names the link otherwise or leaves it
   * out reaches a client (shared/reference/frontpayment-api.md §3.4).
   */
  linkInSubmitAnswer?: boolean;
  /** How failed callbacks are retried (default 3 tries, waiting 200 ms then 1 s). */
  callbackRetry?: CallbackRetry;
  /** How long one callback try may take (default 5000 ms). */
  callbackTimeoutMs?: number;
  /** Delivers callbacks (default the global `fetch`). */
  fetch?: typeof globalThis.fetch;
  /** VAT rates the account accepts (default 0, 12, 15, 25). */
  taxRates?: readonly number[];
  logger?: SandboxLogger;
}

/** One request to the Connect API, as the requests log keeps it. */
export interface ConnectRequestRecord {
  /** 1, 2, 3… in the order the requests arrived. */
  seq: number;
  /** When it arrived, in clock milliseconds. */
  receivedAt: number;
  method: string;
  path: string;
  /** null for a path that is not a Connect endpoint. */
  endpoint: ConnectEndpoint | null;
  /** The order in the path, or the one created. */
  orderUuid: string | null;
  /** What it changed; null when nothing (a read, a rejected request, or a fault that came first). */
  effect: ConnectRequestEffect | null;
  fault: ConnectFault | null;
  /** What the client got: an HTTP status, a closed connection, or nothing (held until it gave up). */
  outcome: { kind: "response"; status: number } | { kind: "dropped" } | { kind: "held" };
}

export type ConnectRequestMatch = Partial<
  Pick<ConnectRequestRecord, "endpoint" | "orderUuid" | "effect" | "fault">
>;
export type CallbackMatch = Partial<
  Pick<CallbackAttempt, "orderUuid" | "status" | "ok" | "attempt" | "copy">
>;

export interface FrontPaymentSandbox {
  /** Base URL to give the client, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  /** Stops the server, its held connections and pending callback retries; calling it again is harmless. */
  close(): Promise<void>;

  /** Copies of every order, oldest first. */
  orders(): FrontPaymentSandboxOrder[];
  /** A copy of the order, or undefined. */
  order(uuid: string): FrontPaymentSandboxOrder | undefined;
  /** Every Connect API request, in arrival order. */
  readonly requests: readonly ConnectRequestRecord[];
  /** Every callback try, in the order they finished. */
  readonly callbacks: readonly CallbackAttempt[];
  waitForRequest(
    match: ConnectRequestMatch | ((request: ConnectRequestRecord) => boolean),
    options?: WaitOptions,
  ): Promise<ConnectRequestRecord>;
  /** Resolves with the first callback try, made or to come, that matches. */
  waitForCallback(
    match: CallbackMatch | ((attempt: CallbackAttempt) => boolean),
    options?: WaitOptions,
  ): Promise<CallbackAttempt>;
  /** Resolves with the first `count` matching callback tries once there are that many. */
  waitForCallbacks(
    match: CallbackMatch | ((attempt: CallbackAttempt) => boolean),
    count: number,
    options?: Omit<WaitOptions, "count">,
  ): Promise<CallbackAttempt[]>;
  /** Resolves when no callback is being delivered or waiting for a retry (held ones aside). */
  callbacksIdle(): Promise<void>;
  /**
   * Calls `listener` after every change someone could see: a Connect request, a status change, a
   * BankID rejection, a callback try. Returns the function that stops it (the workspace page's feed).
   */
  onChange(listener: () => void): () => void;

  /** The customer approves on the BankID page: SENT → INVOICED, with a callback. */
  approveBankId(uuid: string): FrontPaymentSandboxOrder;
  /** The customer rejects on the BankID page; the order stays SENT. */
  rejectBankId(uuid: string): FrontPaymentSandboxOrder;
  /** The customer pays: INVOICED (or Purring, Inkasso) → PAID, with a callback. */
  markPaid(uuid: string, options?: { paymentMethod?: string }): FrontPaymentSandboxOrder;
  /** The link runs out: SENT → EXPIRED, with a callback. */
  expire(uuid: string): FrontPaymentSandboxOrder;
  /** Any status at all (Purring, REFUNDED, one nobody knows), with a callback. */
  setStatus(uuid: string, status: string, options?: { paymentMethod?: string }): FrontPaymentSandboxOrder;

  /** Every Connect API response (or only `endpoint`'s) waits this long first (0 to stop). */
  setLatency(ms: number, options?: { endpoint?: ConnectEndpoint }): void;
  /** The next matching Connect request gets `kind` instead of its answer. */
  failNext(kind: ConnectFault, options?: ConnectFailNextOptions): void;
  /** Latency 0, no pending API faults, no pending duplicate callbacks. */
  clearFaults(): void;
  /** The next `count` (default 1) callbacks are each delivered twice. */
  duplicateCallbacks(count?: number): void;
  /** Keeps new callbacks back until `releaseCallbacks`. */
  holdCallbacks(): void;
  /** Delivers the held callbacks, newest first unless `"as-held"`; resolves with their number once delivered. */
  releaseCallbacks(order?: CallbackReleaseOrder): Promise<number>;
  setCallbackRetry(retry: CallbackRetry): void;
  /** What is set up now: latency, pending faults, held callbacks… */
  faults(): FrontPaymentSandboxFaults;
}

export interface FrontPaymentSandboxFaults {
  latencyMs: number;
  pending: readonly PendingConnectFault[];
  duplicateCallbacksLeft: number;
  holdingCallbacks: boolean;
  heldCallbacks: number;
  callbackRetry: CallbackRetry;
}

/** Everything but the server itself: what the `/_sandbox/…` HTTP controls drive. */
export type FrontPaymentSandboxControls = Omit<FrontPaymentSandbox, "url" | "port" | "close">;

const DEFAULT_TOKENS = ["sandbox-token"];

/** Starts a local stand-in for Front Payment Go's Connect API on loopback. */
export async function startFrontPaymentSandbox(
  options: FrontPaymentSandboxOptions,
): Promise<FrontPaymentSandbox> {
  if (options.callbackSecret.length === 0) throw new RangeError("callbackSecret must not be empty");
  const tokens = new Set(options.tokens ?? DEFAULT_TOKENS);
  const clock = options.clock ?? Date.now;
  const logger = options.logger;
  let publicUrl = "";
  const changeListeners = new Set<() => void>();
  const changed = () => {
    for (const listener of [...changeListeners]) listener();
  };

  const dispatcher = new CallbackDispatcher({
    secret: options.callbackSecret,
    fetch: options.fetch ?? globalThis.fetch,
    clock,
    retry: options.callbackRetry ?? DEFAULT_CALLBACK_RETRY,
    timeoutMs: options.callbackTimeoutMs ?? 5000,
    logger,
  });
  const book = new OrderBook({
    ids: createIdGenerator(),
    clock,
    bankIdFor: options.bankIdFor ?? ((customer) => customer.type === "private"),
    bankIdUrlFor: (uuid) => `${publicUrl}${bankIdPath(uuid)}`,
    onStatusChange: (order) => {
      logger?.info({ orderUuid: order.uuid, status: order.status }, "order status changed");
      dispatcher.notify(order);
      changed();
    },
    onBankIdRejection: changed,
  });
  const connect = createConnectApi(book, {
    taxRates: options.taxRates,
    ...(options.linkInSubmitAnswer === undefined ? {} : { linkInSubmitAnswer: options.linkInSubmitAnswer }),
  });
  const faultPlan = new FaultPlan();
  const requestLog = new RecordLog<ConnectRequestRecord>();
  requestLog.subscribe(changed);
  dispatcher.attempts.subscribe(changed);
  const handleBankIdPage = createBankIdPage(book);
  const shutdown = new AbortController();
  let sequence = 0;

  async function handleConnect(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    query: URLSearchParams,
  ) {
    const method = request.method ?? "GET";
    const receivedAt = clock();
    const seq = ++sequence;
    const body = await readBody(request);
    const route = matchConnectRoute(method, path);
    if (route.kind !== "endpoint") {
      const answer =
        route.kind === "wrong-method"
          ? answers.methodNotAllowed(method, path, route.allowed)
          : answers.routeNotFound(method, path);
      sendJson(response, answer.status, answer.body);
      record({
        endpoint: null,
        orderUuid: null,
        effect: null,
        fault: null,
        outcome: responded(answer.status),
      });
      return;
    }
    const latencyMs = faultPlan.latencyFor(route.endpoint);
    if (latencyMs > 0) await pause(latencyMs, shutdown.signal);
    if (shutdown.signal.aborted) return;

    const fault = faultPlan.take(route.endpoint);
    if (!fault) {
      const { answer, orderUuid, effect } = carryOut(request, route.endpoint, route.orderUuid, body, query);
      sendJson(response, answer.status, answer.body);
      record({ endpoint: route.endpoint, orderUuid, effect, fault: null, outcome: responded(answer.status) });
      return;
    }
    const result = fault.processFirst
      ? carryOut(request, route.endpoint, route.orderUuid, body, query)
      : undefined;
    record({
      endpoint: route.endpoint,
      orderUuid: result?.orderUuid ?? route.orderUuid,
      effect: result?.effect ?? null,
      fault: fault.kind,
      outcome: failWith(fault.kind, request, response),
    });

    function record(fields: Omit<ConnectRequestRecord, "seq" | "receivedAt" | "method" | "path">) {
      requestLog.push({ seq, receivedAt, method, path, ...fields });
      const { outcome, ...rest } = fields;
      const answered = outcome.kind === "response" ? outcome.status : outcome.kind;
      logger?.info({ ...rest, answered }, `${method} ${path}`);
    }
  }

  function carryOut(
    request: IncomingMessage,
    endpoint: ConnectEndpoint,
    orderUuid: string | null,
    body: string,
    query: URLSearchParams,
  ): ConnectResult {
    const problem = authenticationProblem(request.headers.authorization, tokens);
    if (problem) return { answer: answers.unauthenticated(problem), orderUuid, effect: null };
    return connect.handle(endpoint, orderUuid, body, query);
  }

  /** Answers with the fault instead of the request's own answer, and says what the client got. */
  function failWith(
    kind: ConnectFault,
    request: IncomingMessage,
    response: ServerResponse,
  ): ConnectRequestRecord["outcome"] {
    switch (kind) {
      case 429: {
        const answer = answers.tooManyRequests();
        sendJson(response, answer.status, answer.body, { "retry-after": "1" });
        return responded(answer.status);
      }
      case 500:
      case 510: {
        const answer =
          kind === 500
            ? answers.internalError(new Date(clock()).toISOString())
            : answers.executionException();
        sendJson(response, answer.status, answer.body);
        return responded(answer.status);
      }
      case "drop":
        request.socket.destroy();
        return { kind: "dropped" };
      case "timeout":
        // Nothing is written: the connection stays open until the client gives up or the sandbox closes.
        return { kind: "held" };
    }
  }

  const controls: FrontPaymentSandboxControls = {
    orders: () => book.all().map((order) => structuredClone(order)),
    order: (uuid) => {
      const order = book.find(uuid);
      return order && structuredClone(order);
    },
    get requests() {
      return requestLog.entries;
    },
    get callbacks() {
      return dispatcher.attempts.entries;
    },
    waitForRequest: (match, waitOptions) =>
      requestLog.waitFor(matcher(match), { what: "a Connect request", ...waitOptions }),
    waitForCallback: (match, waitOptions) =>
      dispatcher.attempts.waitFor(matcher(match), { what: "a callback try", ...waitOptions }),
    waitForCallbacks: (match, count, waitOptions) =>
      dispatcher.attempts.waitForAll(matcher(match), { what: "callback tries", ...waitOptions, count }),
    callbacksIdle: () => dispatcher.idle(),
    onChange: (listener) => {
      changeListeners.add(listener);
      return () => {
        changeListeners.delete(listener);
      };
    },

    approveBankId: (uuid) => structuredClone(book.approveBankId(uuid)),
    rejectBankId: (uuid) => structuredClone(book.rejectBankId(uuid)),
    markPaid: (uuid, { paymentMethod } = {}) => structuredClone(book.markPaid(uuid, paymentMethod)),
    expire: (uuid) => structuredClone(book.expire(uuid)),
    setStatus: (uuid, status, { paymentMethod } = {}) =>
      structuredClone(book.setStatus(uuid, status, paymentMethod)),

    setLatency: (ms, options) => faultPlan.setLatency(ms, options),
    failNext: (kind, failOptions) => faultPlan.failNext(kind, failOptions),
    clearFaults: () => {
      faultPlan.clear();
      dispatcher.duplicateNext(0);
    },
    duplicateCallbacks: (count = 1) => dispatcher.duplicateNext(count),
    holdCallbacks: () => dispatcher.hold(),
    releaseCallbacks: (order) => dispatcher.release(order),
    setCallbackRetry: (retry) => dispatcher.setRetry(retry),
    faults: () => ({
      latencyMs: faultPlan.latencyMs,
      pending: faultPlan.pending,
      duplicateCallbacksLeft: dispatcher.duplicatesLeft,
      holdingCallbacks: dispatcher.holding,
      heldCallbacks: dispatcher.heldCount,
      callbackRetry: dispatcher.retry,
    }),
  };

  const handleControl = createControlApi(controls);
  async function route(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://sandbox");
    const path = url.pathname;
    if (path.startsWith("/_sandbox/")) return handleControl(request, response, path);
    const bankIdPage = /^\/bankid\/([^/]+)$/.exec(path)?.[1];
    if (bankIdPage !== undefined) return handleBankIdPage(request, response, decodedSegment(bankIdPage));
    return handleConnect(request, response, path, url.searchParams);
  }

  const server = await listen((request, response) => {
    route(request, response).catch((error: unknown) => {
      logger?.warn(
        { error: error instanceof Error ? error.message : String(error) },
        "sandbox request failed",
      );
      if (!response.headersSent)
        sendJson(response, 500, answers.internalError(new Date(clock()).toISOString()).body);
      else response.destroy();
    });
  }, options.port ?? 0);
  publicUrl = (options.publicUrl ?? server.url).replace(/\/+$/, "");

  let closing: Promise<void> | undefined;
  // Assigned onto `controls`, not spread, so `requests` and `callbacks` stay live getters.
  const sandbox: FrontPaymentSandbox = Object.assign(controls, {
    url: server.url,
    port: server.port,
    close: () => {
      closing ??= (async () => {
        shutdown.abort();
        dispatcher.close();
        await server.close();
      })();
      return closing;
    },
  });
  return sandbox;
}

function responded(status: number): ConnectRequestRecord["outcome"] {
  return { kind: "response", status };
}

/** Why a request is not authenticated, in words that never repeat the token; undefined if it is. */
function authenticationProblem(header: string | undefined, tokens: ReadonlySet<string>): string | undefined {
  if (header === undefined || header.trim() === "")
    return "The Authorization header with a bearer token is missing.";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return 'The Authorization header must be "Bearer <token>".';
  if (!tokens.has(match[1])) return "The bearer token is not valid.";
  return undefined;
}

/** A predicate from an object of expected fields, or the predicate itself. */
function matcher<T extends object>(match: Partial<T> | ((entry: T) => boolean)): (entry: T) => boolean {
  if (typeof match === "function") return match;
  const expected = Object.entries(match);
  return (entry) => expected.every(([key, value]) => (entry as Record<string, unknown>)[key] === value);
}
