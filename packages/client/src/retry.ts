/** How failed requests are retried. Every field has a default; `sleep`, `random`, `now` are for tests. */
export interface RetryOptions {
  /** Retries after the first attempt (0: never retry). Default 2. */
  maxRetries?: number;
  /** The backoff before the first retry, doubled for each further one. Default 500 ms. */
  baseDelayMs?: number;
  /** The longest backoff. Default 8 000 ms. */
  maxDelayMs?: number;
  /**
   * `equal` (default) waits between half and all of the backoff; `full` anywhere from zero to
   * all of it. Either way concurrent clients do not retry in lockstep.
   */
  jitter?: "full" | "equal";
  /** The longest `Retry-After` honoured; when Front Payment asks for more, the error is returned instead. Default 30 000 ms. */
  maxRetryAfterMs?: number;
  /** Waits between attempts. Default: a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for the jitter. Default `Math.random`. */
  random?: () => number;
  /** The clock in epoch milliseconds, for `Retry-After` given as an HTTP date. Default `Date.now`. */
  now?: () => number;
}

export type RetrySettings = Required<RetryOptions>;

export const DEFAULT_RETRY: RetrySettings = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  jitter: "equal",
  maxRetryAfterMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
};

export function retrySettings(options: RetryOptions = {}): RetrySettings {
  const settings = { ...DEFAULT_RETRY, ...definedFields(options) };
  for (const key of ["maxRetries", "baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    const value = settings[key];
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`retry.${key} must be a number of at least 0, not ${value}`);
  }
  if (!Number.isInteger(settings.maxRetries)) throw new RangeError("retry.maxRetries must be a whole number");
  if (settings.jitter !== "full" && settings.jitter !== "equal")
    throw new RangeError(`retry.jitter must be "full" or "equal", not ${String(settings.jitter)}`);
  return settings;
}

/** Capped exponential backoff with jitter, before retry number `retry` (1 for the first). */
export function backoffMs(retry: number, settings: RetrySettings): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1));
  const floor = settings.jitter === "equal" ? ceiling / 2 : 0;
  return Math.round(floor + settings.random() * (ceiling - floor));
}

/** `Retry-After` (delay in seconds, or an HTTP date) in milliseconds from now; undefined if absent or unreadable. */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  // Stryker disable next-line MethodExpression: Headers.get already strips the spaces around a value
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function definedFields<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
