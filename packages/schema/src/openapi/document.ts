import type { OpenAPIObject, OperationObject, ParameterObject, ResponseObject } from "openapi3-ts/oas31";
import { SEED_INVOICE_ORDER_EXAMPLE } from "../examples.js";
import { CancelOrderRequest, ResendOrderRequest } from "../operations.js";
import { NAMED_SCHEMAS } from "./components.js";
import { createSchemaRefs } from "./refs.js";

export const DEMO_BASE_URL = "https://demo-api.frontpayment.no";

/**
 * Converted on first use, not at import: converting every named schema costs tens of ms, which
 * everything importing this package (the bot's start-up) would pay for a document it never builds.
 */
let schemaRefs: ReturnType<typeof createSchemaRefs> | undefined;
function refs(): ReturnType<typeof createSchemaRefs> {
  schemaRefs ??= createSchemaRefs(NAMED_SCHEMAS);
  return schemaRefs;
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

function errors(...names: (keyof typeof ERROR_RESPONSES)[]) {
  const statusOf: Record<keyof typeof ERROR_RESPONSES, string> = {
    BusinessConflict: "400",
    Unauthorized: "401",
    OrderNotFound: "404",
    ValidationFailed: "417",
    InternalError: "500",
    ExecutionError: "510",
  };
  return Object.fromEntries(
    names.map((name) => [statusOf[name], { $ref: `#/components/responses/${name}` }]),
  );
}

const ORDER_UUID_PARAMETER: ParameterObject = {
  name: "orderUuid",
  in: "path",
  required: true,
  description: "Front Payment's order id, from the submit response.",
  schema: { type: "string", pattern: "^ODR\\d+$" },
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
  requestBody: {
    required: true,
    content: {
      "application/json": {
        get schema() {
          return refs().schema(NAMED_SCHEMAS.InvoiceOrderRequest);
        },
        example: SEED_INVOICE_ORDER_EXAMPLE,
      },
    },
  },
  responses: {
    "201": { description: "The order was created.", content: json("InvoiceOrderCreated") },
    ...errors("BusinessConflict", "Unauthorized", "ValidationFailed", "InternalError", "ExecutionError"),
  },
  callbacks: { orderStatusChanged: { "{$request.body#/callback/callbackUrl}": { get: orderStatusChanged } } },
};

const getOrderStatus: OperationObject = {
  tags: ["Orders"],
  summary: "Get an order's status",
  operationId: "getOrderStatus",
  parameters: [ORDER_UUID_PARAMETER],
  responses: {
    "200": { description: "The order's status.", content: json("OrderStatusResponse") },
    ...errors("Unauthorized", "OrderNotFound", "ExecutionError"),
  },
};

const cancelOrder: OperationObject = {
  tags: ["Orders"],
  summary: "Cancel an order",
  operationId: "cancelOrder",
  description: "Cancels an order that is not paid yet.",
  parameters: [ORDER_UUID_PARAMETER],
  requestBody: {
    required: true,
    content: {
      "application/json": {
        get schema() {
          return refs().schema(CancelOrderRequest);
        },
      },
    },
  },
  responses: {
    "202": { description: "The order is cancelled.", content: json("OrderActionAccepted") },
    ...errors("BusinessConflict", "Unauthorized", "OrderNotFound", "ValidationFailed", "ExecutionError"),
  },
};

const resendOrder: OperationObject = {
  tags: ["Orders"],
  summary: "Resend the payment link",
  operationId: "resendOrder",
  description:
    "Sends the order's link again, by SMS, email or both; the contact details may differ from the customer's.",
  parameters: [ORDER_UUID_PARAMETER],
  requestBody: {
    required: true,
    content: {
      "application/json": {
        get schema() {
          return refs().schema(ResendOrderRequest);
        },
      },
    },
  },
  responses: {
    "202": { description: "The link was sent again.", content: json("OrderActionAccepted") },
    ...errors("BusinessConflict", "Unauthorized", "OrderNotFound", "ValidationFailed", "ExecutionError"),
  },
};

const getInvoiceNumber: OperationObject = {
  tags: ["Orders"],
  summary: "Get an order's invoice number",
  operationId: "getInvoiceNumber",
  parameters: [ORDER_UUID_PARAMETER],
  responses: {
    "200": { description: "The order's invoice number.", content: json("InvoiceNumberResponse") },
    ...errors("Unauthorized", "OrderNotFound", "ExecutionError"),
  },
};

/** The OpenAPI 3.1 document of the Connect API operations Fakturabot uses. Deterministic. */
export function buildOpenApiDocument(): OpenAPIObject {
  return {
    openapi: "3.1.0",
    info: {
      title: "Front Payment Go Connect API (invoice orders)",
      version: "1.0.0",
      description:
        "The part of Front Payment Go's Connect API that Fakturabot uses. Generated by `pnpm generate` from the zod schemas in `packages/schema/src`: edit those, not this file. Field rules follow Front Payment's \"Create Session for Invoice Order\" page; the decisions behind the rest are in `shared/reference/frontpayment-api.md`.",
    },
    servers: [{ url: DEMO_BASE_URL, description: "Front Payment's demo environment" }],
    security: [{ bearerAuth: [] }],
    tags: [{ name: "Orders", description: "Create invoice orders and follow them after they are sent." }],
    paths: {
      "/api/v1/connect/orders/invoice/submit": { post: submitInvoiceOrder },
      "/api/v1/connect/orders/status/{orderUuid}": { get: getOrderStatus },
      "/api/v1/connect/orders/cancel/{orderUuid}": { post: cancelOrder },
      "/api/v1/connect/orders/resend/{orderUuid}": { post: resendOrder },
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
