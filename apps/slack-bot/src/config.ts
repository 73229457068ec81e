import { resolve } from "node:path";
import { BRREG_BASE_URL } from "@fakturabot/client";
import { DEFAULT_TAX_RATES, DEMO_BASE_URL, z } from "@fakturabot/schema";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./i18n/locale.js";
import { parseEncryptionKey } from "./installations/sealing.js";
import { DEFAULT_MAX_INVOICE_TOTAL_KRONER } from "./invoice-form/limits.js";
import type { LogLevel } from "./logger.js";
import { redactedUrl } from "./store/errors.js";
import type { StoreConfig } from "./store/open.js";

/** The largest maximum total a deployment may set, in kroner: its øre are still a safe integer. */
const MAX_CONFIGURABLE_TOTAL_KRONER = Math.floor(Number.MAX_SAFE_INTEGER / 100);

/** Everything the bot reads from its environment, validated. Never log it whole: see `describeConfig`. */
export interface Config {
  slack: {
    signingSecret: string;
    /** One workspace's bot token; null when the app is installed in many workspaces (`oauth`). */
    botToken: string | null;
    /** Socket Mode (development) instead of HTTP request URLs (production). */
    socketMode: boolean;
    /** The app-level token (`xapp-…`), set exactly when `socketMode` is on. */
    appToken: string | null;
    /** Another Slack Web API base URL (the sandbox's); null for Slack itself. */
    apiUrl: string | null;
    /** Installation in many workspaces through Slack's OAuth flow; null for one workspace's bot token. */
    oauth: {
      clientId: string;
      clientSecret: string;
      stateSecret: string;
      /** The 32-byte AES-256-GCM key that seals the workspaces' bot tokens in the database. */
      tokenEncryptionKey: Buffer;
    } | null;
  };
  frontPayment: {
    token: string;
    callbackSecret: string;
    environment: "demo" | "production";
    baseUrl: string;
  };
  /** Brønnøysundregistrene's Enhetsregisteret, for filling in a company from its organisation number. */
  brreg: { baseUrl: string };
  /** Where Front Payment and customers reach the bot, without a trailing slash. */
  publicBaseUrl: string;
  /** Empty lists allow everyone; admins may use the bot everywhere and cancel any order. */
  access: {
    allowedChannelIds: string[];
    allowedUserIds: string[];
    adminUserIds: string[];
  };
  /** The durable store: SQLite in `dataDir` (an absolute path), or PostgreSQL when `DATABASE_URL` is set. */
  store: StoreConfig;
  port: number;
  logLevel: LogLevel;
  invoice: {
    /** The VAT rates (percent) the account accepts (docs/front-payment.md §7). */
    taxRates: number[];
    /** Days until an invoice is due, unless the user chooses otherwise. */
    maturityDays: number;
    /** The largest total an invoice may have, in whole kroner: more is refused next to the form's field. */
    maxTotalKroner: number;
    /** Days a failed or unknown order keeps its request (the personal number in it) before it expires. */
    keptRequestDays: number;
  };
  /** The periodic check: overdue invoices, and quiet ones asked about (a callback may have been missed). */
  followUp: { intervalMinutes: number; quietHours: number };
  /**
   * The language the bot speaks in Slack: `defaultLocale` in every workspace but those `workspaces`
   * names (by team id); each person may choose their own in App Home.
   */
  locales: { defaultLocale: Locale; workspaces: Record<string, Locale> };
  /**
   * Invoices whose total is at or above `thresholdKroner` are sent only once one of
   * `approverUserIds` other than their creator approves them; null: no approval.
   */
  approval: { thresholdKroner: number; approverUserIds: string[] } | null;
}

