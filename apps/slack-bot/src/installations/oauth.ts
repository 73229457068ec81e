/** Where an admin starts installing the app in a workspace, and where Slack sends them back. */
export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

/** The bot scopes an installation asks for: the manifest's (a test keeps the two equal). */
export const BOT_SCOPES = [
  "commands",
  "chat:write",
  "chat:write.public",
  "channels:join",
  // users.conversations, for who may see which orders (listings, App Home).
  "channels:read",
  "groups:read",
  "im:read",
  // conversations.replies, so a thread reply sent again after an interrupted delivery is not doubled.
  "channels:history",
  "groups:history",
  "im:history",
] as const;
