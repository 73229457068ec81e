import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "pino";

/** Bolt's logger interface over our pino logger, so Bolt's lines are structured and redacted too. */
export function boltLogger(logger: Logger): BoltLogger {
  const bolt = logger.child({ component: "bolt" });
  const text = (parts: unknown[]) =>
    parts.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join(" ");
  return {
    debug: (...parts) => bolt.debug(text(parts)),
    info: (...parts) => bolt.info(text(parts)),
    warn: (...parts) => bolt.warn(text(parts)),
    error: (...parts) => bolt.error(text(parts)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
