import type {
  MediaTypeObject,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  RequestBodyObject,
  ResponseObject,
} from "openapi3-ts/oas31";
import type { ZodTypeAny } from "zod";
import { SEED_INVOICE_ORDER_EXAMPLE } from "../examples.js";
import { CancelOrderRequest, OrderStatusListQuery, ResendOrderRequest } from "../operations.js";
import { OrderUuidParameter } from "../order-uuid.js";
import { RefundOrderRequest } from "../refund.js";
import { DEMO_BASE_URL } from "../servers.js";
import { NAMED_SCHEMAS } from "./components.js";
import { createSchemaRefs } from "./refs.js";

/**
 * Converted on first use, not at import: converting every named schema costs tens of ms, which
 * everything importing this package (the bot's start-up) would pay for a document it never builds.
 */
let schemaRefs: ReturnType<typeof createSchemaRefs> | undefined;
function refs(): ReturnType<typeof createSchemaRefs> {
  schemaRefs ??= createSchemaRefs(NAMED_SCHEMAS);
  return schemaRefs;
}

/**
 * A required JSON request body of `schema` (converted when the document is built, not here), with
 * an optional example.
 */
function jsonBody(schema: ZodTypeAny, example?: unknown): RequestBodyObject {
  const media: MediaTypeObject = {
    get schema() {
      return refs().schema(schema);
    },
  };
  if (example !== undefined) media.example = example;
  return { required: true, content: { "application/json": media } };
}

function json(schemaName: keyof typeof NAMED_SCHEMAS) {
  return { "application/json": { schema: { $ref: `#/components/schemas/${schemaName}` } } };
}

/** Error responses shared by the operations, under `components.responses`. */
const ERROR_RESPONSES = {
  BusinessConflict: {
    description: "400 `Conflict of Business Logic`, e.g. `orderStatusAlreadyPaid`.",
    content: json("ErrorResponse"),
  },
  Unauthorized: {
    description: "401 or 403: the bearer token is missing or not accepted.",
    content: json("ErrorResponse"),
  },
  OrderNotFound: {
    description: "404 `orderNotFound`: no order with that id.",
    content: json("ErrorResponse"),
  },
  ValidationFailed: {
    description: "417 `payloadValidationErrors`.",
    content: json("ValidationErrorResponse"),
  },
  InternalError: { description: "500 `Internal Dependency Error`.", content: json("InternalErrorResponse") },
  ExecutionError: { description: "510 `Execution Exception Occurred`.", content: json("ErrorResponse") },
} satisfies Record<string, ResponseObject>;

const STATUS_OF: Record<keyof typeof ERROR_RESPONSES, string> = {
  BusinessConflict: "400",
  Unauthorized: "401",
  OrderNotFound: "404",
  ValidationFailed: "417",
  InternalError: "500",
  ExecutionError: "510",
};

/** Errors any operation can get: a refused token, and Front Payment's two server failures. */
const EVERY_OPERATION_ERRORS = ["Unauthorized", "InternalError", "ExecutionError"] as const;

/** An operation's responses: its success, the errors it documents, and those every operation can get. */
function responses(
  success: Record<string, ResponseObject>,
  ...specific: Exclude<keyof typeof ERROR_RESPONSES, (typeof EVERY_OPERATION_ERRORS)[number]>[]
) {
  const errors = [...specific, ...EVERY_OPERATION_ERRORS].map((name) => [
    STATUS_OF[name],
    { $ref: `#/components/responses/${name}` },
  ]);
  // Integer-like keys enumerate in ascending order, so the document lists statuses in order.
  return { ...success, ...Object.fromEntries(errors) };
}

const ORDER_UUID_PARAMETER: ParameterObject = {
  name: "orderUuid",
  in: "path",
  required: true,
  description: "Front Payment's order id, from the submit response. The client checks it before sending.",
  get schema() {
    return refs().schema(OrderUuidParameter);
  },
  example: "ODR4286244937",
};

const orderStatusChanged: OperationObject = {
  summary: "Order status changed",
  operationId: "orderStatusChanged",
  description:
    "Front Payment calls the order's `callback.callbackUrl` with GET whenever the order's status changes. Callbacks may repeat and arrive out of order.",
  // A form-exploded object: each property of CallbackNotification is its own query parameter.
  parameters: [
    {
      name: "notification",
      in: "query",
      required: true,
      style: "form",
      explode: true,
      description:
        "The notification's fields, each as its own query parameter (`?orderUuid=…&status=…&checksum=…`).",
      schema: { $ref: "#/components/schemas/CallbackNotification" },
    },
  ],
  security: [],
  responses: {
    "200": { description: "The notification was verified and recorded." },
    "403": { description: "The checksum did not verify." },
  },
};

const submitInvoiceOrder: OperationObject = {
  tags: ["Orders"],
  summary: "Create an invoice order",
  operationId: "submitInvoiceOrder",
  description:
    "Exports an order to Front Payment Go as an invoice. Not idempotent: sending the same body twice creates two orders.",
  requestBody: jsonBody(NAMED_SCHEMAS.InvoiceOrderRequest, SEED_INVOICE_ORDER_EXAMPLE),
  responses: responses(
    { "201": { description: "The order was created.", content: json("InvoiceOrderCreated") } },
    "BusinessConflict",
    "ValidationFailed",
  ),
  callbacks: { orderStatusChanged: { "{$request.body#/callback/callbackUrl}": { get: orderStatusChanged } } },
};

