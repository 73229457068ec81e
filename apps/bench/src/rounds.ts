/** One row of the results: a metric of the candidate and of its baseline, one value per round. */
export interface RowResult {
  row: string;
  unit: string;
  /** Whether a bigger value is better (throughput) or worse (latency, memory). */
  higherIsBetter: boolean;
  candidate: number[];
  baseline: number[];
  /** The goal for candidate ÷ baseline, when there is one. */
  goal?: { ratio: number; kind: "at most" | "at least" };
  /** How the row was measured (counts, concurrency), printed under the table. */
  detail: string;
}

/**
 * Runs `measure` for the candidate and the baseline in each of `rounds` rounds, alternating which
 * goes first, so drift on the machine (other processes, thermal, GC) falls on both alike.
 */
export async function interleaved<T>(
  rounds: number,
  measure: (side: "candidate" | "baseline", round: number) => Promise<T>,
): Promise<{ candidate: T[]; baseline: T[] }> {
  const candidate: T[] = [];
  const baseline: T[] = [];
  for (let round = 0; round < rounds; round++) {
    const order =
      round % 2 === 0 ? (["candidate", "baseline"] as const) : (["baseline", "candidate"] as const);
    for (const side of order) {
      const value = await measure(side, round);
      (side === "candidate" ? candidate : baseline).push(value);
    }
  }
  return { candidate, baseline };
}
