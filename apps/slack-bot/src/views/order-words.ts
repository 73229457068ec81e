import { formatNok } from "@fakturabot/schema";
import { lazyDateFormat } from "../lazy-date-format.js";
import type { OrderNews } from "../orders/transitions.js";
import type { CreatedOrder, InvoiceFacts } from "../store/types.js";
import { escapeMrkdwn } from "./block-kit.js";

/**
 * The one wording of where an order stands, used by its channel message and by the thread
 * replies, so both say the same: "Waiting for BankID", "Invoiced, due 15 Dec", "Paid by Visa",
 * "Refunded 500,00 kr", "Cancelled by @kari: wrong amount". Pure; never throws.
 */
export interface StoryContext {
  bankIdUrl: string | null;
  grandTotalOre: number;
  facts?: InvoiceFacts | undefined;
}

/** The words' context for an order Front Payment has: its BankID link, total and kept facts. */
export function storyOf(order: Pick<CreatedOrder, "bankIdUrl" | "grandTotalOre" | "facts">): StoryContext {
  return { bankIdUrl: order.bankIdUrl, grandTotalOre: order.grandTotalOre, facts: order.facts };
}

/** Each known Front Payment status's emoji; unknown statuses get a question mark (docs/front-payment.md §11). */
const STATUS_EMOJI: Record<string, string> = {
  SENT: ":hourglass_flowing_sand:",
  INVOICED: ":page_facing_up:",
  PAID: ":white_check_mark:",
  CANCELLED: ":no_entry_sign:",
  EXPIRED: ":hourglass:",
  REFUNDED: ":leftwards_arrow_with_hook:",
  "PARTIAL REFUNDED": ":leftwards_arrow_with_hook:",
  Purring: ":bell:",
  Inkasso: ":warning:",
};

export function statusEmoji(status: string): string {
  return STATUS_EMOJI[status] ?? ":grey_question:";
}

const DAY_SECONDS = 24 * 60 * 60;

/** Norwegian invoices are dated in Norwegian time. */
const DAY_MONTH = lazyDateFormat("en-GB", {
  day: "numeric",
  month: "short",
  timeZone: "Europe/Oslo",
});

/** Money for text, or nothing when it is not whole øre (never thrown from a view). */
export function money(ore: number): string {
  return Number.isSafeInteger(ore) ? formatNok(ore) : "";
}

/** The due date, Unix seconds: the order date plus the maturity days; null without a maturity. */
export function dueDate(facts: InvoiceFacts | undefined): number | null {
  if (!facts || facts.maturityDays === null || !Number.isFinite(facts.orderDate)) return null;
  return facts.orderDate + facts.maturityDays * DAY_SECONDS;
}

/** "15 Dec"; empty for a date that cannot be shown. */
export function dayAndMonth(unixSeconds: number): string {
  const date = new Date(unixSeconds * 1000);
  return Number.isNaN(date.getTime()) ? "" : DAY_MONTH.format(date);
}

function dueText(facts: InvoiceFacts | undefined): string {
  const due = dueDate(facts);
  const day = due === null ? "" : dayAndMonth(due);
  return day ? `, due ${day}` : "";
}

/**
 * Where the order stands, with its emoji, as mrkdwn (what people and Front Payment wrote is
 * escaped): the one wording of a status, for the message, its thread, `/invoice status`, the
 * listings and the submission modal. An unknown status as Front Payment wrote it.
 */
export function statusInWords(status: string | null, context: StoryContext): string {
  if (status === null) return ":grey_question: Status not known yet: Front Payment has not said";
  const facts = context.facts;
  const words = (() => {
    switch (status) {
      case "SENT":
        return context.bankIdUrl ? "Waiting for BankID" : "Sent, waiting for the customer";
      case "INVOICED":
        return `Invoiced${dueText(facts)}`;
      case "PAID":
        return facts?.paymentMethod ? `Paid by ${escapeMrkdwn(facts.paymentMethod)}` : "Paid";
      case "Purring":
        return `Reminder sent (purring)${dueText(facts).replace("due", "was due")}`;
      case "Inkasso":
        return "With debt collection (inkasso)";
      case "PARTIAL REFUNDED":
        return facts?.refundedOre
          ? `Refunded ${money(facts.refundedOre)} of ${money(context.grandTotalOre)}`
          : "Partly refunded";
      case "REFUNDED":
        return `Refunded ${money(facts?.refundedOre || context.grandTotalOre)}`;
      case "CANCELLED":
        return facts?.cancelled
          ? `Cancelled by <@${escapeMrkdwn(facts.cancelled.by)}>: ${escapeMrkdwn(facts.cancelled.reason)}`
          : "Cancelled";
      case "EXPIRED":
        return "Expired: the customer did not confirm in time";
      default:
        return escapeMrkdwn(status);
    }
  })();
  return `${statusEmoji(status)} ${words}`;
}

/** Where a link went again, as the thread says it (the addresses themselves only to who sent it). */
export function resendChannels(to: { email: string | null; sms: string | null }): string {
  return [to.email === null ? null : "email", to.sms === null ? null : "SMS"].filter(Boolean).join(" and ");
}

/** What someone did to the order, for its thread. */
export function newsInWords(news: OrderNews, context: StoryContext): string {
  switch (news.kind) {
    case "link-resent":
      return `:outbox_tray: <@${escapeMrkdwn(news.by)}> sent the payment link again by ${resendChannels(news.to)}.`;
    case "refunded":
      return news.everything
        ? `:leftwards_arrow_with_hook: <@${escapeMrkdwn(news.by)}> refunded ${money(news.amountOre)}: everything paid is refunded (${money(news.refundedOre)}).`
        : `:leftwards_arrow_with_hook: <@${escapeMrkdwn(news.by)}> refunded ${money(news.amountOre)} (${money(news.refundedOre)} of ${money(context.grandTotalOre)} in all).`;
    case "edited":
      return `:pencil2: <@${escapeMrkdwn(news.by)}> corrected the invoice before the customer confirmed it: now ${money(news.grandTotalOre)}. It is still the same Front Payment order.`;
  }
}
