import { formatNok } from "@fakturabot/schema";
import { formatDay } from "./dates.js";

/** The one thread reply an overdue order gets: it mentions the creator, who follows it up. */
export function overdueReplyText(order: {
  userId: string;
  customerName: string;
  grandTotalOre: number;
  since: string;
}): string {
  return `:alarm_clock: <@${order.userId}> Overdue since ${formatDay(order.since)}: ${order.customerName} has not paid ${formatNok(order.grandTotalOre)} yet.`;
}
