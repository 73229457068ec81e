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

const METHODS = { ...directoryMethods, ...viewMethods, ...chatMethods };

/** The Web API methods the stand-in implements. */
export type SlackMethodName = keyof typeof METHODS | typeof APP_LEVEL_METHOD;

export const SLACK_METHODS = [...Object.keys(METHODS), APP_LEVEL_METHOD] as SlackMethodName[];

/** `apps.connections.open` hands out a Socket Mode URL; every other method acts on the workspace. */
function handlerFor(
  method: string,
): ((args: ApiArgs, context: WebApiContext) => Record<string, unknown>) | undefined {
  if (method === APP_LEVEL_METHOD) return (_args, context) => ({ url: context.socketMode.openUrl() });
  return Object.hasOwn(METHODS, method) ? METHODS[method as keyof typeof METHODS] : undefined;
}

/** Scopes the stand-in reports in `x-oauth-scopes`, as Slack does on every answer. */
const SCOPES =
  "commands,chat:write,users:read,users:read.email,channels:read,groups:read,im:read,channels:join";

export interface WebApiContext extends MethodContext {
  botToken: string;
  /** The app-level token `apps.connections.open` accepts. */
  appToken: string;
  socketMode: SocketModeServer;
  faults: FaultPlan;
  /** Slack's rate limits on posting, when a test turns them on. */
  rateLimits: RateLimiter;
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

/** Answers `POST /api/<method>` like slack.com/api does, and records the call. */
export async function handleWebApi(
  request: IncomingMessage,
  response: ServerResponse,
  method: string,
  context: WebApiContext,
): Promise<void> {
  const { workspace } = context;
  const body = await readBody(request);
  let args: ApiArgs = {};
  const answer = (status: number, payload: Record<string, unknown>, headers: Record<string, string> = {}) => {
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
    const handler = handlerFor(method);
    if (!handler) return answer(200, { ok: false, error: "unknown_method", req_method: method });
    const token =
      bearerToken(request) ??
      (decoded.tokenAllowedInBody && typeof bodyToken === "string" ? bodyToken : undefined);
    if (!token) throw new SlackApiError("not_authed");
    const appLevel = method === APP_LEVEL_METHOD;
    if (token !== context.botToken && token !== context.appToken) throw new SlackApiError("invalid_auth");
    // A bot token for apps.connections.open, or the app-level token for anything else.
    if ((token === context.appToken) !== appLevel) throw new SlackApiError("not_allowed_token_type");
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
