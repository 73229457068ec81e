import { describe, expect, it } from "vitest";
import { isOrderId, newOrderId } from "../src/orders/order-id.js";

describe("newOrderId", () => {
  it("is FB and 12 Crockford base32 characters", () => {
    for (let i = 0; i < 200; i++) {
      const id = newOrderId();
      expect(id).toMatch(/^FB[0-9A-HJKMNP-TV-Z]{12}$/);
      expect(isOrderId(id)).toBe(true);
    }
  });

  it("does not repeat and uses the whole alphabet", () => {
    const ids = Array.from({ length: 2000 }, newOrderId);
    expect(new Set(ids).size).toBe(ids.length);
    // 24,000 random characters miss one of 32 with a probability far below 1e-300.
    const characters = new Set(ids.flatMap((id) => [...id.slice(2)]));
    expect(characters.size).toBe(32);
  });
});

describe("isOrderId", () => {
  it.each([
    ["FB0123456789AB", true],
    ["FBZZZZZZZZZZZZ", true],
    ["fb0123456789ab", false],
    ["FB0123456789A", false],
    ["FB0123456789ABC", false],
    ["FB0123456789AI", false],
    ["FB0123456789AU", false],
    ["XX0123456789AB", false],
    ["FB0123456789AB/../x", false],
    ["", false],
  ])("%j: %s", (value, expected) => {
    expect(isOrderId(value)).toBe(expected);
  });
});
