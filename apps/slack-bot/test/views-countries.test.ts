import { ISO_COUNTRY_CODES } from "@fakturabot/schema";
import { describe, expect, it } from "vitest";
import { COUNTRIES_IN_ORDER, NORDIC_COUNTRIES } from "../src/views/invoice-modal/countries-in-order.js";
import { COUNTRY_GROUPS } from "../src/views/invoice-modal/select-options.js";

/** The order the constant stands for, computed as it was at start-up before it became a constant. */
function computedOrder(): [string, string][] {
  const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
  const entry = (code: string): [string, string] => [code, names.of(code) ?? code];
  const others = ISO_COUNTRY_CODES.filter((code) => !NORDIC_COUNTRIES.includes(code))
    .map(entry)
    .sort((a, b) => `${a[1]} (${a[0]})`.localeCompare(`${b[1]} (${b[0]})`, "en"));
  return [...NORDIC_COUNTRIES.map(entry), ...others];
}

describe("the country select's constant order", () => {
  it("equals the Nordic countries, then the others by their English names from ICU", () => {
    expect(COUNTRIES_IN_ORDER).toEqual(computedOrder());
  });

  it("groups the others by initial letter, accents folded, each group in order", () => {
    const [nordic, ...letters] = COUNTRY_GROUPS;
    expect(nordic?.options.map((option) => option.value)).toEqual([...NORDIC_COUNTRIES]);
    expect(letters.map((group) => group.label.text).join("")).toMatch(/^A[B-Z]+$/);
    const aland = letters[0]?.options.find((option) => option.value === "AX");
    expect(aland?.text.text).toBe("Åland Islands (AX)");
    expect(letters.flatMap((group) => group.options.map((option) => option.value))).toEqual(
      COUNTRIES_IN_ORDER.slice(NORDIC_COUNTRIES.length).map(([code]) => code),
    );
  });
});
