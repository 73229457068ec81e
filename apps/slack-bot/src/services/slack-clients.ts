import type { WebClientOptions } from "@slack/web-api";
import type { Installations } from "../installations/installation-store.js";
import { WebClient } from "../slack-web-api.js";

/**
 * A team's Web API client: one workspace's bot token, or (OAuth) the team's own, one client per
 * token (a reinstall with a new token gets a new one).
 */
export function slackClients(
  botToken: string | undefined,
  installations: Pick<Installations, "botToken"> | undefined,
  options: WebClientOptions,
): (teamId: string) => Promise<WebClient> {
  const byToken = new Map<string, WebClient>();
  const clientOf = (token: string | undefined) => {
    const key = token ?? "";
    let client = byToken.get(key);
    if (!client) {
      client = new WebClient(token, options);
      byToken.set(key, client);
    }
    return client;
  };
  return async (teamId) => clientOf(installations ? await installations.botToken(teamId) : botToken);
}
