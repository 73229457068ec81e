import {
  type FrontPaymentClient,
  FrontPaymentError,
  type FrontPaymentMethods,
  isOutcomeUnknown,
} from "@fakturabot/client";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "./prom-client.js";

/** What became of one invoice submission to Front Payment (docs/front-payment.md §12). */
export type InvoiceOutcome = "created" | "failed" | "unknown";

/** What became of one Front Payment callback. */
export type CallbackResult =
  | "applied"
  | "late"
  | "unchanged"
  | "duplicate"
  | "unconfirmed"
  | "rejected"
  | "unknown_order"
  | "error";

/** Why a callback was refused before it reached an order: a small, fixed set of classes. */
export type CallbackRejection = "checksum_mismatch" | "stale" | "malformed";

/** The outbox as its owner sees it right now: rows waiting, and how long the oldest has waited. */
export interface OutboxSnapshot {
  depth: number;
  oldestAgeSeconds: number;
}

export type OutboxProbe = () => OutboxSnapshot | Promise<OutboxSnapshot>;

/** A `fetch` as the Slack Web API client calls it. */
type SlackFetch = (url: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Seconds: Slack and Front Payment answer in tens of milliseconds to a few seconds; the clients give up at 10-15 s. */
const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];

/** The client methods that call Front Payment, each timed by its own name. */
const FRONT_PAYMENT_METHODS = new Set<string>([
  "submitInvoiceOrder",
  "getOrderStatus",
  "cancelOrder",
  "resendOrder",
  "getInvoiceNumber",
  "getOrderDetails",
  "getAllOrderStatuses",
  "refundOrder",
] satisfies (keyof FrontPaymentMethods)[]);

/**
 * The bot's Prometheus metrics, in a registry of its own (several bots in one process, as in the
 * tests, each count only their own work). Calls to Slack and Front Payment are measured by
 * wrapping what the bot is given (the Web API client's `fetch`, the Front Payment client), so the
 * business code only reports what it alone knows: callbacks' results and recovered orders.
 * Node's process and runtime metrics have a registry of their own, filled when the bot has started
 * (`collectProcessMetrics`) and served first, as they always were.
 */
