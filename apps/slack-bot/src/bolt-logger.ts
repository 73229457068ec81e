import type { Logger as BoltLogger } from "@slack/bolt";
import type { Level, Logger } from "pino";
import { LogLevel } from "./bolt.js";

/** Bolt's levels by pino's; pino's `trace` is below Bolt's `debug`, `fatal` above its `error`. */
const BOLT_LEVELS: Readonly<Record<Level, LogLevel>> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
};

/**
 * Bolt's logger interface over our pino logger, so Bolt's lines are structured and redacted too.
 * A line below the logger's level is never built: Bolt and web-api pass whole request bodies
 * (a modal is ~30 kB) to `debug`, and serialising them on every call at info level is costly.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const bolt = logger.child({ component: "bolt" });
  const line =
    (level: "debug" | "info" | "warn" | "error") =>
    (...parts: unknown[]) => {
      if (!bolt.isLevelEnabled(level)) return;
      bolt[level](parts.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join(" "));
    };
  return {
    debug: line("debug"),
    info: line("info"),
    warn: line("warn"),
    error: line("error"),
    setLevel: () => {},
    getLevel: () => BOLT_LEVELS[bolt.level as Level] ?? LogLevel.ERROR,
    setName: () => {},
  };
}
