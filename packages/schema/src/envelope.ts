import { z } from "./zod.js";

/** Front Payment's success envelope around `data` (docs/front-payment.md §4). */
export function successEnvelope<T extends z.ZodTypeAny>(data: T) {
  return z.object({
    status_code: z.number().int().openapi({ description: "The HTTP status, repeated." }),
    status_message: z.string().openapi({ description: "Short status text, e.g. `OK`." }),
    message: z
      .string()
      .openapi({ description: "A message key such as `orderCreatedSuccessfully`, or a sentence." }),
    is_data: z.boolean().openapi({ description: "Whether `data` carries a value." }),
    data,
  });
}

/**
 * Front Payment's error envelope (docs/front-payment.md §4). Every field is optional and unknown fields are
 * kept: bodies of undocumented errors (401/403) may be partial, and must never crash a parser.
 */
export const ErrorResponse = z
  .object({
    status_code: z.number().int().optional().openapi({ description: "The HTTP status, repeated." }),
    status_message: z
      .string()
      .optional()
      .openapi({ description: "Category, e.g. `Client Error` or `Conflict of Business Logic`." }),
    message: z
      .string()
      .optional()
      .openapi({ description: "A message key such as `orderNotFound`, or a sentence." }),
    is_error: z.boolean().optional(),
    errors: z
      .union([z.array(z.string()), z.record(z.unknown()), z.string(), z.null()])
      .optional()
      .openapi({ description: "Details: a list of readable messages (417), an object (500), or a string." }),
    is_data: z.boolean().optional(),
    data: z.null().optional(),
  })
  .passthrough()
  .openapi({ title: "ErrorResponse", description: "Any error from Front Payment. Fields may be missing." });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const ValidationErrorResponse = ErrorResponse.extend({
  errors: z.array(z.string()).openapi({ description: "Readable validation messages, one per problem." }),
}).openapi({
  title: "ValidationErrorResponse",
  description: "417 `payloadValidationErrors`: the request broke a validation rule.",
  example: {
    status_code: 417,
    status_message: "Client Error",
    message: "payloadValidationErrors",
    is_error: true,
    errors: ["The customer details.personal number must be 11 digits."],
  },
});

export const InternalErrorResponse = ErrorResponse.extend({
  errors: z
    .object({ happenedAt: z.string(), internalErrorDetails: z.array(z.unknown()) })
    .partial()
    .passthrough()
    .openapi({ description: "When and where the failure happened." }),
}).openapi({
  title: "InternalErrorResponse",
  description: "500 `Internal Dependency Error`: a service behind Front Payment failed. Try again later.",
  example: {
    status_code: 500,
    status_message: "Internal Dependency Error",
    message: "Internal Error Occurred Please Try Again Later",
    is_error: true,
    errors: { happenedAt: "2025-08-14T06:28:08Z", internalErrorDetails: [] },
  },
});
