import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Runs `pnpm demo`'s script as the command does, and returns its exit code and output. */
function runDemo(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=@fakturabot/source", "src/demo.ts"],
      {
        cwd: new URL("..", import.meta.url),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      output += String(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("pnpm demo", () => {
  it("drives a private and a corporate order to PAID and prints what Slack shows", async () => {
    const { code, output } = await runDemo();
    expect(output).toContain("open the BankID verification (http://127.0.0.1:");
    expect(output).toMatch(/Paid by Visa, 9 855,00 kr/);
    expect(output).toMatch(/Paid by Bank transfer, 24 990,00 kr/);
    expect(output).toContain("Invoiced directly, no BankID step.");
    expect(output).not.toContain("280387 12383");
    expect(output).toContain("(280387*****)");
    expect(code).toBe(0);
  }, 60_000);
});
