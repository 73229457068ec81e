import { signCallback } from "@fakturabot/client";
import { closedLoop } from "../load.js";
import { type BenchOptions, scaled } from "../options.js";
import type { RunningTarget, TargetUsage } from "../processes.js";
import { interleaved, type RowResult } from "../rounds.js";
import { SECRETS } from "../stand-ins.js";
import { STORES } from "../stores.js";
import type { BenchContext } from "./context.js";
import { IDLE_AFTER_MS } from "./startup.js";

const IN_FLIGHT = 50;
/**
 * Each order's callbacks say PAID (as Front Payment's order does), each with a timestamp of its own
 * within the bot's accepted window (an hour, `CALLBACK_MAX_AGE_SECONDS`): repeats, recorded as
 * such. An order's timestamps count up, one second apart, from this long before it is sent, and
 * may not come closer to the moment it is sent than `NEWEST_TIMESTAMP_AGE_S`.
 */
const OLDEST_TIMESTAMP_AGE_S = 3500;
const NEWEST_TIMESTAMP_AGE_S = 100;
/** Callbacks planned per order: below what the window holds, so a slow run keeps them distinct. */
const CALLBACKS_PER_ORDER = 3000;
/** The orders created through the modal at least, whatever the run's callbacks. */
const MINIMUM_ORDER_POOL = 20;

const WARM_UP_CALLBACKS = 500;

function callbacksPerRound(options: BenchOptions): number {
  return scaled(options, 1000, 200);
}

/** Callbacks the bot is sent in a run with these options: the throughput rounds and the long run. */
function callbacksToTheBot(options: BenchOptions): number {
  const rounds = options.only.includes("callbacks")
    ? WARM_UP_CALLBACKS + options.rounds * callbacksPerRound(options)
    : 0;
  return rounds + (options.only.includes("memory") ? options.longCallbacks : 0);
}

/**
 * How many orders to create through the modal so that no callback the run sends repeats one the
 * bot already has (a repeat takes another path, `duplicate`, than a callback Front Payment sends).
 */
export function orderPoolSize(options: BenchOptions): number {
  return Math.max(MINIMUM_ORDER_POOL, Math.ceil(callbacksToTheBot(options) / CALLBACKS_PER_ORDER));
}

/**
 * Signed callback paths (`/frontpayment/callback/<id>?…`) about the bot's orders, round-robin, as
 * Front Payment would send them: each order's timestamps only ever go forward, so none recurs as
 * long as the sequence lives (the whole run, for the bot); running out of them fails the run.
 */
export function callbackPaths(orders: BenchContext["orders"], now: () => number = Date.now) {
  let sent = 0;
  const latest = orders.map(() => Number.NEGATIVE_INFINITY);
  return () => {
    const index = sent++ % orders.length;
    const order = orders[index];
    if (!order) throw new Error("No orders to send callbacks about");
    const nowS = Math.floor(now() / 1000);
    const timestamp = Math.max(
      (latest[index] ?? Number.NEGATIVE_INFINITY) + 1,
      nowS - OLDEST_TIMESTAMP_AGE_S,
    );
    if (timestamp > nowS - NEWEST_TIMESTAMP_AGE_S)
      throw new Error(
        `Order ${order.id} has used every timestamp the bot accepts: the pool needs more orders`,
      );
    latest[index] = timestamp;
    const query = signCallback(
      [
        ["orderUuid", order.fpOrderUuid],
        ["status", "PAID"],
        ["paymentMethod", "Visa"],
        ["amount", order.amount],
        ["createdAt", String(order.createdAt)],
        ["timestamp", String(timestamp)],
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
  const count = callbacksPerRound(options);
  const targets = { candidate: context.bot, baseline: context.callbackBaseline };
  const paths = { candidate: context.botCallbacks, baseline: callbackPaths(context.orders) };
  for (const side of ["candidate", "baseline"] as const)
    await sendCallbacks(targets[side], paths[side], WARM_UP_CALLBACKS);
  const rounds = await interleaved(options.rounds, async (side) => {
    const target = targets[side];
    const before = await target.usage();
    const { elapsedMs } = await sendCallbacks(target, paths[side], count);
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
      goal: { ratio: 0.5, kind: "at least" },
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

/** Where the long run reports the process's memory: after this share of its callbacks. */
const MEMORY_CHECKPOINTS = [0.1, 0.5, 1] as const;

/**
 * The long run, each side in a fresh process of its own (on the store the earlier scenarios used,
 * so the bot knows the pool's orders) that has served nothing else: its idle RSS 1 s after it
 * listened, the highest RSS sampled (every 250 ms) while `count` callbacks are sent, and its RSS
 * and heap in use at checkpoints through the run, so growth shows as growth. The bot's peak against
 * its own idle RSS is the "flat memory" goal.
 */
export async function callbackMemoryRows(context: BenchContext): Promise<RowResult[]> {
  const count = context.options.longCallbacks;
  const longRun = async (name: "bot" | "callbackBaseline", nextPath: () => string) => {
    const target = await context.startAgain(name);
    try {
      await new Promise((resolve) => setTimeout(resolve, IDLE_AFTER_MS));
      return await peak(target, nextPath, count);
    } finally {
      await target.stop();
    }
  };
  const candidate = await longRun("bot", context.botCallbacks);
  const baseline = await longRun("callbackBaseline", callbackPaths(context.orders));
  const detail = `one long run per side, each in a fresh process (${count} callbacks, ${IN_FLIGHT} in flight; \`--callbacks=N\`), RSS sampled every 250 ms`;
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
      baseline: [candidate.idleMb],
      goal: { ratio: 1.5, kind: "at most" },
      detail: `the same run; idle: that process's RSS ${IDLE_AFTER_MS} ms after it listened, before any request; the bot's memory ${candidate.checkpoints.join("; ")}`,
    },
  ];
}

/** Sends `count` callbacks to `target` (idle until now), sampling its memory. */
async function peak(target: RunningTarget, nextPath: () => string, count: number) {
  const idle = await target.usage();
  let highest = idle;
  let running = true;
  const sampling = (async () => {
    while (running) {
      const usage = await target.usage();
      if (usage.rssBytes > highest.rssBytes) highest = usage;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const checkpoints: Promise<string>[] = [];
  let sent = 0;
  const onProgress = () => {
    sent++;
    const share = MEMORY_CHECKPOINTS[checkpoints.length];
    if (share === undefined || sent < Math.round(count * share)) return;
    const at = sent.toLocaleString("en-US");
    checkpoints.push(target.usage().then((usage) => `after ${at}: ${memory(usage)}`));
  };
  try {
    await sendCallbacks(target, nextPath, count, onProgress);
  } finally {
    running = false;
    await sampling;
  }
  return {
    idleMb: idle.rssBytes / 2 ** 20,
    peakMb: highest.rssBytes / 2 ** 20,
    checkpoints: [
      `idle: ${memory(idle)}`,
      ...(await Promise.all(checkpoints)),
      `at the peak: ${memory(highest)}`,
    ],
  };
}

function memory(usage: TargetUsage): string {
  return `RSS ${megabytes(usage.rssBytes)} MB, heap ${megabytes(usage.heapUsedBytes)} of ${megabytes(usage.heapTotalBytes)} MB, external ${megabytes(usage.externalBytes)} MB`;
}

function megabytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}
