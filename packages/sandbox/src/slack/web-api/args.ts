import { SlackApiError } from "../errors.js";
import type { TriggerRegistry } from "../triggers.js";
import type { SlackWorkspace } from "../workspace.js";

/** Decoded method arguments: form fields are strings, JSON bodies keep their types. */
export type ApiArgs = Record<string, unknown>;

export interface MethodContext {
  workspace: SlackWorkspace;
  triggers: TriggerRegistry;
}

/** A Web API method: returns the fields of `{ ok: true, … }` or throws `SlackApiError`. */
export type MethodHandler = (args: ApiArgs, context: MethodContext) => Record<string, unknown>;

export function stringArg(args: ApiArgs, name: string): string | undefined {
  const value = args[name];
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

/** Slack's booleans arrive as `true`/`false` (or `1`/`0`) in forms. */
export function booleanArg(args: ApiArgs, name: string): boolean | undefined {
  const value = args[name];
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "1" || value === 1) return true;
  if (value === "false" || value === "0" || value === 0) return false;
  return undefined;
}

/** A JSON-encoded argument (`view`, `blocks`…): form bodies carry it as a string. */
export function jsonArg(args: ApiArgs, name: string, errorCode: string): unknown {
  const value = args[name];
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new SlackApiError(errorCode, [`[ERROR] ${name} is not valid JSON [json-pointer:/${name}]`]);
  }
}
