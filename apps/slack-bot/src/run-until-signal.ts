import { BotTokenError } from "./bot-token-error.js";
import { ConfigError } from "./config.js";
import { StoreConnectionError, StoreVersionError } from "./store/errors.js";

/** Failures whose message says all an operator needs: printed without a stack trace. */
const EXPLAINED = [ConfigError, StoreConnectionError, StoreVersionError, BotTokenError];

/** What an entry point starts: something that keeps running until it is stopped. */
export interface Stoppable {
  stop(): Promise<void>;
  /** A check of the start that answers only after listening (Slack's word on the bot token). */
  verified?: Promise<void>;
}

/**
 * Runs an entry point's `start` until Ctrl+C (SIGINT) or SIGTERM, then stops it and exits 0; a
 * signal during start-up stops it as soon as it is up. A failure exits 1 with its message (a
 * `ConfigError` as its list of problems, a store that cannot be opened as its reason, a bot token
 * Slack refused as Slack's answer, nothing more); a `verified` that fails after listening stops
 * what was started first. One Ctrl+C reaches this process several times (from the terminal, and
 * relayed by pnpm), so only the first signal counts: the later ones must not kill it halfway
 * through stopping.
 */
export function runUntilSignal(start: () => Promise<Stoppable>): void {
  const started = start();
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    started.then((running) => running.stop()).then(() => process.exit(0), fail);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  started.then(
    (running) =>
      running.verified?.catch((error: unknown) => {
        stopping = true;
        return running.stop().finally(() => fail(error));
      }),
    fail,
  );
}

function fail(error: unknown): never {
  // biome-ignore lint/suspicious/noConsole: start-up and shutdown failures go to the operator's terminal
  console.error(EXPLAINED.some((type) => error instanceof type) ? (error as Error).message : error);
  process.exit(1);
}
