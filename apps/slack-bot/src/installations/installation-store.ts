import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { InvoiceStore } from "../store/types.js";
import { UnsupportedInstallationError, WorkspaceNotInstalledError } from "./errors.js";
import type { Sealer } from "./sealing.js";

/** What the services need of the installations: a team's bot token, and forgetting a team. */
export interface Installations {
  /** Bolt's side: OAuth stores installations here, and `authorize` reads them per request. */
  boltStore: InstallationStore;
  /** The team's bot token; throws `WorkspaceNotInstalledError` when it has none. */
  botToken(teamId: string): Promise<string>;
  /** Forgets the team (uninstalled, or its bot token revoked); false when it was not installed. */
  remove(teamId: string): Promise<boolean>;
}

function teamOf(query: InstallationQuery<boolean>): string {
  if (query.isEnterpriseInstall || !query.teamId) {
    throw new UnsupportedInstallationError("Org-wide (Enterprise Grid) installations are not supported");
  }
  return query.teamId;
}

/**
 * Bolt's `InstallationStore` on the bot's own database: the installation (bot token included) is
 * sealed with `sealer`, bound to its team, before the store sees it.
 */
export function createInstallations({
  store,
  sealer,
}: {
  store: InvoiceStore;
  sealer: Sealer;
}): Installations {
  async function fetch(teamId: string): Promise<Installation> {
    const stored = await store.getInstallation(teamId);
    if (!stored) throw new WorkspaceNotInstalledError(teamId);
    return JSON.parse(sealer.open(stored.sealed, teamId)) as Installation;
  }

  return {
    boltStore: {
      async storeInstallation(installation) {
        if (installation.isEnterpriseInstall || !installation.team?.id) {
          throw new UnsupportedInstallationError(
            "Org-wide (Enterprise Grid) installations are not supported: install Fakturabot in each workspace",
          );
        }
        if (!installation.bot?.token) {
          throw new UnsupportedInstallationError("Slack granted no bot token: the bot scopes are missing");
        }
        const teamId = installation.team.id;
        await store.saveInstallation({
          teamId,
          teamName: installation.team.name ?? null,
          installedBy: installation.user.id ?? null,
          sealed: sealer.seal(JSON.stringify(installation), teamId),
        });
      },
      fetchInstallation: async (query) => fetch(teamOf(query)),
      async deleteInstallation(query) {
        await store.deleteInstallation(teamOf(query));
      },
    },
    async botToken(teamId) {
      const token = (await fetch(teamId)).bot?.token;
      if (!token) throw new WorkspaceNotInstalledError(teamId);
      return token;
    },
    remove: (teamId) => store.deleteInstallation(teamId),
  };
}
