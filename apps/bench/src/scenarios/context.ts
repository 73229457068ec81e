import type { SlackDriver } from "@fakturabot/sandbox";
import type { BenchOptions } from "../options.js";
import type { RunningTarget } from "../processes.js";
import type { StandIns } from "../stand-ins.js";

/** Everything a scenario needs: the options, the stand-ins and the running targets. */
export interface BenchContext {
  options: BenchOptions;
  standIns: StandIns;
  /** Slack drivers towards the bot (candidate) and bare Bolt (baseline). */
  drivers: { candidate: SlackDriver; baseline: SlackDriver };
  bot: RunningTarget;
  bareBolt: RunningTarget;
  callbackBaseline: RunningTarget;
  /** Orders the bot created through the modal, to send callbacks about. */
  orders: readonly { id: string; fpOrderUuid: string; amount: string; createdAt: number }[];
  /**
   * The bot's callbacks: one sequence for the whole run, so no callback repeats one the bot (in
   * any of its processes: they share its store) already has.
   */
  botCallbacks: () => string;
  /** Starts another bot or bare Bolt process, each on a fresh store (start-up rows). */
  startTarget(side: "candidate" | "baseline"): Promise<RunningTarget>;
  /** Starts a fresh process of the bot or of the callback baseline, on the same store as the first. */
  startAgain(target: "bot" | "callbackBaseline"): Promise<RunningTarget>;
}
