import { KNOWN_ORDER_STATUSES, type KnownOrderStatus } from "@fakturabot/schema";

/**
 * Which Front Payment status notification may replace an order's current status (docs/front-payment.md §11:
 * statuses are an open set; callbacks repeat and arrive out of order).
 *
 * Known statuses form two lines from the open, unpaid stages:
 *
 *     SENT < INVOICED < Purring < Inkasso < PAID < PARTIAL REFUNDED < REFUNDED
 *                                        \
 *                                         CANCELLED | EXPIRED   (end an unpaid order)
 *
 * `shouldApply(current, incoming)`, in this order of rules:
 * 1. no current status: anything applies;
 * 2. the same status again never applies (it is a repeat, perhaps with a new timestamp);
 * 3. after CANCELLED or EXPIRED nothing applies: the order ended unpaid;
 * 4. two known statuses: the incoming one applies when it comes later on its line. CANCELLED and
 *    EXPIRED come after SENT, INVOICED, Purring and Inkasso, never after PAID or a refund, and
 *    neither after the other;
 * 5. when either status is unknown, the one reported later applies (ties keep the current one).
 *
 * Statuses are matched ignoring case and surrounding space (the docs write both `PAID` and `Paid`).
 */

/** A status with the time Front Payment reported it (its `timestamp`, else when we learnt it). */
export interface TimedStatus {
  status: string;
  /** Unix seconds. */
  at: number;
}

const OPEN_STAGES: readonly KnownOrderStatus[] = ["SENT", "INVOICED", "Purring", "Inkasso"];
const PAID_STAGES: readonly KnownOrderStatus[] = ["PAID", "PARTIAL REFUNDED", "REFUNDED"];
const ENDED_UNPAID: readonly KnownOrderStatus[] = ["CANCELLED", "EXPIRED"];
const FINAL: readonly KnownOrderStatus[] = ["CANCELLED", "EXPIRED", "REFUNDED"];

const KNOWN_BY_KEY = new Map<string, KnownOrderStatus>(
  KNOWN_ORDER_STATUSES.map((status) => [statusKey(status), status]),
);

function statusKey(status: string): string {
  return status.trim().toUpperCase();
}

function asKnown(status: string): KnownOrderStatus | undefined {
  return KNOWN_BY_KEY.get(statusKey(status));
}

/** The documented spelling of a known status (`Paid` → `PAID`); an unknown status as it came. */
export function canonicalStatus(status: string): string {
  return asKnown(status) ?? status;
}

/**
 * Where `a` stands relative to `b` on the known lines: negative when `a` comes first, 0 when they
 * are the same, positive when `a` comes later, `undefined` when they cannot be compared (an
 * unknown status; PAID or a refund against CANCELLED or EXPIRED; CANCELLED against EXPIRED).
 */
export function compareStatusProgress(a: string, b: string): number | undefined {
  const knownA = asKnown(a);
  const knownB = asKnown(b);
  if (knownA === undefined || knownB === undefined) return undefined;
  if (knownA === knownB) return 0;
  const openA = OPEN_STAGES.indexOf(knownA);
  const openB = OPEN_STAGES.indexOf(knownB);
  if (openA >= 0 && openB >= 0) return openA - openB;
  if (openA >= 0) return -1;
  if (openB >= 0) return 1;
  const paidA = PAID_STAGES.indexOf(knownA);
  const paidB = PAID_STAGES.indexOf(knownB);
  if (paidA >= 0 && paidB >= 0) return paidA - paidB;
  return undefined;
}

/** Whether `incoming` should replace `current` as the order's status (the rules above). */
export function shouldApply(current: TimedStatus | null, incoming: TimedStatus): boolean {
  if (current === null) return true;
  if (statusKey(current.status) === statusKey(incoming.status)) return false;
  if (hasEndedUnpaid(current.status)) return false;
  if (asKnown(current.status) !== undefined && asKnown(incoming.status) !== undefined) {
    // Both known: only progress along a line applies; an incomparable pair never does.
    return (compareStatusProgress(current.status, incoming.status) ?? 0) < 0;
  }
  return incoming.at > current.at;
}

function hasEndedUnpaid(status: string): boolean {
  const known = asKnown(status);
  return known !== undefined && ENDED_UNPAID.includes(known);
}

/** Whether `status` is one of Front Payment's documented statuses (in any case). */
export function isKnownStatus(status: string): boolean {
  return asKnown(status) !== undefined;
}

/** Whether no later status is expected: CANCELLED, EXPIRED or REFUNDED. */
export function isFinalStatus(status: string): boolean {
  const known = asKnown(status);
  return known !== undefined && FINAL.includes(known);
}
