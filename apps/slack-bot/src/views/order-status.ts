import { escapeMrkdwn } from "./block-kit.js";

/**
 * How each known Front Payment status reads in Slack; unknown statuses are shown as they are
 * (docs/front-payment.md §11).
 */
const STATUS_LABELS: Record<string, { emoji: string; label: string }> = {
  SENT: { emoji: ":hourglass_flowing_sand:", label: "Sent, waiting for the customer" },
  INVOICED: { emoji: ":page_facing_up:", label: "Invoiced" },
  PAID: { emoji: ":white_check_mark:", label: "Paid" },
  CANCELLED: { emoji: ":no_entry_sign:", label: "Cancelled" },
  EXPIRED: { emoji: ":hourglass:", label: "Expired" },
  REFUNDED: { emoji: ":leftwards_arrow_with_hook:", label: "Refunded" },
  "PARTIAL REFUNDED": { emoji: ":leftwards_arrow_with_hook:", label: "Partly refunded" },
  Purring: { emoji: ":bell:", label: "Reminder sent (purring)" },
  Inkasso: { emoji: ":warning:", label: "Sent to debt collection (inkasso)" },
};

export function statusEmoji(status: string): string {
  return STATUS_LABELS[status]?.emoji ?? ":grey_question:";
}

/**
 * e.g. ":white_check_mark: Paid"; an unknown status as Front Payment wrote it; null while Front
 * Payment has not said.
 */
export function statusLabel(status: string | null): string {
  if (status === null) return ":grey_question: Status not known yet: Front Payment has not said";
  return `${statusEmoji(status)} ${STATUS_LABELS[status]?.label ?? escapeMrkdwn(status)}`;
}
