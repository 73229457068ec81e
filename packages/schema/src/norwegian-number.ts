/**
 * Numbers as Norwegians type them, read exactly, so the modal's live totals and its validation
 * use one reading and never disagree.
 *
 * Accepted: `1250`, `1,5` and `1250.50` (comma or dot before the decimals), `1 250,50` with a
 * regular, no-break or narrow no-break space between groups of three digits, a leading `-` or
 * `−` where the caller allows negatives, and surrounding white space. Nothing is guessed:
 * - `1.250` (one dot, then exactly three digits, after one to three digits) could be 1 250 with
 *   a printed thousands dot or 1,25 with a typed decimal dot: an error names both readings. With
 *   four digits or more before the dot (`1250.500`), or a leading zero (`0.250`), it can only be
 *   decimals.
 * - `1.250,50` and `1,250.50` (a thousands mark, then the other mark) are errors with both readings.
 * - `1.250.000` and `1,250,000` are errors asking for spaces between thousands.
 * - `1,250` is one and a quarter, as a comma always starts the decimals in Norwegian; for money
 *   its three decimals are then an error, which also catches 1,250 typed in the English way.
 * - More decimals than the field allows are an error, even trailing zeros: the field says what
 *   precision it keeps.
 */

/**
 * At most this many digits in all, so a value survives `Number()` (as `priceOrder` and JSON use
 * it) and a sum of øre stays a safe integer.
 */
const MAX_DIGITS = 15;
const KRONER_DECIMALS = 2;
const PERCENT_DECIMALS = 2;

const MINUS = /^[-\u2212]/;
/** Thousands separators: space, no-break space (U+00A0, as `Intl` writes them), narrow no-break space. */
const SPACES = " \\u00A0\\u202F";
const GROUP_SPACE = `[${SPACES}]`;
/** `1250`, `1250,5`, `1250.5`. */
const PLAIN = /^(\d+)(?:([.,])(\d+))?$/;
/** `1 250 000,5`: a first group without a leading zero, then groups of three. */
const SPACE_GROUPED = new RegExp(`^([1-9]\\d{0,2}(?:${GROUP_SPACE}\\d{3})+)(?:[.,](\\d+))?$`);
const GROUP_SPACES = new RegExp(GROUP_SPACE, "g");
/** `1.250.000`, `1,250.50`: groups of three after one mark, then perhaps decimals after a mark. */
const MARK_GROUPED = /^([1-9]\d{0,2})((?:([.,])\d{3})(?:\3\d{3})*)(?:([.,])(\d+))?$/;
/** Digits with spaces somewhere other than between groups of three. */
const MISPLACED_SPACES = new RegExp(`^[\\d${SPACES}]+(?:[.,]\\d+)?$`);

/** Why a text is not a number the field accepts; `message` is written to stand next to the field. */
export type NumberProblemCode =
  | "empty"
  | "not_a_number"
  | "misplaced_spaces"
  | "thousands_mark"
  | "ambiguous"
  | "negative"
  | "too_many_digits"
  | "too_many_decimals"
  | "over_100_percent";

export interface NumberProblem {
  ok: false;
  code: NumberProblemCode;
  message: string;
}

/** An exact decimal, `units / 10^scale`, in its shortest form (no trailing zeros). */
export interface ParsedNumber {
  ok: true;
  /** The canonical text, e.g. `"-1250.5"`: a `Numeric` string, as `priceOrder` takes it. */
  value: string;
  units: number;
  scale: number;
}

/** An amount in kroner. */
export interface ParsedKroner {
  ok: true;
  /** Whole øre. */
  ore: number;
  /** Kroner with two decimals, e.g. `"1250.50"`: a `Numeric` string. */
  value: string;
}

export type ParsedDiscount =
  | ({ kind: "amount" } & ParsedKroner)
  | ({ kind: "percent" } & ParsedNumber)
  | NumberProblem;

export interface NorwegianNumberOptions {
  /** Most digits after the comma: 2 for money, more for quantities (0 to 15). */
  maxDecimals: number;
  /** Whether a leading minus is accepted (default false). */
  allowNegative?: boolean;
}

interface Rules {
  maxDecimals: number;
  maxIntegerDigits: number;
  allowNegative: boolean;
}

/** Digits before and after the decimal mark, as typed, without the sign. */
interface Digits {
  integer: string;
  fraction: string;
}

type Shape = { digits: Digits } | { readings: [Digits, Digits] } | NumberProblem;

