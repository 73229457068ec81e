/**
 * Personal numbers (fødselsnummer, D-number: 11 digits) are shown and logged masked, one way
 * everywhere: the first six digits (the date of birth) stay, the five others become `*`
 * (`28038712383` → `280387*****`). Masking is idempotent, so masking twice is harmless.
 */

/** An 11-digit run, also written `DDMMYY NNNNN`, `DDMMYY-NNNNN` or `DDMMYY.NNNNN`. */
const PERSONAL_NUMBER_PATTERN = /(?<!\d)(\d{6})([ .-]?)\d{5}(?!\d)/g;

/** Masks one personal number: every digit after the sixth becomes `*`, separators stay. */
export function maskPersonalNumber(personalNumber: string): string {
  let digits = 0;
  return personalNumber.replace(/\d/g, (digit) => (++digits > 6 ? "*" : digit));
}

/** Masks every personal number (any 11-digit run, with or without a separator) inside free text. */
export function maskPersonalNumbers(text: string): string {
  return text.replace(
    PERSONAL_NUMBER_PATTERN,
    (_match, birthDate: string, separator: string) => `${birthDate}${separator}*****`,
  );
}
