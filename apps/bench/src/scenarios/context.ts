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
  /** The bot's RSS once idle after it first started, before any request (MB). */
  botIdleRssMb: number;
  bareBolt: RunningTarget;
  callbackBaseline: RunningTarget;
  /** Orders the bot created through the modal, to send callbacks about. */
  orders: readonly { id: string; fpOrderUuid: string; amount: string; createdAt: number }[];
  /** Starts another bot or bare Bolt process (start-up rows). */
  startTarget(side: "candidate" | "baseline"): Promise<RunningTarget>;
}
