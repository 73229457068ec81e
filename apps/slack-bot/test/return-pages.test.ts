import { describe, expect, it } from "vitest";
import { returnPage } from "../src/http/return-pages.js";

const LANGUAGES = ["no", "en", "sv", "da", "de"] as const;

describe("the customer's return pages", () => {
  it("are finished pages in every language: titled, phone-sized, one heading, the outcome as a status", () => {
    for (const language of LANGUAGES) {
      for (const outcome of ["success", "failure"] as const) {
        const html = returnPage(outcome, language, "ODR1234567890");
        expect(html).toContain(`<html lang="${language}">`);
        expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
        expect(html.match(/<h1 /g)).toHaveLength(1);
        expect(html).toMatch(/<title>[^<]+<\/title>/);
        expect(html).toContain('<p role="status">');
        expect(html).toContain("<code>ODR1234567890</code>");
        expect(html).not.toContain("<script");
      }
    }
    expect(returnPage("success", "no")).toContain("Takk, du er bekreftet");
    expect(returnPage("failure", "de")).toContain("Die Verifizierung wurde nicht abgeschlossen");
  });

  it("escape the reference and say each thing once", () => {
    const html = returnPage("success", "en", `<img src=x onerror=alert(1)>`);
    expect(html).not.toContain("<img");
    expect(html).toContain("&#60;img src=x onerror=alert(1)&#62;");
    expect(html.match(/close this/g)).toHaveLength(1);
  });
});
