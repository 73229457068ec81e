import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { returnPage } from "../src/http/return-pages.js";
import { type Harness, startHarness } from "./e2e-harness.js";
import { advance, created, submission } from "./store.fixtures.js";

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

  const HEADERS = {
    "cache-control": "no-store",
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  };
  function headersOf(response: Response) {
    return Object.fromEntries(Object.keys(HEADERS).map((name) => [name, response.headers.get(name)]));
  }

  let fpOrders = 0;
  async function knownOrder(overrides: Parameters<typeof submission>[0] = {}) {
    const { order } = await harness.store.beginSubmission(submission(overrides));
    await advance(harness.store, order.id, created(`ODR555000111${++fpOrders}`));
    return order.id;
  }

  it("are served for a known order in its language, uncached, unsniffed, unframeable, with no script or referrer", async () => {
    const orderId = await knownOrder({ preferredLanguage: "de" });
    const response = await fetch(`${harness.running.url}/frontpayment/return/${orderId}/success`, {
      headers: { "accept-language": "en-GB" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(headersOf(response)).toEqual(HEADERS);
    const html = await response.text();
    expect(html).toContain("Vielen Dank, Sie sind verifiziert");
    expect(html).toContain(`<code>ODR555000111${fpOrders}</code>`);
  });

  it("thank no made-up order: an id the store does not know is a plain 404", async () => {
    const response = await fetch(`${harness.running.url}/frontpayment/return/FB-UNKNOWN/success`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(headersOf(response)).toEqual(HEADERS);
    expect(await response.text()).toBe("No such order.");
  });

  it("answer 404 to an outcome that is neither success nor failure", async () => {
    const orderId = await knownOrder();
    const response = await fetch(`${harness.running.url}/frontpayment/return/${orderId}/maybe`);
    expect(response.status).toBe(404);
    expect(headersOf(response)).toEqual(HEADERS);
    expect(await response.text()).toBe("Not found.");
  });

  it.each([
    "/frontpayment/return/%ZZ/success",
    "/frontpayment/return/FB-1/%E0%A4%A",
    "/frontpayment/callback/%ZZ?orderUuid=ODR1",
  ])("answer a malformed percent-encoding in the path (%s) with 400 and the reason", async (path) => {
    const response = await fetch(`${harness.running.url}${path}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(
      "The path is not valid: it has a malformed percent-encoding, such as %ZZ.",
    );
  });
});
