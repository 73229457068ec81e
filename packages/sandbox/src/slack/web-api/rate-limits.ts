import { type ApiArgs, stringArg } from "./args.js";

/** Slack's limits on the methods that post (docs.slack.dev "Rate limits"), as the stand-in enforces them. */
export interface SlackRateLimits {
  /** `chat.update` calls per minute in the workspace (Tier 3: about 50). */
  updatesPerMinute: number;
  /** `chat.postMessage` calls per second in one channel (about one). */
  postsPerSecondPerChannel: number;
}

export const SLACK_RATE_LIMITS: SlackRateLimits = { updatesPerMinute: 50, postsPerSecondPerChannel: 1 };

/**
 * Counts calls in a sliding window per method (and channel), by the sandbox clock; a call over the
 * limit gets how many seconds to wait, as Slack's `Retry-After`. Off until limits are set.
 */
export class RateLimiter {
  readonly #clock: () => number;
  #limits: SlackRateLimits | undefined;
  readonly #calls = new Map<string, number[]>();

  constructor(clock: () => number, limits?: SlackRateLimits) {
    this.#clock = clock;
    this.#limits = limits;
  }

  /** Enforces `limits` from now on; `undefined` turns them off. */
  set(limits: SlackRateLimits | undefined): void {
    this.#limits = limits;
    this.#calls.clear();
  }

  /** Seconds the caller must wait before calling `method` with `args` again, or 0 (the call counts). */
  retryAfter(method: string, args: ApiArgs): number {
    const limits = this.#limits;
    if (!limits) return 0;
    const rule =
      method === "chat.update"
        ? { key: method, windowMs: 60_000, max: limits.updatesPerMinute }
        : method === "chat.postMessage"
          ? {
              key: `${method}:${stringArg(args, "channel") ?? ""}`,
              windowMs: 1_000,
              max: limits.postsPerSecondPerChannel,
            }
          : undefined;
    if (!rule) return 0;
    const now = this.#clock();
    const recent = (this.#calls.get(rule.key) ?? []).filter((at) => at > now - rule.windowMs);
    this.#calls.set(rule.key, recent);
    const oldest = recent[0];
    if (recent.length >= rule.max && oldest !== undefined) {
      return Math.max(1, Math.ceil((oldest + rule.windowMs - now) / 1000));
    }
    recent.push(now);
    return 0;
  }
}
