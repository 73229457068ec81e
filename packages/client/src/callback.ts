import { createHash, timingSafeEqual } from "node:crypto";
import { CALLBACK_PARAMETER_SHAPES, CallbackNotification, KNOWN_ORDER_STATUSES } from "@fakturabot/schema";

/** A callback's parameters, in the order they are sent: an object (insertion order) or pairs. */
export type CallbackParams = Readonly<Record<string, string>> | readonly (readonly [string, string])[];

export interface VerifyCallbackOptions {
  /**
   * Reject callbacks whose `timestamp` is further than this from now, in either direction. When
   * set, a callback without a `timestamp` is rejected too. Unset: no freshness check.
   */
  maxAgeSeconds?: number;
  /** The clock, in milliseconds since the epoch; `Date.now` unless given (for tests). */
  now?: () => number;
}

export type CallbackVerification =
  | { ok: true; notification: CallbackNotification }
  | { ok: false; reason: string };

const CHECKSUM_PARAMETER = "checksum";
const [CHECKSUM_FORMAT] = CALLBACK_PARAMETER_SHAPES.checksum;

/**
 * Front Payment's callback checksum (docs/front-payment.md §9): lowercase hex SHA-256 of the parameter values
 * (every one except `checksum`, URL-decoded, in arrival order) concatenated, then the secret.
 * ASSUMPTION: arrival order, values only, no separators — the end of the documented PHP example
 * was never visible; this is the one place to change once Front Payment confirms.
 */
export function callbackChecksum(values: readonly string[], secret: string): string {
  return createHash("sha256")
    .update(values.join("") + secret, "utf8")
    .digest("hex");
}

/**
 * Builds a signed callback query string (`orderUuid=…&status=…&checksum=<hex>`, no leading `?`)
 * with the parameters in the given order, as Front Payment would send it. For the sandbox and tests.
 */
export function signCallback(params: CallbackParams, secret: string): string {
  const entries: readonly (readonly [string, string])[] = isPairList(params)
    ? params
    : Object.entries(params);
  const seen = new Set<string>();
  for (const [key] of entries) {
    if (key === CHECKSUM_PARAMETER) throw new Error("signCallback: the parameters must not contain checksum");
    if (seen.has(key)) throw new Error(`signCallback: the parameter ${quoted(key)} is given twice`);
    seen.add(key);
  }
  const checksum = callbackChecksum(
    entries.map(([, value]) => value),
    secret,
  );
  return [...entries, [CHECKSUM_PARAMETER, checksum] as const]
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&");
}

/**
 * Verifies a status callback from Front Payment and returns its parsed notification. `url` is the
 * request's URL as received: a full URL or a path with its query (`/callback/FB-1?orderUuid=…`).
 * Never throws: anything malformed or tampered is `{ ok: false, reason }`.
 *
 * The checksum hashes the values joined without separators, so it cannot see characters moved
 * from one parameter to its neighbour (`ODR3099195636I` + `NVOICED`). Every documented parameter
 * must therefore have its shape (`orderUuid` ODR + digits, `createdAt` and `timestamp` 10-digit
 * Unix seconds, `amount` at most two decimals, `status` and `paymentMethod` text without digits),
 * and a callback is refused when two neighbouring values could be split elsewhere into values
 * Front Payment might have sent: a documented shape, with `status` one of the known statuses.
 */
export function verifyCallback(
  url: string | URL,
  secret: string,
  options: VerifyCallbackOptions = {},
): CallbackVerification {
  // Typed callers cannot pass anything else, but a handler in plain JavaScript might.
  if (typeof secret !== "string" || secret.length === 0) return reject("no callback secret is configured");
  if (typeof url !== "string" && !(url instanceof URL)) return reject("the callback URL is missing");
  const parsed = parseQuery(typeof url === "string" ? rawQueryOf(url) : url.search.slice(1));
  if (!parsed.ok) return parsed;
  const { params } = parsed;

  const received = params.find(([key]) => key === CHECKSUM_PARAMETER)?.[1];
  if (received === undefined) return reject("the callback has no checksum parameter");
  if (!CHECKSUM_FORMAT.test(received)) return reject("the checksum is not 64 lowercase hex digits");
  const expected = callbackChecksum(
    params.filter(([key]) => key !== CHECKSUM_PARAMETER).map(([, value]) => value),
    secret,
  );
  if (!timingSafeEqual(Buffer.from(received, "hex"), Buffer.from(expected, "hex")))
    return reject("the checksum does not match: the parameters were changed or the secret is wrong");

  const notification = CallbackNotification.safeParse(Object.fromEntries(params));
  if (!notification.success) {
    const problems = notification.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    return reject(`the callback's parameters are invalid: ${problems.join("; ")}`);
  }

  const boundary = ambiguousBoundary(params.filter(([key]) => key !== CHECKSUM_PARAMETER));
  if (boundary)
    return reject(
      `the values of ${quoted(boundary[0])} and ${quoted(boundary[1])} can be split differently under the same checksum: characters may have been moved between them`,
    );

  if (options.maxAgeSeconds !== undefined) {
    const problem = freshnessProblem(
      notification.data.timestamp,
      options.maxAgeSeconds,
      options.now ?? Date.now,
    );
    if (problem) return reject(problem);
  }
  return { ok: true, notification: notification.data };
}

