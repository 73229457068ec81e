/**
 * The failure reasons that are Fakturabot's own, stored on the order as codes so each reader gets
 * them in their language (`views/failure-reason.ts` words them); Front Payment's own reasons are
 * stored as it wrote them.
 */
export const OUR_FAILURE_REASONS = {
  /** A stop or crash while the order was being sent: Front Payment may or may not have it. */
  interrupted: "fakturabot:interrupted",
  /** Our own error before the order reached Front Payment. */
  internal: "fakturabot:internal",
} as const;

export type OurFailureReason = keyof typeof OUR_FAILURE_REASONS;

/**
 * The English texts earlier versions stored for the same reasons, so orders recorded before the
 * codes are worded in the reader's language too.
 */
const EARLIER_TEXTS: Record<string, OurFailureReason> = {
  "Fakturabot restarted while the invoice was being sent, so we don't know whether Front Payment created it.":
    "interrupted",
  "Something went wrong on our side before the order was sent.": "internal",
};

/** Which of our own reasons a stored reason is, or null for Front Payment's words. */
export function ourFailureReason(stored: string): OurFailureReason | null {
  for (const [reason, code] of Object.entries(OUR_FAILURE_REASONS) as [OurFailureReason, string][]) {
    if (stored === code) return reason;
  }
  return EARLIER_TEXTS[stored] ?? null;
}
