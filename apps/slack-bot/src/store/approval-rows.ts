import type { InvoiceOrderRequest } from "@fakturabot/schema";
import type {
  ApprovalMessageRef,
  AwaitingApprovalOrder,
  OrderRecord,
  RejectedOrder,
  SubmissionState,
} from "./types.js";

/**
 * The approval columns as both stores map them (SQLite and PostgreSQL differ only in how the
 * messages' JSON arrives): where an order's approvers were asked, who rejected it and why, who
 * approved it.
 */
export interface ApprovalColumns {
  approval_messages_json: string | null;
  rejected_by: string | null;
  rejection_reason: string | null;
  approved_by: string | null;
}

/** The states whose orders keep their request (the personal data in it): it may still be sent. */
export function keepsRequest(state: SubmissionState | undefined): boolean {
  return (
    state === "sending" ||
    state === "failed" ||
    state === "unknown" ||
    state === "awaiting_approval" ||
    state === "rejected"
  );
}

type Base = Omit<AwaitingApprovalOrder, "state" | "request" | "approvalMessages">;

/** An order waiting for approval, or rejected, from its row; `messages` as parsed from the row. */
export function approvalOrder(
  row: {
    state: "awaiting_approval" | "rejected";
    rejected_by: string | null;
    rejection_reason: string | null;
  },
  messages: readonly ApprovalMessageRef[] | null,
  base: Base,
  request: InvoiceOrderRequest,
): AwaitingApprovalOrder | RejectedOrder {
  if (row.state === "rejected") {
    return {
      ...base,
      state: "rejected",
      request,
      rejection: { by: row.rejected_by ?? "", reason: row.rejection_reason ?? "" },
    };
  }
  return { ...base, state: "awaiting_approval", request, approvalMessages: [...(messages ?? [])] };
}

/** Who approved the order, for its base. */
export function approvedByOf(row: { approved_by: string | null }): { approvedBy?: string } {
  return row.approved_by === null ? {} : { approvedBy: row.approved_by };
}

export function approvalColumns(order: OrderRecord): ApprovalColumns {
  return {
    approval_messages_json:
      order.state === "awaiting_approval" ? JSON.stringify(order.approvalMessages) : null,
    rejected_by: order.state === "rejected" ? order.rejection.by : null,
    rejection_reason: order.state === "rejected" ? order.rejection.reason : null,
    approved_by: order.approvedBy ?? null,
  };
}

/** Whether a new submission waits for approval: then it holds no lease (nobody is sending it). */
export function awaitsApproval(submission: { state?: SubmissionState }): boolean {
  return submission.state === "awaiting_approval";
}
