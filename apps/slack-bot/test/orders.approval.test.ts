import { describe, expect, it } from "vitest";
import {
  approvalDecisionOf,
  approverProblem,
  approversFor,
  creatorViewId,
  needsApproval,
} from "../src/orders/approval.js";
import type { OrderRecord } from "../src/store/types.js";

const POLICY = { thresholdOre: 1_000_000, approverUserIds: ["U0INGRID", "U0OLA", "U0KARI"] };
const BY_KARI = { userId: "U0KARI" };

/** An order in `state` with the fields the approval rules read; the rest does not matter to them. */
function order(fields: Partial<OrderRecord> & Pick<OrderRecord, "state">): OrderRecord {
  return { userId: "U0KARI", submissionKey: "V0MODAL:hash", ...fields } as OrderRecord;
}

describe("which invoices wait for approval", () => {
  it("those at or above the threshold, never without a policy", () => {
    expect(needsApproval(999_999, POLICY)).toBe(false);
    expect(needsApproval(1_000_000, POLICY)).toBe(true);
    expect(needsApproval(1_000_001, POLICY)).toBe(true);
    expect(needsApproval(5_000_000, null)).toBe(false);
    expect(needsApproval(5_000_000, undefined)).toBe(false);
  });
});

describe("who may approve or reject", () => {
  it("an approver other than the creator", () => {
    expect(approverProblem(POLICY.approverUserIds, "U0INGRID", BY_KARI)).toBeNull();
    expect(approverProblem(POLICY.approverUserIds, "U0OLA", BY_KARI)).toBeNull();
  });

  it("never the creator, even one who is an approver, nor anyone who is not one", () => {
    expect(approverProblem(POLICY.approverUserIds, "U0KARI", BY_KARI)).toBe("creator");
    expect(approverProblem(POLICY.approverUserIds, "U0EMIL", BY_KARI)).toBe("not-approver");
  });

  it("nobody once approval is turned off, the creator included", () => {
    expect(approverProblem([], "U0INGRID", BY_KARI)).toBe("off");
    expect(approverProblem([], "U0KARI", BY_KARI)).toBe("off");
  });

  it("asks every approver but the creator, in the configured order", () => {
    expect(approversFor(POLICY, BY_KARI)).toEqual(["U0INGRID", "U0OLA"]);
    expect(approversFor(POLICY, { userId: "U0EMIL" })).toEqual(["U0INGRID", "U0OLA", "U0KARI"]);
  });
});

describe("what became of an approval", () => {
  it("rejected: by whom and why", () => {
    const rejected = order({ state: "rejected", rejection: { by: "U0INGRID", reason: "10 hours, not 100" } });
    expect(approvalDecisionOf(rejected)).toEqual({
      kind: "rejected",
      by: "U0INGRID",
      reason: "10 hours, not 100",
    });
  });

  it("approved: by whom, while it is sent and after", () => {
    for (const state of ["sending", "created", "failed", "unknown", "expired"] as const)
      expect(approvalDecisionOf(order({ state, approvedBy: "U0OLA" }))).toEqual({
        kind: "approved",
        by: "U0OLA",
      });
  });

  it("expired before anyone decided; nothing while it still waits or never waited", () => {
    expect(approvalDecisionOf(order({ state: "expired" }))).toEqual({ kind: "expired" });
    expect(approvalDecisionOf(order({ state: "awaiting_approval" }))).toBeNull();
    expect(approvalDecisionOf(order({ state: "created" }))).toBeNull();
    expect(approvalDecisionOf(order({ state: "sending" }))).toBeNull();
  });
});

describe("the creator's modal", () => {
  it("is the view id before the submission key's colon", () => {
    expect(creatorViewId({ submissionKey: "V0MODAL:5f3a" })).toBe("V0MODAL");
    expect(creatorViewId({ submissionKey: "V0MODAL:5f3a:more" })).toBe("V0MODAL");
    expect(creatorViewId({ submissionKey: "seed-key" })).toBe("seed-key");
  });
});
