import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageLanguage, returnPage } from "../src/http/return-pages.js";
import { type Harness, startHarness } from "./e2e-harness.js";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.dispose();
});

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

  it("speak the order's language, else the browser's, else Norwegian", () => {
    expect(pageLanguage("sv", "de-DE")).toBe("sv");
    expect(pageLanguage(undefined, "nb-NO,nb;q=0.9,en;q=0.8")).toBe("no");
    expect(pageLanguage(undefined, "fr-FR, de;q=0.7")).toBe("de");
    expect(pageLanguage(undefined, "fr-FR")).toBe("no");
    expect(pageLanguage(undefined, undefined)).toBe("no");
  });

  it("are served by the bot with no caching and a policy that allows no script", async () => {
    const response = await fetch(`${harness.running.url}/frontpayment/return/FB-UNKNOWN/failure`, {
      headers: { "accept-language": "en-GB" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    expect(await response.text()).toContain("Verification was not completed");
    expect((await fetch(`${harness.running.url}/frontpayment/return/FB-UNKNOWN/maybe`)).status).toBe(404);
  });
});
