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
  it("drives a private and a corporate order to PAID, sends a link again, refunds, lists, and prints what Slack shows", async () => {
    const { code, output } = await runDemo();
    // Send link again: the modal prefilled from Front Payment, then where it went.
    expect(output).toMatch(
      /Modal, prefilled from Front Payment: "Send link again"\n.*\n {2}│ Email: kari\.nordmann@example\.com\n.*\n {2}│ Mobile: 46567468/,
    );
    expect(output).toContain(
      "Front Payment sent the payment link again by email to kari.nordmann@example.com",
    );
    expect(output).toContain("↳ 📤 @kari sent the payment link again by email and SMS.");
    // A partial refund, confirmed with its amount, told in the message and its thread.
    expect(output).toContain("Refund NOK 1,000.00 to Kari Nordmann?");
    expect(output).toContain("Front Payment accepted the refund of NOK 1,000.00 to Kari Nordmann.");
    expect(output).toContain("│ ↩️ Refunded NOK 1,000.00 of NOK 9,855.00\n");
    expect(output).toContain("↳ ↩️ @kari refunded NOK 1,000.00 (NOK 1,000.00 of NOK 9,855.00 in all).");
    // The list, newest first, in the same words.
    const list = output.slice(output.indexOf("Kari: /invoice list"));
    expect(list).toMatch(
      /Invoices you can see, newest first\n.*Nordlys AS · NOK 24,990\.00\n.*Paid by Bank transfer[^\n]*\n.*\n.*Kari Nordmann · NOK 9,855\.00\n.*Refunded NOK 1,000\.00 of NOK 9,855\.00/,
    );
    expect(output).toContain("open the BankID verification (http://127.0.0.1:");
    expect(output).toMatch(/Paid by Visa, NOK 9,855\.00/);
    expect(output).toMatch(/Paid by Bank transfer, NOK 24,990\.00/);
    expect(output).toContain("Invoiced directly, no BankID step.");
    expect(output).not.toContain("280387 12383");
    expect(output).toContain("(280387*****)");
    expect(code).toBe(0);
  }, 60_000);
});