const SHAPES: Readonly<Record<string, readonly [RegExp, string]>> = CALLBACK_PARAMETER_SHAPES;
const KNOWN_STATUSES: ReadonlySet<string> = new Set(KNOWN_ORDER_STATUSES);

/**
 * Whether Front Payment might have sent `value` as `key`: a documented parameter's shape, and for
 * `status` a known status, since free text could hold any neighbour's letters. Any value fits a
 * parameter Front Payment does not document (such as the callback URL's own query).
 */
function couldHaveBeenSent(key: string, value: string): boolean {
  if (key === "status") return KNOWN_STATUSES.has(value);
  return !isDocumented(key) || (SHAPES[key] as readonly [RegExp, string])[0].test(value);
}

/**
 * The first two neighbouring parameters (in hashing order) whose joined values can be split at
 * another place into values Front Payment might have sent. Two undocumented neighbours are let be:
 * nothing reads them.
 */
function ambiguousBoundary(params: readonly [string, string][]): [string, string] | undefined {
  for (let index = 1; index < params.length; index++) {
    const [leftKey, leftValue] = params[index - 1] as [string, string];
    const [rightKey, rightValue] = params[index] as [string, string];
    if (!isDocumented(leftKey) && !isDocumented(rightKey)) continue;
    const joined = leftValue + rightValue;
    for (let split = 0; split <= joined.length; split++) {
      if (split === leftValue.length) continue;
      if (
        couldHaveBeenSent(leftKey, joined.slice(0, split)) &&
        couldHaveBeenSent(rightKey, joined.slice(split))
      )
        return [leftKey, rightKey];
    }
  }
  return undefined;
}

function isDocumented(key: string): boolean {
  return Object.hasOwn(SHAPES, key);
}

function freshnessProblem(timestamp: string | undefined, maxAgeSeconds: number, now: () => number) {
  if (timestamp === undefined) return "the callback has no timestamp, so its age cannot be checked";
  const ageSeconds = now() / 1000 - Number(timestamp);
  if (ageSeconds > maxAgeSeconds)
    return `the callback is ${Math.floor(ageSeconds)} s old, more than the allowed ${maxAgeSeconds} s`;
  if (-ageSeconds > maxAgeSeconds)
    return `the callback's timestamp is ${Math.ceil(-ageSeconds)} s in the future, more than the allowed ${maxAgeSeconds} s`;
  return undefined;
}

/** The raw query of a URL or path, without `?` and fragment; undecoded, so order is kept. */
function rawQueryOf(url: string): string {
  const withoutFragment = url.split("#", 1)[0] ?? "";
  const start = withoutFragment.indexOf("?");
  return start === -1 ? "" : withoutFragment.slice(start + 1);
}

type ParsedQuery = { ok: true; params: [string, string][] } | { ok: false; reason: string };

/** Splits a query like PHP's `$_GET`: `+` is a space, empty segments are skipped, order is kept. */
function parseQuery(query: string): ParsedQuery {
  if (query.length === 0) return reject("the callback URL has no query parameters");
  const params: [string, string][] = [];
  const seen = new Set<string>();
  for (const segment of query.split("&")) {
    if (segment.length === 0) continue;
    const separator = segment.indexOf("=");
    const key = decodeComponent(separator === -1 ? segment : segment.slice(0, separator));
    const value = decodeComponent(separator === -1 ? "" : segment.slice(separator + 1));
    if (key === undefined || value === undefined)
      return reject("the callback URL has a malformed percent-encoding");
    if (seen.has(key)) return reject(`the parameter ${quoted(key)} appears more than once`);
    seen.add(key);
    params.push([key, value]);
  }
  return { ok: true, params };
}

function decodeComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    return undefined;
  }
}

/** A key for a message: quoted, and cut short, since it comes from whoever sent the request. */
function quoted(key: string): string {
  return JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
}

function isPairList(params: CallbackParams): params is readonly (readonly [string, string])[] {
  return Array.isArray(params);
}

function reject(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
