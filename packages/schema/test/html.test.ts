import { describe, expect, it } from "vitest";
import { escapeHtml } from "../src/index.js";

describe("escapeHtml", () => {
  it("escapes the characters that end text or an attribute value, and nothing else", () => {
    expect(escapeHtml(`<a href="x" title='y'>Ærlig & Co</a>`)).toBe(
      "&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;Ærlig &#38; Co&#60;/a&#62;",
    );
    expect(escapeHtml("Konsulenttime 1 250,00 kr")).toBe("Konsulenttime 1 250,00 kr");
  });
});