export function createBotMetrics() {
  const processRegistry = new Registry();
  let collectingProcess = false;
  const registry = new Registry();
  const registers = [registry];

  const invoices = new Counter({
    name: "fakturabot_invoices_total",
    help: "Invoice submissions to Front Payment by outcome: created, failed (certainly not created) or unknown (may exist).",
    labelNames: ["outcome"] as const,
    registers,
  });
  const callbacks = new Counter({
    name: "fakturabot_callbacks_total",
    help: "Front Payment callbacks by result; reason is the class of a rejection (empty otherwise).",
    labelNames: ["result", "reason"] as const,
    registers,
  });
  const slackDuration = new Histogram({
    name: "fakturabot_slack_api_duration_seconds",
    help: "Slack Web API calls (each HTTP attempt) by method, in seconds.",
    labelNames: ["method"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const slackErrors = new Counter({
    name: "fakturabot_slack_api_errors_total",
    help: "Slack Web API attempts that failed, by method and class: network, timeout, rate_limited, http_4xx, http_5xx, or Slack's own error code (ok: false).",
    labelNames: ["method", "error"] as const,
    registers,
  });
  const frontPaymentDuration = new Histogram({
    name: "fakturabot_frontpayment_duration_seconds",
    help: "Front Payment calls (retries included) by client method, in seconds.",
    labelNames: ["operation"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const frontPaymentErrors = new Counter({
    name: "fakturabot_frontpayment_errors_total",
    help: "Front Payment calls that failed, by client method and error class (FrontPaymentTimeoutError, …).",
    labelNames: ["operation", "error"] as const,
    registers,
  });
  const recovered = new Counter({
    name: "fakturabot_recovered_submissions_total",
    help: "Submissions found interrupted (a stop, a crash or an expired lease) and marked unknown.",
    registers,
  });
  const repeats = new Counter({
    name: "fakturabot_slack_repeats_skipped_total",
    help: "Slack deliveries already handled (its retries, on any instance), answered without doing the work again.",
    registers,
  });
  let outboxProbe: OutboxProbe | undefined;
  let outboxSnapshot: Promise<OutboxSnapshot> | undefined;
  /** One probe per scrape for both gauges. */
  const snapshot = () => {
    outboxSnapshot ??= Promise.resolve(outboxProbe?.() ?? { depth: 0, oldestAgeSeconds: 0 }).finally(() => {
      outboxSnapshot = undefined;
    });
    return outboxSnapshot;
  };
  new Gauge({
    name: "fakturabot_outbox_depth",
    help: "Slack updates recorded and not yet delivered.",
    registers,
    async collect() {
      this.set((await snapshot()).depth);
    },
  });
  new Gauge({
    name: "fakturabot_outbox_oldest_age_seconds",
    help: "How long the oldest undelivered Slack update has waited, in seconds (0 when none).",
    registers,
    async collect() {
      this.set((await snapshot()).oldestAgeSeconds);
    },
  });

  function recordSlackAttempt(method: string, seconds: number, error: string | null) {
    slackDuration.observe({ method }, seconds);
    if (error) slackErrors.inc({ method, error });
  }

  return {
    /** Starts Node's process and runtime metrics (`fakturabot_process_*`, `fakturabot_nodejs_*`); once is enough. */
    collectProcessMetrics() {
      if (collectingProcess) return;
      collectingProcess = true;
      collectDefaultMetrics({ register: processRegistry, prefix: "fakturabot_" });
    },
    callback(result: CallbackResult, reason: CallbackRejection | "" = "") {
      callbacks.inc({ result, reason });
    },
    recovered(count: number) {
      recovered.inc(count);
    },
    repeatSkipped() {
      repeats.inc();
    },
    /** Where the outbox's depth and age come from (its owner wires it; zero until then). */
    setOutboxProbe(probe: OutboxProbe) {
      outboxProbe = probe;
    },

    /** The Web API client's `fetch`, timed per attempt, with failures classed (Slack's `ok: false` too). */
    slackFetch(fetch: SlackFetch = globalThis.fetch): SlackFetch {
      return async (url, init) => {
        const method = slackMethod(url);
        const started = performance.now();
        const seconds = () => (performance.now() - started) / 1000;
        let response: Response;
        try {
          response = await fetch(url, init);
        } catch (error) {
          recordSlackAttempt(method, seconds(), isTimeout(error) ? "timeout" : "network");
          throw error;
        }
        const answer = await classified(response);
        recordSlackAttempt(method, seconds(), answer.error);
        return answer.response;
      };
    },

    /** The Front Payment client with each call timed, failures classed and submissions counted by outcome. */
    frontPayment(client: FrontPaymentClient): FrontPaymentClient {
      return new Proxy(client, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (typeof property !== "string" || !FRONT_PAYMENT_METHODS.has(property)) return value;
          const operation = property;
          return async (...args: unknown[]) => {
            const stop = frontPaymentDuration.startTimer({ operation });
            try {
              const answer = await (value as (...inner: unknown[]) => Promise<unknown>).apply(target, args);
              if (operation === "submitInvoiceOrder") invoices.inc({ outcome: "created" });
              return answer;
            } catch (error) {
              frontPaymentErrors.inc({ operation, error: errorClass(error) });
              if (operation === "submitInvoiceOrder") {
                invoices.inc({ outcome: isOutcomeUnknown(error) ? "unknown" : "failed" });
              }
              throw error;
            } finally {
              stop();
            }
          };
        },
      });
    },

    /** The text exposition (`/metrics`). */
    async exposition(): Promise<{ contentType: string; body: string }> {
      const served = Registry.merge([processRegistry, registry]);
      return { contentType: served.contentType, body: await served.metrics() };
    },
  };
}

export type BotMetrics = ReturnType<typeof createBotMetrics>;

/** `chat.postMessage` from `https://slack.com/api/chat.postMessage`. */
function slackMethod(url: string | URL | Request): string {
  const href = typeof url === "string" ? url : url instanceof URL ? url.href : url.url;
  return new URL(href).pathname.split("/").at(-1) || "unknown";
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

/** Where a top-level `ok: false` can be; a body without it is not parsed. */
const NOT_OK = /"ok"\s*:\s*false/;
const UTF8 = new TextDecoder();

/**
 * The class of a failed answer, or null (Slack answers most errors with 200 and `ok: false`),
 * and the answer to hand on to the client. A 200's body is read once and handed on as a copy:
 * `views.open` answers echo the whole modal (~35 kB), and cloning and parsing it here as well as
 * in the client cost more CPU per `/invoice` than building the modal.
 */
async function classified(response: Response): Promise<{ error: string | null; response: Response }> {
  if (response.status === 429) return { error: "rate_limited", response };
  if (response.status >= 500) return { error: "http_5xx", response };
  if (response.status !== 200) return { error: "http_4xx", response };
  let bytes: ArrayBuffer;
  try {
    bytes = await response.arrayBuffer();
  } catch {
    // The client's own read of the body then fails too, as it would have.
    return { error: "unreadable", response };
  }
  const copy = new Response(bytes, response);
  // web-api tells some answers by their URL, which a copy would not have.
  Object.defineProperty(copy, "url", { value: response.url });
  return { error: slackError(UTF8.decode(bytes)), response: copy };
}

function slackError(text: string): string | null {
  const body = text.trim();
  if (!body.startsWith("{") || !body.endsWith("}")) return "unreadable";
  if (!NOT_OK.test(body)) return null;
  try {
    const parsed = JSON.parse(body) as { ok?: unknown; error?: unknown };
    if (parsed.ok !== false) return null;
    // Slack's codes are a fixed vocabulary (not_in_channel, invalid_blocks…): safe as a label.
    return typeof parsed.error === "string" && /^[a-z0-9_]{1,64}$/.test(parsed.error)
      ? parsed.error
      : "platform";
  } catch {
    return "unreadable";
  }
}

function errorClass(error: unknown): string {
  if (error instanceof FrontPaymentError) return error.name;
  return error instanceof Error ? "other" : "thrown";
}

/** Which class a `verifyCallback` refusal falls in, from its reason. */
export function callbackRejection(reason: string): CallbackRejection {
  if (/does not match|split differently/.test(reason)) return "checksum_mismatch";
  if (/ s old|in the future|no timestamp/.test(reason)) return "stale";
  return "malformed";
}
