import type { InvoiceOrderRequest } from "@fakturabot/schema";
import { lazyDateFormat } from "../lazy-date-format.js";

/** Norway's calendar: due dates and "today" are Oslo days, whatever the server's zone. */
const OSLO_DAY = lazyDateFormat("en-CA", {
  timeZone: "Europe/Oslo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Oslo calendar day of `at`, as `YYYY-MM-DD`. */
export function osloDay(at: Date): string {
  return OSLO_DAY.format(at);
}

/** `day` plus `days` calendar days (`YYYY-MM-DD`). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function dayAfter(day: string): string {
  return addDays(day, 1);
}

/**
 * When the invoice falls due: the order's date (Unix seconds, docs/front-payment.md §3) plus its
 * maturity days, as an Oslo day; undefined when the request has neither a date nor whole days.
 */
export function dueDateOf(
  request: Pick<InvoiceOrderRequest, "orderDate" | "invoiceMaturity">,
): string | undefined {
  const seconds = Number(request.orderDate);
  const days = Number(request.invoiceMaturity);
  if (!Number.isFinite(seconds) || !Number.isInteger(days)) return undefined;
  return addDays(osloDay(new Date(seconds * 1000)), days);
}
