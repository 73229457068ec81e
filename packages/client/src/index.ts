export {
  BRREG_BASE_URL,
  BRREG_TIMEOUT_MS,
  type LookupOrganisationOptions,
  lookupOrganisation,
  type OrganisationAddress,
  type OrganisationLookup,
  type OrganisationWarning,
  type RegisterUnavailable,
  type RegisterUnavailableReason,
} from "./brreg.js";
export {
  type CallbackParams,
  type CallbackVerification,
  callbackChecksum,
  signCallback,
  type VerifyCallbackOptions,
  verifyCallback,
} from "./callback.js";
export {
  createFrontPaymentClient,
  DEFAULT_TIMEOUT_MS,
  type FrontPaymentClient,
  type FrontPaymentClientOptions,
  type FrontPaymentMethods,
  type InvoiceNumberData,
  type InvoiceOrderCreatedData,
  type OrderDetailsData,
  type OrderStatusData,
  type OrderStatusListItem,
  USER_AGENT,
} from "./client.js";
export {
  type Delivery,
  FrontPaymentAuthenticationError,
  FrontPaymentConflictError,
  FrontPaymentError,
  FrontPaymentNetworkError,
  FrontPaymentNotFoundError,
  FrontPaymentRateLimitError,
  FrontPaymentResponseError,
  FrontPaymentServerError,
  FrontPaymentTimeoutError,
  FrontPaymentTransitError,
  FrontPaymentValidationError,
  isOutcomeUnknown,
  type ValidationIssue,
} from "./errors.js";
export type { FrontPaymentLogger } from "./logger.js";
export { DEFAULT_RETRY, type RetryOptions } from "./retry.js";
export type { FetchLike } from "./transport.js";
export { VERSION } from "./version.js";
