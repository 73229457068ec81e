// `pnpm start` at the root: the configured bot when Slack credentials are set (in the environment
// or apps/slack-bot/.env), else local mode, where both stand-ins and the bot run on this machine
// with no accounts anywhere.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runUntilSignal, startConfiguredBot } from "@fakturabot/slack-bot";
import { startLocalMode } from "./local-mode.js";

/** Any of these set means the person wants the real bot: a partial set stops with what is missing. */
const SLACK_CREDENTIALS = [
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "SLACK_CLIENT_ID",
] as const;

// The bot's own `.env` (see apps/slack-bot/.env.example); variables already in the environment win.
const BOT_ENV_FILE = fileURLToPath(new URL("../../slack-bot/.env", import.meta.url));
if (existsSync(BOT_ENV_FILE)) process.loadEnvFile(BOT_ENV_FILE);

const env = process.env;
runUntilSignal(() =>
  SLACK_CREDENTIALS.some((name) => env[name]) ? startConfiguredBot(env) : startLocalMode(env),
);
