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
export { escapeHtml } from "./html.js";
export { formatNok, kronerToOre, oreToKroner, safeKronerToOre } from "./kroner.js";
export {
  type LineOre,
  type OrderSummary as PricedOrderSummary,
  type OrderSummaryOre,
  type PricedLine,
  type PricedOrder,
  type PriceLineInput,
  priceOrder,
  priceOrderInOre,
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
export {
  CALLBACK_PARAMETER_SHAPES,
  CallbackNotification,
  CancelOrderRequest,
  InvoiceNumberResponse,
  InvoiceOrderCreated,
  OrderActionAccepted,
  OrderStatusListQuery,
  OrderStatusListResponse,
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
export {
  OrderDetails,
  OrderDetailsCustomer,
  OrderDetailsProduct,
  OrderDetailsResponse,
  OrderDetailsSummary,
} from "./order-details.js";
export { KNOWN_ORDER_STATUSES, type KnownOrderStatus, OrderStatus } from "./order-status.js";
export { OrderUuid, OrderUuidParameter } from "./order-uuid.js";
export { maskPersonalNumber, maskPersonalNumbers } from "./privacy.js";
export { RefundOrderRequest, RefundProduct } from "./refund.js";
export { DEMO_BASE_URL } from "./servers.js";
export { unixSeconds } from "./time.js";
/** zod itself, with `.openapi()`: the one instance every package builds its schemas with. */
export { z } from "./zod.js";
