import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson } from "../../http.js";
import { SlackApiError } from "../errors.js";
import type { FaultPlan } from "../faults.js";
import type { SocketModeServer } from "../socket-mode.js";
import type { ApiArgs, MethodContext } from "./args.js";
import { chatMethods } from "./chat.js";
import { directoryMethods } from "./directory.js";
import type { RateLimiter } from "./rate-limits.js";
import { viewMethods } from "./views.js";

/** The one method that takes the app-level token (`xapp-…`) rather than the bot token. */
const APP_LEVEL_METHOD = "apps.connections.open";
/** The one method that takes the app's client id and secret: a code becomes a workspace's bot token. */
const OAUTH_ACCESS_METHOD = "oauth.v2.access";

const METHODS = { ...directoryMethods, ...viewMethods, ...chatMethods };

/** The Web API methods the stand-in implements. */
export type SlackMethodName = keyof typeof METHODS | typeof APP_LEVEL_METHOD | typeof OAUTH_ACCESS_METHOD;

export const SLACK_METHODS = [
  ...Object.keys(METHODS),
  APP_LEVEL_METHOD,
  OAUTH_ACCESS_METHOD,
] as SlackMethodName[];

/** `apps.connections.open` hands out a Socket Mode URL; every other method acts on the workspace. */
function handlerFor(
  method: string,
): ((args: ApiArgs, context: WebApiContext) => Record<string, unknown>) | undefined {
  if (method === APP_LEVEL_METHOD) return (_args, context) => ({ url: context.socketMode.openUrl() });
  return Object.hasOwn(METHODS, method) ? METHODS[method as keyof typeof METHODS] : undefined;
}

/** Scopes the stand-in reports in `x-oauth-scopes`, as Slack does on every answer (and grants). */
export const SCOPES =
  "commands,chat:write,users:read,users:read.email,channels:read,groups:read,im:read,channels:join,channels:history,groups:history,im:history";

export interface WebApiContext extends MethodContext {
  /** The app-level token `apps.connections.open` accepts. */
  appToken: string;
  socketMode: SocketModeServer;
  faults: FaultPlan;
  /** Slack's rate limits on posting, when a test turns them on. */
  rateLimits: RateLimiter;
}

/** The workspaces behind one Web API: a bot token names its workspace. */
export interface WebApiRouter {
  /** Where calls are recorded before their token names a workspace, and what the app-level token acts on. */
  primary: WebApiContext;
  /** The workspace of a bot token, or Slack's error for a token that works nowhere. */
  forBotToken(token: string): WebApiContext | "invalid_auth" | "token_revoked";
  /** `oauth.v2.access`: checks the client and the code; the workspace it installed and Slack's answer. */
  exchangeCode(
    args: ApiArgs,
    basicAuth: { id: string; secret: string } | undefined,
  ): {
    context: WebApiContext;
    answer: Record<string, unknown>;
  };
}

/** Form fields, JSON bodies and query strings, the ways Slack accepts arguments. */
function decodeArgs(request: IncomingMessage, body: string): { args: ApiArgs; tokenAllowedInBody: boolean } {
  const url = new URL(request.url ?? "/", "http://sandbox");
  const args: ApiArgs = Object.fromEntries(url.searchParams);
  const contentType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (body === "") return { args, tokenAllowedInBody: true };
  if (contentType === "application/x-www-form-urlencoded") {
    return { args: { ...args, ...Object.fromEntries(new URLSearchParams(body)) }, tokenAllowedInBody: true };
  }
  if (contentType === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new SlackApiError("invalid_json");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new SlackApiError("invalid_json");
    // Slack reads the token of a JSON request only from the Authorization header.
    return { args: { ...args, ...(parsed as ApiArgs) }, tokenAllowedInBody: false };
  }
  if (contentType === "") throw new SlackApiError("missing_post_type");
  throw new SlackApiError("invalid_post_type");
}

function bearerToken(request: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
  return match?.[1];
}

/** `Authorization: Basic` with the client id and secret, which `oauth.v2.access` also accepts. */
function basicAuth(request: IncomingMessage): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? "");
  if (!match?.[1]) return undefined;
  const [id = "", ...secret] = Buffer.from(match[1], "base64").toString("utf8").split(":");
  return { id, secret: secret.join(":") };
}

/** Answers `POST /api/<method>` like slack.com/api does, and records the call. */
export async function handleWebApi(
  request: IncomingMessage,
  response: ServerResponse,
  method: string,
  router: WebApiRouter,
): Promise<void> {
  let context = router.primary;
  const body = await readBody(request);
  let args: ApiArgs = {};
  const answer = (status: number, payload: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const { workspace } = context;
    workspace.recordCall({
      method,
      args,
      status,
      ok: payload.ok === true,
      ...(typeof payload.error === "string" ? { error: payload.error } : {}),
      at: workspace.clock(),
    });
    sendJson(response, status, payload, { "x-oauth-scopes": SCOPES, ...headers });
  };

  try {
    const decoded = decodeArgs(request, body);
    const { token: bodyToken, ...rest } = decoded.args;
    args = rest;
    if (method === OAUTH_ACCESS_METHOD) {
      const { client_secret: _secret, code: _code, ...recorded } = rest;
      args = recorded;
      const exchanged = router.exchangeCode(rest, basicAuth(request));
      context = exchanged.context;
      return answer(200, { ok: true, ...exchanged.answer });
    }
    const handler = handlerFor(method);
    if (!handler) return answer(200, { ok: false, error: "unknown_method", req_method: method });
    const token =
      bearerToken(request) ??
      (decoded.tokenAllowedInBody && typeof bodyToken === "string" ? bodyToken : undefined);
    if (!token) throw new SlackApiError("not_authed");
    const appLevel = method === APP_LEVEL_METHOD;
    const isAppToken = token === router.primary.appToken;
    if (!isAppToken) {
      const found = router.forBotToken(token);
      if (typeof found === "string") throw new SlackApiError(found);
      context = found;
    }
    // A bot token for apps.connections.open, or the app-level token for anything else.
    if (isAppToken !== appLevel) throw new SlackApiError("not_allowed_token_type");
    const fault = context.faults.take(method);
    if (fault?.kind === "rate_limited") {
      return answer(
        429,
        { ok: false, error: "ratelimited" },
        { "retry-after": String(fault.retryAfterSeconds) },
      );
    }
    if (fault?.kind === "error") throw new SlackApiError(fault.error, [], fault.status);
    const retryAfter = context.rateLimits.retryAfter(method, args);
    if (retryAfter > 0) {
      return answer(429, { ok: false, error: "ratelimited" }, { "retry-after": String(retryAfter) });
    }
    answer(200, { ok: true, ...handler(args, context) });
  } catch (error) {
    if (error instanceof SlackApiError) return answer(error.status, error.toBody());
    // A bug in the stand-in, not a Slack answer: make it loud.
    const message = error instanceof Error ? error.message : String(error);
    answer(500, { ok: false, error: "sandbox_internal_error", detail: message });
  }
}