/** The configuration is unusable; `problems` has one line per problem, every one of them. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(
      `Fakturabot cannot start: ${problems.length === 1 ? "1 problem" : `${problems.length} problems`} in its configuration (environment variables or .env):\n${problems.join("\n")}`,
    );
  }
}

export const LOG_LEVELS = [
  "fatal",
  "error",
  "warn",
  "info",
  "debug",
  "trace",
  "silent",
] as const satisfies readonly LogLevel[];

const HINT = {
  signingSecret: "copy the Signing Secret from your Slack app's Basic Information page (App Credentials)",
  botToken:
    "install the app to your workspace and copy the Bot User OAuth Token from your Slack app's OAuth & Permissions page",
  appToken:
    "create an app-level token with the connections:write scope under Basic Information → App-Level Tokens, or set SLACK_SOCKET_MODE=false",
  frontPaymentToken: "use the API token Front Payment issued for your account",
  callbackSecret: "use the secret key Front Payment issued for verifying callbacks",
  publicBaseUrl:
    "set the https URL where Front Payment and your customers reach this bot, e.g. https://fakturabot.example.com",
  channelIds: "use channel ids (like C0123ABCD, from the channel's details), separated by commas",
  clientId: "copy the Client ID from your Slack app's Basic Information page (App Credentials)",
  clientSecret: "copy the Client Secret from your Slack app's Basic Information page (App Credentials)",
  stateSecret:
    "set a random secret of at least 32 characters that signs the OAuth state (e.g. the output of `openssl rand -hex 32`)",
  tokenEncryptionKey:
    "set a 32-byte key, written as 64 hex digits or in base64 (the output of `openssl rand -base64 32`); keep it safe: without it every workspace must install the app again",
  userIds: "use member ids (like U0123ABCD, from a profile's ⋮ menu → Copy member ID), separated by commas",
  locale: "use nb for Norsk bokmål (the default) or en for English",
  workspaceLocales:
    "list workspaces as TEAM_ID=nb or TEAM_ID=en separated by commas, like T0123ABCD=en,T0456EFGH=nb (the team id is in the workspace's URL, app.slack.com/client/T…)",
  databaseUrl:
    "use a PostgreSQL URL like postgres://fakturabot:PASSWORD@db.example.com:5432/fakturabot, or unset it to keep the data in SQLite under DATA_DIR",
} as const;

/** `""` counts as unset, so `FOO=` in a .env file means the default. */
function variable<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    schema,
  );
}

/** A secret as copied from a web page: one word (a stray space or line break is a copying mistake). */
function secretText(hint: string) {
  return z
    .string({ required_error: `is missing: ${hint}` })
    .refine((value) => !/\s/.test(value), `contains spaces or line breaks: ${hint}, exactly as shown`);
}

function secret(hint: string) {
  return variable(secretText(hint));
}

function token(prefix: string, kind: string, hint: string) {
  return secretText(hint).refine(
    (value) => value.startsWith(prefix) && value.length > prefix.length,
    `must be ${kind} (starting with ${prefix}): ${hint}`,
  );
}

function isLocalhost(url: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

/** An http(s) URL without query or fragment, returned without its trailing slash. */
function baseUrl({ httpsUnlessLocal, hint }: { httpsUnlessLocal: boolean; hint: string }) {
  return z.string().transform((text, context) => {
    const fail = (problem: string) => {
      context.addIssue({ code: z.ZodIssueCode.custom, message: `${problem}: ${hint}` });
      return z.NEVER;
    };
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return fail(`"${text}" is not a URL`);
    }
    // Checked before anything that quotes the URL, so a password in it never reaches the message.
    if (url.username || url.password) return fail("must not contain a user name or password");
    if (url.protocol !== "https:" && url.protocol !== "http:")
      return fail(`"${text}" must be an http(s) URL`);
    if (httpsUnlessLocal && url.protocol === "http:" && !isLocalhost(url)) {
      return fail(`"${text}" must use https (plain http only for localhost)`);
    }
    if (url.search || url.hash) return fail(`"${text}" must not have a query string or fragment`);
    return url.href.replace(/\/+$/, "");
  });
}

