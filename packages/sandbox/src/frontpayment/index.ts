export type { SandboxLogger, WaitOptions } from "../http.js";
export type { CallbackAttempt, CallbackReleaseOrder, CallbackRetry } from "./callbacks.js";
export { DEFAULT_CALLBACK_RETRY } from "./callbacks.js";
export type { ConnectEndpoint, ConnectRequestEffect } from "./connect-api.js";
export type { ConnectFailNextOptions, ConnectFault, PendingConnectFault } from "./faults.js";
export { FrontPaymentSandboxError, type FrontPaymentSandboxOrder } from "./orders.js";
export {
  type CallbackMatch,
  type ConnectRequestMatch,
  type ConnectRequestRecord,
  type FrontPaymentSandbox,
  type FrontPaymentSandboxControls,
  type FrontPaymentSandboxFaults,
  type FrontPaymentSandboxOptions,
  startFrontPaymentSandbox,
} from "./sandbox.js";
