// `pnpm start`: the real bot when Slack credentials are configured, else local mode, where both
// stand-ins and the bot run on this machine with no accounts anywhere.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { ConfigError, LOG_LEVELS } from "./config.js";
import { startConfiguredBot } from "./configured-bot.js";
import { startLocalStack } from "./local/stack.js";
import { createLogger, type LogLevel } from "./logger.js";

async function startLocalMode(env: Record<string, string | undefined>) {
  const dataDir = resolve(env.DATA_DIR ?? "data/local");
  await mkdir(dataDir, { recursive: true });
  // Quiet by default: the terminal shows the addresses; LOG_LEVEL=info shows every request.
  const level = env.LOG_LEVEL ?? "warn";
  if (!LOG_LEVELS.includes(level as LogLevel)) {
    throw new ConfigError([`LOG_LEVEL "${level}" is not a log level: use one of ${LOG_LEVELS.join(", ")}`]);
  }
  const logger = createLogger({ level: level as LogLevel });
  const port = Number(env.PORT ?? 3000);
  const stack = await startLocalStack({
    dataDir,
    logger,
    ports: { bot: port, slack: port + 1, frontPayment: port + 2, workspace: port + 3 },
  });
  // biome-ignore lint/suspicious/noConsole: the address is what the person running this needs
  console.log(
    [
      `Open ${stack.workspacePage.url} in your browser: a local Slack workspace, type /invoice in #sales.`,
      "Fakturabot is running in local mode (no Slack or Front Payment account needed).",
      `  Bot:                     ${stack.running.url}`,
      `  Slack stand-in:          ${stack.slack.url}`,
      `  Front Payment stand-in:  ${stack.frontPayment.url}`,
      "Press Ctrl+C to stop.",
    ].join("\n"),
  );
  return { stop: () => stack.close() };
}

async function start(env: Record<string, string | undefined>) {
  const running = env.SLACK_BOT_TOKEN ? await startConfiguredBot(env) : await startLocalMode(env);
  const stop = async () => {
    await running.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

// Variables already in the environment win over `.env` (apps/slack-bot/.env, see .env.example).
if (existsSync(".env")) process.loadEnvFile(".env");

start(process.env).catch((error: unknown) => {
  // biome-ignore lint/suspicious/noConsole: start-up failures go to the operator's terminal
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
