import { describe, expect, it } from "vitest";
import { maskPersonalNumber, maskPersonalNumbers } from "../src/index.js";

describe("maskPersonalNumber", () => {
  it.each([
    ["28038712383", "280387*****"],
    ["280387 12383", "280387 *****"],
    ["280387-12383", "280387-*****"],
    ["280387*****", "280387*****"],
    ["2803871238", "280387****"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(maskPersonalNumber(input)).toBe(expected);
    expect(maskPersonalNumber(expected)).toBe(expected);
  });
});

describe("maskPersonalNumbers", () => {
  it.each([
    ["Kari (28038712383) owes", "Kari (280387*****) owes"],
    ["two: 28038712383,41018012345", "two: 280387*****,410180*****"],
    ["spaced 280387 12383", "spaced 280387 *****"],
    [
      "as typed into the form, 280387-12383 or 280387.12383",
      "as typed into the form, 280387-***** or 280387.*****",
    ],
    ["org 923609016 stays", "org 923609016 stays"],
    ["ODR4286244937 and 1712345678123 stay", "ODR4286244937 and 1712345678123 stay"],
    ["a 12-digit run 280387123830 stays", "a 12-digit run 280387123830 stays"],
  ])("%j → %j", (input, expected) => {
    expect(maskPersonalNumbers(input)).toBe(expected);
    expect(maskPersonalNumbers(expected)).toBe(expected);
  });

  it("masks what maskPersonalNumber masks, the same way", () => {
    for (const number of ["28038712383", "280387 12383", "280387-12383", "280387.12383"])
      expect(maskPersonalNumbers(number)).toBe(maskPersonalNumber(number));
  });
});
