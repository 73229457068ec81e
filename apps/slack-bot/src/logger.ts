import { maskPersonalNumber, maskPersonalNumbers } from "@fakturabot/schema";
import pino, { type DestinationStream, type Level, type Logger } from "pino";
import { requestLogFields, withRequestLogFields } from "./request-context.js";

export type { Logger };
export type LogLevel = Level | "silent";

const REDACTED = "[redacted]";

/**
 * Keys whose values are secrets, compared lowercased without separators (`signing_secret`,
 * `signingSecret` and `SIGNING-SECRET` are one key): anything ending in `token` or `secret`, and these.
 */
const SECRET_KEYS = new Set([
  "authorization",
  "proxyauthorization",
  "cookie",
  "setcookie",
  "password",
  "apikey",
  "checksum",
  "signature",
  "xslacksignature",
  // Slack's response_url lets anyone holding it post into the conversation for 30 minutes.
  "responseurl",
  // The key that seals the workspaces' bot tokens (OAuth), and what it sealed.
  "tokenencryptionkey",
  "sealed",
  // DATABASE_URL may carry the database password.
  "databaseurl",
]);
const PERSONAL_NUMBER_KEYS = new Set(["personalnumber"]);

/** Secrets that can hide inside free text: Slack tokens, auth headers, our callback checksum. */
const SECRET_TEXT_PATTERNS: readonly [RegExp, string][] = [
  [/\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g, `$1-${REDACTED}`],
  [/\b(Bearer|Basic)\s+[^\s"',]+/gi, `$1 ${REDACTED}`],
  [/([?&]checksum=)[^&#\s"]*/gi, `$1${REDACTED}`],
  // The password in a database URL (postgres://user:password@host/…).
  [/(\bpostgres(?:ql)?:\/\/[^:/@\s"]*:)[^@\s"]*@/gi, `$1${REDACTED}@`],
];

function maskText(text: string): string {
  let masked = maskPersonalNumbers(text);
  for (const [pattern, replacement] of SECRET_TEXT_PATTERNS) masked = masked.replace(pattern, replacement);
  return masked;
}

function normalizedKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function isSecretKey(key: string): boolean {
  const normalized = normalizedKey(key);
  return SECRET_KEYS.has(normalized) || normalized.endsWith("token") || normalized.endsWith("secret");
}

/** One parsed log line, with secrets removed and personal numbers masked at any depth. */
function sanitize(value: unknown, key?: string): unknown {
  if (key !== undefined) {
    if (isSecretKey(key)) return REDACTED;
    if (PERSONAL_NUMBER_KEYS.has(normalizedKey(key)) && value !== null && typeof value !== "object") {
      return maskPersonalNumber(String(value));
    }
  }
  if (typeof value === "string") return maskText(value);
  // A personal number that arrived as a JSON number.
  if (
    typeof value === "number" &&
    Number.isInteger(value) &&
    Math.abs(value) >= 1e10 &&
    Math.abs(value) < 1e11
  ) {
    return maskPersonalNumbers(String(value));
  }
  if (Array.isArray(value)) return value.map((item) => sanitize(item));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, sanitize(item, name)]));
  }
  return value;
}

/** Every word a key `sanitize` acts on contains, in `normalizedKey`'s form. */
const KEY_WORDS = ["token", "secret", ...SECRET_KEYS, ...PERSONAL_NUMBER_KEYS];

/**
 * Whether `sanitize` would leave the line as it is, told without parsing it (most lines: a callback's
 * one line each). Without a backslash every string in the line is written in it as it is, so text
 * `maskText` leaves alone holds no secret or personal number (nor does an 11-digit number), and no
 * key `sanitize` redacts can hide from a search of the line's letters and digits.
 */
function isPlainLine(line: string): boolean {
  if (line.includes("\\")) return false;
  const compact = line.toLowerCase().replace(/[^a-z0-9]/g, "");
  return !KEY_WORDS.some((word) => compact.includes(word)) && maskText(line) === line;
}

/**
 * Pino's last step before the line is written: it sees everything (child bindings, serialized
 * errors and requests, the formatted message), so nothing can go around it. Key-based redaction at
 * any depth, rather than a list of pino `redact` paths, also catches the tokens and personal
 * numbers that client errors and HTTP requests nest arbitrarily deep.
 */
function sanitizeLine(line: string): string {
  if (isPlainLine(line)) return line;
  try {
    return `${JSON.stringify(sanitize(JSON.parse(line)))}\n`;
  } catch {
    return maskText(line);
  }
}

/**
 * Each line's `time`, milliseconds since the epoch as pino writes it by default, but worded with
 * `toFixed`: pino's own `${Date.now()}` goes through V8's number-to-string cache, which on Node 20
 * allocates every new time's text in the old generation, where it stayed as garbage (issue 14).
 */
function epochMillis(): string {
  return `,"time":${Date.now().toFixed(0)}`;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go; standard output unless given (tests pass an in-memory stream). */
  destination?: DestinationStream;
}

/**
 * The bot's structured logger (pino, JSON lines). Secrets (tokens, signing and callback secrets,
 * authorization headers, checksums) never reach the output, and personal numbers are masked, in
 * fields and in free text alike.
 */
export function createLogger({ level, destination }: LoggerOptions): Logger {
  // Synchronous writes to standard output: the lines before a crash are not lost in a buffer.
  return pino(
    // Each line written while handling a Slack request or a callback carries its `requestId`.
    {
      level,
      timestamp: epochMillis,
      hooks: { streamWrite: sanitizeLine },
      mixin: requestLogFields,
      mixinMergeStrategy: withRequestLogFields,
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
