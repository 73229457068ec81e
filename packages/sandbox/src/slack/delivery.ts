import { signedHeaders } from "./signing.js";
import type { SlackInteractionRecord } from "./types.js";
import type { SlackWorkspace } from "./workspace.js";

/** Slack gives up on an app that has not answered within three seconds. */
export const ACK_TIMEOUT_MS = 3000;

/** What the bot answered (`"timeout"` when it did not answer in time). */
export interface Delivery {
  /** HTTP 200 within the ack window, the only answer Slack treats as success. */
  ok: boolean;
  status: number | "timeout";
  body: string;
}

export interface BotEndpoint {
  botUrl: string;
  signingSecret: string;
  /** For `x-slack-request-timestamp`; Bolt compares it with its own `Date.now()`. */
  clock: () => number;
  fetch: typeof fetch;
  ackTimeoutMs: number;
}

/** POSTs a signed, form-encoded request to the bot as Slack does, and records the exchange. */
export async function deliver(
  endpoint: BotEndpoint,
  workspace: SlackWorkspace,
  record: { kind: SlackInteractionRecord["kind"]; userId: string },
  form: URLSearchParams,
): Promise<Delivery> {
  const body = form.toString();
  const timestamp = Math.floor(endpoint.clock() / 1000);
  let delivery: Delivery;
  try {
    const response = await endpoint.fetch(endpoint.botUrl, {
      method: "POST",
      headers: {
        // Bolt compares the content type exactly, so no charset.
        "content-type": "application/x-www-form-urlencoded",
        "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        ...signedHeaders(endpoint.signingSecret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(endpoint.ackTimeoutMs),
    });
    const text = await response.text();
    delivery = { ok: response.status === 200, status: response.status, body: text };
  } catch (error) {
    if (!(error instanceof Error) || error.name !== "TimeoutError") throw error;
    delivery = { ok: false, status: "timeout", body: "" };
  }
  workspace.recordInteraction({
    ...record,
    status: delivery.status,
    body: delivery.body,
    at: workspace.clock(),
  });
  return delivery;
}