/** A PostgreSQL connection URL. Never quoted in a message: it may hold the password. */
const databaseUrl = z.string().superRefine((text, context) => {
  const fail = (problem: string) =>
    context.addIssue({ code: z.ZodIssueCode.custom, message: `${problem}: ${HINT.databaseUrl}` });
  if (!URL.canParse(text)) return fail("is not a URL");
  const url = new URL(text);
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    return fail(`must start with postgres:// or postgresql://, not ${url.protocol}//`);
  }
  if (!url.hostname) return fail("names no host");
  if (url.pathname.replace(/^\//, "") === "") return fail("names no database (the path after the host)");
});

function boolean(defaultValue: boolean) {
  return variable(
    z
      .string()
      .transform((text, context) => {
        const value = text.trim().toLowerCase();
        if (value === "true") return true;
        if (value === "false") return false;
        context.addIssue({ code: z.ZodIssueCode.custom, message: `must be true or false, not "${text}"` });
        return z.NEVER;
      })
      .default(String(defaultValue)),
  );
}

/** A whole number that may be left unset (then `undefined`). */
function optionalInteger({ min, max, what }: { min: number; max: number; what: string }) {
  return variable(
    z
      .string()
      .optional()
      .transform((text, context) => {
        if (text === undefined) return undefined;
        const value = Number(text.trim());
        if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
          context.addIssue({
            code: z.ZodIssueCode.custom,
            message: `must be ${what}, a whole number from ${min} to ${max}, not "${text}"`,
          });
          return z.NEVER;
        }
        return value;
      }),
  );
}

function slackIds(pattern: RegExp, example: string, hint: string) {
  return variable(
    z
      .string()
      .transform((text, context) => {
        const ids = text
          .split(",")
          .map((id) => id.trim())
          .filter((id) => id !== "");
        const wrong = ids.filter((id) => !pattern.test(id));
        if (wrong.length > 0) {
          const list = wrong.map((id) => `"${id}"`).join(", ");
          context.addIssue({
            code: z.ZodIssueCode.custom,
            message: `has ${list}, which ${wrong.length === 1 ? "is not" : "are not"} ${example}: ${hint}`,
          });
          return z.NEVER;
        }
        return [...new Set(ids)];
      })
      .default(""),
  );
}

function integer({
  min,
  max,
  defaultValue,
  what,
}: {
  min: number;
  max: number;
  defaultValue: number;
  what: string;
}) {
  return variable(
    z
      .string()
      .transform((text, context) => {
        const value = Number(text.trim());
        if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
          context.addIssue({
            code: z.ZodIssueCode.custom,
            message: `must be ${what}, a whole number from ${min} to ${max}, not "${text}"`,
          });
          return z.NEVER;
        }
        return value;
      })
      .default(String(defaultValue)),
  );
}

const localeVariable = variable(
  z
    .string()
    .transform((text, context) => {
      const value = text.trim().toLowerCase();
      if (isLocale(value)) return value;
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message: `must be nb or en, not "${text}": ${HINT.locale}`,
      });
      return z.NEVER;
    })
    .default(DEFAULT_LOCALE),
);

/** `T0123=en,T0456=nb`: a language per workspace, each team named once. */
const workspaceLocales = variable(
  z
    .string()
    .transform((text, context) => {
      const choices: Record<string, Locale> = {};
      const problems: string[] = [];
      for (const entry of text.split(",").map((part) => part.trim())) {
        if (entry === "") continue;
        const [team = "", locale = "", ...rest] = entry.split("=").map((part) => part.trim());
        if (rest.length > 0 || !/^[TE][A-Z0-9]{2,}$/.test(team)) {
          problems.push(`"${entry}" is not TEAM_ID=nb or TEAM_ID=en`);
        } else if (!isLocale(locale.toLowerCase())) {
          problems.push(`"${entry}" names "${locale}", not nb or en`);
        } else if (Object.hasOwn(choices, team)) {
          problems.push(`${team} is named twice`);
        } else {
          choices[team] = locale.toLowerCase() as Locale;
        }
      }
      if (problems.length === 0) return choices;
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message: `has ${problems.join("; ")}: ${HINT.workspaceLocales}`,
      });
      return z.NEVER;
    })
    .default(""),
);

