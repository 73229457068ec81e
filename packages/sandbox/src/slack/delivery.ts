import { unixSeconds } from "@fakturabot/schema";
import { payloadForm } from "./payloads.js";
import { signedHeaders } from "./signing.js";
import type { SocketModeServer } from "./socket-mode.js";
import type { SlackInteractionRecord } from "./types.js";
import type { SlackWorkspace } from "./workspace.js";

/** Slack gives up on an app that has not answered within three seconds. */
export const ACK_TIMEOUT_MS = 3000;

/** What the bot answered (`"timeout"` when it did not answer in time). */
export interface Delivery {
  /** HTTP 200 (or, over Socket Mode, an acknowledgement) within the ack window: the only success. */
  ok: boolean;
  status: number | "timeout";
  /** The response body; over Socket Mode, the acknowledgement's `payload` as JSON ("" when empty). */
  body: string;
}

/**
 * One request from Slack to the app, by its Socket Mode envelope type: a slash command's fields,
 * or an interaction payload (`block_actions`, `view_submission`, `view_closed`).
 */
export type BotRequest =
  | { type: "slash_commands"; fields: Record<string, string> }
  | { type: "interactive"; payload: Record<string, unknown> }
  /** An Events API `event_callback`: JSON over HTTP. */
  | { type: "events_api"; body: Record<string, unknown> };

/** How a request travels over HTTP: a form for commands and interactions, JSON for events. */
function httpBody(request: BotRequest): { contentType: string; body: string } {
  if (request.type === "events_api")
    return { contentType: "application/json", body: JSON.stringify(request.body) };
  const form =
    request.type === "slash_commands" ? new URLSearchParams(request.fields) : payloadForm(request.payload);
  return { contentType: "application/x-www-form-urlencoded", body: form.toString() };
}

/**
 * Slack sending a request again after no good answer (a timeout, an HTTP error): over HTTP the
 * `X-Slack-Retry-Num` and `X-Slack-Retry-Reason` headers, over Socket Mode the envelope's
 * `retry_attempt` and `retry_reason`.
 */
export interface SlackRetry {
  num: number;
  /** e.g. `http_timeout`, `http_error`. */
  reason: string;
  /**
   * Over HTTP, where the retry goes: another instance of the bot behind the same load balancer
   * (the driver's `botUrl` when left out).
   */
  botUrl?: string;
}

/** How Slack's requests reach the bot; `send` resolves with its answer, or `"timeout"`. */
export interface BotTransport {
  send(request: BotRequest, retry?: SlackRetry): Promise<Omit<Delivery, "ok">>;
}

export interface HttpTransportOptions {
  botUrl: string;
  signingSecret: string;
  /** For `x-slack-request-timestamp`; Bolt compares it with its own `Date.now()`. */
  clock: () => number;
  fetch: typeof fetch;
  ackTimeoutMs: number;
}

/** Signed, form-encoded POSTs to the bot's request URL, as Slack sends them over HTTP. */
export function httpTransport(options: HttpTransportOptions): BotTransport {
  return {
    async send(request, retry) {
      const { contentType, body } = httpBody(request);
      const timestamp = unixSeconds(options.clock());
      try {
        const response = await options.fetch(retry?.botUrl ?? options.botUrl, {
          method: "POST",
          headers: {
            // Bolt compares the content type exactly, so no charset.
            "content-type": contentType,
            "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            ...signedHeaders(options.signingSecret, timestamp, body),
            ...(retry
              ? { "x-slack-retry-num": String(retry.num), "x-slack-retry-reason": retry.reason }
              : {}),
          },
          body,
          signal: AbortSignal.timeout(options.ackTimeoutMs),
        });
        return { status: response.status, body: await response.text() };
      } catch (error) {
        if (!(error instanceof Error) || error.name !== "TimeoutError") throw error;
        return { status: "timeout", body: "" };
      }
    },
  };
}

/**
 * Envelopes over the app's Socket Mode connection. An acknowledgement stands for HTTP 200, and its
 * `payload` for the response body, so the driver applies both answers the same way.
 */
export function socketTransport(socketMode: SocketModeServer, ackTimeoutMs: number): BotTransport {
  return {
    async send(request, retry) {
      const payload =
        request.type === "slash_commands"
          ? request.fields
          : request.type === "interactive"
            ? request.payload
            : request.body;
      const ack = await socketMode.send(request.type, payload, ackTimeoutMs, retry);
      if (ack === "timeout") return { status: "timeout", body: "" };
      // SocketModeClient sends `payload: {}` for a bare ack(), which over HTTP is an empty body.
      const { payload: answer } = ack;
      const empty =
        answer === undefined ||
        answer === null ||
        (typeof answer === "object" && Object.keys(answer).length === 0);
      return { status: 200, body: empty ? "" : JSON.stringify(answer) };
    },
  };
}

/** Sends `request` to the bot as Slack does, and records the exchange. */
export async function deliver(
  transport: BotTransport,
  workspace: SlackWorkspace,
  record: { kind: SlackInteractionRecord["kind"]; userId: string },
  request: BotRequest,
  retry?: SlackRetry,
): Promise<Delivery> {
  const answer = await transport.send(request, retry);
  const delivery: Delivery = { ok: answer.status === 200, ...answer };
  workspace.recordInteraction({
    ...record,
    status: delivery.status,
    body: delivery.body,
    at: workspace.clock(),
  });
  return delivery;
}
