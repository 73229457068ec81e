import type { Messages } from "../i18n/index.js";

/** The one thread reply an overdue order gets: it mentions the creator, who follows it up. */
export function overdueReplyText(
  t: Messages,
  order: { userId: string; customerName: string; grandTotalOre: number; since: string },
): string {
  return `:alarm_clock: ${t.notices.overdue({
    who: `<@${order.userId}>`,
    day: t.format.day(order.since),
    customer: order.customerName,
    amount: t.format.money(order.grandTotalOre),
  })}`;
}