const taxRates = variable(
  z
    .string()
    .transform((text, context) => {
      const parts = text.split(",").map((part) => part.trim());
      if (parts.some((part) => !/^\d+(\.\d+)?$/.test(part) || Number(part) > 100)) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be VAT percentages from 0 to 100 separated by commas (like 0,12,15,25), not "${text}"`,
        });
        return z.NEVER;
      }
      return [...new Set(parts.map(Number))].sort((a, b) => a - b);
    })
    .default(DEFAULT_TAX_RATES.join(",")),
);

/** One entry per variable, in the order the problems are reported and `.env.example` lists them. */
const environmentSchema = z.object({
  SLACK_SIGNING_SECRET: secret(HINT.signingSecret),
  // Required unless the app is installed through OAuth: see crossVariableProblems.
  SLACK_BOT_TOKEN: variable(token("xoxb-", "a bot token", HINT.botToken).optional()),
  SLACK_SOCKET_MODE: boolean(false),
  SLACK_APP_TOKEN: variable(token("xapp-", "an app-level token", HINT.appToken).optional()),
  SLACK_API_URL: variable(
    baseUrl({ httpsUnlessLocal: false, hint: "leave it unset to use Slack itself" }).optional(),
  ),
  SLACK_CLIENT_ID: variable(secretText(HINT.clientId).optional()),
  SLACK_CLIENT_SECRET: variable(secretText(HINT.clientSecret).optional()),
  SLACK_STATE_SECRET: variable(
    secretText(HINT.stateSecret)
      .refine((value) => value.length >= 32, `is too short: ${HINT.stateSecret}`)
      .optional(),
  ),
  TOKEN_ENCRYPTION_KEY: variable(
    secretText(HINT.tokenEncryptionKey)
      .transform((text, context) => {
        const key = parseEncryptionKey(text);
        if (key) return key;
        // The value itself is never quoted: it is a secret.
        context.addIssue({
          code: z.ZodIssueCode.custom,
          message: `is not a 32-byte key: ${HINT.tokenEncryptionKey}`,
        });
        return z.NEVER;
      })
      .optional(),
  ),
  FRONTPAYMENT_TOKEN: secret(HINT.frontPaymentToken),
  FRONTPAYMENT_CALLBACK_SECRET: secret(HINT.callbackSecret),
  FRONTPAYMENT_ENVIRONMENT: variable(
    z
      .enum(["demo", "production"], {
        errorMap: (_issue, context) => ({ message: `must be demo or production, not "${context.data}"` }),
      })
      .default("demo"),
  ),
  FRONTPAYMENT_BASE_URL: variable(
    baseUrl({
      httpsUnlessLocal: true,
      hint: `set the Connect API's base URL Front Payment gave you (demo: ${DEMO_BASE_URL})`,
    }).optional(),
  ),
  BRREG_BASE_URL: variable(
    baseUrl({ httpsUnlessLocal: true, hint: `leave it unset for ${BRREG_BASE_URL}` }).optional(),
  ),
  PUBLIC_BASE_URL: variable(
    z
      .string({ required_error: `is missing: ${HINT.publicBaseUrl}` })
      .pipe(baseUrl({ httpsUnlessLocal: true, hint: HINT.publicBaseUrl })),
  ),
  PORT: integer({ min: 1, max: 65535, defaultValue: 3000, what: "the port to listen on" }),
  ALLOWED_CHANNEL_IDS: slackIds(/^[CGD][A-Z0-9]{2,}$/, "a Slack channel id", HINT.channelIds),
  ALLOWED_USER_IDS: slackIds(/^[UW][A-Z0-9]{2,}$/, "a Slack member id", HINT.userIds),
  ADMIN_USER_IDS: slackIds(/^[UW][A-Z0-9]{2,}$/, "a Slack member id", HINT.userIds),
  DATA_DIR: variable(z.string().default("./data")),
  DATABASE_URL: variable(databaseUrl.optional()),
  LOG_LEVEL: variable(
    z
      .enum(LOG_LEVELS, {
        errorMap: (_issue, context) => ({
          message: `must be one of ${LOG_LEVELS.join(", ")}, not "${context.data}"`,
        }),
      })
      .default("info"),
  ),
  TAX_RATES: taxRates,
  DEFAULT_INVOICE_MATURITY_DAYS: integer({
    min: 1,
    max: 365,
    defaultValue: 14,
    what: "the number of days until an invoice is due",
  }),
  MAX_INVOICE_TOTAL_NOK: integer({
    min: 1,
    max: MAX_CONFIGURABLE_TOTAL_KRONER,
    defaultValue: DEFAULT_MAX_INVOICE_TOTAL_KRONER,
    what: "the largest total of one invoice in whole kroner",
  }),
  KEPT_REQUEST_DAYS: integer({
    min: 1,
    max: 90,
    defaultValue: 7,
    what: "the days an unsent invoice's details are kept",
  }),
  FOLLOW_UP_INTERVAL_MINUTES: integer({
    min: 1,
    max: 24 * 60,
    defaultValue: 60,
    what: "how many minutes apart the overdue check runs",
  }),
  QUIET_HOURS_BEFORE_LOOKUP: integer({
    min: 1,
    max: 24 * 30,
    defaultValue: 24,
    what: "how many hours an unpaid invoice may hear nothing from Front Payment before it is asked",
  }),
  DEFAULT_LOCALE: localeVariable,
  WORKSPACE_LOCALES: workspaceLocales,
  APPROVAL_THRESHOLD_NOK: optionalInteger({
    min: 1,
    max: MAX_CONFIGURABLE_TOTAL_KRONER,
    what: "the total in whole kroner at or above which an invoice must be approved before it is sent",
  }),
  APPROVER_USER_IDS: slackIds(/^[UW][A-Z0-9]{2,}$/, "a Slack member id", HINT.userIds),
});

