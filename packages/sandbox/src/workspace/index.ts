export { chromiumLaunchOptions, DEFAULT_CHROMIUM_PATH } from "./chromium.js";
export type { WorkspacePage, WorkspacePageOptions } from "./page.js";
export { startWorkspacePage } from "./page.js";
export type {
  ChannelSnapshot,
  MessageSnapshot,
  ModalSnapshot,
  OrderSnapshot,
  WorkspaceLink,
  WorkspaceSnapshot,
} from "./snapshot.js";
