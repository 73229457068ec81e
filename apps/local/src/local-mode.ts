import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_USERS } from "@fakturabot/sandbox";
import {
  type ApprovalPolicy,
  ConfigError,
  createLogger,
  LOG_LEVELS,
  type LogLevel,
  type Stoppable,
} from "@fakturabot/slack-bot";
import { startLocalStack } from "./stack.js";

/** Local mode's own database, never the configured bot's `DATA_DIR`. */
const DEFAULT_DATA_DIR = fileURLToPath(new URL("../data", import.meta.url));

/**
 * Local mode for a person at the terminal: the local stack on PORT…PORT+3 (bot, Slack stand-in,
 * Front Payment stand-in, workspace page; `PORT=0`: any free ports), its data in `LOCAL_DATA_DIR`.
 * `LOCAL_WORKSPACES=many`: two workspaces that install the bot through Slack's OAuth flow.
 * `APPROVAL_THRESHOLD_NOK`: invoices of that total or more wait for approval by Ingrid or Ola.
 */
export async function startLocalMode(env: Record<string, string | undefined>): Promise<Stoppable> {
  const dataDir = resolve(env.LOCAL_DATA_DIR || DEFAULT_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  // Quiet by default: the terminal shows the addresses; LOG_LEVEL=info shows every request.
  const level = env.LOG_LEVEL || "warn";
  if (!LOG_LEVELS.includes(level as LogLevel)) {
    throw new ConfigError([`LOG_LEVEL "${level}" is not a log level: use one of ${LOG_LEVELS.join(", ")}`]);
  }
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65532) {
    throw new ConfigError([
      `PORT "${env.PORT}" is not a port: use 1 to 65532 (local mode listens on PORT to PORT+3), or 0 for any free ports`,
    ]);
  }
  const workspaces = env.LOCAL_WORKSPACES || "one";
  if (workspaces !== "one" && workspaces !== "many") {
    throw new ConfigError([
      `LOCAL_WORKSPACES "${workspaces}" is neither one nor many: one (default) uses a bot token, many installs the bot in two workspaces through OAuth`,
    ]);
  }
  const approval = localApproval(env);
  const stack = await startLocalStack({
    ...(approval ? { approval } : {}),
    workspaces,
    dataDir,
    logger: createLogger({ level: level as LogLevel }),
    ports: port === 0 ? {} : { bot: port, slack: port + 1, frontPayment: port + 2, workspace: port + 3 },
  });
  // biome-ignore lint/suspicious/noConsole: the address is what the person running this needs
  console.log(
    [
      `Open ${stack.workspacePage.url} in your browser: a local Slack workspace, type /invoice in #sales.`,
      "Fakturabot is running in local mode (no Slack or Front Payment account needed).",
      `  Bot:                     ${stack.running.url}`,
      `  Slack stand-in:          ${stack.slack.url}`,
      `  Front Payment stand-in:  ${stack.frontPayment.url}`,
      ...(workspaces === "many"
        ? [
            `Two workspaces (pages ${stack.workspacePages.map((page) => page.url).join(" and ")}): install Fakturabot in each at ${stack.installUrl}`,
          ]
        : []),
      ...(approval
        ? [
            `Invoices of ${env.APPROVAL_THRESHOLD_NOK?.trim()} kr or more wait for approval by ${approval.approverUserIds
              .map((id) => DEFAULT_USERS.find((user) => user.id === id)?.realName ?? id)
              .join(" or ")}.`,
          ]
        : []),
      "Press Ctrl+C to stop.",
    ].join("\n"),
  );
  return { stop: () => stack.close() };
}

/** The stand-in's finance people, who approve in local mode. */
const LOCAL_APPROVERS = ["Ingrid Berg", "Ola Hansen"].map(
  (name) => DEFAULT_USERS.find((user) => user.realName === name)?.id ?? name,
);

/** `APPROVAL_THRESHOLD_NOK` in local mode: approval by the stand-in's Ingrid and Ola. */
function localApproval(env: Record<string, string | undefined>): ApprovalPolicy | undefined {
  const threshold = env.APPROVAL_THRESHOLD_NOK?.trim();
  if (!threshold) return undefined;
  if (!/^\d+$/.test(threshold) || Number(threshold) < 1) {
    throw new ConfigError([
      `APPROVAL_THRESHOLD_NOK "${threshold}" is not a total in whole kroner: e.g. 10000 makes invoices of 10 000 kr or more wait for approval`,
    ]);
  }
  return { thresholdOre: Number(threshold) * 100, approverUserIds: LOCAL_APPROVERS };
}
