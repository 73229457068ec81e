export {
  BrregAddress,
  BrregEntity,
  BrregOrganisationForm,
  BrregRemovedEntity,
} from "./brreg.js";
export { ISO_COUNTRY_CODES, type IsoCountryCode } from "./countries.js";
export {
  Address,
  CorporateCustomer,
  CustomerDetails,
  PREFERRED_LANGUAGES,
  PreferredLanguage,
  PrivateCustomer,
} from "./customer.js";
export {
  ErrorResponse,
  InternalErrorResponse,
  successEnvelope,
  ValidationErrorResponse,
} from "./envelope.js";
export { SEED_INVOICE_ORDER_EXAMPLE } from "./examples.js";
export {
  type OrderSummary as PricedOrderSummary,
  type PricedLine,
  type PricedOrder,
  type PriceLineInput,
  priceOrder,
} from "./money.js";
export {
  isValidNorwegianOrganizationNumber,
  isValidNorwegianPersonalNumber,
  norwegianIdProblem,
  organizationNumberProblem,
  personalNumberProblem,
} from "./norwegian-ids.js";
export {
  type FormatNorwegianNumberOptions,
  formatKroner,
  formatNorwegianNumber,
  type NorwegianNumberOptions,
  type NumberProblem,
  type NumberProblemCode,
  type ParsedDiscount,
  type ParsedKroner,
  type ParsedNumber,
  parseDiscount,
  parseKroner,
  parseNorwegianNumber,
} from "./norwegian-number.js";
export { Numeric, numericValue } from "./numeric.js";
export { buildOpenApiDocument, DEMO_BASE_URL, serializeOpenApiDocument } from "./openapi/document.js";
export {
  CallbackNotification,
  CancelOrderRequest,
  InvoiceNumberResponse,
  InvoiceOrderCreated,
  OrderActionAccepted,
  OrderStatusResponse,
  ResendOrderRequest,
} from "./operations.js";
export {
  CheckedInvoiceOrderRequest,
  createCheckedInvoiceOrderRequestSchema,
  createInvoiceOrderRequestSchema,
  DEFAULT_TAX_RATES,
  InvoiceOrderRequest,
  type InvoiceOrderSchemaOptions,
  OrderCallback,
  OrderSummary,
  type ProductLine,
} from "./order.js";
export { KNOWN_ORDER_STATUSES, type KnownOrderStatus, OrderStatus } from "./order-status.js";
