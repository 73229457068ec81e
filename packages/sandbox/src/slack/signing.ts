import { createHmac } from "node:crypto";

/**
 * Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` keyed by the
 * app's signing secret (what Bolt's `verifySlackRequest` checks).
 */
export function slackSignature(signingSecret: string, timestampSeconds: number, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestampSeconds}:${body}`).digest("hex")}`;
}

/** The two headers Slack sends with every request to an app. */
export function signedHeaders(
  signingSecret: string,
  timestampSeconds: number,
  body: string,
): Record<string, string> {
  return {
    "x-slack-request-timestamp": String(timestampSeconds),
    "x-slack-signature": slackSignature(signingSecret, timestampSeconds, body),
  };
}
