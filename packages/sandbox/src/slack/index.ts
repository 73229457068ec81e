export type { BlockKitProblem } from "./block-kit/checker.js";
export { formatProblem } from "./block-kit/checker.js";
export { LIMITS } from "./block-kit/limits.js";
export type { ViewSurface } from "./block-kit/validate.js";
export { validateMessageBlocks, validateView } from "./block-kit/validate.js";
export {
  DEFAULT_APP_TOKEN,
  DEFAULT_BOT,
  DEFAULT_BOT_TOKEN,
  DEFAULT_CHANNELS,
  DEFAULT_TEAM,
  DEFAULT_USERS,
  SECOND_BOT,
  SECOND_CHANNELS,
  SECOND_TEAM,
  SECOND_USERS,
} from "./defaults.js";
export type { BotRequest, Delivery, SlackRetry } from "./delivery.js";
export { ACK_TIMEOUT_MS } from "./delivery.js";
export type {
  SlackDriver,
  SlackDriverHttpOptions,
  SlackDriverOptions,
  SlackDriverSocketOptions,
  SlashCommandInput,
  SlashCommandResult,
} from "./driver.js";
export { createSlackDriver } from "./driver.js";
export { SlackApiError, SlackDriverError } from "./errors.js";
export type { InstallInput, InstallResult } from "./install-flow.js";
export { installThroughOAuth } from "./install-flow.js";
export type {
  CloseOutcome,
  FillOptions,
  FillResult,
  ModalHandle,
  SuggestOutcome,
  WaitForOptions,
} from "./modal-handle.js";
export { OAUTH_CODE_LIFETIME_MS } from "./oauth.js";
export type { ResponseUrlTarget } from "./response-urls.js";
export { RESPONSE_URL_LIFETIME_MS, RESPONSE_URL_MAX_USES } from "./response-urls.js";
export type {
  SlackChannelInit,
  SlackOAuthApp,
  SlackSandbox,
  SlackSandboxControls,
  SlackSandboxOAuth,
  SlackSandboxOptions,
  SlackTeamSandbox,
  SlackWorkspaceOptions,
} from "./sandbox.js";
export { startSlackSandbox } from "./sandbox.js";
export { signedHeaders, slackSignature } from "./signing.js";
export type { DisconnectReason, EnvelopeType, SocketAck, SocketModeServer } from "./socket-mode.js";
export type { SubmitOutcome } from "./submission.js";
export { TROUBLE_CONNECTING } from "./submission.js";
export type { TriggerSource } from "./triggers.js";
export { TRIGGER_LIFETIME_MS } from "./triggers.js";
export type * from "./types.js";
export type { FillValue } from "./view-state.js";
export { MODAL_STACK_LIMIT, VIEW_SIZE_LIMIT_BYTES } from "./views.js";
export type { SlackRateLimits } from "./web-api/rate-limits.js";
export { SLACK_RATE_LIMITS } from "./web-api/rate-limits.js";
export type { SlackMethodName } from "./web-api/server.js";
export { SLACK_METHODS } from "./web-api/server.js";
export type { NewMessage } from "./workspace.js";
export { SlackWorkspace } from "./workspace.js";
