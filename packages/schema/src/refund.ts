import { type Numeric, numericValue, numericWhere } from "./numeric.js";
import { z } from "./zod.js";

/** Kroner with at most two decimals (docs/front-payment.md §5), more than zero. */
const RefundAmount = numericWhere((value) => value > 0, "must be more than 0").refine(
  (value) => /^-?\d+(\.\d{1,2})?$/.test(String(numericValue(value))),
  "must have at most two decimals",
);

/** Whole øre of an amount that has passed `RefundAmount`, so the sum is exact. */
function ore(value: Numeric): number {
  return Math.round(numericValue(value) * 100);
}

export const RefundProduct = z
  .object({
    id: numericWhere((id) => Number.isInteger(id) && id > 0, "must be a whole number above 0").openapi({
      description: "The order line's `id` from Get Order Details' `productList`.",
      example: 1001,
    }),
    amount: RefundAmount.openapi({ description: "How much of this line to refund, in NOK.", example: 40 }),
  })
  .openapi({ title: "RefundProduct", description: "One order line and how much of it to refund." });
export type RefundProduct = z.infer<typeof RefundProduct>;

/**
 * Body of Refund Order (docs/front-payment.md §13.7): a full or partial refund, per order line. `grandTotal` is
 * the refund's total and must equal the sum of the lines' amounts, so a typo in either is caught
 * before any money moves.
 */
export const RefundOrderRequest = z
  .object({
    type: z
      .enum(["regular", "invoiced"], {
        errorMap: () => ({ message: "must be regular or invoiced" }),
      })
      .openapi({ description: "`invoiced` for an invoice order, `regular` for a payment-link order." }),
    grandTotal: RefundAmount.openapi({ description: "The total refunded, in NOK.", example: 40 }),
    products: z.array(RefundProduct).min(1, "must name at least one order line"),
  })
  .superRefine((refund, context) => {
    const seen = new Set<number>();
    refund.products.forEach((product, index) => {
      const id = numericValue(product.id);
      if (seen.has(id))
        context.addIssue({ code: "custom", path: ["products", index, "id"], message: "names a line twice" });
      seen.add(id);
    });
    const total = refund.products.reduce((sum, product) => sum + ore(product.amount), 0);
    if (total !== ore(refund.grandTotal))
      context.addIssue({
        code: "custom",
        path: ["grandTotal"],
        message: `must be the sum of the products' amounts (${(total / 100).toFixed(2)})`,
      });
  })
  .openapi({
    title: "RefundOrderRequest",
    description: "What to refund: the total, and how much of each order line.",
    example: { type: "invoiced", grandTotal: 40, products: [{ id: 1001, amount: 40 }] },
  });
export type RefundOrderRequest = z.infer<typeof RefundOrderRequest>;
