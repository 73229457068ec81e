import { verifyCallback } from "@fakturabot/client";
import { describe, expect, it } from "vitest";
import { parseOptions } from "../src/options.js";
import { callbackPaths, orderPoolSize } from "../src/scenarios/callbacks.js";
import { SECRETS } from "../src/stand-ins.js";

const ORDERS = ["FB1", "FB2"].map((id, index) => ({
  id,
  fpOrderUuid: `ODR${index}`,
  amount: "2500.00",
  createdAt: 1_700_000_000,
}));

describe("the bench's callbacks", () => {
  it("never sends an order the same timestamp twice, each one the bot accepts, and fails when the window is used up", () => {
    let nowMs = 1_800_000_000_000;
    const next = callbackPaths(ORDERS, () => nowMs);
    const seen = new Set<string>();
    for (let index = 0; index < 2 * 3401; index++) {
      const path = next();
      const verified = verifyCallback(path, SECRETS.callbackSecret, {
        maxAgeSeconds: 3600,
        now: () => nowMs,
      });
      if (!verified.ok) throw new Error(verified.reason);
      const key = `${path.split("?")[0]} ${verified.notification.timestamp}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    expect(() => next()).toThrow("the pool needs more orders");
    // Time going on makes room for more.
    nowMs += 10_000;
    expect(next()).toContain("/frontpayment/callback/");
  });

  it("creates an order per 3000 callbacks the run sends the bot, at least 20", () => {
    expect(orderPoolSize(parseOptions([]))).toBe(20);
    expect(orderPoolSize(parseOptions(["--only=memory", "--callbacks=100000"]))).toBe(34);
    expect(orderPoolSize(parseOptions(["--callbacks=100000"]))).toBe(36);
  });
});