/** Reads a number typed in a field that keeps `maxDecimals` decimals. Never throws for any text. */
export function parseNorwegianNumber(
  text: string,
  { maxDecimals, allowNegative = false }: NorwegianNumberOptions,
): ParsedNumber | NumberProblem {
  if (!Number.isInteger(maxDecimals) || maxDecimals < 0 || maxDecimals > MAX_DIGITS)
    throw new RangeError(`maxDecimals must be a whole number from 0 to ${MAX_DIGITS}`);
  return readNumber(text, { maxDecimals, maxIntegerDigits: MAX_DIGITS - maxDecimals, allowNegative });
}

/**
 * Reads an amount in kroner: as `parseNorwegianNumber` with two decimals, plus the shop price
 * `1 250,-` (whole kroner). Never throws for any text.
 */
export function parseKroner(
  text: string,
  { allowNegative = false }: { allowNegative?: boolean } = {},
): ParsedKroner | NumberProblem {
  const typed = text.trim();
  const wholeKroner = /[.,]-$/.test(typed);
  const result = readNumber(wholeKroner ? typed.slice(0, -2) : typed, {
    maxDecimals: wholeKroner ? 0 : KRONER_DECIMALS,
    maxIntegerDigits: MAX_DIGITS - KRONER_DECIMALS,
    allowNegative,
  });
  if (!result.ok) return result;
  const ore = result.units * 10 ** (KRONER_DECIMALS - result.scale);
  return { ok: true, ore, value: kronerText(ore) };
}

/**
 * Reads a discount: a percentage (`10 %`, `12,5%`, at most 100 %) or an amount in kroner as
 * `parseKroner` reads it. Never negative. Never throws for any text.
 */
export function parseDiscount(text: string): ParsedDiscount {
  const typed = text.trim();
  if (!typed.endsWith("%")) {
    const amount = parseKroner(typed);
    return amount.ok ? { kind: "amount", ...amount } : amount;
  }
  const result = parseNorwegianNumber(typed.slice(0, -1), { maxDecimals: PERCENT_DECIMALS });
  if (!result.ok) return result;
  if (result.units > 100 * 10 ** result.scale)
    return problem("over_100_percent", "A discount can't be more than 100 %");
  return { kind: "percent", ...result };
}

export interface FormatNorwegianNumberOptions {
  /** Decimals always shown (default 0). */
  minDecimals?: number;
  /** Spaces between thousands (default true). */
  grouping?: boolean;
}

/**
 * A decimal (a `Numeric` string such as `"-1250.5"`, or a number) the Norwegian way:
 * `−1 250,5`, with no-break spaces and the minus sign, exactly, never rounded.
 */
export function formatNorwegianNumber(
  value: string | number,
  { minDecimals = 0, grouping = true }: FormatNorwegianNumberOptions = {},
): string {
  return new Intl.NumberFormat("nb-NO", {
    minimumFractionDigits: minDecimals,
    maximumFractionDigits: 20,
    useGrouping: grouping,
  }).format(value as Intl.StringNumericLiteral);
}

/** Whole øre as kroner the Norwegian way, e.g. `125050` → `1 250,50`. */
export function formatKroner(ore: number): string {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`${ore} is not a whole number of øre`);
  return formatNorwegianNumber(kronerText(ore), { minDecimals: KRONER_DECIMALS });
}

function readNumber(text: string, rules: Rules): ParsedNumber | NumberProblem {
  const typed = text.trim();
  if (typed === "") return problem("empty", "Enter a number");
  const negative = MINUS.test(typed);
  const sign = negative ? "-" : "";
  const shape = readShape(negative ? typed.slice(1) : typed, sign, rules.maxDecimals);
  if ("message" in shape) return shape;
  if ("readings" in shape) return ambiguity(typed, sign, shape.readings, rules);
  if (negative && !rules.allowNegative) return problem("negative", "Can't be negative");

  const integer = shape.digits.integer.replace(/^0+/, "");
  const { fraction } = shape.digits;
  if (integer.length > rules.maxIntegerDigits)
    return problem("too_many_digits", `Too large: at most ${rules.maxIntegerDigits} digits before the comma`);
  if (fraction.length > rules.maxDecimals)
    return problem("too_many_decimals", decimalsMessage(rules.maxDecimals));

  const significantFraction = fraction.replace(/0+$/, "");
  const magnitude = Number(`${integer}${significantFraction}`);
  const value = `${integer || "0"}${significantFraction && `.${significantFraction}`}`;
  return {
    ok: true,
    value: magnitude === 0 ? value : `${sign}${value}`,
    units: negative && magnitude !== 0 ? -magnitude : magnitude,
    scale: significantFraction.length,
  };
}

