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
const EMPTY_OR_ORDER_UUID = new RegExp(`^$|${ORDER_UUID.source}`);

export const OrderUuidParameter = z
  .string({ required_error: "is required", invalid_type_error: "must be a string" })
  .trim()
  .min(1, "is required")
  // Empty passes this pattern, so an empty id gets only "is required"; a string check rather
  // than a refine, which zod 3 wraps in an effect that costs ~2 µs on every call the client makes.
  .regex(EMPTY_OR_ORDER_UUID, "must be ODR followed by digits, such as ODR4286244937")
  .openapi({
    description: "Front Payment's order id, from the submit response.",
    example: "ODR4286244937",
    pattern: ORDER_UUID.source,
  });
