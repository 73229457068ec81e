import { randomBytes } from "node:crypto";

/** Crockford's base32: no I, L, O or U, so an id read aloud or retyped survives. */
const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_CHARACTERS = 12;
const ORDER_ID_PATTERN = /^FB[0-9A-HJKMNP-TV-Z]{12}$/;

/**
 * A new order id: `FB` and 12 random Crockford base32 characters (60 bits). Ids appear in the
 * public callback and redirect URLs, so they come from a cryptographic source and cannot be guessed.
 */
export function newOrderId(): string {
  // 256 is a multiple of 32, so taking 5 bits of each byte keeps every character equally likely.
  const characters = Array.from(randomBytes(RANDOM_CHARACTERS), (byte) => CROCKFORD_ALPHABET[byte & 31]);
  return `FB${characters.join("")}`;
}

/** Whether `value` has the shape of an id from `newOrderId()` (for paths taken from URLs). */
export function isOrderId(value: string): boolean {
  return ORDER_ID_PATTERN.test(value);
}
