import { ISO_COUNTRY_CODES } from "@fakturabot/schema";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../src/i18n/index.js";
import { COUNTRIES_IN_ORDER, NORDIC_COUNTRIES } from "../src/views/invoice-modal/countries-in-order.js";
import { countryChoices } from "../src/views/invoice-modal/select-options.js";

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
    const [nordic, ...letters] = countryChoices(messagesFor("en")).groups;
    expect(nordic?.options.map((option) => option.value)).toEqual([...NORDIC_COUNTRIES]);
    expect(letters.map((group) => group.label.text).join("")).toMatch(/^A[B-Z]+$/);
    const aland = letters[0]?.options.find((option) => option.value === "AX");
    expect(aland?.text.text).toBe("Åland Islands (AX)");
    expect(letters.flatMap((group) => group.options.map((option) => option.value))).toEqual(
      COUNTRIES_IN_ORDER.slice(NORDIC_COUNTRIES.length).map(([code]) => code),
    );
  });
});

describe("the country select in Norwegian", () => {
  const { groups, options } = countryChoices(messagesFor("nb"));

  it("names every country in Norwegian, the Nordic ones first, Æ, Ø and Å last", () => {
    const [nordic, ...letters] = groups;
    expect(nordic?.label.text).toBe("Norden");
    expect(nordic?.options.map((option) => option.text.text)).toEqual([
      "Norge (NO)",
      "Sverige (SE)",
      "Danmark (DK)",
      "Finland (FI)",
      "Island (IS)",
    ]);
    expect(options.map((option) => option.value).sort()).toEqual([...ISO_COUNTRY_CODES].sort());
    expect(letters.at(-1)?.label.text).toBe("Å");
    expect(letters.at(-1)?.options.map((option) => option.value)).toContain("AX");
    expect(options.find((option) => option.value === "DE")?.text.text).toBe("Tyskland (DE)");
    expect(groups.every((group) => group.options.length <= 100)).toBe(true);
  });

  it("is built once per language", () => {
    expect(countryChoices(messagesFor("nb"))).toBe(countryChoices(messagesFor("nb")));
  });
});
