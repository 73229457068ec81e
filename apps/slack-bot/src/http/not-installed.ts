import type { ReceiverProcessEventErrorHandlerArgs } from "@slack/bolt";
import { WorkspaceNotInstalledError } from "../installations/errors.js";

/** Whether `error`, or what it wraps (Bolt wraps authorize's errors twice), is a missing installation. */
export function isNotInstalled(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; ) {
    if (cause instanceof WorkspaceNotInstalledError) return true;
    const next = (cause as { original?: unknown }).original ?? cause.cause;
    if (next === cause) return false;
    cause = next;
  }
  return false;
}

/** What a person in a workspace without the app is told when they type `/invoice`. */
export function notInstalledText(installUrl: string): string {
  return `Fakturabot isn't installed in this workspace (it was removed, or its access was revoked), so it can't send invoices here. A workspace admin can add it again: ${installUrl}`;
}

/**
 * Requests from a workspace without an installation are answered 200 (so Slack does not retry),
 * and a slash command gets a word on why; other errors are handled as Bolt would.
 */
export function notInstalledHandler(
  installUrl: () => string,
  otherwise: (args: ReceiverProcessEventErrorHandlerArgs) => Promise<boolean>,
) {
  return async (args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> => {
    const { error, request, response } = args;
    if (!isNotInstalled(error) || response.headersSent) return otherwise(args);
    const rawBody = (request as { rawBody?: Buffer }).rawBody?.toString("utf8") ?? "";
    const isCommand =
      (request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded") &&
      new URLSearchParams(rawBody).has("command");
    if (isCommand) {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ response_type: "ephemeral", text: notInstalledText(installUrl()) }));
    } else {
      response.writeHead(200);
      response.end();
    }
    return true;
  };
}
