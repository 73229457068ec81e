/** What a closed-loop run measured: each operation's latency (ms) and the run's wall time. */
export interface LoadResult {
  latenciesMs: number[];
  elapsedMs: number;
  failures: number;
  /** The first failure's message, to show what went wrong. */
  firstFailure?: string;
}

/**
 * Runs `operation(0 … count-1)` with `concurrency` in flight: each worker starts the next one as
 * soon as its last finished (a closed loop, as a client pool would). Bounded by `count`.
 */
export async function closedLoop(
  count: number,
  concurrency: number,
  operation: (index: number) => Promise<void>,
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let next = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  const startedAt = performance.now();
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const before = performance.now();
      try {
        await operation(index);
        latenciesMs.push(performance.now() - before);
      } catch (error) {
        failures++;
        firstFailure ??= describe(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return {
    latenciesMs,
    elapsedMs: performance.now() - startedAt,
    failures,
    ...(firstFailure === undefined ? {} : { firstFailure }),
  };
}

/** The error's message and its causes' (undici's "fetch failed" says why only in `cause`). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause === undefined ? error.message : `${error.message}: ${describe(error.cause)}`;
}