type EnvironmentVariable = keyof typeof environmentSchema.shape;
/** Every variable the bot reads, in the order `.env.example` documents them. */
export const ENVIRONMENT_VARIABLES = Object.keys(environmentSchema.shape) as readonly EnvironmentVariable[];

/** Rules that involve more than one variable, checked on the raw values so every problem is reported. */
function crossVariableProblems(env: Record<string, string | undefined>): [EnvironmentVariable, string][] {
  const present = (name: EnvironmentVariable) => (env[name] ?? "").trim() !== "";
  const problems: [EnvironmentVariable, string][] = [...oauthProblems(present, env)];
  if ((env.SLACK_SOCKET_MODE ?? "").trim().toLowerCase() === "true" && !present("SLACK_APP_TOKEN")) {
    problems.push(["SLACK_APP_TOKEN", `is missing, and Socket Mode needs it: ${HINT.appToken}`]);
  }
  problems.push(...approvalProblems(present, env));
  if ((env.FRONTPAYMENT_ENVIRONMENT ?? "").trim() === "production" && !present("FRONTPAYMENT_BASE_URL")) {
    problems.push([
      "FRONTPAYMENT_BASE_URL",
      "is missing, and the production environment needs it: set the production Connect API base URL Front Payment gave you",
    ]);
  }
  return problems;
}

/** Approval needs both its threshold and its approvers, and a threshold an invoice can reach. */
function approvalProblems(
  present: (name: EnvironmentVariable) => boolean,
  env: Record<string, string | undefined>,
): [EnvironmentVariable, string][] {
  if (present("APPROVAL_THRESHOLD_NOK") && !present("APPROVER_USER_IDS")) {
    return [
      [
        "APPROVER_USER_IDS",
        `is missing, and APPROVAL_THRESHOLD_NOK needs it: list who may approve invoices at or above the threshold (${HINT.userIds}), or unset APPROVAL_THRESHOLD_NOK`,
      ],
    ];
  }
  if (present("APPROVER_USER_IDS") && !present("APPROVAL_THRESHOLD_NOK")) {
    return [
      [
        "APPROVAL_THRESHOLD_NOK",
        "is missing, and APPROVER_USER_IDS needs it: set the total in whole kroner at or above which an invoice must be approved (e.g. 50000), or unset APPROVER_USER_IDS",
      ],
    ];
  }
  const threshold = Number((env.APPROVAL_THRESHOLD_NOK ?? "").trim());
  const maxText = (env.MAX_INVOICE_TOTAL_NOK ?? "").trim();
  const max = maxText === "" ? DEFAULT_MAX_INVOICE_TOTAL_KRONER : Number(maxText);
  if (
    present("APPROVAL_THRESHOLD_NOK") &&
    Number.isInteger(threshold) &&
    Number.isInteger(max) &&
    threshold > max
  ) {
    return [
      [
        "APPROVAL_THRESHOLD_NOK",
        `is ${threshold}, above MAX_INVOICE_TOTAL_NOK (${max}), so no invoice could ever need approval: set it at or below ${max}`,
      ],
    ];
  }
  return [];
}

