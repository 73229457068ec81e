import { describe, expect, it } from "vitest";
import { unixSeconds } from "../src/index.js";

describe("unixSeconds", () => {
  it("gives whole seconds, rounded down, of a Date or of milliseconds", () => {
    expect(unixSeconds(new Date("2026-12-01T10:00:00.999Z"))).toBe(1_796_119_200);
    expect(unixSeconds(1_796_119_200_999)).toBe(1_796_119_200);
    expect(unixSeconds(0)).toBe(0);
    expect(unixSeconds(-1)).toBe(-1);
  });
});
