import { type ChildProcessByStdio, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "fakturabot-local-start-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

type Child = ChildProcessByStdio<null, Readable, Readable>;

/**
 * Runs `pnpm start`'s script with PATH and `env` only. The Slack credentials are set empty, so a
 * developer's apps/slack-bot/.env (which never overrides the environment) cannot change the mode.
 */
function startLocal(env: Record<string, string>): {
  child: Child;
  output: { stdout: string; stderr: string };
} {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@fakturabot/source", "src/start.ts"],
    {
      cwd: new URL("..", import.meta.url),
      env: {
        PATH: process.env.PATH ?? "",
        SLACK_BOT_TOKEN: "",
        SLACK_SIGNING_SECRET: "",
        SLACK_APP_TOKEN: "",
        SLACK_CLIENT_ID: "",
        LOCAL_DATA_DIR: dataDir,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk) => {
    output.stdout += String(chunk);
  });
  child.stderr.on("data", (chunk) => {
    output.stderr += String(chunk);
  });
  return { child, output };
}

function exitCode(child: Child): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
}

function printed(child: Child, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stdout.on("data", (chunk) => {
      seen += String(chunk);
      if (seen.includes(text)) resolve();
    });
    child.on("close", () => reject(new Error(`exited before printing ${JSON.stringify(text)}`)));
  });
}

describe("pnpm start (the local package's entry)", () => {
  it("without Slack credentials runs local mode, and Ctrl+C stops it with exit code 0", async () => {
    const { child, output } = startLocal({ PORT: "0" });
    const exited = exitCode(child);
    await printed(child, "Press Ctrl+C to stop.");
    expect(output.stdout).toMatch(/^Open http:\/\/127\.0\.0\.1:\d+ in your browser/);
    const workspace = /Open (http:\/\/127\.0\.0\.1:\d+) /.exec(output.stdout)?.[1] as string;
    expect((await fetch(workspace)).status).toBe(200);

    // One Ctrl+C reaches the process more than once (the terminal, then pnpm relaying it).
    child.kill("SIGINT");
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(output.stderr).toBe("");
    await expect(fetch(workspace)).rejects.toThrow();
  });

  it("with LOCAL_WORKSPACES=many runs two workspaces that install the bot through OAuth", async () => {
    const { child, output } = startLocal({ PORT: "0", LOCAL_WORKSPACES: "many" });
    const exited = exitCode(child);
    await printed(child, "Press Ctrl+C to stop.");
    const installUrl = /install Fakturabot in each at (\S+)/.exec(output.stdout)?.[1] as string;
    const consent = (await fetch(installUrl, { redirect: "manual" })).headers.get("location") as string;
    const page = await (await fetch(consent)).text();
    expect(page).toContain("Allow in Fakturabot Sandbox");
    expect(page).toContain("Allow in Nordlys Regnskap");
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("with a Slack credential runs the configured bot, which says what else is missing", async () => {
    const { child, output } = startLocal({ SLACK_BOT_TOKEN: "xoxb-1-2-abc" });
    expect(await exitCode(child)).toBe(1);
    expect(output.stderr).toContain("Fakturabot cannot start:");
    expect(output.stderr).toContain("SLACK_SIGNING_SECRET is missing");
    expect(output.stdout).not.toContain("local mode");
  });

  it("with APPROVAL_THRESHOLD_NOK holds larger invoices for Ingrid's or Ola's approval, and refuses a threshold that is not kroner", async () => {
    const { child, output } = startLocal({ PORT: "0", APPROVAL_THRESHOLD_NOK: "10000" });
    const exited = exitCode(child);
    await printed(child, "Press Ctrl+C to stop.");
    expect(output.stdout).toContain(
      "Invoices of 10000 kr or more wait for approval by Ingrid Berg or Ola Hansen.",
    );
    child.kill("SIGINT");
    expect(await exited).toBe(0);

    const refused = startLocal({ PORT: "0", APPROVAL_THRESHOLD_NOK: "10 000,50" });
    expect(await exitCode(refused.child)).toBe(1);
    expect(refused.output.stderr).toContain(
      'APPROVAL_THRESHOLD_NOK "10 000,50" is not a total in whole kroner',
    );
  });

  it("refuses a PORT that cannot hold local mode's four servers", async () => {
    const { child, output } = startLocal({ PORT: "65534" });
    expect(await exitCode(child)).toBe(1);
    expect(output.stderr).toContain('PORT "65534" is not a port');
    expect(output.stdout).toBe("");
  });
});