const OAUTH_VARIABLES = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;

/** One workspace's bot token, or OAuth for many: each needs its own variables, and not the other's. */
function oauthProblems(
  present: (name: EnvironmentVariable) => boolean,
  env: Record<string, string | undefined>,
): [EnvironmentVariable, string][] {
  const oauth = OAUTH_VARIABLES.filter(present);
  if (oauth.length === 0) {
    return present("SLACK_BOT_TOKEN") ? [] : [["SLACK_BOT_TOKEN", `is missing: ${HINT.botToken}`]];
  }
  const because = `and installing in many workspaces (OAuth, as ${oauth[0]} is set) needs it`;
  const problems: [EnvironmentVariable, string][] = [];
  const hints = {
    SLACK_CLIENT_ID: HINT.clientId,
    SLACK_CLIENT_SECRET: HINT.clientSecret,
    SLACK_STATE_SECRET: HINT.stateSecret,
  };
  for (const name of OAUTH_VARIABLES) {
    if (!present(name)) problems.push([name, `is missing, ${because}: ${hints[name]}`]);
  }
  if (!present("TOKEN_ENCRYPTION_KEY")) {
    problems.push([
      "TOKEN_ENCRYPTION_KEY",
      `is missing, ${because} to encrypt the workspaces' bot tokens in the database: ${HINT.tokenEncryptionKey}`,
    ]);
  }
  if (present("SLACK_BOT_TOKEN")) {
    problems.push([
      "SLACK_BOT_TOKEN",
      `is set, but so is ${oauth[0]}: set SLACK_BOT_TOKEN for one workspace, or the OAuth variables for many, not both`,
    ]);
  }
  if ((env.SLACK_SOCKET_MODE ?? "").trim().toLowerCase() === "true") {
    problems.push([
      "SLACK_SOCKET_MODE",
      "is true, but installing in many workspaces (OAuth) needs Slack to reach PUBLIC_BASE_URL over HTTP: set SLACK_SOCKET_MODE=false",
    ]);
  }
  return problems;
}

