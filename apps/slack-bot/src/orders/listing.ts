import type { OrderFilter, OrderRecord } from "../store/types.js";
import { SETTLED_STATUSES } from "./transitions.js";

/** The words `/invoice list` takes: whose, and where an invoice is. */
export const LIST_FILTERS = ["mine", "open", "overdue", "paid"] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

/** Who looks at a listing, and what they may see (`visibleTo` absent: everything, an admin). */
export interface Viewer {
  teamId: string;
  userId: string;
  visibleTo?: OrderFilter["visibleTo"];
}

/**
 * What each filter means: "open" is created at Front Payment and not settled (paid, refunded or
 * ended); "overdue" is open past its due date; "paid" is paid.
 */
export function listingFilter(
  viewer: Viewer,
  filters: readonly ListFilter[],
  search: string,
  today: string,
): OrderFilter {
  const filter: OrderFilter = { teamId: viewer.teamId };
  if (viewer.visibleTo) filter.visibleTo = viewer.visibleTo;
  if (filters.includes("mine")) filter.userId = viewer.userId;
  if (filters.includes("open") || filters.includes("overdue")) filter.statusNotIn = SETTLED_STATUSES;
  if (filters.includes("overdue")) filter.dueBefore = today;
  if (filters.includes("paid")) filter.statusIn = ["PAID"];
  if (search.trim()) filter.search = search.trim();
  return filter;
}

/** The first moment of `today`'s month in Oslo, as Unix seconds (for "paid this month"). */
export function monthStartSeconds(today: string): number {
  const [year, month] = today.split("-").map(Number) as [number, number];
  // Oslo is UTC+1 or +2; the month starts at local midnight, which is the previous UTC day.
  const utcMidnight = Date.UTC(year, month - 1, 1);
  const offsetHours = new Intl.DateTimeFormat("en-US", {
    timeZone: "Europe/Oslo",
    hour: "numeric",
    hourCycle: "h23",
  })
    .formatToParts(utcMidnight)
    .find((part) => part.type === "hour")?.value;
  return utcMidnight / 1000 - Number(offsetHours ?? 0) * 3600;
}

/** The three sums App Home shows, as store filters of what the viewer may see. */
export function homeSumFilters(
  viewer: Viewer,
  today: string,
): Record<"open" | "overdue" | "paidThisMonth", OrderFilter> {
  const base = listingFilter(viewer, [], "", today);
  return {
    open: listingFilter(viewer, ["open"], "", today),
    overdue: listingFilter(viewer, ["overdue"], "", today),
    // A partial refund leaves the rest paid; the sums are net of refunds (`sumOrders`).
    paidThisMonth: { ...base, statusIn: ["PAID", "PARTIAL REFUNDED"], statusSince: monthStartSeconds(today) },
  };
}

/** Whether an order is open and past its due date on `today`. */
export function isOverdue(order: OrderRecord, today: string): boolean {
  return (
    order.state === "created" &&
    order.dueDate !== undefined &&
    order.dueDate < today &&
    !SETTLED_STATUSES.includes(order.status?.status ?? "")
  );
}
