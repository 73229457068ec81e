/**
 * Turns what people type into what the schema expects. Each function is forgiving about
 * formatting (spaces, separators, prefixes) and never about content: it never guesses digits.
 */

/** Spaces of every kind people paste: ordinary, non-breaking, narrow and thin. */
const SPACES = /[\s\u00a0\u202f\u2009]+/g;

/** Trims and collapses runs of spaces; empty becomes undefined. */
export function normaliseText(text: string | undefined): string | undefined {
  const normalised = text?.replace(SPACES, " ").trim();
  return normalised ? normalised : undefined;
}

/** Email addresses are compared and delivered case-insensitively in practice: lower-case them. */
export function normaliseEmail(text: string | undefined): string | undefined {
  return normaliseText(text)?.replace(/ /g, "").toLowerCase();
}

/**
 * An amount or quantity as a plain decimal string: "1 500,50" → "1500.50", "kr 1500" → "1500",
 * "1500,-" → "1500", "1.500,50" → "1500.50", "1,500.50" → "1500.50". With one kind of separator,
 * a single `,` or `.` is the decimal separator (Norwegian "2,5" is two and a half) and repeated
 * ones group thousands ("1.000.000"), but only in groups of three. Text that is still not a number comes back cleaned but unparsed, so the
 * validation can say so.
 */
export function normaliseDecimal(text: string | undefined): string | undefined {
  let value = normaliseText(text);
  if (value === undefined) return undefined;
  value = value
    .replace(/^(kr\.?|nok)\s*/i, "")
    .replace(/\s*(kr\.?|nok)$/i, "")
    .replace(/[,.]-$/, "")
    .replace(SPACES, "");
  const lastComma = value.lastIndexOf(",");
  const lastDot = value.lastIndexOf(".");
  if (lastComma >= 0 && lastDot >= 0) {
    const decimalAt = Math.max(lastComma, lastDot);
    const grouping = lastComma > lastDot ? "." : ",";
    const integer = value.slice(0, decimalAt);
    if (isGroupedThousands(integer, grouping))
      value = `${integer.split(grouping).join("")}.${value.slice(decimalAt + 1)}`;
  } else if (lastComma >= 0 || lastDot >= 0) {
    const separator = lastComma >= 0 ? "," : ".";
    const parts = value.split(separator);
    if (parts.length === 2) value = parts.join(".");
    else if (isGroupedThousands(value, separator)) value = parts.join("");
  }
  return value === "" ? undefined : value;
}

/** "1.500.000" with `.`: digits in groups of three after the first. */
function isGroupedThousands(text: string, separator: string): boolean {
  return text.split(separator).every((group, index) => (index === 0 ? /^-?\d{1,3}$/ : /^\d{3}$/).test(group));
}

/** Whether `text` is a plain decimal as {@link normaliseDecimal} produces it. */
export function isPlainDecimal(text: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(text);
}

/** A dialling code as `+<digits>`: "47", "0047", "+ 47" → "+47". */
export function normaliseCountryCode(text: string | undefined): string | undefined {
  const compact = normaliseText(text)?.replace(/[ ()-]/g, "");
  if (compact === undefined) return undefined;
  if (/^00\d/.test(compact)) return `+${compact.slice(2)}`;
  if (/^\d/.test(compact)) return `+${compact}`;
  return compact;
}

/**
 * A mobile number as digits without the dialling code: "465 67 468", "465-67-468" →
 * "46567468"; "+47 465 67 468" or "0047 46567468" lose the prefix when it is `countryCode`.
 */
export function normaliseMobile(
  text: string | undefined,
  countryCode: string | undefined,
): string | undefined {
  const compact = normaliseText(text)?.replace(/[ ().-]/g, "");
  if (compact === undefined) return undefined;
  const dialling = countryCode?.startsWith("+") ? countryCode.slice(1) : undefined;
  if (dialling) {
    for (const prefix of [`+${dialling}`, `00${dialling}`]) {
      if (compact.startsWith(prefix) && compact.length > prefix.length) return compact.slice(prefix.length);
    }
  }
  return compact;
}

/** A personal number without the spaces, dots or dashes people group it with. */
export function normalisePersonalNumber(text: string | undefined): string | undefined {
  return normaliseText(text)?.replace(/[ .-]/g, "");
}

/**
 * An organisation number without grouping, and without the "NO … MVA" of a Norwegian VAT
 * number: "923 609 016", "NO 923609016 MVA" → "923609016".
 */
export function normaliseOrganizationNumber(text: string | undefined): string | undefined {
  const compact = normaliseText(text)?.replace(/[ .-]/g, "");
  if (compact === undefined) return undefined;
  const vatNumber = /^NO(\d{9})(MVA)?$/i.exec(compact) ?? /^(\d{9})MVA$/i.exec(compact);
  return vatNumber?.[1] ?? compact;
}
