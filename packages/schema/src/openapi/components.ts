import {
  Address,
  CorporateCustomer,
  CustomerDetails,
  PreferredLanguage,
  PrivateCustomer,
} from "../customer.js";
import { ErrorResponse, InternalErrorResponse, ValidationErrorResponse } from "../envelope.js";
import { Numeric } from "../numeric.js";
import {
  CallbackNotification,
  CancelOrderRequest,
  InvoiceNumberResponse,
  InvoiceOrderCreated,
  OrderActionAccepted,
  OrderStatusListResponse,
  OrderStatusResponse,
  ResendOrderRequest,
} from "../operations.js";
import { InvoiceOrderRequest, OrderCallback, OrderSettings, OrderSummary } from "../order.js";
import {
  OrderDetails,
  OrderDetailsCustomer,
  OrderDetailsProduct,
  OrderDetailsResponse,
  OrderDetailsSummary,
} from "../order-details.js";
import { OrderStatus } from "../order-status.js";
import { RefundOrderRequest, RefundProduct } from "../refund.js";

/**
 * The schemas the OpenAPI document names under `components.schemas`. Each carries a `title` equal
 * to its name; wherever its generated form appears inside another schema, the document uses a
 * `$ref` instead, so openapi-typescript emits a named type for it.
 */
export const NAMED_SCHEMAS = {
  Address,
  CallbackNotification,
  CancelOrderRequest,
  CorporateCustomer,
  CustomerDetails,
  ErrorResponse,
  InternalErrorResponse,
  InvoiceNumberResponse,
  InvoiceOrderCreated,
  InvoiceOrderCreatedData: InvoiceOrderCreated.shape.data,
  InvoiceNumberData: InvoiceNumberResponse.shape.data,
  InvoiceOrderRequest,
  Numeric,
  OrderActionAccepted,
  OrderCallback,
  OrderDetails,
  OrderDetailsCustomer,
  OrderDetailsProduct,
  OrderDetailsResponse,
  OrderDetailsSummary,
  OrderStatus,
  OrderSettings,
  OrderStatusData: OrderStatusResponse.shape.data,
  OrderStatusList: OrderStatusListResponse.shape.data,
  OrderStatusListItem: OrderStatusListResponse.shape.data.element,
  OrderStatusListResponse,
  OrderStatusResponse,
  OrderSummary,
  PreferredLanguage,
  PrivateCustomer,
  ProductLine: InvoiceOrderRequest.shape.products.element,
  RefundOrderRequest,
  RefundProduct,
  ResendOrderRequest,
  ValidationErrorResponse,
} as const;
