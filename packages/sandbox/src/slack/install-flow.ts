/**
 * The installer's browser in Slack's OAuth flow: opens the app's install URL, clicks "Allow" on the
 * stand-in's consent page for a workspace, and follows the redirect back to the app, carrying the
 * state cookie the app set, as a browser does.
 */
import { SlackDriverError } from "./errors.js";
import type { SlackSandbox } from "./sandbox.js";

export interface InstallInput {
  /** The app's install URL, e.g. `http://127.0.0.1:3000/slack/install`. */
  installUrl: string;
  teamId: string;
  /** Changes the `state` on the way back to the app (a forged or stale link). */
  tamperState?: (state: string) => string;
  /** Leaves the state cookie behind (the redirect opened in another browser). */
  withoutCookie?: boolean;
  fetch?: typeof fetch;
}

export interface InstallResult {
  /** The app's answer to its redirect URL (Bolt: 200 with a thank-you page on success). */
  status: number;
  body: string;
  /** The redirect URL the stand-in sent the browser to, with `code` and `state`. */
  redirectUrl: string;
}

function locationOf(response: Response, what: string): string {
  const location = response.headers.get("location");
  if (response.status < 300 || response.status >= 400 || !location) {
    throw new SlackDriverError(`${what} answered ${response.status} without a redirect`);
  }
  return new URL(location, response.url).href;
}

export async function installThroughOAuth(slack: SlackSandbox, input: InstallInput): Promise<InstallResult> {
  const fetchImpl = input.fetch ?? globalThis.fetch;
  const start = await fetchImpl(input.installUrl, { redirect: "manual" });
  const consentUrl = locationOf(start, `The install URL ${input.installUrl}`);
  // Only the cookie's name=value goes back, as a browser sends it.
  const cookie = (start.headers.getSetCookie?.() ?? [])
    .map((header) => header.split(";")[0] ?? "")
    .filter(Boolean)
    .join("; ");
  const allowed = await fetchImpl(slack.oauth.allowUrl(consentUrl, input.teamId), { redirect: "manual" });
  const back = new URL(locationOf(allowed, "Allow"));
  const state = back.searchParams.get("state");
  if (state !== null && input.tamperState) back.searchParams.set("state", input.tamperState(state));
  const answer = await fetchImpl(back, {
    redirect: "manual",
    headers: cookie && !input.withoutCookie ? { cookie } : {},
  });
  return { status: answer.status, body: await answer.text(), redirectUrl: back.href };
}
