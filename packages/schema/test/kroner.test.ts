import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNok, kronerToOre, oreToKroner, safeKronerToOre } from "../src/index.js";

const NBSP = "\u00a0";

describe("kronerToOre", () => {
  it.each([
    ["1250.50", 125050],
    ["1250.5", 125050],
    ["0.29", 29],
    ["19.99", 1999],
    ["-50.05", -5005],
    [" 40 ", 4000],
    [1250.5, 125050],
    [0.29, 29],
    [1.005, undefined],
    ["1.005", undefined],
    ["12,50", undefined],
    ["ti", undefined],
    ["", undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
    [0.1 + 0.2, undefined],
    ["100000000000000000", undefined],
  ] as const)("%j kroner is %j øre", (kroner, ore) => {
    expect(safeKronerToOre(kroner)).toBe(ore);
    if (ore === undefined) expect(() => kronerToOre(kroner)).toThrow(RangeError);
    else expect(kronerToOre(kroner)).toBe(ore);
  });

  it("names the value it refuses", () => {
    expect(() => kronerToOre("12.345")).toThrow(
      '"12.345" is not an amount of kroner with at most 2 decimals',
    );
  });

  it("is exact where multiplying by 100 is not", () => {
    // 1.15 × 100 = 114.99999999999999 and 4.35 × 100 = 434.99999999999994 in floating point.
    expect(kronerToOre("1.15")).toBe(115);
    expect(kronerToOre(4.35)).toBe(435);
  });

  it("reads back every amount oreToKroner writes, as a number or as a string", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (ore) => {
        expect(kronerToOre(oreToKroner(ore))).toBe(ore);
        expect(kronerToOre(String(oreToKroner(ore)))).toBe(ore);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("formatNok", () => {
  it.each([
    [0, `0,00${NBSP}kr`],
    [5, `0,05${NBSP}kr`],
    [125000, `1${NBSP}250,00${NBSP}kr`],
    [123456789, `1${NBSP}234${NBSP}567,89${NBSP}kr`],
    [-50050, `-500,50${NBSP}kr`],
  ])("%i øre is %j", (ore, text) => {
    expect(formatNok(ore)).toBe(text);
  });

  it.each([
    [Number.MAX_SAFE_INTEGER + 2, "an amount too large to show"],
    [-(2 ** 60), "an amount too large to show"],
    [Number.POSITIVE_INFINITY, "an amount too large to show"],
    [12.5, "an amount that is not whole øre"],
    [Number.NaN, "an amount that is not whole øre"],
  ])("never throws: %d øre reads %j", (ore, text) => {
    expect(formatNok(ore)).toBe(text);
  });

  it("still shows the largest safe amount exactly", () => {
    expect(formatNok(Number.MAX_SAFE_INTEGER)).toBe(`90${NBSP}071${NBSP}992${NBSP}547${NBSP}409,91${NBSP}kr`);
  });
});
