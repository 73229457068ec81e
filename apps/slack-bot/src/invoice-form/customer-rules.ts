import type { Messages } from "../i18n/index.js";

/**
 * Rules about a customer's contact details that the schema alone would miss, shared by the invoice
 * form and the saved-customer editor so both say the same.
 */

/** Why `zip` is no postcode of `country`, or undefined: Norwegian postcodes are four digits. */
export function postcodeProblem(t: Messages, country: string, zip: string | undefined): string | undefined {
  return country.toUpperCase() === "NO" && zip !== undefined && !/^\d{4}$/.test(zip)
    ? t.formErrors.postcodeNorway
    : undefined;
}

/** Why `mobile` (digits, without the dialling code) is no mobile number there, or undefined. */
export function mobileProblem(
  t: Messages,
  countryCode: string,
  mobile: string | undefined,
): string | undefined {
  // Norwegian numbers are 8 digits: anything else is a typo the schema's 4-15 digits would miss.
  if (countryCode === "+47" && mobile && /^\d+$/.test(mobile) && mobile.length !== 8)
    return t.formErrors.mobileNorway;
  return undefined;
}
