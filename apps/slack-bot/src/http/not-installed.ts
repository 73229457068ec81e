import type { ReceiverProcessEventErrorHandlerArgs } from "@slack/bolt";
import { type LocaleChoice, messagesFor } from "../i18n/index.js";
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

/**
 * Requests from a workspace without an installation are answered 200 (so Slack does not retry),
 * and a slash command gets a word on why; other errors are handled as Bolt would.
 */
export function notInstalledHandler(
  installUrl: () => string,
  otherwise: (args: ReceiverProcessEventErrorHandlerArgs) => Promise<boolean>,
  locales: LocaleChoice,
) {
  return async (args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> => {
    const { error, request, response } = args;
    if (!isNotInstalled(error) || response.headersSent) return otherwise(args);
    const rawBody = (request as { rawBody?: Buffer }).rawBody?.toString("utf8") ?? "";
    const form = new URLSearchParams(rawBody);
    const isCommand =
      (request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded") &&
      form.has("command");
    if (isCommand) {
      // The workspace's language: what its people chose went with the installation.
      const t = messagesFor(locales.forWorkspace(form.get("team_id") ?? undefined));
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          response_type: "ephemeral",
          text: t.help.notInstalled({ installUrl: installUrl() }),
        }),
      );
    } else {
      response.writeHead(200);
      response.end();
    }
    return true;
  };
}