const getOrderStatus: OperationObject = {
  tags: ["Orders"],
  summary: "Get an order's status",
  operationId: "getOrderStatus",
  parameters: [ORDER_UUID_PARAMETER],
  responses: responses(
    { "200": { description: "The order's status.", content: json("OrderStatusResponse") } },
    "OrderNotFound",
  ),
};

const cancelOrder: OperationObject = {
  tags: ["Orders"],
  summary: "Cancel an order",
  operationId: "cancelOrder",
  description: "Cancels an order that is not paid yet.",
  parameters: [ORDER_UUID_PARAMETER],
  requestBody: jsonBody(CancelOrderRequest),
  responses: responses(
    { "202": { description: "The order is cancelled.", content: json("OrderActionAccepted") } },
    "BusinessConflict",
    "OrderNotFound",
    "ValidationFailed",
  ),
};

const resendOrder: OperationObject = {
  tags: ["Orders"],
  summary: "Resend the payment link",
  operationId: "resendOrder",
  description:
    "Sends the order's link again, by SMS, email or both; the contact details may differ from the customer's.",
  parameters: [ORDER_UUID_PARAMETER],
  requestBody: jsonBody(ResendOrderRequest),
  responses: responses(
    { "202": { description: "The link was sent again.", content: json("OrderActionAccepted") } },
    "BusinessConflict",
    "OrderNotFound",
    "ValidationFailed",
  ),
};

const getInvoiceNumber: OperationObject = {
  tags: ["Orders"],
  summary: "Get an order's invoice number",
  operationId: "getInvoiceNumber",
  parameters: [ORDER_UUID_PARAMETER],
  responses: responses(
    { "200": { description: "The order's invoice number.", content: json("InvoiceNumberResponse") } },
    "OrderNotFound",
  ),
};

const getAllOrderStatuses: OperationObject = {
  tags: ["Orders"],
  summary: "List the account's orders with their status",
  operationId: "getAllOrderStatuses",
  description:
    "Every order of the account with its status, or only those in one status. The demo answers 404 `Order Not Found` when there are none.",
  parameters: [
    {
      name: "type",
      in: "query",
      required: false,
      description:
        "Only orders in this status, e.g. `PAID` or `PARTIAL REFUNDED` (the docs' example writes `Paid`).",
      get schema() {
        return refs().schema(OrderStatusListQuery.shape.type);
      },
    },
  ],
  responses: responses(
    { "200": { description: "The orders and their statuses.", content: json("OrderStatusListResponse") } },
    "OrderNotFound",
  ),
};

const getOrderDetails: OperationObject = {
  tags: ["Orders"],
  summary: "Get an order's details",
  operationId: "getOrderDetails",
  description:
    "The order as Front Payment holds it: its lines (with the ids Refund Order needs), totals and customer.",
  parameters: [ORDER_UUID_PARAMETER],
  responses: responses(
    { "200": { description: "The order's details.", content: json("OrderDetailsResponse") } },
    "OrderNotFound",
  ),
};

const refundOrder: OperationObject = {
  tags: ["Orders"],
  summary: "Refund an order, fully or partly",
  operationId: "refundOrder",
  description:
    "Refunds a paid order, in full or in part, per order line. Accepted means accepted for processing. Not idempotent: a refund sent twice may be made twice.",
  parameters: [ORDER_UUID_PARAMETER],
  requestBody: jsonBody(RefundOrderRequest),
  responses: responses(
    { "202": { description: "The refund was accepted.", content: json("OrderActionAccepted") } },
    "BusinessConflict",
    "OrderNotFound",
    "ValidationFailed",
  ),
};

/** The OpenAPI 3.1 document of the Connect API operations Fakturabot uses. Deterministic. */
export function buildOpenApiDocument(): OpenAPIObject {
  return {
    openapi: "3.1.0",
    info: {
      title: "Front Payment Go Connect API (invoice orders)",
      version: "1.0.0",
      description:
        "The part of Front Payment Go's Connect API that Fakturabot uses. Generated by `pnpm generate` from the zod schemas in `packages/schema/src`: edit those, not this file. Field rules follow Front Payment's \"Create Session for Invoice Order\" page; the decisions behind the rest are in `docs/front-payment.md`.",
    },
    servers: [{ url: DEMO_BASE_URL, description: "Front Payment's demo environment" }],
    security: [{ bearerAuth: [] }],
    tags: [{ name: "Orders", description: "Create invoice orders and follow them after they are sent." }],
    paths: {
      "/api/v1/connect/orders/invoice/submit": { post: submitInvoiceOrder },
      "/api/v1/connect/orders/status": { get: getAllOrderStatuses },
      "/api/v1/connect/orders/status/{orderUuid}": { get: getOrderStatus },
      "/api/v1/connect/orders/details/{orderUuid}": { get: getOrderDetails },
      "/api/v1/connect/orders/cancel/{orderUuid}": { post: cancelOrder },
      "/api/v1/connect/orders/resend/{orderUuid}": { post: resendOrder },
      "/api/v1/connect/orders/refund/{orderUuid}": { post: refundOrder },
      "/api/v1/connect/orders/invoice-number/{orderUuid}": { get: getInvoiceNumber },
    },
    components: {
      schemas: refs().components(),
      responses: ERROR_RESPONSES,
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "The API token Front Payment issues to the merchant.",
        },
      },
    },
  };
}

/** The document as committed: two-space JSON with a final newline. */
export function serializeOpenApiDocument(document: OpenAPIObject = buildOpenApiDocument()): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