/**
 * Reads and validates the configuration. Throws a `ConfigError` listing every problem at once,
 * each naming its variable and what to do; no message ever contains a secret's value.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = environmentSchema.safeParse(env);
  const problems: [EnvironmentVariable, string][] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => [issue.path[0] as EnvironmentVariable, issue.message]);
  problems.push(...crossVariableProblems(env));
  if (!parsed.success || problems.length > 0) {
    problems.sort(([a], [b]) => ENVIRONMENT_VARIABLES.indexOf(a) - ENVIRONMENT_VARIABLES.indexOf(b));
    throw new ConfigError(problems.map(([name, message]) => `${name} ${message}`));
  }
  const values = parsed.data;
  return {
    slack: {
      signingSecret: values.SLACK_SIGNING_SECRET,
      botToken: values.SLACK_BOT_TOKEN ?? null,
      socketMode: values.SLACK_SOCKET_MODE,
      appToken: values.SLACK_SOCKET_MODE ? (values.SLACK_APP_TOKEN ?? null) : null,
      apiUrl: values.SLACK_API_URL ?? null,
      // All four are set when one is: checked above.
      oauth:
        values.SLACK_CLIENT_ID &&
        values.SLACK_CLIENT_SECRET &&
        values.SLACK_STATE_SECRET &&
        values.TOKEN_ENCRYPTION_KEY
          ? {
              clientId: values.SLACK_CLIENT_ID,
              clientSecret: values.SLACK_CLIENT_SECRET,
              stateSecret: values.SLACK_STATE_SECRET,
              tokenEncryptionKey: values.TOKEN_ENCRYPTION_KEY,
            }
          : null,
    },
    frontPayment: {
      token: values.FRONTPAYMENT_TOKEN,
      callbackSecret: values.FRONTPAYMENT_CALLBACK_SECRET,
      environment: values.FRONTPAYMENT_ENVIRONMENT,
      // Production without its base URL was refused above.
      baseUrl: values.FRONTPAYMENT_BASE_URL ?? DEMO_BASE_URL,
    },
    brreg: { baseUrl: values.BRREG_BASE_URL ?? BRREG_BASE_URL },
    publicBaseUrl: values.PUBLIC_BASE_URL,
    access: {
      allowedChannelIds: values.ALLOWED_CHANNEL_IDS,
      allowedUserIds: values.ALLOWED_USER_IDS,
      adminUserIds: values.ADMIN_USER_IDS,
    },
    store: values.DATABASE_URL
      ? { kind: "postgres", databaseUrl: values.DATABASE_URL }
      : { kind: "sqlite", dataDir: resolve(values.DATA_DIR) },
    port: values.PORT,
    logLevel: values.LOG_LEVEL,
    invoice: {
      taxRates: values.TAX_RATES,
      maturityDays: values.DEFAULT_INVOICE_MATURITY_DAYS,
      maxTotalKroner: values.MAX_INVOICE_TOTAL_NOK,
      keptRequestDays: values.KEPT_REQUEST_DAYS,
    },
    followUp: {
      intervalMinutes: values.FOLLOW_UP_INTERVAL_MINUTES,
      quietHours: values.QUIET_HOURS_BEFORE_LOOKUP,
    },
    locales: { defaultLocale: values.DEFAULT_LOCALE, workspaces: values.WORKSPACE_LOCALES },
    // Both or neither are set: checked above.
    approval:
      values.APPROVAL_THRESHOLD_NOK === undefined
        ? null
        : { thresholdKroner: values.APPROVAL_THRESHOLD_NOK, approverUserIds: values.APPROVER_USER_IDS },
  };
}

/** A summary for the start-up log line: which features are on, secrets only as "set". */
export function describeConfig(config: Config) {
  return {
    slack: {
      mode: config.slack.socketMode ? "socket" : "http",
      api: config.slack.apiUrl ?? "slack.com",
      signingSecret: "set",
      botToken: config.slack.botToken === null ? "not used" : "set",
      workspaces: config.slack.oauth === null ? "one (SLACK_BOT_TOKEN)" : "many (OAuth, tokens encrypted)",
      appToken: config.slack.appToken === null ? "not used" : "set",
    },
    frontPayment: {
      environment: config.frontPayment.environment,
      baseUrl: config.frontPayment.baseUrl,
      token: "set",
      callbackSecret: "set",
    },
    brreg: config.brreg,
    publicBaseUrl: config.publicBaseUrl,
    access: {
      channels: config.access.allowedChannelIds.length === 0 ? "all" : config.access.allowedChannelIds,
      users: config.access.allowedUserIds.length === 0 ? "all" : config.access.allowedUserIds.length,
      admins: config.access.adminUserIds.length,
    },
    store:
      config.store.kind === "postgres"
        ? { kind: "postgres", database: redactedUrl(config.store.databaseUrl) }
        : config.store,
    port: config.port,
    logLevel: config.logLevel,
    invoice: config.invoice,
    followUp: config.followUp,
    locales: {
      default: config.locales.defaultLocale,
      workspaces: Object.keys(config.locales.workspaces).length === 0 ? "none" : config.locales.workspaces,
    },
    approval:
      config.approval === null
        ? "off"
        : {
            thresholdKroner: config.approval.thresholdKroner,
            approvers: config.approval.approverUserIds.length,
          },
  };
}
