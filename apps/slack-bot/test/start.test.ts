import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startSlackSandbox } from "@fakturabot/sandbox";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startConfiguredBot } from "../src/configured-bot.js";
import { MIGRATIONS } from "../src/store/postgres.js";
import { LISTEN_REPORT } from "./listen-probe.js";
import { freshPostgresDatabase } from "./support/postgres.js";

const ENTRY = fileURLToPath(new URL("../src/start.ts", import.meta.url));
const PROBE = new URL("./listen-probe.ts", import.meta.url).href;
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

let cwd: string;
beforeEach(async () => {
  // An empty working directory: no `.env` for the entry to read.
  cwd = await mkdtemp(join(tmpdir(), "fakturabot-start-"));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

/** Runs the production entry (`src/start.ts`, as `node dist/start.js` runs) with exactly `env` and PATH. */
function runEntry(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", TSX, "--import", PROBE, "--conditions=@fakturabot/source", ENTRY],
      { cwd, env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A port nothing listens on now (the configuration takes no 0 for "any"). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe("the production entry (node dist/start.js)", () => {
  it("with an empty environment stops with the configuration's problems and never listens", async () => {
    const { code, stdout, stderr } = await runEntry({});
    expect(code).not.toBe(0);
    expect(stderr).toContain("Fakturabot cannot start:");
    expect(stderr).toContain("SLACK_BOT_TOKEN is missing");
    expect(stderr).toContain("SLACK_SIGNING_SECRET is missing");
    expect(stderr).toContain("FRONTPAYMENT_TOKEN is missing");
    expect(stderr).not.toContain(LISTEN_REPORT);
    expect(stdout).not.toContain("local mode");
  }, 30_000);

  it("with only a bot token stops with what is still missing, not local mode", async () => {
    const { code, stdout, stderr } = await runEntry({ SLACK_BOT_TOKEN: "xoxb-1-2-abc" });
    expect(code).not.toBe(0);
    expect(stderr).not.toContain("SLACK_BOT_TOKEN");
    expect(stderr).toContain("SLACK_SIGNING_SECRET is missing");
    expect(stderr).toContain("PUBLIC_BASE_URL is missing");
    expect(stderr).not.toContain("xoxb-1-2-abc");
    expect(stderr).not.toContain(LISTEN_REPORT);
    expect(stdout).not.toContain("local mode");
  }, 30_000);
});

const CONFIGURED = {
  SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
  SLACK_BOT_TOKEN: "xoxb-1111-2222-secretbottoken",
  FRONTPAYMENT_TOKEN: "fp-api-token-value-123",
  FRONTPAYMENT_CALLBACK_SECRET: "fp-callback-secret-value",
  PUBLIC_BASE_URL: "https://fakturabot.example.com",
};

describe("the bot token, confirmed by Slack just after listening", () => {
  it("with a token Slack refuses, the entry stops with Slack's answer, having asked Slack nothing else", async () => {
    const slack = await startSlackSandbox({ botToken: "xoxb-9999-8888-anothertoken" });
    try {
      const { code, stderr } = await runEntry({
        ...CONFIGURED,
        SLACK_API_URL: slack.apiUrl,
        DATA_DIR: cwd,
        PORT: String(await freePort()),
        LOG_LEVEL: "silent",
      });
      expect(code).toBe(1);
      expect(stderr).toContain(
        "Fakturabot cannot start: Slack refused the bot token (SLACK_BOT_TOKEN): invalid_auth",
      );
      expect(stderr).not.toContain(CONFIGURED.SLACK_BOT_TOKEN);
      expect(stderr).not.toContain("    at ");
      expect(slack.workspace.state.calls.map((call) => call.method)).toEqual(["auth.test"]);
    } finally {
      await slack.close();
    }
  }, 30_000);

  it("is not ready until Slack has confirmed the token, and not ready once Slack refused it", async () => {
    const slack = await startSlackSandbox({ botToken: CONFIGURED.SLACK_BOT_TOKEN });
    // Slack asks the first auth.test to wait: the bot listens meanwhile.
    slack.controls.rateLimitNext("auth.test", { retryAfterSeconds: 3 });
    const env = { ...CONFIGURED, SLACK_API_URL: slack.apiUrl, DATA_DIR: cwd, LOG_LEVEL: "silent" as const };
    try {
      const bot = await startConfiguredBot({ ...env, PORT: String(await freePort()) });
      try {
        const waiting = await fetch(`${bot.url}/readyz`);
        expect([waiting.status, await waiting.text()]).toEqual([
          503,
          "not ready: Slack has not confirmed the bot token yet",
        ]);
        expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
        await bot.verified;
        const ready = await fetch(`${bot.url}/readyz`);
        expect([ready.status, await ready.text()]).toEqual([200, "ready"]);
      } finally {
        await bot.stop();
      }
      slack.controls.failNext("auth.test", { error: "invalid_auth" });
      const refused = await startConfiguredBot({ ...env, PORT: String(await freePort()) });
      try {
        await expect(refused.verified).rejects.toThrow(
          "Fakturabot cannot start: Slack refused the bot token (SLACK_BOT_TOKEN): invalid_auth",
        );
        const answer = await fetch(`${refused.url}/readyz`);
        expect([answer.status, await answer.text()]).toEqual([503, "not ready: Slack refused the bot token"]);
      } finally {
        await refused.stop();
      }
    } finally {
      await slack.close();
    }
  }, 30_000);
});

describe("the production entry on PostgreSQL (DATABASE_URL)", () => {
  it("stops before listening, saying why, when the database cannot be reached", async () => {
    const { code, stderr } = await runEntry({
      ...CONFIGURED,
      // Port 1: nothing listens there.
      DATABASE_URL: "postgres://fakturabot:hunter2@127.0.0.1:1/fakturabot",
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      "Cannot open the PostgreSQL database postgres://fakturabot:***@127.0.0.1:1/fakturabot: nothing is listening there (connection refused)",
    );
    expect(stderr).not.toContain("hunter2");
    expect(stderr).not.toContain("    at ");
    expect(stderr).not.toContain(LISTEN_REPORT);
  }, 30_000);

  it("starts the configured bot (what the entry runs) on the database DATABASE_URL names, its schema applied", async () => {
    const database = await freshPostgresDatabase();
    const slack = await startSlackSandbox({ botToken: CONFIGURED.SLACK_BOT_TOKEN });
    try {
      const bot = await startConfiguredBot({
        ...CONFIGURED,
        SLACK_API_URL: slack.apiUrl,
        DATABASE_URL: database.url,
        PORT: String(await freePort()),
        LOG_LEVEL: "silent",
      });
      try {
        expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
        await bot.verified;
        // Ready: Slack confirmed the token, the database answers and holds every migration.
        expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        const { rows } = await client.query("SELECT version FROM schema_version ORDER BY version");
        await client.end();
        expect(rows).toEqual(MIGRATIONS.map((_, index) => ({ version: index + 1 })));
      } finally {
        await bot.stop();
      }
    } finally {
      await slack.close();
      await database.drop();
    }
  });
});
