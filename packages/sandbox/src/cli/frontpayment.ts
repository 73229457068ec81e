#!/usr/bin/env node
/**
 * `pnpm frontpayment` here, `fakturabot-frontpayment` (the package's bin) where it is installed:
 * runs the Front Payment sandbox until Ctrl-C. Flags win over the environment, which uses the
 * bot's own variable names so one `.env` serves both.
 */
import { parseArgs } from "node:util";
import type { SandboxLogger } from "../http.js";
import { startFrontPaymentSandbox } from "../index.js";

const USAGE = `Usage: fakturabot-frontpayment [options]   (in this repository: pnpm frontpayment)

  --port <n>             port on 127.0.0.1 (env FRONTPAYMENT_SANDBOX_PORT; default 4010, 0 = any free)
  --secret <text>        callback checksum secret (env FRONTPAYMENT_CALLBACK_SECRET; default sandbox-callback-secret)
  --token <text>         accepted bearer token, repeatable (env FRONTPAYMENT_TOKEN; default sandbox-token)
  --public-url <url>     base URL of the BankID links, if browsers reach the sandbox elsewhere
                         (env FRONTPAYMENT_SANDBOX_PUBLIC_URL)
  --quiet                do not log requests and callbacks
  --help                 show this text`;

function fail(message: string): never {
  // biome-ignore lint/suspicious/noConsole: CLI output
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function parsedOptions() {
  try {
    return parseArgs({
      options: {
        port: { type: "string" },
        secret: { type: "string" },
        token: { type: "string", multiple: true },
        "public-url": { type: "string" },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

function portFrom(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`The port must be 0–65535, not "${text}".`);
  return port;
}

const consoleLogger: SandboxLogger = {
  info: (fields, message) => print("info", fields, message),
  warn: (fields, message) => print("warn", fields, message),
};

function print(level: string, fields: Record<string, unknown>, message: string) {
  const details = Object.entries(fields)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
  // biome-ignore lint/suspicious/noConsole: CLI output
  console.log(`${new Date().toISOString()} ${level} ${message}${details ? ` ${details}` : ""}`);
}

const values = parsedOptions();
if (values.help) {
  // biome-ignore lint/suspicious/noConsole: CLI output
  console.log(USAGE);
  process.exit(0);
}
const environment = process.env;
const secret = values.secret ?? environment.FRONTPAYMENT_CALLBACK_SECRET ?? "sandbox-callback-secret";
if (secret.trim() === "") fail("The callback secret must not be empty.");
const tokens =
  values.token ?? (environment.FRONTPAYMENT_TOKEN ? [environment.FRONTPAYMENT_TOKEN] : ["sandbox-token"]);
const publicUrl = values["public-url"] ?? environment.FRONTPAYMENT_SANDBOX_PUBLIC_URL;

const sandbox = await startFrontPaymentSandbox({
  port: portFrom(values.port ?? environment.FRONTPAYMENT_SANDBOX_PORT ?? "4010"),
  callbackSecret: secret,
  tokens,
  ...(publicUrl && { publicUrl }),
  ...(!values.quiet && { logger: consoleLogger }),
}).catch((error: unknown) =>
  fail(`The sandbox could not start: ${error instanceof Error ? error.message : error}`),
);

const configured = "as configured (not shown)";
// biome-ignore lint/suspicious/noConsole: CLI output
console.log(`Front Payment sandbox listening on ${sandbox.url}

  FRONTPAYMENT_BASE_URL=${sandbox.url}
  bearer token:    ${values.token || environment.FRONTPAYMENT_TOKEN ? configured : "sandbox-token"}
  callback secret: ${values.secret || environment.FRONTPAYMENT_CALLBACK_SECRET ? configured : "sandbox-callback-secret"}
  controls:        ${sandbox.url}/_sandbox/state  (packages/sandbox/README.md lists them all)

Ctrl-C stops it.`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
