/**
 * Slack's OAuth v2 install flow, as the stand-in plays it: the consent page (`/oauth/v2/authorize`)
 * lists the workspaces the installer can add the app to; "Allow" (`/oauth/v2/authorize/allow`)
 * issues a one-time code and redirects to the app's redirect URL with `code` and `state`; the app
 * exchanges the code with `oauth.v2.access` for that workspace's bot token.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml } from "@fakturabot/schema";
import { sendHtml } from "../http.js";
import { SlackApiError } from "./errors.js";
import type { SlackTeam } from "./types.js";
import { type ApiArgs, stringArg } from "./web-api/args.js";

/** The app's credentials as its settings page shows them, and its configured Redirect URL. */
export interface SlackOAuthApp {
  clientId: string;
  clientSecret: string;
  /** Where "Allow" sends the installer when the install URL names no `redirect_uri`. */
  redirectUri?: string;
}

export const AUTHORIZE_PATH = "/oauth/v2/authorize";
export const ALLOW_PATH = "/oauth/v2/authorize/allow";
/** Slack's codes are short-lived and single-use. */
export const OAUTH_CODE_LIFETIME_MS = 10 * 60 * 1000;

interface IssuedCode {
  teamId: string;
  userId: string;
  /** The `redirect_uri` of the install URL, which `oauth.v2.access` must repeat. */
  redirectUri: string | undefined;
  issuedAt: number;
}

/** A workspace as the consent page offers it: its team and the person who clicks "Allow". */
export interface InstallableTeam {
  team: SlackTeam;
  installerId: string | undefined;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

export class SandboxOAuth {
  readonly #codes = new Map<string, IssuedCode>();
  readonly #clock: () => number;
  readonly #teams: () => InstallableTeam[];
  #app: SlackOAuthApp | undefined;

  constructor(app: SlackOAuthApp | undefined, clock: () => number, teams: () => InstallableTeam[]) {
    this.#app = app;
    this.#clock = clock;
    this.#teams = teams;
  }

  /** Sets (or changes) the app's Redirect URL, e.g. once the bot listens. */
  setRedirectUri(url: string): void {
    if (!this.#app) throw new Error("The Slack sandbox was started without an OAuth app (options.oauth)");
    this.#app = { ...this.#app, redirectUri: url };
  }

  owns(path: string): boolean {
    return path === AUTHORIZE_PATH || path === ALLOW_PATH;
  }

  /** The consent page, or "Allow": a redirect to the app with a fresh code and the app's `state`. */
  handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://sandbox");
    const params = url.searchParams;
    const app = this.#app;
    const refuse = (problem: string) =>
      sendHtml(response, 400, page("Something went wrong", `<p id="error">${escapeHtml(problem)}</p>`));
    if (!app || params.get("client_id") !== app.clientId) return refuse("invalid_client_id");
    if (!params.get("scope")) return refuse("invalid_scope");
    const redirectUri = params.get("redirect_uri") ?? app.redirectUri;
    if (!redirectUri) return refuse("bad_redirect_uri: the app has no Redirect URL");
    const teams = this.#teams().filter(({ team }) => !params.get("team") || team.id === params.get("team"));
    if (url.pathname === AUTHORIZE_PATH) {
      const choices = teams
        .map(({ team }) => {
          const allow = new URLSearchParams(params);
          allow.set("team", team.id);
          return `<li><a class="allow" data-team="${escapeHtml(team.id)}" href="${escapeHtml(`${ALLOW_PATH}?${allow}`)}">Allow in ${escapeHtml(team.name)}</a></li>`;
        })
        .join("");
      return sendHtml(
        response,
        200,
        page(
          "Fakturabot is requesting permission",
          `<p>Scopes: ${escapeHtml(params.get("scope") ?? "")}</p><ul>${choices}</ul>`,
        ),
      );
    }
    const [chosen] = teams;
    if (!chosen || !params.get("team")) return refuse("Choose a workspace");
    const code = `${chosen.team.id}.${randomBytes(12).toString("hex")}`;
    this.#codes.set(code, {
      teamId: chosen.team.id,
      userId: params.get("user") ?? chosen.installerId ?? "",
      redirectUri: params.get("redirect_uri") ?? undefined,
      issuedAt: this.#clock(),
    });
    const target = new URL(redirectUri);
    target.searchParams.set("code", code);
    const state = params.get("state");
    if (state !== null) target.searchParams.set("state", state);
    response.writeHead(302, { location: target.href });
    response.end();
  }

  /** Checks `oauth.v2.access`'s client and code (once only); the team and installer it was issued for. */
  exchange(
    args: ApiArgs,
    basic: { id: string; secret: string } | undefined,
  ): { teamId: string; userId: string } {
    const app = this.#app;
    const clientId = stringArg(args, "client_id") ?? basic?.id;
    const clientSecret = stringArg(args, "client_secret") ?? basic?.secret;
    if (!app || clientId !== app.clientId) throw new SlackApiError("invalid_client_id");
    if (clientSecret !== app.clientSecret) throw new SlackApiError("bad_client_secret");
    const code = stringArg(args, "code") ?? "";
    const issued = this.#codes.get(code);
    this.#codes.delete(code);
    if (!issued || this.#clock() - issued.issuedAt > OAUTH_CODE_LIFETIME_MS) {
      throw new SlackApiError("invalid_code");
    }
    if (issued.redirectUri !== undefined && stringArg(args, "redirect_uri") !== issued.redirectUri) {
      throw new SlackApiError("bad_redirect_uri");
    }
    return { teamId: issued.teamId, userId: issued.userId };
  }
}
