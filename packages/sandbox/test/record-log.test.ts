import { describe, expect, it } from "vitest";
import { RecordLog } from "../src/http.js";

describe("RecordLog", () => {
  it("hands every entry pushed after subscribing to the subscriber, until it unsubscribes", () => {
    const log = new RecordLog<number>();
    log.push(1);
    const seen: number[] = [];
    const unsubscribe = log.subscribe((entry) => seen.push(entry));
    log.push(2);
    log.push(3);
    unsubscribe();
    log.push(4);
    expect(seen).toEqual([2, 3]);
    expect(log.entries).toEqual([1, 2, 3, 4]);
  });

  it("wakes waiters before subscribers, so a subscriber sees what a waiter was waiting for", async () => {
    const log = new RecordLog<string>();
    const waited = log.waitFor((entry) => entry === "b");
    const order: string[] = [];
    log.subscribe((entry) => order.push(`subscriber ${entry}`));
    void waited.then((entry) => order.push(`waiter ${entry}`));
    log.push("a");
    log.push("b");
    expect(await waited).toBe("b");
    expect(order).toEqual(["subscriber a", "subscriber b", "waiter b"]);
  });
});
