import { scaled } from "../options.js";
import type { RunningTarget } from "../processes.js";
import { interleaved, type RowResult } from "../rounds.js";
import type { BenchContext } from "./context.js";

/** Settling time before idle memory is read: start-up's own garbage is collected or not by then. */
export const IDLE_AFTER_MS = 1000;

/** Process start → listening, and RSS once idle, of a fresh bot and a fresh bare Bolt app. */
export async function startupRows(context: BenchContext): Promise<RowResult[]> {
  const { options } = context;
  const rounds = scaled(options, options.rounds + 2, options.rounds);
  const results = await interleaved(rounds, async (side) => {
    const target: RunningTarget = await context.startTarget(side);
    try {
      await new Promise((resolve) => setTimeout(resolve, IDLE_AFTER_MS));
      return { startupMs: target.startupMs, rssMb: (await target.usage()).rssBytes / 2 ** 20 };
    } finally {
      await target.stop();
    }
  });
  const pick = (key: "startupMs" | "rssMb") => ({
    candidate: results.candidate.map((round) => round[key]),
    baseline: results.baseline.map((round) => round[key]),
  });
  return [
    {
      row: "start → listening",
      unit: "ms",
      higherIsBetter: false,
      ...pick("startupMs"),
      goal: { ratio: 1.3, kind: "at most" },
      detail: `${rounds} fresh processes per side (node on the built dist/, createBot + store + listen vs bare Bolt's App + listen), from spawn to listening`,
    },
    {
      row: "idle RSS after start",
      unit: "MB",
      higherIsBetter: false,
      ...pick("rssMb"),
      goal: { ratio: 1.2, kind: "at most" },
      detail: `the same processes, ${IDLE_AFTER_MS} ms after listening`,
    },
  ];
}
