/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The `p`th percentile by linear interpolation between the closest ranks; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  return lowValue + ((sorted[high] as number) - lowValue) * (rank - low);
}

/** A metric over rounds: its median and its range, which says how far to trust the median. */
export interface Summary {
  median: number;
  min: number;
  max: number;
}

export function summarise(values: readonly number[]): Summary {
  return {
    median: median(values),
    min: values.length === 0 ? Number.NaN : Math.min(...values),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
  };
}

/**
 * Candidate ÷ baseline per round, so each ratio compares two measurements taken moments apart
 * on the same (shared, noisy) machine; the rounds' ratios are then summarised.
 */
export function roundRatios(candidate: readonly number[], baseline: readonly number[]): number[] {
  if (candidate.length !== baseline.length)
    throw new RangeError(`${candidate.length} candidate rounds but ${baseline.length} baseline rounds`);
  return candidate.map((value, index) => value / (baseline[index] as number));
}
