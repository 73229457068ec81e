import type { Messages } from "../i18n/index.js";
import type { OrderNews } from "../orders/transitions.js";
import type { CreatedOrder, InvoiceFacts } from "../store/types.js";
import { escapeMrkdwn } from "./block-kit.js";

/**
 * The one wording of where an order stands, used by its channel message and by the thread
 * replies, so both say the same: "Waiting for BankID" ("Venter på BankID"), "Invoiced, due 15 Dec"
 * ("Fakturert, forfaller 15. des."), "Paid by Visa", "Refunded NOK 500.00", "Cancelled by @kari:
 * wrong amount", in the reader's language. Pure; never throws.
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

/** The due date, Unix seconds: the order date plus the maturity days; null without a maturity. */
export function dueDate(facts: InvoiceFacts | undefined): number | null {
  if (!facts || facts.maturityDays === null || !Number.isFinite(facts.orderDate)) return null;
  return facts.orderDate + facts.maturityDays * DAY_SECONDS;
}

/** The due day ("15 Dec" / "15. des."), or empty without one. */
function dueDay(t: Messages, facts: InvoiceFacts | undefined): string {
  const due = dueDate(facts);
  return due === null ? "" : t.format.dayAndMonth(due);
}

/**
 * Where the order stands, with its emoji, as mrkdwn (what people and Front Payment wrote is
 * escaped): the one wording of a status, for the message, its thread, `/invoice status`, the
 * listings and the submission modal. An unknown status as Front Payment wrote it.
 */
export function statusInWords(t: Messages, status: string | null, context: StoryContext): string {
  const say = t.statusWords;
  if (status === null) return `:grey_question: ${say.notKnownYet}`;
  const facts = context.facts;
  const money = t.format.money;
  const words = (() => {
    switch (status) {
      case "SENT":
        return context.bankIdUrl ? say.waitingForBankId : say.sentWaitingForCustomer;
      case "INVOICED": {
        const day = dueDay(t, facts);
        return day ? say.invoicedDue({ day }) : say.invoiced;
      }
      case "PAID":
        return facts?.paymentMethod
          ? say.paidBy({ method: methodInWords(t, facts.paymentMethod) })
          : say.paid;
      case "Purring": {
        const day = dueDay(t, facts);
        return day ? say.reminderSentWasDue({ day }) : say.reminderSent;
      }
      case "Inkasso":
        return say.debtCollection;
      case "PARTIAL REFUNDED":
        return facts?.refundedOre
          ? say.refundedOf({ amount: money(facts.refundedOre), total: money(context.grandTotalOre) })
          : say.partlyRefunded;
      case "REFUNDED":
        return say.refunded({ amount: money(facts?.refundedOre || context.grandTotalOre) });
      case "CANCELLED":
        return facts?.cancelled
          ? say.cancelledBy({
              who: `<@${escapeMrkdwn(facts.cancelled.by)}>`,
              reason: escapeMrkdwn(facts.cancelled.reason),
            })
          : say.cancelled;
      case "EXPIRED":
        return say.expired;
      default:
        return escapeMrkdwn(status);
    }
  })();
  return `${statusEmoji(status)} ${words}`;
}

/** Where a link went again, as the thread says it (the addresses themselves only to who sent it). */
export function resendChannels(t: Messages, to: { email: string | null; sms: string | null }): string {
  const say = t.statusWords;
  const email = to.email === null ? null : say.byEmail;
  const sms = to.sms === null ? null : say.bySms;
  return email && sms ? say.and({ first: email, second: sms }) : (email ?? sms ?? "");
}

/** What someone did to the order, for its thread. */
export function newsInWords(t: Messages, news: OrderNews, context: StoryContext): string {
  const say = t.statusWords;
  const money = t.format.money;
  const who = `<@${escapeMrkdwn(news.by)}>`;
  switch (news.kind) {
    case "link-resent":
      return `:outbox_tray: ${say.linkResent({ who, channels: resendChannels(t, news.to) })}`;
    case "refunded":
      return `:leftwards_arrow_with_hook: ${
        news.everything
          ? say.refundedEverything({ who, amount: money(news.amountOre), refunded: money(news.refundedOre) })
          : say.refundedPart({
              who,
              amount: money(news.amountOre),
              refunded: money(news.refundedOre),
              total: money(context.grandTotalOre),
            })
      }`;
    case "edited":
      return `:pencil2: ${say.edited({ who, total: money(news.grandTotalOre) })}`;
  }
}

/** How a payment method reads: Front Payment's `invoice` in the reader's words, brand names (Visa) as they are. */
function methodInWords(t: Messages, method: string): string {
  return method.toLowerCase() === "invoice" ? t.statusWords.methodInvoice : escapeMrkdwn(method);
}
