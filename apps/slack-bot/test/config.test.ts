import { readFileSync } from "node:fs";
import { join } from "node:path";
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
        oauth: null,
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
      invoice: {
        taxRates: [0, 12, 15, 25],
        maturityDays: 14,
        maxTotalKroner: 10_000_000,
        keptRequestDays: 7,
      },
      followUp: { intervalMinutes: 60, quietHours: 24 },
      locales: { defaultLocale: "nb", workspaces: {} },
      approval: null,
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
      MAX_INVOICE_TOTAL_NOK: "250000",
      KEPT_REQUEST_DAYS: "3",
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
      invoice: { taxRates: [0, 12.5, 25], maturityDays: 30, maxTotalKroner: 250_000, keptRequestDays: 3 },
    });
  });

  it("selects the PostgreSQL store when DATABASE_URL is set, SQLite otherwise", () => {
    const url = "postgresql://fakturabot:hunter2@db.example.com:5432/fakturabot?sslmode=require";
    expect(loadConfig({ ...VALID, DATABASE_URL: url, DATA_DIR: "/var/lib/fakturabot" }).store).toEqual({
      kind: "postgres",
      databaseUrl: url,
    });
    expect(loadConfig({ ...VALID, DATABASE_URL: " " }).store.kind).toBe("sqlite");
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
    expect(config.store).toEqual({ kind: "sqlite", dataDir: join(process.cwd(), "var", "db") });
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
    ["DATABASE_URL", "db.example.com/fakturabot", "DATABASE_URL is not a URL: use a PostgreSQL URL like"],
    [
      "DATABASE_URL",
      "mysql://fakturabot:hunter2@db/fakturabot",
      "DATABASE_URL must start with postgres:// or postgresql://, not mysql://: use a PostgreSQL URL like",
    ],
    [
      "DATABASE_URL",
      "postgres://fakturabot:hunter2@db",
      "DATABASE_URL names no database (the path after the host)",
    ],
    ["DATABASE_URL", "postgresql:///fakturabot", "DATABASE_URL names no host"],
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
    [
      "MAX_INVOICE_TOTAL_NOK",
      "90071992547410",
      'MAX_INVOICE_TOTAL_NOK must be the largest total of one invoice in whole kroner, a whole number from 1 to 90071992547409, not "90071992547410"',
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

describe("loadConfig with OAuth (many workspaces)", () => {
  const KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  const { SLACK_BOT_TOKEN: _token, ...withoutToken } = VALID;
  const OAUTH = {
    ...withoutToken,
    SLACK_CLIENT_ID: "1111.2222",
    SLACK_CLIENT_SECRET: "client-secret-value-abc",
    SLACK_STATE_SECRET: "state-secret-value-of-at-least-32-chars",
    TOKEN_ENCRYPTION_KEY: KEY_HEX,
  };

  it("reads the client, the state secret and the key (hex or base64) instead of a bot token", () => {
    const config = loadConfig(OAUTH);
    expect(config.slack).toMatchObject({
      botToken: null,
      oauth: {
        clientId: "1111.2222",
        clientSecret: OAUTH.SLACK_CLIENT_SECRET,
        stateSecret: OAUTH.SLACK_STATE_SECRET,
        tokenEncryptionKey: Buffer.from(KEY_HEX, "hex"),
      },
    });
    const base64 = Buffer.from(KEY_HEX, "hex").toString("base64");
    expect(loadConfig({ ...OAUTH, TOKEN_ENCRYPTION_KEY: base64 }).slack.oauth?.tokenEncryptionKey).toEqual(
      Buffer.from(KEY_HEX, "hex"),
    );
    expect(describeConfig(config).slack).toMatchObject({
      botToken: "not used",
      workspaces: "many (OAuth, tokens encrypted)",
    });
    expect(JSON.stringify(describeConfig(config))).not.toContain(OAUTH.SLACK_CLIENT_SECRET);
  });

  it("will not start OAuth without the key, with a short key, with a bot token too, or in Socket Mode", () => {
    const { TOKEN_ENCRYPTION_KEY: _key, ...withoutKey } = OAUTH;
    expect(problemsOf(withoutKey)).toEqual([
      expect.stringMatching(
        /^TOKEN_ENCRYPTION_KEY is missing, and installing in many workspaces \(OAuth, as SLACK_CLIENT_ID is set\) needs it to encrypt the workspaces' bot tokens in the database: set a 32-byte key/,
      ),
    ]);
    const shortKey = "c2hvcnQta2V5";
    const short = problemsOf({ ...OAUTH, TOKEN_ENCRYPTION_KEY: shortKey });
    expect(short).toEqual([expect.stringMatching(/^TOKEN_ENCRYPTION_KEY is not a 32-byte key: /)]);
    expect(short.join("")).not.toContain(shortKey);
    expect(
      problemsOf({
        ...OAUTH,
        SLACK_BOT_TOKEN: VALID.SLACK_BOT_TOKEN,
        SLACK_SOCKET_MODE: "true",
        SLACK_APP_TOKEN: APP_TOKEN,
      }),
    ).toEqual([
      "SLACK_BOT_TOKEN is set, but so is SLACK_CLIENT_ID: set SLACK_BOT_TOKEN for one workspace, or the OAuth variables for many, not both",
      "SLACK_SOCKET_MODE is true, but installing in many workspaces (OAuth) needs Slack to reach PUBLIC_BASE_URL over HTTP: set SLACK_SOCKET_MODE=false",
    ]);
  });

  it("needs the whole client once one part is set", () => {
    const { SLACK_CLIENT_ID: _id, SLACK_STATE_SECRET: _state, ...partial } = OAUTH;
    expect(problemsOf(partial).map((problem) => problem.split(",")[0])).toEqual([
      "SLACK_CLIENT_ID is missing",
      "SLACK_STATE_SECRET is missing",
    ]);
    expect(problemsOf({ ...OAUTH, SLACK_STATE_SECRET: "short" })).toEqual([
      expect.stringMatching(/^SLACK_STATE_SECRET is too short: /),
    ]);
  });
});

describe("describeConfig", () => {
  const config = loadConfig({
    ...VALID,
    SLACK_SOCKET_MODE: "true",
    SLACK_APP_TOKEN: APP_TOKEN,
    ALLOWED_CHANNEL_IDS: "C0123ABCD",
    ALLOWED_USER_IDS: "U0AAA111,U0BBB222",
    DATABASE_URL: "postgres://fakturabot:hunter2@db.example.com:5432/fakturabot",
  });

  it("shows which features are on and secrets only as set", () => {
    const described = describeConfig(config);
    expect(described).toMatchObject({
      store: { kind: "postgres", database: "postgres://fakturabot:***@db.example.com:5432/fakturabot" },
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

describe("the periodic check's settings", () => {
  it("are read in minutes and hours, and refused outside their range", () => {
    expect(
      loadConfig({ ...VALID, FOLLOW_UP_INTERVAL_MINUTES: "15", QUIET_HOURS_BEFORE_LOOKUP: "6" }).followUp,
    ).toEqual({ intervalMinutes: 15, quietHours: 6 });
    const problems = problemsOf({
      ...VALID,
      FOLLOW_UP_INTERVAL_MINUTES: "0",
      QUIET_HOURS_BEFORE_LOOKUP: "soon",
    });
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).toContain("FOLLOW_UP_INTERVAL_MINUTES");
    expect(problems.join("\n")).toContain("QUIET_HOURS_BEFORE_LOOKUP");
  });
});

describe("the language settings", () => {
  it("speak Norwegian everywhere unless told otherwise", () => {
    expect(loadConfig(VALID).locales).toEqual({ defaultLocale: "nb", workspaces: {} });
    expect(describeConfig(loadConfig(VALID)).locales).toEqual({ default: "nb", workspaces: "none" });
  });

  it("read a default and a language per workspace", () => {
    const config = loadConfig({
      ...VALID,
      DEFAULT_LOCALE: " EN ",
      WORKSPACE_LOCALES: "T0123ABCD=nb, T0456EFGH = en,",
    });
    expect(config.locales).toEqual({ defaultLocale: "en", workspaces: { T0123ABCD: "nb", T0456EFGH: "en" } });
    expect(describeConfig(config).locales).toEqual({
      default: "en",
      workspaces: { T0123ABCD: "nb", T0456EFGH: "en" },
    });
  });

  it("name every wrong entry and say how to write it", () => {
    expect(problemsOf({ ...VALID, DEFAULT_LOCALE: "no" })).toEqual([
      'DEFAULT_LOCALE must be nb or en, not "no": use nb for Norsk bokmål (the default) or en for English',
    ]);
    const [problem] = problemsOf({
      ...VALID,
      WORKSPACE_LOCALES: "T0123ABCD=sv,workspace=en,T0456EFGH=en,T0456EFGH=nb,T0789=en=nb",
    });
    expect(problem).toBe(
      'WORKSPACE_LOCALES has "T0123ABCD=sv" names "sv", not nb or en; "workspace=en" is not TEAM_ID=nb or TEAM_ID=en; T0456EFGH is named twice; "T0789=en=nb" is not TEAM_ID=nb or TEAM_ID=en: list workspaces as TEAM_ID=nb or TEAM_ID=en separated by commas, like T0123ABCD=en,T0456EFGH=nb (the team id is in the workspace\'s URL, app.slack.com/client/T…)',
    );
  });
});

describe("approval above a threshold", () => {
  it("is off unless both the threshold and the approvers are set", () => {
    expect(loadConfig(VALID).approval).toBeNull();
    const config = loadConfig({
      ...VALID,
      APPROVAL_THRESHOLD_NOK: " 50000 ",
      APPROVER_USER_IDS: "U0INGBERG, U0OLAHANS,U0INGBERG",
    });
    expect(config.approval).toEqual({ thresholdKroner: 50_000, approverUserIds: ["U0INGBERG", "U0OLAHANS"] });
    expect(describeConfig(config).approval).toEqual({ thresholdKroner: 50_000, approvers: 2 });
    expect(describeConfig(loadConfig(VALID)).approval).toBe("off");
  });

  it("refuses to start with only one of the two, naming what to set", () => {
    expect(problemsOf({ ...VALID, APPROVAL_THRESHOLD_NOK: "50000" })).toEqual([
      "APPROVER_USER_IDS is missing, and APPROVAL_THRESHOLD_NOK needs it: list who may approve invoices at or above the threshold (use member ids (like U0123ABCD, from a profile's ⋮ menu → Copy member ID), separated by commas), or unset APPROVAL_THRESHOLD_NOK",
    ]);
    expect(problemsOf({ ...VALID, APPROVER_USER_IDS: "U0INGBERG" })).toEqual([
      "APPROVAL_THRESHOLD_NOK is missing, and APPROVER_USER_IDS needs it: set the total in whole kroner at or above which an invoice must be approved (e.g. 50000), or unset APPROVER_USER_IDS",
    ]);
  });

  it("refuses a threshold no invoice can reach, a threshold that is not whole kroner, and ids that are not member ids", () => {
    expect(
      problemsOf({
        ...VALID,
        MAX_INVOICE_TOTAL_NOK: "100000",
        APPROVAL_THRESHOLD_NOK: "100001",
        APPROVER_USER_IDS: "U0INGBERG",
      }),
    ).toEqual([
      "APPROVAL_THRESHOLD_NOK is 100001, above MAX_INVOICE_TOTAL_NOK (100000), so no invoice could ever need approval: set it at or below 100000",
    ]);
    const problems = problemsOf({
      ...VALID,
      APPROVAL_THRESHOLD_NOK: "50 000,50",
      APPROVER_USER_IDS: "ingrid",
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^APPROVAL_THRESHOLD_NOK must be the total in whole kroner .*, not "50 000,50"$/,
    );
    expect(problems[1]).toMatch(/^APPROVER_USER_IDS has "ingrid", which is not a Slack member id/);
  });
});
