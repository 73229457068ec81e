import { describe, expect, it } from "vitest";
import { closedLoop } from "../src/load.js";
import { parseOptions, scaled } from "../src/options.js";
import { interleaved } from "../src/rounds.js";
import { median, percentile, roundRatios, summarise } from "../src/stats.js";

describe("the bench's statistics", () => {
  it("takes percentiles between the closest ranks", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 99)).toBeCloseTo(49.6);
    expect(percentile([], 50)).toBeNaN();
  });

  it("summarises rounds as median and range, and divides round by round", () => {
    expect(summarise([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(roundRatios([2, 9], [1, 3])).toEqual([2, 3]);
    expect(() => roundRatios([1], [1, 2])).toThrow("1 candidate rounds but 2 baseline rounds");
  });
});

describe("the bench's rounds and load", () => {
  it("alternates which side goes first, round by round", async () => {
    const order: string[] = [];
    const result = await interleaved(3, async (side, round) => {
      order.push(`${side}${round}`);
      return round;
    });
    expect(order).toEqual(["candidate0", "baseline0", "baseline1", "candidate1", "candidate2", "baseline2"]);
    expect(result).toEqual({ candidate: [0, 1, 2], baseline: [0, 1, 2] });
  });

  it("runs each operation once with at most the given number in flight, and counts failures", async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    const result = await closedLoop(20, 4, async (index) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      seen.push(index);
      if (index % 5 === 0) throw new Error("fetch failed", { cause: new Error("other side closed") });
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect(most).toBe(4);
    expect(result.failures).toBe(4);
    expect(result.latenciesMs).toHaveLength(16);
    expect(result.firstFailure).toBe("fetch failed: other side closed");
  });
});

describe("the bench's options", () => {
  it("defaults to five rounds on SQLite and scales a quick run down", () => {
    const full = parseOptions([]);
    expect(full).toMatchObject({ rounds: 5, store: "sqlite", scale: 1, cpuProf: false });
    const quick = parseOptions(["--quick", "--callbacks=300", "--rounds=3"]);
    expect(quick).toMatchObject({ rounds: 3, longCallbacks: 300, scale: 0.1 });
    expect(scaled(quick, 1000, 200)).toBe(200);
    expect(scaled(full, 1000, 200)).toBe(1000);
  });

  it("refuses what it does not know, with the reason", () => {
    expect(parseOptions(["--store=postgres"]).store).toBe("postgres");
    expect(parseOptions(["--only=memory,callbacks"]).only).toEqual(["callbacks", "memory"]);
    expect(() => parseOptions(["--only=speed"])).toThrow("--only=speed: name scenarios the bench has");
    expect(() => parseOptions(["--store=mysql"])).toThrow(
      "--store=mysql: not a store the bench knows (sqlite, postgres)",
    );
    expect(() => parseOptions(["--rounds=0"])).toThrow("--rounds=0: give a whole number above 0");
    expect(() => parseOptions(["--fast"])).toThrow("Unknown option --fast");
  });
});
