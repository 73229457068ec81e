import type { Messages } from "../i18n/index.js";
import { ourFailureReason } from "../orders/failure-reasons.js";

/**
 * An order's stored failure reason in the reader's language: our own reasons from the catalogue,
 * Front Payment's as it wrote them (it answers in one language). Plain text; the caller escapes.
 */
export function failureReasonInWords(t: Messages, stored: string): string {
  switch (ourFailureReason(stored)) {
    case "interrupted":
      return t.submission.reasonInterrupted;
    case "internal":
      return t.submission.reasonInternal;
    case null:
      return stored;
  }
}
