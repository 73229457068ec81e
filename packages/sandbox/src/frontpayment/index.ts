export type { CallbackAttempt, CallbackRetry, ReleaseOrder } from "./callbacks.js";
export { DEFAULT_CALLBACK_RETRY } from "./callbacks.js";
export type { ConnectEndpoint, RequestEffect } from "./connect-api.js";
export type { FailNextOptions, FaultKind, PendingFault } from "./faults.js";
export type { SandboxLogger } from "./logger.js";
export { SandboxControlError, type SandboxOrder } from "./orders.js";
export {
  type CallbackMatch,
  type FrontPaymentSandbox,
  type FrontPaymentSandboxOptions,
  type RequestMatch,
  type SandboxControls,
  type SandboxFaults,
  type SandboxRequest,
  startFrontPaymentSandbox,
} from "./sandbox.js";
