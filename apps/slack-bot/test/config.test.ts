import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, describeConfig, ENVIRONMENT_VARIABLES, loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";

const VALID = {
  SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
  SLACK_BOT_TOKEN: "xoxb-1111-2222-secretbottoken",
  FRONTPAYMENT_TOKEN: "fp-api-token-value-123",
  FRONTPAYMENT_CALLBACK_SECRET: "fp-callback-secret-value",
  PUBLIC_BASE_URL: "https://fakturabot.example.com",
} as const;
const APP_TOKEN = "xapp-1-A111-333-secretapptoken";
const SECRET_VALUES = [
  ...Object.values(VALID).filter((value) => !value.startsWith("https:")),
  APP_TOKEN,
  "hunter2",
];

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.message.split("\n").slice(1)).toEqual(configError.problems);
    for (const secret of SECRET_VALUES) expect(configError.message).not.toContain(secret);
    return configError.problems;
  }
  throw new Error("loadConfig accepted the configuration");
}

describe("loadConfig", () => {
  it("reads a minimal configuration with every default", () => {
    const config = loadConfig(VALID);
    expect(config).toEqual({
      slack: {
        signingSecret: VALID.SLACK_SIGNING_SECRET,
        botToken: VALID.SLACK_BOT_TOKEN,
        socketMode: false,
        appToken: null,
        apiUrl: null,
      },
      frontPayment: {
        token: VALID.FRONTPAYMENT_TOKEN,
        callbackSecret: VALID.FRONTPAYMENT_CALLBACK_SECRET,
        environment: "demo",
        baseUrl: "https://demo-api.frontpayment.no",
      },
      brreg: { baseUrl: "https://data.brreg.no" },
      publicBaseUrl: "https://fakturabot.example.com",
      access: { allowedChannelIds: [], allowedUserIds: [], adminUserIds: [] },
      store: { kind: "sqlite", dataDir: join(process.cwd(), "data") },
      port: 3000,
      logLevel: "info",
      invoice: { taxRates: [0, 12, 15, 25], maturityDays: 14 },
    });
  });

  it("reads every variable when set", () => {
    const config = loadConfig({
      ...VALID,
      SLACK_SOCKET_MODE: "TRUE",
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: "http://127.0.0.1:4100/api/",
      FRONTPAYMENT_ENVIRONMENT: "production",
      FRONTPAYMENT_BASE_URL: "https://api.frontpayment.example/",
      PUBLIC_BASE_URL: "https://bot.example.com/fakturabot/",
      ALLOWED_CHANNEL_IDS: " C0123ABCD, G0456EFGH ,C0123ABCD",
      ALLOWED_USER_IDS: "U0AAA111",
      ADMIN_USER_IDS: "W0BBB222,U0CCC333",
      DATA_DIR: "/var/lib/fakturabot",
      PORT: "8080",
      LOG_LEVEL: "debug",
      TAX_RATES: "25,0, 12.5",
      DEFAULT_INVOICE_MATURITY_DAYS: "30",
    });
    expect(config.slack).toMatchObject({
      socketMode: true,
      appToken: APP_TOKEN,
      apiUrl: "http://127.0.0.1:4100/api",
    });
    expect(config.frontPayment).toMatchObject({
      environment: "production",
      baseUrl: "https://api.frontpayment.example",
    });
    expect(config.publicBaseUrl).toBe("https://bot.example.com/fakturabot");
    expect(config.access).toEqual({
      allowedChannelIds: ["C0123ABCD", "G0456EFGH"],
      allowedUserIds: ["U0AAA111"],
      adminUserIds: ["W0BBB222", "U0CCC333"],
    });
    expect(config.store).toEqual({ kind: "sqlite", dataDir: "/var/lib/fakturabot" });
    expect(config).toMatchObject({
      port: 8080,
      logLevel: "debug",
      invoice: { taxRates: [0, 12.5, 25], maturityDays: 30 },
    });
  });

  it("treats empty values as unset, resolves DATA_DIR and ignores the app token outside Socket Mode", () => {
    const config = loadConfig({
      ...VALID,
      PORT: "",
      LOG_LEVEL: " ",
      DATA_DIR: "var/db",
      SLACK_APP_TOKEN: APP_TOKEN,
    });
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe("info");
    expect(isAbsolute(config.store.dataDir)).toBe(true);
    expect(config.store.dataDir.endsWith(join("var", "db"))).toBe(true);
    expect(config.slack.appToken).toBeNull();
  });

  it.each(["http://localhost:3000", "http://127.0.0.1:3000/", "http://[::1]:3000"])(
    "accepts plain http for the local address %s",
    (url) => {
      expect(loadConfig({ ...VALID, PUBLIC_BASE_URL: url, FRONTPAYMENT_BASE_URL: url }).publicBaseUrl).toBe(
        url.replace(/\/$/, ""),
      );
    },
  );

  it.each([
    [
      "SLACK_SIGNING_SECRET",
      undefined,
      "SLACK_SIGNING_SECRET is missing: copy the Signing Secret from your Slack app's Basic Information page",
    ],
    ["SLACK_SIGNING_SECRET", "abc def", "SLACK_SIGNING_SECRET contains spaces or line breaks"],
    [
      "SLACK_BOT_TOKEN",
      undefined,
      "SLACK_BOT_TOKEN is missing: install the app to your workspace and copy the Bot User OAuth Token",
    ],
    ["SLACK_BOT_TOKEN", "xoxp-user-token", "SLACK_BOT_TOKEN must be a bot token (starting with xoxb-)"],
    ["SLACK_BOT_TOKEN", "xoxb-", "SLACK_BOT_TOKEN must be a bot token (starting with xoxb-)"],
    ["SLACK_SOCKET_MODE", "yes", 'SLACK_SOCKET_MODE must be true or false, not "yes"'],
    [
      "SLACK_APP_TOKEN",
      "xoxb-not-an-app-token",
      "SLACK_APP_TOKEN must be an app-level token (starting with xapp-)",
    ],
    ["SLACK_API_URL", "slack.local", 'SLACK_API_URL "slack.local" is not a URL'],
    [
      "FRONTPAYMENT_TOKEN",
      undefined,
      "FRONTPAYMENT_TOKEN is missing: use the API token Front Payment issued",
    ],
    [
      "FRONTPAYMENT_CALLBACK_SECRET",
      "",
      "FRONTPAYMENT_CALLBACK_SECRET is missing: use the secret key Front Payment issued",
    ],
    [
      "FRONTPAYMENT_ENVIRONMENT",
      "staging",
      'FRONTPAYMENT_ENVIRONMENT must be demo or production, not "staging"',
    ],
    [
      "FRONTPAYMENT_BASE_URL",
      "http://api.example.com",
      'FRONTPAYMENT_BASE_URL "http://api.example.com" must use https (plain http only for localhost)',
    ],
    [
      "FRONTPAYMENT_BASE_URL",
      "ftp://api.example.com",
      'FRONTPAYMENT_BASE_URL "ftp://api.example.com" must be an http(s) URL',
    ],
    [
      "PUBLIC_BASE_URL",
      undefined,
      "PUBLIC_BASE_URL is missing: set the https URL where Front Payment and your customers reach this bot",
    ],
    [
      "PUBLIC_BASE_URL",
      "http://bot.example.com",
      'PUBLIC_BASE_URL "http://bot.example.com" must use https (plain http only for localhost)',
    ],
    [
      "PUBLIC_BASE_URL",
      "https://bot.example.com/?x=1",
      'PUBLIC_BASE_URL "https://bot.example.com/?x=1" must not have a query string or fragment',
    ],
    ["PUBLIC_BASE_URL", "bot.example.com", 'PUBLIC_BASE_URL "bot.example.com" is not a URL'],
    [
      "SLACK_API_URL",
      "http://admin:hunter2@127.0.0.1:4100",
      "SLACK_API_URL must not contain a user name or password",
    ],
    [
      "ALLOWED_CHANNEL_IDS",
      "C0123ABCD,#general",
      'ALLOWED_CHANNEL_IDS has "#general", which is not a Slack channel id: use channel ids',
    ],
    [
      "ALLOWED_USER_IDS",
      "kari,ola",
      'ALLOWED_USER_IDS has "kari", "ola", which are not a Slack member id: use member ids',
    ],
    ["ADMIN_USER_IDS", "C0123ABCD", 'ADMIN_USER_IDS has "C0123ABCD", which is not a Slack member id'],
    [
      "DATABASE_URL",
      "postgres://db/fakturabot",
      "DATABASE_URL is set, but the Postgres store is not implemented yet: unset DATABASE_URL",
    ],
    ["PORT", "http", 'PORT must be the port to listen on, a whole number from 1 to 65535, not "http"'],
    ["PORT", "70000", 'PORT must be the port to listen on, a whole number from 1 to 65535, not "70000"'],
    [
      "LOG_LEVEL",
      "verbose",
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "verbose"',
    ],
    [
      "TAX_RATES",
      "25,%",
      'TAX_RATES must be VAT percentages from 0 to 100 separated by commas (like 0,12,15,25), not "25,%"',
    ],
    ["TAX_RATES", "0,125", "TAX_RATES must be VAT percentages from 0 to 100"],
    [
      "DEFAULT_INVOICE_MATURITY_DAYS",
      "0",
      "DEFAULT_INVOICE_MATURITY_DAYS must be the number of days until an invoice is due, a whole number from 1 to 365",
    ],
  ])("%s=%j: %s", (name, value, expected) => {
    const problems = problemsOf({ ...VALID, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it("needs the app token in Socket Mode and the base URL in production", () => {
    expect(problemsOf({ ...VALID, SLACK_SOCKET_MODE: "true" })).toEqual([
      "SLACK_APP_TOKEN is missing, and Socket Mode needs it: create an app-level token with the connections:write scope under Basic Information → App-Level Tokens, or set SLACK_SOCKET_MODE=false",
    ]);
    expect(problemsOf({ ...VALID, FRONTPAYMENT_ENVIRONMENT: "production" })).toEqual([
      "FRONTPAYMENT_BASE_URL is missing, and the production environment needs it: set the production Connect API base URL Front Payment gave you",
    ]);
  });

  it("reports every problem at once, one per line, in the documented order", () => {
    const problems = problemsOf({
      SLACK_SOCKET_MODE: "true",
      SLACK_BOT_TOKEN: `${VALID.FRONTPAYMENT_TOKEN}`,
      FRONTPAYMENT_ENVIRONMENT: "production",
      ALLOWED_USER_IDS: "kari",
      DATABASE_URL: "postgres://db",
      PORT: "-1",
      TAX_RATES: "x",
    });
    expect(problems.map((problem) => problem.split(" ")[0])).toEqual([
      "SLACK_SIGNING_SECRET",
      "SLACK_BOT_TOKEN",
      "SLACK_APP_TOKEN",
      "FRONTPAYMENT_TOKEN",
      "FRONTPAYMENT_CALLBACK_SECRET",
      "FRONTPAYMENT_BASE_URL",
      "PUBLIC_BASE_URL",
      "PORT",
      "ALLOWED_USER_IDS",
      "DATABASE_URL",
      "TAX_RATES",
    ]);
    expect(() => loadConfig({})).toThrow(/^Fakturabot cannot start: 5 problems in its configuration/);
  });
});

describe("describeConfig", () => {
  const config = loadConfig({
    ...VALID,
    SLACK_SOCKET_MODE: "true",
    SLACK_APP_TOKEN: APP_TOKEN,
    ALLOWED_CHANNEL_IDS: "C0123ABCD",
    ALLOWED_USER_IDS: "U0AAA111,U0BBB222",
  });

  it("shows which features are on and secrets only as set", () => {
    const described = describeConfig(config);
    expect(described).toMatchObject({
      slack: { mode: "socket", api: "slack.com", signingSecret: "set", botToken: "set", appToken: "set" },
      frontPayment: { environment: "demo", token: "set", callbackSecret: "set" },
      access: { channels: ["C0123ABCD"], users: 2, admins: 0 },
    });
    const text = JSON.stringify(described);
    for (const secret of SECRET_VALUES) expect(text).not.toContain(secret);
  });

  it("keeps secrets out of the log even when the whole configuration is logged by mistake", () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: "info",
      destination: { write: (line: string) => void lines.push(line) },
    });
    logger.info({ config }, "starting");
    logger.info({ config: describeConfig(config) }, "starting");
    expect(lines).toHaveLength(2);
    for (const secret of SECRET_VALUES) expect(lines.join("")).not.toContain(secret);
  });
});

describe(".env.example", () => {
  const lines = readFileSync(new URL("../.env.example", import.meta.url), "utf8").split("\n");

  it("documents every variable, each under a comment, in the order problems are reported", () => {
    const documented = lines.flatMap((line) => /^#? ?([A-Z][A-Z0-9_]*)=/.exec(line)?.[1] ?? []);
    expect(documented).toEqual(ENVIRONMENT_VARIABLES);
    for (const name of ENVIRONMENT_VARIABLES) {
      const index = lines.findIndex((line) => new RegExp(`^#? ?${name}=`).test(line));
      expect(lines[index - 1], `the line above ${name}`).toMatch(/^# \S/);
    }
  });

  it("asks a fresh copy for exactly the four secrets", () => {
    const env = Object.fromEntries(
      lines.flatMap((line) => {
        const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
        return match ? [[match[1], match[2]]] : [];
      }),
    );
    expect(problemsOf(env).map((problem) => problem.split(" ").slice(0, 3).join(" "))).toEqual([
      "SLACK_SIGNING_SECRET is missing:",
      "SLACK_BOT_TOKEN is missing:",
      "FRONTPAYMENT_TOKEN is missing:",
      "FRONTPAYMENT_CALLBACK_SECRET is missing:",
    ]);
  });
});
