import { nonNegativeInteger } from "./checks.js";
import type { ConnectEndpoint } from "./connect-api.js";

/**
 * What the next matching request gets instead of its answer: Front Payment's 500 or 510 body, a
 * response that never comes (`timeout`: held until the client gives up), or a connection closed
 * without any response (`drop`).
 */
/**
 * 429 is a refusal (nothing was done: the demo API limits requests, docs/front-payment.md §2), 500
 * and 510 are failures that may come after the request was carried out (`processFirst`).
 */
export type ConnectFault = 429 | 500 | 510 | "timeout" | "drop";
export const FAULT_KINDS: readonly ConnectFault[] = [429, 500, 510, "timeout", "drop"];

export interface ConnectFailNextOptions {
  /** Only requests to this endpoint take the fault; any Connect endpoint when left out. */
  endpoint?: ConnectEndpoint;
  /** How many matching requests fail, one after another (default 1). */
  times?: number;
  /**
   * Carry the request out first (create the order, cancel it…), then fail: the client cannot tell
   * whether it took effect. Default false: it fails before anything happens.
   */
  processFirst?: boolean;
}

export interface PendingConnectFault {
  kind: ConnectFault;
  endpoint: ConnectEndpoint | null;
  remaining: number;
  processFirst: boolean;
}

/** The Connect API's latency and the faults waiting for their request. */
export class FaultPlan {
  latencyMs = 0;
  /** When set, only requests to this endpoint wait. */
  latencyEndpoint: ConnectEndpoint | null = null;
  #pending: PendingConnectFault[] = [];

  setLatency(ms: number, { endpoint }: { endpoint?: ConnectEndpoint } = {}): void {
    this.latencyMs = nonNegativeInteger(ms, "latency");
    this.latencyEndpoint = endpoint ?? null;
  }

  /** How long a request to `endpoint` waits before it is answered. */
  latencyFor(endpoint: ConnectEndpoint): number {
    return this.latencyEndpoint === null || this.latencyEndpoint === endpoint ? this.latencyMs : 0;
  }

  failNext(
    kind: ConnectFault,
    { endpoint, times = 1, processFirst = false }: ConnectFailNextOptions = {},
  ): void {
    if (!FAULT_KINDS.includes(kind))
      throw new RangeError(`Unknown fault ${JSON.stringify(kind)}; use one of ${FAULT_KINDS.join(", ")}.`);
    if (kind === 429 && processFirst)
      throw new RangeError("A 429 refuses the request: it cannot be carried out first.");
    if (nonNegativeInteger(times, "times") === 0) return;
    this.#pending.push({ kind, endpoint: endpoint ?? null, remaining: times, processFirst });
  }

  /** The fault the request to `endpoint` takes, if one waits for it; used up as it is taken. */
  take(endpoint: ConnectEndpoint): PendingConnectFault | undefined {
    const fault = this.#pending.find((pending) => pending.endpoint === null || pending.endpoint === endpoint);
    if (!fault) return undefined;
    if (--fault.remaining === 0) this.#pending.splice(this.#pending.indexOf(fault), 1);
    return fault;
  }

  get pending(): readonly PendingConnectFault[] {
    return this.#pending.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.latencyMs = 0;
    this.latencyEndpoint = null;
    this.#pending = [];
  }
}
