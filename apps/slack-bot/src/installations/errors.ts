/**
 * The team has no installation: it never installed the app, uninstalled it, or revoked its token.
 * Nothing is sent to that workspace.
 */
export class WorkspaceNotInstalledError extends Error {
  override readonly name = "WorkspaceNotInstalledError";
  constructor(readonly teamId: string) {
    super(
      `Fakturabot is not installed in the Slack workspace ${teamId} (never installed, uninstalled, or its token revoked), so nothing is sent there`,
    );
  }
}

/** An installation this bot does not take: org-wide (Enterprise Grid) installs, or one without a bot. */
export class UnsupportedInstallationError extends Error {
  override readonly name = "UnsupportedInstallationError";
}
