import { z } from "./zod.js";

const NUMERIC_STRING = /^-?\d+(\.\d+)?$/;

/**
 * Front Payment's "numeric": a JSON number or a string of decimal digits. The seed's own example
 * sends both (`"quantity": "1"`, `"rate": 40`), so both are accepted and passed on unchanged.
 */
export const Numeric = z
  .union([
    z.number().finite(),
    z.string().regex(NUMERIC_STRING, { message: 'must be a number, such as 40 or "40.50"' }),
  ])
  .openapi({
    title: "Numeric",
    description: "A number, sent either as a JSON number or as a string of decimal digits.",
    examples: [40, "40.50"],
  });
export type Numeric = z.infer<typeof Numeric>;

/** The value of a `Numeric` as a JavaScript number. */
export function numericValue(value: Numeric): number {
  return typeof value === "number" ? value : Number(value);
}

/**
 * A `Numeric` that must also satisfy `accepts`. A value that is not numeric at all gets only the
 * "must be a number" message, not this one as well.
 */
export function numericWhere(accepts: (value: number) => boolean, message: string) {
  return Numeric.refine((value) => {
    const number = numericValue(value);
    return Number.isNaN(number) || accepts(number);
  }, message);
}
