import { describe, expect, it } from "vitest";
import { createWorkTracker } from "../src/services/work-tracker.js";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe("createWorkTracker", () => {
  it("idle waits for tracked work, including work started while it waits, and failed work", async () => {
    const work = createWorkTracker();
    const first = deferred();
    const second = deferred();
    const events: string[] = [];
    work.track(first.promise.then(() => events.push("first")));
    work.track(Promise.reject(new Error("failed work is waited for too"))).catch(() => {});
    const idle = work.idle().then(() => events.push("idle"));
    work.track(second.promise.then(() => events.push("second")));
    first.resolve();
    await first.promise;
    second.resolve();
    await idle;
    expect(events).toEqual(["first", "second", "idle"]);
  });

  it("idle waits for work that finishing work starts, though nothing was pending for a moment", async () => {
    const work = createWorkTracker();
    const first = deferred();
    const followUp = deferred();
    const events: string[] = [];
    // As the lifecycle does: a decision's effects are tracked once the decision is stored.
    void work.track(first.promise).then(() => {
      work.track(followUp.promise.then(() => events.push("follow-up")));
    });
    const idle = work.idle().then(() => events.push("idle"));
    first.resolve();
    await first.promise;
    followUp.resolve();
    await idle;
    expect(events).toEqual(["follow-up", "idle"]);
  });

  it("is idle at once when nothing is pending", async () => {
    await expect(createWorkTracker().idle()).resolves.toBeUndefined();
  });
});
