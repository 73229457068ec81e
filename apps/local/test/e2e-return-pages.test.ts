import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./e2e-harness.js";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.dispose();
});

describe("the customer's return pages", () => {
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
