import { describe, expect, it } from "vitest";
import { CATALOGUE, formatsFor, LOCALES, messagesFor } from "../src/i18n/index.js";

/** A value for any parameter a message may take: every message must say something with it. */
const ANY_PARAMETERS = new Proxy(
  {},
  { get: (_target, name) => (name === "count" ? 2 : `‹${String(name)}›`) },
);

describe("the message catalogue", () => {
  for (const [area, languages] of Object.entries(CATALOGUE)) {
    it(`${area}: every key exists in Norwegian and English, of the same kind`, () => {
      const nb = languages.nb as Record<string, unknown>;
      const en = languages.en as Record<string, unknown>;
      expect(Object.keys(nb).sort()).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) expect(typeof nb[key], `${area}.${key}`).toBe(typeof en[key]);
    });

    it(`${area}: no message is empty or left untranslated in either language`, () => {
      const said = (value: unknown): string =>
        typeof value === "function" ? String(value(ANY_PARAMETERS)) : String(value);
      const en = languages.en as Record<string, unknown>;
      const nb = languages.nb as Record<string, unknown>;
      for (const key of Object.keys(en)) {
        expect(said(en[key]).trim(), `${area}.${key} (en)`).not.toBe("");
        expect(said(nb[key]).trim(), `${area}.${key} (nb)`).not.toBe("");
      }
    });
  }

  it("builds one catalogue per language with its own formats", () => {
    for (const locale of LOCALES) {
      const messages = messagesFor(locale);
      expect(messages.locale).toBe(locale);
      expect(messages).toBe(messagesFor(locale));
    }
    expect(messagesFor("nb").common.cancel).toBe("Avbryt");
    expect(messagesFor("en").common.cancel).toBe("Cancel");
  });
});

/** Formatted text with its no-break spaces as plain ones, to compare with what a test writes. */
const spaced = (text: string) => text.replace(/\s/gu, " ");

describe("formats for the language", () => {
  it("writes money as each language does, never throwing on what is not øre", () => {
    expect(spaced(formatsFor("nb").money(125050))).toBe("1 250,50 kr");
    expect(spaced(formatsFor("en").money(125050))).toBe("NOK 1,250.50");
    expect(formatsFor("en").money(Number.NaN)).toBe("");
    expect(formatsFor("nb").money(0.5)).toBe("");
  });

  it("writes dates and numbers as each language does", () => {
    const fifteenthOfDecember = Date.UTC(2026, 11, 15, 12) / 1000;
    expect(spaced(formatsFor("nb").dayAndMonth(fifteenthOfDecember))).toBe("15. des.");
    expect(formatsFor("en").dayAndMonth(fifteenthOfDecember)).toBe("15 Dec");
    expect(spaced(formatsFor("nb").day("2026-12-15"))).toBe("15. des. 2026");
    expect(formatsFor("en").day("2026-12-15")).toBe("15 Dec 2026");
    expect(formatsFor("en").day("soon")).toBe("soon");
    expect(spaced(formatsFor("nb").longDay("2026-12-15"))).toBe("tirsdag 15. desember 2026");
    expect(formatsFor("en").longDay("2026-12-15")).toBe("Tuesday, 15 December 2026");
    expect(formatsFor("nb").longDay("snart")).toBe("snart");
    expect(formatsFor("nb").number(1.5)).toBe("1,5");
    expect(formatsFor("en").number(1.5)).toBe("1.5");
    expect(formatsFor("en").dayAndMonth(Number.NaN)).toBe("");
  });
});
