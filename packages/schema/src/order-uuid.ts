import { z } from "./zod.js";

/**
 * Front Payment's order id in an answer. Lenient: the client validates what it sends, not every
 * id Front Payment may issue.
 */
export const OrderUuid = z
  .string()
  .min(1)
  .openapi({ description: "Front Payment's order id.", example: "ODR4286244937" });

/**
 * An order id the client puts in a path: `ODR` and digits (docs/front-payment.md §14), checked before sending so a
 * typo or a pasted customer id never reaches Front Payment.
 */
const ORDER_UUID = /^ODR\d+$/;

export const OrderUuidParameter = z
  .string({ required_error: "is required", invalid_type_error: "must be a string" })
  .trim()
  .min(1, "is required")
  // A refine, not `.regex`, so an empty id gets only "is required".
  .refine(
    (uuid) => uuid === "" || ORDER_UUID.test(uuid),
    "must be ODR followed by digits, such as ODR4286244937",
  )
  .openapi({
    description: "Front Payment's order id, from the submit response.",
    example: "ODR4286244937",
    pattern: ORDER_UUID.source,
  });
