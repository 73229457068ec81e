import { signCallback } from "@fakturabot/client";
import { closedLoop } from "../load.js";
import { scaled } from "../options.js";
import type { RunningTarget } from "../processes.js";
import { interleaved, type RowResult } from "../rounds.js";
import { SECRETS } from "../stand-ins.js";
import { STORES } from "../stores.js";
import type { BenchContext } from "./context.js";
import { IDLE_AFTER_MS } from "./startup.js";

const IN_FLIGHT = 50;
/**
 * Each order's callbacks say PAID (as Front Payment's order does) with distinct timestamps within
 * the bot's accepted window (one hour): repeats, recorded as such. Past 3000 per order they recur.
 * Counted back from the moment each is sent, so a long run's last ones are not stale.
 */
const TIMESTAMPS_PER_ORDER = 3000;

/**
 * Signed callback paths (`/frontpayment/callback/<id>?…`) about the bot's orders, round-robin, as
 * Front Payment would send them.
 */
export function callbackPaths(orders: BenchContext["orders"]) {
  let sent = 0;
  return () => {
    const index = sent++;
    const order = orders[index % orders.length];
    if (!order) throw new Error("No orders to send callbacks about");
    const repeat = Math.floor(index / orders.length);
    const query = signCallback(
      [
        ["orderUuid", order.fpOrderUuid],
        ["status", "PAID"],
        ["paymentMethod", "Visa"],
        ["amount", order.amount],
        ["createdAt", String(order.createdAt)],
        ["timestamp", String(Math.floor(Date.now() / 1000) - 100 - (repeat % TIMESTAMPS_PER_ORDER))],
      ],
      SECRETS.callbackSecret,
    );
    return `/frontpayment/callback/${order.id}?${query}`;
  };
}

async function sendCallbacks(
  target: RunningTarget,
  nextPath: () => string,
  count: number,
  onProgress?: () => void,
) {
  const result = await closedLoop(count, IN_FLIGHT, async () => {
    const response = await fetch(`${target.url}${nextPath()}`);
    await response.text();
    if (response.status !== 200) throw new Error(`callback answered ${response.status}`);
    onProgress?.();
  });
  if (result.failures > 0) throw new Error(`${result.failures} callbacks failed: ${result.firstFailure}`);
  return result;
}

/** Verified callbacks answered per second with 50 in flight, and CPU time per callback. */
export async function callbackRows(context: BenchContext): Promise<RowResult[]> {
  const { options } = context;
  const count = scaled(options, 1000, 200);
  const nextPath = callbackPaths(context.orders);
  const targets = { candidate: context.bot, baseline: context.callbackBaseline };
  for (const target of Object.values(targets)) await sendCallbacks(target, nextPath, 500);
  const rounds = await interleaved(options.rounds, async (side) => {
    const target = targets[side];
    const before = await target.usage();
    const { elapsedMs } = await sendCallbacks(target, nextPath, count);
    const after = await target.usage();
    return { perSecond: (count / elapsedMs) * 1000, cpuMsPerCallback: (after.cpuMs - before.cpuMs) / count };
  });
  const detail = `${count} signed callbacks per round, ${IN_FLIGHT} in flight, store ${options.store}; baseline: node:http + SHA-256 + ${STORES[options.store].baseline}`;
  return [
    {
      row: "verified callbacks answered per second",
      unit: "/s",
      higherIsBetter: true,
      candidate: rounds.candidate.map((round) => round.perSecond),
      baseline: rounds.baseline.map((round) => round.perSecond),
      detail,
    },
    {
      row: "CPU per callback (the server's process)",
      unit: "ms",
      higherIsBetter: false,
      candidate: rounds.candidate.map((round) => round.cpuMsPerCallback),
      baseline: rounds.baseline.map((round) => round.cpuMsPerCallback),
      detail,
    },
  ];
}

/** Where the long run reports the bot's memory: after this share of its callbacks. */
const MEMORY_CHECKPOINTS = [0.1, 0.5, 1] as const;

/**
 * The highest RSS sampled (every 250 ms) while `count` callbacks are sent, per target, and the
 * bot's peak against its own idle RSS after start (the "flat memory" goal), with its RSS
 * and heap in use at checkpoints through the run, so growth shows as growth.
 */
export async function callbackMemoryRows(context: BenchContext): Promise<RowResult[]> {
  const count = context.options.longCallbacks;
  const nextPath = callbackPaths(context.orders);
  const peak = async (target: RunningTarget) => {
    const before = await target.usage();
    let highest = before.rssBytes;
    let running = true;
    const sampling = (async () => {
      while (running) {
        highest = Math.max(highest, (await target.usage()).rssBytes);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    const checkpoints = [
      `before: RSS ${megabytes(before.rssBytes)} MB, heap ${megabytes(before.heapUsedBytes)} MB`,
    ];
    let sent = 0;
    let nextCheckpoint = 0;
    const onProgress = () => {
      sent++;
      const share = MEMORY_CHECKPOINTS[nextCheckpoint];
      if (share === undefined || sent < Math.round(count * share)) return;
      nextCheckpoint++;
      void target.usage().then((usage) => {
        checkpoints.push(
          `after ${sent.toLocaleString("en-US")}: RSS ${megabytes(usage.rssBytes)} MB, heap ${megabytes(usage.heapUsedBytes)} MB`,
        );
      });
    };
    try {
      await sendCallbacks(target, nextPath, count, onProgress);
    } finally {
      running = false;
      await sampling;
    }
    return { peakMb: highest / 2 ** 20, checkpoints };
  };
  const candidate = await peak(context.bot);
  const baseline = await peak(context.callbackBaseline);
  const detail = `one long run per side (${count} callbacks, ${IN_FLIGHT} in flight; \`--callbacks=N\`), RSS sampled every 250 ms`;
  return [
    {
      row: `RSS during ${count.toLocaleString("en-US")} callbacks, peak`,
      unit: "MB",
      higherIsBetter: false,
      candidate: [candidate.peakMb],
      baseline: [baseline.peakMb],
      detail,
    },
    {
      row: "the bot's peak RSS in that run ÷ its idle RSS",
      unit: "MB",
      higherIsBetter: false,
      candidate: [candidate.peakMb],
      baseline: [context.botIdleRssMb],
      goal: { ratio: 1.5, kind: "at most" },
      detail: `the same run; idle: the bot's RSS ${IDLE_AFTER_MS} ms after it first listened, before any request; the bot's memory ${candidate.checkpoints.join("; ")}`,
    },
  ];
}

function megabytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}
