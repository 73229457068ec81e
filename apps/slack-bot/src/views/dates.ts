import { lazyDateFormat } from "../lazy-date-format.js";

const DAY = lazyDateFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** A calendar day (`YYYY-MM-DD`) as people read it: "15 Dec 2026"; anything else as it is. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(date.getTime()) ? DAY.format(date) : day;
}
