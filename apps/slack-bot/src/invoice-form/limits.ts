import type { FormField, LineField } from "./ids.js";

/**
 * The most each input accepts. The view gives them to Slack (`max_length`, `max_value`) and the
 * submission checks them again, since a signed payload need not come from Slack's own client.
 */
export const TEXT_MAX_LENGTHS = {
  name: 255,
  personalNumber: 20,
  organizationId: 30,
  // The longest address RFC 5321 allows.
  email: 320,
  countryCode: 8,
  mobile: 30,
  street: 255,
  zip: 20,
  city: 255,
  referenceNo: 100,
  customerReference: 100,
} as const satisfies Partial<Record<FormField, number>>;

export type LimitedTextField = keyof typeof TEXT_MAX_LENGTHS;

/** A product line's text inputs; a product id's 25 characters are Front Payment's own limit. */
export const LINE_TEXT_MAX_LENGTHS = { name: 255, productId: 25 } as const satisfies Partial<
  Record<LineField, number>
>;

/**
 * The largest number each number input accepts (Slack's `max_value`, a string), chosen so that
 * every line's total stays a safe integer of øre: 1 000 000 × 10 000 000 kr is 10^15 øre.
 */
export const NUMBER_MAX_VALUES = {
  quantity: 1_000_000,
  /** Kroner. */
  rate: 10_000_000,
  /** Kroner, on the whole line. */
  discount: 10_000_000_000,
  /** Days, as the configuration's default maturity allows. */
  invoiceMaturity: 365,
} as const;

/** An invoice's largest total unless the deployment sets another (MAX_INVOICE_TOTAL_NOK), in kroner. */
export const DEFAULT_MAX_INVOICE_TOTAL_KRONER = 10_000_000;
