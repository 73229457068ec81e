import { z } from "./zod.js";

/**
 * Statuses seen in Front Payment's documentation (docs/front-payment.md §11). The set is open: an
 * unknown status is shown as it is, never rejected, so `OrderStatus` is any non-empty string.
 */
export const KNOWN_ORDER_STATUSES = [
  "SENT",
  "INVOICED",
  "PAID",
  "CANCELLED",
  "EXPIRED",
  "REFUNDED",
  "PARTIAL REFUNDED",
  "Purring",
  "Inkasso",
] as const;
export type KnownOrderStatus = (typeof KNOWN_ORDER_STATUSES)[number];

export const OrderStatus = z
  .string()
  .min(1)
  .openapi({
    title: "OrderStatus",
    description: `The order's status. Known values: ${KNOWN_ORDER_STATUSES.join(", ")}; others may appear.`,
    example: "INVOICED",
  });
export type OrderStatus = z.infer<typeof OrderStatus>;
