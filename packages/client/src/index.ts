export {
  type CallbackParams,
  type CallbackVerification,
  callbackChecksum,
  signCallback,
  type VerifyCallbackOptions,
  verifyCallback,
} from "./callback.js";
