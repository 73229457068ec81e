import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

interface Manifest {
  display_information: { name: string; description: string; long_description?: string };
  features: {
    bot_user: { display_name: string };
    app_home: { home_tab_enabled: boolean };
    slash_commands: { command: string; url: string; description: string; usage_hint?: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions?: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
  };
}

const manifest = JSON.parse(readFileSync(new URL("../manifest.json", import.meta.url), "utf8")) as Manifest;
const SOURCE = fileURLToPath(new URL("../src", import.meta.url));

/**
 * The bot scopes each Web API method the bot calls needs (docs.slack.dev/reference/methods).
 * A new call in src/ fails the test below until it is added here, and its scope to the manifest.
 */
const SCOPES_BY_METHOD: Record<string, readonly string[]> = {
  "auth.test": [],
  "chat.delete": ["chat:write"],
  "chat.getPermalink": [],
  "chat.postEphemeral": ["chat:write"],
  // chat:write.public: post in public channels the bot has not joined.
  "chat.postMessage": ["chat:write", "chat:write.public"],
  "chat.update": ["chat:write"],
  "conversations.info": ["channels:read", "groups:read"],
  "conversations.join": ["channels:join"],
  "users.conversations": ["channels:read", "groups:read", "im:read"],
  "conversations.history": ["channels:history", "groups:history", "im:history"],
  "conversations.replies": ["channels:history", "groups:history", "im:history"],
  "users.info": ["users:read"],
  "views.open": [],
  "views.publish": [],
  "views.push": [],
  "views.update": [],
};

/** Every `client.<family>.<method>(` / `slack.…(` / `apiCall("…")` in the bot's source. */
function webApiMethodsCalled(): string[] {
  const methods = new Set<string>();
  for (const file of readdirSync(SOURCE, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".ts")) continue;
    const text = readFileSync(join(SOURCE, file), "utf8");
    for (const match of text.matchAll(/\b(?:client|slack)\s*\.\s*([a-z]+)\s*\.\s*([a-zA-Z]+)\s*\(/g)) {
      methods.add(`${match[1]}.${match[2]}`);
    }
    for (const match of text.matchAll(/\bapiCall\(\s*["'`]([a-z]+\.[a-zA-Z.]+)["'`]/g))
      methods.add(match[1] ?? "");
  }
  return [...methods].sort();
}

function path(url: string): string {
  return new URL(url).pathname;
}

describe("the Slack app manifest", () => {
  it("names the app and its bot within Slack's limits", () => {
    expect(manifest.display_information.name).toBe("Fakturabot");
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.display_information.long_description?.length).toBeGreaterThanOrEqual(174);
    // Slack allows a-z, 0-9, -, _ and . in the bot's display name.
    expect(manifest.features.bot_user.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
  });

  it("declares /invoice, with a description and usage hint, sent to Bolt's request URL", () => {
    expect(manifest.features.slash_commands).toHaveLength(1);
    const [command] = manifest.features.slash_commands;
    expect(command).toMatchObject({ command: "/invoice" });
    expect(command?.description.length).toBeGreaterThan(10);
    expect(command?.usage_hint).toContain("status <order>");
    expect(command?.url).toMatch(/^https:\/\/YOUR-PUBLIC-URL\//);
    expect(path(command?.url ?? "")).toBe("/slack/events");
  });

  it("sends interactions to the same URL, over HTTP, for one workspace", () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.interactivity.request_url).toBe("https://YOUR-PUBLIC-URL/slack/events");
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.org_deploy_enabled).toBe(false);
  });

  it("subscribes to App Home and uninstall events at the same URL, with the Home tab on", () => {
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: "https://YOUR-PUBLIC-URL/slack/events",
      bot_events: ["app_home_opened", "app_uninstalled", "tokens_revoked"],
    });
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it("has a scope for every Web API method the bot calls", () => {
    const called = webApiMethodsCalled();
    expect(called.length).toBeGreaterThan(0);
    const unlisted = called.filter((method) => !(method in SCOPES_BY_METHOD));
    expect(unlisted, "methods called in src/ that SCOPES_BY_METHOD does not list").toEqual([]);
    const missing = called.flatMap((method) =>
      (SCOPES_BY_METHOD[method] ?? []).filter((scope) => !manifest.oauth_config.scopes.bot.includes(scope)),
    );
    expect(missing, "scopes the manifest lacks").toEqual([]);
    expect(manifest.oauth_config.scopes.bot).toContain("commands");
  });

  it("asks for no scope that no call needs: each one is access a workspace admin must grant", () => {
    const needed = new Set([
      "commands", // the /invoice slash command itself
      ...webApiMethodsCalled().flatMap((method) => SCOPES_BY_METHOD[method] ?? []),
    ]);
    const unneeded = manifest.oauth_config.scopes.bot.filter((scope) => !needed.has(scope));
    expect(unneeded, "scopes no Web API method the bot calls needs").toEqual([]);
  });
});