/** The digits of `body` (a number without its sign), its two readings, or why it is no number. */
function readShape(body: string, sign: string, maxDecimals: number): Shape {
  const plain = PLAIN.exec(body);
  if (plain) {
    const integer = plain[1] as string;
    const fraction = plain[3] ?? "";
    const thousandsDot = plain[2] === "." && fraction.length === 3 && /^[1-9]\d{0,2}$/.test(integer);
    if (!thousandsDot) return { digits: { integer, fraction } };
    return {
      readings: [
        { integer: integer + fraction, fraction: "" },
        { integer, fraction },
      ],
    };
  }
  const spaced = SPACE_GROUPED.exec(body);
  if (spaced) {
    const integer = (spaced[1] as string).replace(GROUP_SPACES, "");
    return { digits: { integer, fraction: spaced[2] ?? "" } };
  }
  const marked = MARK_GROUPED.exec(body);
  if (marked) {
    const first = marked[1] as string;
    const groupMark = marked[3] as string;
    const groupDigits = (marked[2] as string).replaceAll(groupMark, "");
    const decimalMark = marked[4];
    const fraction = marked[5] ?? "";
    if (decimalMark === groupMark) return notANumber(maxDecimals);
    // One group, so decimals follow: a lone group without them was read as plain digits above.
    if (groupDigits.length === 3)
      return {
        readings: [
          { integer: first + groupDigits, fraction },
          { integer: first, fraction: groupDigits + fraction },
        ],
      };
    const marks = groupMark === "." ? "dots" : "commas";
    const written = display(sign, { integer: first + groupDigits, fraction });
    return problem("thousands_mark", `Use spaces between thousands, not ${marks}: write ${written}`);
  }
  if (MISPLACED_SPACES.test(body))
    return problem(
      "misplaced_spaces",
      `Spaces go only between groups of three digits: write ${sign}${body.replace(GROUP_SPACES, "")}`,
    );
  return notANumber(maxDecimals);
}

/**
 * "1.250,50 could mean 1 250,50 or 1,25050: write 1250,50": both readings with the digits as
 * typed, then those of them the field would accept, written without thousands marks.
 */
function ambiguity(typed: string, sign: string, readings: [Digits, Digits], rules: Rules): NumberProblem {
  const meanings = readings.map((reading) => display(sign, reading));
  const accepted = readings
    .map((reading) => display(sign, reading, { maxDecimals: rules.maxDecimals, grouping: false }))
    .filter((written) => readNumber(written, rules).ok);
  const advice = accepted.length > 0 ? `: write ${accepted.join(" or ")}` : "";
  return problem("ambiguous", `${typed} could mean ${meanings.join(" or ")}${advice}`);
}

/**
 * Digits the Norwegian way, with all decimals as typed, or (given `maxDecimals`) with trailing
 * zeros dropped down to that many.
 */
function display(
  sign: string,
  { integer, fraction }: Digits,
  { maxDecimals = fraction.length, grouping = true } = {},
): string {
  const minDecimals = Math.min(fraction.length, maxDecimals);
  // `1250.` is a valid numeric literal, as `Intl` reads it.
  return formatNorwegianNumber(`${sign}${integer}.${fraction}`, { minDecimals, grouping });
}

function notANumber(maxDecimals: number): NumberProblem {
  const example = maxDecimals > 0 ? "1250 or 1 250,50" : "1250 or 1 250";
  return problem("not_a_number", `Not a number: write it like ${example}`);
}

function decimalsMessage(maxDecimals: number): string {
  if (maxDecimals === 0) return "Whole numbers only";
  return maxDecimals === 1 ? "At most 1 decimal" : `At most ${maxDecimals} decimals`;
}

function problem(code: NumberProblemCode, message: string): NumberProblem {
  return { ok: false, code, message };
}

/** Whole øre as a `Numeric` string of kroner with two decimals, exactly. */
function kronerText(ore: number): string {
  const digits = String(Math.abs(ore)).padStart(KRONER_DECIMALS + 1, "0");
  const sign = ore < 0 ? "-" : "";
  return `${sign}${digits.slice(0, -KRONER_DECIMALS)}.${digits.slice(-KRONER_DECIMALS)}`;
}
