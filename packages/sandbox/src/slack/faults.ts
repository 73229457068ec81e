/** Faults a test arms for the next calls of a Web API method. */
export type Fault =
  | { kind: "rate_limited"; retryAfterSeconds: number }
  | { kind: "error"; error: string; status: number };

interface Armed {
  fault: Fault;
  remaining: number;
}

export class FaultPlan {
  readonly #armed = new Map<string, Armed[]>();

  arm(method: string, fault: Fault, times: number): void {
    if (!Number.isInteger(times) || times < 1)
      throw new RangeError(`times must be a positive integer, not ${times}`);
    const queue = this.#armed.get(method) ?? [];
    queue.push({ fault, remaining: times });
    this.#armed.set(method, queue);
  }

  /** The fault for this call of `method`, if one is armed (oldest first). */
  take(method: string): Fault | undefined {
    const queue = this.#armed.get(method);
    const next = queue?.[0];
    if (!queue || !next) return undefined;
    next.remaining -= 1;
    if (next.remaining === 0) queue.shift();
    return next.fault;
  }

  /** How many calls of `method` will still fail. */
  pending(method: string): number {
    return (this.#armed.get(method) ?? []).reduce((sum, armed) => sum + armed.remaining, 0);
  }
}
