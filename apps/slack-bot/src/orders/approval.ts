import type { OrderRecord } from "../store/types.js";

/**
 * A deployment's approval rule (APPROVAL_THRESHOLD_NOK, APPROVER_USER_IDS): an invoice whose
 * total is at or above `thresholdOre` is sent only once one of `approverUserIds` other than its
 * creator approves it.
 */
export interface ApprovalPolicy {
  thresholdOre: number;
  approverUserIds: readonly string[];
}

/** Whether an invoice of `grandTotalOre` must be approved first (never, without a policy). */
export function needsApproval(grandTotalOre: number, policy: ApprovalPolicy | null | undefined): boolean {
  return policy != null && grandTotalOre >= policy.thresholdOre;
}

/** Why `userId` may not decide on the order's approval, or null when they may. */
export type ApproverProblem =
  /** Nobody is an approver (approval was turned off since the order was made). */
  | "off"
  /** The order's creator: the point is a second pair of eyes. */
  | "creator"
  | "not-approver";

export function approverProblem(
  approverUserIds: readonly string[],
  userId: string,
  order: Pick<OrderRecord, "userId">,
): ApproverProblem | null {
  if (approverUserIds.length === 0) return "off";
  if (userId === order.userId) return "creator";
  return approverUserIds.includes(userId) ? null : "not-approver";
}

/** The approvers asked about an order: every approver but its creator. */
export function approversFor(policy: ApprovalPolicy, order: Pick<OrderRecord, "userId">): string[] {
  return policy.approverUserIds.filter((id) => id !== order.userId);
}

/** How an approval ended, for the approval messages. */
export type ApprovalDecision =
  | { kind: "approved"; by: string }
  | { kind: "rejected"; by: string; reason: string }
  /** Nobody decided before its kept request expired. */
  | { kind: "expired" };

/** What became of an order that was waiting for approval, or null while it still waits (or never did). */
export function approvalDecisionOf(order: OrderRecord): ApprovalDecision | null {
  if (order.state === "rejected") return { kind: "rejected", ...order.rejection };
  if (order.approvedBy !== undefined) return { kind: "approved", by: order.approvedBy };
  if (order.state === "expired") return { kind: "expired" };
  return null;
}

/**
 * The creator's modal: the view id in the submission key (`viewId:hash`, see the invoice form's
 * submission), so a decision shows where they may still be watching.
 */
export function creatorViewId(order: Pick<OrderRecord, "submissionKey">): string {
  return order.submissionKey.split(":")[0] ?? order.submissionKey;
}
