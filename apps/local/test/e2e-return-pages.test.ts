import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, seedCreatedOrder, startHarness } from "./e2e-harness.js";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.dispose();
});

describe("the customer's return pages, served by the bot", () => {
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

  async function knownOrder(options: Parameters<typeof seedCreatedOrder>[1] = {}) {
    return (await seedCreatedOrder(harness, options)).id;
  }

  it("are served for a known order in its language, uncached, unsniffed, unframeable, with no script or referrer", async () => {
    const order = await seedCreatedOrder(harness, { preferredLanguage: "de" });
    const orderId = order.id;
    const response = await fetch(`${harness.running.url}/frontpayment/return/${orderId}/success`, {
      headers: { "accept-language": "en-GB" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(headersOf(response)).toEqual(HEADERS);
    const html = await response.text();
    expect(html).toContain("Vielen Dank, Sie sind verifiziert");
    expect(html).toContain(`<code>${order.fpOrderUuid}</code>`);
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
