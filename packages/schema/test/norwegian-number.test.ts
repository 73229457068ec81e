import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatKroner,
  formatNorwegianNumber,
  type NumberProblemCode,
  Numeric,
  parseDiscount,
  parseKroner,
  parseNorwegianNumber,
  priceOrder,
} from "../src/index.js";

const NBSP = "\u00A0";
const NARROW_NBSP = "\u202F";
const MINUS = "\u2212";
const QUANTITY = { maxDecimals: 3 };

/** Messages show numbers as `Intl` writes them: no-break spaces, the minus sign. */
const shown = (text: string) => text.replaceAll("_", NBSP).replaceAll("~", MINUS);

describe("parseNorwegianNumber", () => {
  it.each([
    ["1,5", "1.5", 15, 1],
    ["1.5", "1.5", 15, 1],
    ["1250", "1250", 1250, 0],
    ["1250.50", "1250.5", 12505, 1],
    ["1250,50", "1250.5", 12505, 1],
    ["1 250,50", "1250.5", 12505, 1],
    [`1${NBSP}250,50`, "1250.5", 12505, 1],
    [`1${NARROW_NBSP}250,50`, "1250.5", 12505, 1],
    ["1 250.5", "1250.5", 12505, 1],
    ["12 345 678", "12345678", 12345678, 0],
    ["999 999,999", "999999.999", 999999999, 3],
    ["  42  ", "42", 42, 0],
    ["0", "0", 0, 0],
    ["0,000", "0", 0, 0],
    ["007,10", "7.1", 71, 1],
    ["0.250", "0.25", 25, 2], // a leading zero is no thousands group
    ["01.250", "1.25", 125, 2],
    ["1250.500", "1250.5", 12505, 1], // four digits before the dot: decimals
    ["12.5", "12.5", 125, 1],
    ["1,250", "1.25", 125, 2], // a comma always starts the decimals
    ["123,456", "123.456", 123456, 3],
    ["999999999999", "999999999999", 999999999999, 0], // 12 digits: 15 − 3 decimals
  ])("reads %j as %s", (text, value, units, scale) => {
    expect(parseNorwegianNumber(text, QUANTITY)).toEqual({ ok: true, value, units, scale });
  });

  it.each([
    ["-5", "-5", -5, 0],
    [`${MINUS}1 250,5`, "-1250.5", -12505, 1],
    ["-0", "0", 0, 0],
    ["-0,00", "0", 0, 0],
    ["-0,5", "-0.5", -5, 1],
  ])("reads %j as %s where negatives are allowed", (text, value, units, scale) => {
    expect(parseNorwegianNumber(text, { ...QUANTITY, allowNegative: true })).toEqual({
      ok: true,
      value,
      units,
      scale,
    });
  });

  it.each<[string, NumberProblemCode, string]>([
    ["", "empty", "Enter a number"],
    ["   ", "empty", "Enter a number"],
    ["abc", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["12a", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["1e3", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["+5", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["--5", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["5-", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["-", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    [",5", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["5,", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["1,2,3", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["1.250.5", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["1,250,5", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["1 250.000,5", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["1.250.000 kr", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["1 250,5 0", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["1\t250", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["١٢", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["-5", "negative", "Can't be negative"],
    ["-0", "negative", "Can't be negative"],
    [`${MINUS}1 250`, "negative", "Can't be negative"],
    ["12 50", "misplaced_spaces", "Spaces go only between groups of three digits: write 1250"],
    ["1  250", "misplaced_spaces", "Spaces go only between groups of three digits: write 1250"],
    ["1234 567", "misplaced_spaces", "Spaces go only between groups of three digits: write 1234567"],
    ["0 250", "misplaced_spaces", "Spaces go only between groups of three digits: write 0250"],
    [`1${NBSP}25,5`, "misplaced_spaces", "Spaces go only between groups of three digits: write 125,5"],
    ["-12 50", "misplaced_spaces", "Spaces go only between groups of three digits: write -1250"],
    ["1.250.000", "thousands_mark", shown("Use spaces between thousands, not dots: write 1_250_000")],
    ["1,250,000", "thousands_mark", shown("Use spaces between thousands, not commas: write 1_250_000")],
    ["12.345.678,90", "thousands_mark", shown("Use spaces between thousands, not dots: write 12_345_678,90")],
    ["-1.250.000", "thousands_mark", shown("Use spaces between thousands, not dots: write ~1_250_000")],
    ["1.250,50", "ambiguous", shown("1.250,50 could mean 1_250,50 or 1,25050: write 1250,50")],
    ["1,250.50", "ambiguous", shown("1,250.50 could mean 1_250,50 or 1,25050: write 1250,50")],
    ["1.250,5", "ambiguous", shown("1.250,5 could mean 1_250,5 or 1,2505: write 1250,5")],
    ["1.250", "ambiguous", shown("1.250 could mean 1_250 or 1,250: write 1250 or 1,250")],
    ["12.500", "ambiguous", shown("12.500 could mean 12_500 or 12,500: write 12500 or 12,500")],
    ["999.999", "ambiguous", shown("999.999 could mean 999_999 or 999,999: write 999999 or 999,999")],
    ["1000000000000", "too_many_digits", "Too large: at most 12 digits before the comma"],
    ["1,2345", "too_many_decimals", "At most 3 decimals"],
    ["1,0000", "too_many_decimals", "At most 3 decimals"], // the field's precision, zeros or not
    ["1.2500", "too_many_decimals", "At most 3 decimals"], // four digits after a dot: decimals
  ])("rejects %j (%s): %s", (text, code, message) => {
    expect(parseNorwegianNumber(text, QUANTITY)).toEqual({ ok: false, code, message });
  });

  it("suggests only the readings the field accepts", () => {
    // With negatives refused neither reading is accepted, so no advice: the sign's own message follows.
    expect(parseNorwegianNumber("-1.250", QUANTITY)).toMatchObject({
      message: shown("-1.250 could mean ~1_250 or ~1,250"),
    });
    expect(parseNorwegianNumber("-1.250", { ...QUANTITY, allowNegative: true })).toMatchObject({
      message: shown("-1.250 could mean ~1_250 or ~1,250: write ~1250 or ~1,250"),
    });
    // Trailing zeros are dropped down to the field's precision, other decimals never.
    expect(parseNorwegianNumber("1.250", { maxDecimals: 2 })).toMatchObject({
      message: shown("1.250 could mean 1_250 or 1,250: write 1250 or 1,25"),
    });
    expect(parseNorwegianNumber("1.255", { maxDecimals: 2 })).toMatchObject({
      message: shown("1.255 could mean 1_255 or 1,255: write 1255"),
    });
    expect(parseNorwegianNumber("1.250,50", { maxDecimals: 5 })).toMatchObject({
      message: shown("1.250,50 could mean 1_250,50 or 1,25050: write 1250,50 or 1,25050"),
    });
  });

  it("keeps the digit limit at 15 in all, however many decimals the field has", () => {
    expect(parseNorwegianNumber("999999999999999", { maxDecimals: 0 })).toMatchObject({ ok: true });
    expect(parseNorwegianNumber("9999999999999999", { maxDecimals: 0 })).toMatchObject({
      message: "Too large: at most 15 digits before the comma",
    });
    expect(parseNorwegianNumber("0,999999999999999", { maxDecimals: 15 })).toMatchObject({
      ok: true,
      units: 999999999999999,
      scale: 15,
    });
    expect(parseNorwegianNumber("1,5", { maxDecimals: 15 })).toMatchObject({
      message: "Too large: at most 0 digits before the comma",
    });
    expect(parseNorwegianNumber("0000000000000000001", { maxDecimals: 0 })).toMatchObject({ value: "1" });
  });

  it("words the decimals message after the field's precision", () => {
    expect(parseNorwegianNumber("1,5", { maxDecimals: 0 })).toMatchObject({ message: "Whole numbers only" });
    expect(parseNorwegianNumber("1,55", { maxDecimals: 1 })).toMatchObject({ message: "At most 1 decimal" });
    expect(parseNorwegianNumber("1,555", { maxDecimals: 2 })).toMatchObject({
      message: "At most 2 decimals",
    });
    expect(parseNorwegianNumber("x", { maxDecimals: 0 })).toMatchObject({
      message: "Not a number: write it like 1250 or 1 250",
    });
  });

  it.each([-1, 16, 1.5, Number.NaN])("refuses maxDecimals %s", (maxDecimals) => {
    expect(() => parseNorwegianNumber("1", { maxDecimals })).toThrow(
      new RangeError("maxDecimals must be a whole number from 0 to 15"),
    );
  });

  it("accepts the boundaries of maxDecimals", () => {
    expect(parseNorwegianNumber("1", { maxDecimals: 0 })).toMatchObject({ ok: true });
    expect(parseNorwegianNumber("0", { maxDecimals: 15 })).toMatchObject({ ok: true });
  });
});

describe("parseKroner", () => {
  it.each([
    ["1 250,50", 125050, "1250.50"],
    ["1250.5", 125050, "1250.50"],
    ["0,05", 5, "0.05"],
    ["40", 4000, "40.00"],
    ["1 250,-", 125000, "1250.00"],
    ["1250.-", 125000, "1250.00"],
    [" 99,- ", 9900, "99.00"],
    ["9 999 999 999 999,99", 999999999999999, "9999999999999.99"],
  ])("reads %j as %i øre", (text, ore, value) => {
    expect(parseKroner(text)).toEqual({ ok: true, ore, value });
  });

  it("reads negative amounts only when allowed", () => {
    expect(parseKroner("-1 250,5", { allowNegative: true })).toEqual({
      ok: true,
      ore: -125050,
      value: "-1250.50",
    });
    expect(parseKroner("-0,05", { allowNegative: true })).toEqual({ ok: true, ore: -5, value: "-0.05" });
    expect(parseKroner("-100,-", { allowNegative: true })).toEqual({
      ok: true,
      ore: -10000,
      value: "-100.00",
    });
    expect(parseKroner("-0", { allowNegative: true })).toEqual({ ok: true, ore: 0, value: "0.00" });
    expect(parseKroner("-5")).toEqual({ ok: false, code: "negative", message: "Can't be negative" });
  });

  it.each<[string, NumberProblemCode, string]>([
    ["", "empty", "Enter a number"],
    [",-", "empty", "Enter a number"],
    ["kr 100", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["1,250", "too_many_decimals", "At most 2 decimals"], // 1,25 kr or 1250 kr in English: not guessed
    ["1250,50,-", "too_many_decimals", "Whole numbers only"],
    ["1.250,-", "ambiguous", shown("1.250 could mean 1_250 or 1,250: write 1250")],
    ["1.250", "ambiguous", shown("1.250 could mean 1_250 or 1,250: write 1250 or 1,25")],
    ["1.250,50", "ambiguous", shown("1.250,50 could mean 1_250,50 or 1,25050: write 1250,50")],
    ["10000000000000", "too_many_digits", "Too large: at most 13 digits before the comma"],
    ["10000000000000,-", "too_many_digits", "Too large: at most 13 digits before the comma"],
  ])("rejects %j (%s): %s", (text, code, message) => {
    expect(parseKroner(text)).toEqual({ ok: false, code, message });
  });

  it("gives priceOrder what it prices to the same øre", () => {
    const rate = parseKroner("1 250,50");
    const quantity = parseNorwegianNumber("7,5", QUANTITY);
    if (!rate.ok || !quantity.ok) throw new Error("both are numbers");
    const { orderSummary } = priceOrder([{ quantity: quantity.value, rate: rate.value, tax: 25 }]);
    expect(orderSummary.grandTotal * 100).toBe(Math.round(7.5 * rate.ore));
  });
});

describe("parseDiscount", () => {
  it.each([
    ["10 %", "10", 10, 0],
    ["10%", "10", 10, 0],
    [" 10 % ", "10", 10, 0],
    [`12,5${NBSP}%`, "12.5", 125, 1],
    ["0 %", "0", 0, 0],
    ["100 %", "100", 100, 0],
    ["100,00 %", "100", 100, 0],
    ["99,99%", "99.99", 9999, 2],
  ])("reads %j as a percentage", (text, value, units, scale) => {
    expect(parseDiscount(text)).toEqual({ ok: true, kind: "percent", value, units, scale });
  });

  it.each([
    ["250", 25000, "250.00"],
    [" 250 ", 25000, "250.00"],
    ["1 250,50", 125050, "1250.50"],
    ["100,-", 10000, "100.00"],
  ])("reads %j as an amount in kroner", (text, ore, value) => {
    expect(parseDiscount(text)).toEqual({ ok: true, kind: "amount", ore, value });
  });

  it.each<[string, NumberProblemCode, string]>([
    ["%", "empty", "Enter a number"],
    ["", "empty", "Enter a number"],
    ["100,01 %", "over_100_percent", "A discount can't be more than 100 %"],
    ["101%", "over_100_percent", "A discount can't be more than 100 %"],
    ["-10 %", "negative", "Can't be negative"],
    ["-10", "negative", "Can't be negative"],
    ["12,345 %", "too_many_decimals", "At most 2 decimals"],
    ["10 %%", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["% 10", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
    ["ti %", "not_a_number", "Not a number: write it like 1250 or 1 250,50"],
  ])("rejects %j (%s): %s", (text, code, message) => {
    expect(parseDiscount(text)).toEqual({ ok: false, code, message });
  });
});

describe("formatting", () => {
  it.each<[string | number, Parameters<typeof formatNorwegianNumber>[1], string]>([
    ["1250.5", undefined, "1_250,5"],
    [1250.5, undefined, "1_250,5"],
    ["-1250", undefined, "~1_250"],
    ["1250.5", { minDecimals: 2 }, "1_250,50"],
    ["1250.5", { grouping: false }, "1250,5"],
    ["0.000000000000000001", undefined, "0,000000000000000001"],
    ["123456789012345.678", undefined, "123_456_789_012_345,678"], // exact, not rounded through a double
  ])("formats %j (%j) as %s", (value, options, text) => {
    expect(formatNorwegianNumber(value, options)).toBe(shown(text));
  });

  it.each([
    [125050, "1_250,50"],
    [-5, "~0,05"],
    [0, "0,00"],
    [100, "1,00"],
    [Number.MAX_SAFE_INTEGER, "90_071_992_547_409,91"],
  ])("formats %i øre as %s kroner", (ore, text) => {
    expect(formatKroner(ore)).toBe(shown(text));
  });

  it.each([0.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])("refuses %s øre", (ore) => {
    expect(() => formatKroner(ore)).toThrow(new RangeError(`${ore} is not a whole number of øre`));
  });
});

describe("properties", () => {
  /** A field's precision, and an exact decimal that fits it: `units / 10^scale`. */
  const fitting = fc.integer({ min: 0, max: 6 }).chain((maxDecimals) =>
    fc.integer({ min: 0, max: maxDecimals }).chain((scale) =>
      fc.record({
        maxDecimals: fc.constant(maxDecimals),
        scale: fc.constant(scale),
        units: fc.integer({
          min: -(10 ** (15 - maxDecimals + scale) - 1),
          max: 10 ** (15 - maxDecimals + scale) - 1,
        }),
      }),
    ),
  );
  const decimalText = (units: number, scale: number) => {
    const digits = String(Math.abs(units)).padStart(scale + 1, "0");
    const point = digits.length - scale;
    return `${units < 0 ? "-" : ""}${digits.slice(0, point)}${scale > 0 ? `.${digits.slice(point)}` : ""}`;
  };
  const space = fc.constantFrom(" ", NBSP, NARROW_NBSP);

  it("reads back exactly what it formats, with any kind of space", () => {
    fc.assert(
      fc.property(fitting, fc.boolean(), space, ({ maxDecimals, scale, units }, grouping, separator) => {
        const written = formatNorwegianNumber(decimalText(units, scale), { minDecimals: scale, grouping });
        const result = parseNorwegianNumber(written.replaceAll(NBSP, separator), {
          maxDecimals,
          allowNegative: true,
        });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.units / 10 ** result.scale).toBe(units / 10 ** scale);
        expect(Number(result.value)).toBe(units / 10 ** scale);
        expect(result.value).not.toMatch(/\.\d*0$/);
      }),
    );
  });

  it("reads back formatted kroner to the øre", () => {
    const ore = fc.integer({ min: -(10 ** 15 - 1), max: 10 ** 15 - 1 });
    fc.assert(
      fc.property(ore, (amount) => {
        expect(parseKroner(formatKroner(amount), { allowNegative: true })).toEqual({
          ok: true,
          ore: amount,
          value: decimalText(amount, 2),
        });
      }),
    );
  });

  const numberish = fc.string({
    unit: fc.constantFrom(..."0123456789 .,-%", NBSP, NARROW_NBSP, MINUS, "e", "\t"),
    maxLength: 24,
  });
  const anything = fc.oneof(numberish, fc.string({ unit: "binary" }));

  it("never throws, and anything it accepts is a Numeric that priceOrder takes", () => {
    fc.assert(
      fc.property(
        anything,
        fc.integer({ min: 0, max: 15 }),
        fc.boolean(),
        (text, maxDecimals, allowNegative) => {
          for (const result of [
            parseNorwegianNumber(text, { maxDecimals, allowNegative }),
            parseKroner(text, { allowNegative }),
            parseDiscount(text),
          ]) {
            if (!result.ok) {
              expect(result.message.length).toBeGreaterThan(0);
              continue;
            }
            expect(Numeric.safeParse(result.value).success).toBe(true);
            if (!allowNegative) expect(result.value).not.toMatch(/^-/);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
