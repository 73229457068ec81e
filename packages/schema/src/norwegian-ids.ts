/**
 * Check digits of Norwegian national identifiers (docs/front-payment.md §8), so a typo cannot
 * invoice the wrong person or company. Front Payment itself only asks for "11 digits" /
 * "alphanumeric".
 */

const PERSONAL_K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const PERSONAL_K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
const ORGANIZATION_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/** The mod-11 check digit for `digits` under `weights`, or null when no digit is possible (remainder 1). */
function mod11CheckDigit(digits: readonly number[], weights: readonly number[]): number | null {
  const sum = weights.reduce((total, weight, index) => total + weight * (digits[index] ?? 0), 0);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}

function toDigits(value: string): number[] {
  return [...value].map(Number);
}

/**
 * The four-digit birth year from the two-digit year and the individual number (Skatteetaten's
 * ranges: 000-499 the 1900s; 500-749 with 54-99 the 1800s; 500-999 with 00-39 the 2000s; 900-999
 * with 40-99 the 1900s). Each rule only sees what the rules before it left over.
 */
function birthYear(yy: number, individual: number): number | null {
  // Stryker disable next-line ArithmeticOperator: only whether the year is a leap year is used, and 1900 - yy is one exactly when 1900 + yy is
  if (individual <= 499) return 1900 + yy;
  // Stryker disable next-line ArithmeticOperator: 1800 - yy (1701-1746) is a leap year exactly when 1800 + yy is
  if (individual <= 749 && yy >= 54) return 1800 + yy;
  // Stryker disable next-line ArithmeticOperator: 2000 - yy (1961-2000) is a leap year exactly when 2000 + yy is
  if (yy <= 39) return 2000 + yy;
  // Stryker disable next-line ArithmeticOperator: 1900 - yy (1801-1860) is a leap year exactly when 1900 + yy is
  if (individual >= 900) return 1900 + yy;
  return null;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Why an 11-digit Norwegian personal number (fødselsnummer or D-number) is invalid, or null when
 * it is valid. Checks the birth date and both mod-11 control digits. Synthetic test numbers from
 * Skatteetaten's test environment (month + 80) are accepted too, as Front Payment's demo uses them.
 */
export function personalNumberProblem(value: string): string | null {
  if (!/^\d{11}$/.test(value)) return "must be exactly 11 digits";
  const digits = toDigits(value);
  let day = Number(value.slice(0, 2));
  let month = Number(value.slice(2, 4));
  if (day > 40) day -= 40; // D-number
  if (month > 80)
    month -= 80; // synthetic test number
  else if (month > 40) month -= 40; // H-number
  const year = birthYear(Number(value.slice(4, 6)), Number(value.slice(6, 9)));
  if (year === null || !isRealDate(year, month, day)) return "does not start with a valid birth date";
  const k1 = mod11CheckDigit(digits, PERSONAL_K1_WEIGHTS);
  const k2 = mod11CheckDigit(digits, PERSONAL_K2_WEIGHTS);
  if (k1 !== digits[9] || k2 !== digits[10]) return "has wrong check digits; look for a typo";
  return null;
}

/** True when `value` is a valid Norwegian fødselsnummer or D-number. */
export function isValidNorwegianPersonalNumber(value: string): boolean {
  return personalNumberProblem(value) === null;
}

/** Why a Norwegian organisasjonsnummer is invalid, or null when it is valid (9 digits, mod 11). */
export function organizationNumberProblem(value: string): string | null {
  if (!/^\d{9}$/.test(value)) return "must be exactly 9 digits";
  const digits = toDigits(value);
  if (mod11CheckDigit(digits, ORGANIZATION_WEIGHTS) !== digits[8]) {
    return "has a wrong check digit; look for a typo";
  }
  return null;
}

/** True when `value` is a valid Norwegian organisasjonsnummer. */
export function isValidNorwegianOrganizationNumber(value: string): boolean {
  return organizationNumberProblem(value) === null;
}

interface IdentifiedCustomer {
  type: "private" | "corporate";
  personalNumber?: string | undefined;
  organizationId?: string | undefined;
  address: { country: string };
}

/**
 * The check-digit problem of a Norwegian customer's personal or organisation number, with the
 * field it concerns; null when there is none or the customer is not Norwegian (address country
 * other than NO), since other countries' numbers follow other rules.
 */
export function norwegianIdProblem(
  customer: IdentifiedCustomer,
): { field: "personalNumber" | "organizationId"; message: string } | null {
  if (customer.address.country !== "NO") return null;
  const [field, problem] =
    customer.type === "private"
      ? (["personalNumber", personalNumberProblem(customer.personalNumber ?? "")] as const)
      : (["organizationId", organizationNumberProblem(customer.organizationId ?? "")] as const);
  return problem === null ? null : { field, message: problem };
}
