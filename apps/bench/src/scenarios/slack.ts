import { closedLoop } from "../load.js";
import { scaled } from "../options.js";
import type { RowResult } from "../rounds.js";
import { interleaved } from "../rounds.js";
import { openFilledModal, timeInvoiceCommand, timeSubmission } from "../stand-ins.js";
import { percentile } from "../stats.js";
import type { BenchContext } from "./context.js";

/** `/invoice` → `views.open`, one at a time and 200 at once, against bare Bolt opening the same modal. */
export async function invoiceRows(context: BenchContext): Promise<RowResult[]> {
  const { options, standIns } = context;
  // Enough commands that the p99 is the fifth-slowest of 500, not the slowest but one of 100 (one stall).
  const sequential = scaled(options, 500, 50);
  const concurrent = scaled(options, 200, 200);
  let failures = 0;
  const servers = { candidate: context.bot, baseline: context.bareBolt };
  const measure = (concurrency: number, count: number) => async (side: "candidate" | "baseline") => {
    const driver = context.drivers[side];
    const latencies: number[] = [];
    const before = await servers[side].usage();
    const result = await closedLoop(count, concurrency, async () => {
      latencies.push(await timeInvoiceCommand(standIns, driver));
    });
    const after = await servers[side].usage();
    // A loaded machine drops the odd connection; more than that is a broken run.
    failures += result.failures;
    if (result.failures > count * 0.05)
      throw new Error(`/invoice failed ${result.failures} of ${count} times: ${result.firstFailure}`);
    return { latencies, cpuMsPerCommand: (after.cpuMs - before.cpuMs) / count };
  };
  // Warm connections and code paths on both sides first.
  for (const side of ["candidate", "baseline"] as const) await measure(200, 200)(side);
  const one = await interleaved(options.rounds, measure(1, sequential));
  const many = await interleaved(options.rounds, measure(200, concurrent));
  const at = (rounds: { latencies: number[] }[], p: number) =>
    rounds.map(({ latencies }) => percentile(latencies, p));
  const detail = (count: number, concurrency: number) =>
    `${count} \`/invoice\` per round, ${concurrency} in flight, signed HTTP from the Slack stand-in, until the modal is open in it (${failures} requests failed in all, left out)`;
  return [
    {
      row: "/invoice → views.open, 1 at a time, p50",
      unit: "ms",
      higherIsBetter: false,
      candidate: at(one.candidate, 50),
      baseline: at(one.baseline, 50),
      detail: detail(sequential, 1),
    },
    {
      row: "/invoice → views.open, 1 at a time, p99",
      unit: "ms",
      higherIsBetter: false,
      candidate: at(one.candidate, 99),
      baseline: at(one.baseline, 99),
      goal: { ratio: 1.1, kind: "at most" },
      detail: detail(sequential, 1),
    },
    {
      row: "/invoice → views.open, 200 in flight, p99",
      unit: "ms",
      higherIsBetter: false,
      candidate: at(many.candidate, 99),
      baseline: at(many.baseline, 99),
      goal: { ratio: 1.1, kind: "at most" },
      detail: detail(concurrent, 200),
    },
    {
      // CPU time is far steadier than latency on a shared machine: what the server spent per command.
      row: "/invoice, CPU per command (the server's process)",
      unit: "ms",
      higherIsBetter: false,
      candidate: one.candidate.map((round) => round.cpuMsPerCommand),
      baseline: one.baseline.map((round) => round.cpuMsPerCommand),
      detail: detail(sequential, 1),
    },
  ];
}

/** Submit → the order's message in the channel, against bare Bolt making the same two calls. */
export async function submitRows(context: BenchContext): Promise<RowResult[]> {
  const { options, standIns } = context;
  const count = scaled(options, 10, 2);
  const measure = async (side: "candidate" | "baseline") => {
    const latencies: number[] = [];
    for (let index = 0; index < count; index++) {
      const modal = await openFilledModal(context.drivers[side], { redraws: side === "candidate" });
      latencies.push(await timeSubmission(standIns, modal));
    }
    return percentile(latencies, 50);
  };
  await measure("candidate");
  await measure("baseline");
  const rounds = await interleaved(options.rounds, measure);
  return [
    {
      row: "submit → channel message, p50",
      unit: "ms",
      higherIsBetter: false,
      ...rounds,
      detail: `${count} orders per round one after another; baseline: Bolt acks, POSTs the same order to the Front Payment stand-in and posts the same message`,
    },
  ];
}
