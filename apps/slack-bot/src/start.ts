// The production entry (`node dist/start.js`, `pnpm start` in this package): the bot against real
// Slack and Front Payment, configured by the environment. A missing or wrong variable stops it
// with the list of problems before anything listens. Local mode lives in @fakturabot/local.
import { existsSync } from "node:fs";
import { startConfiguredBot } from "./configured-bot.js";
import { runUntilSignal } from "./run-until-signal.js";

// Variables already in the environment win over `.env` (apps/slack-bot/.env, see .env.example).
if (existsSync(".env")) process.loadEnvFile(".env");

runUntilSignal(() => startConfiguredBot(process.env));
