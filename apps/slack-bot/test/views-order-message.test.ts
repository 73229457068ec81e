import { formatProblem, validateMessageBlocks, validateView } from "@fakturabot/sandbox";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../src/i18n/index.js";
import type { OrderAction } from "../src/orders/transitions.js";
import type { InvoiceFacts } from "../src/store/types.js";
import { refundConfirmModal, refundModal, resendModal } from "../src/views/order-action-modals.js";
import {
  type OrderMessageInput,
  orderMessage,
  readOverflowValue,
  statusChangeText,
} from "../src/views/order-message.js";
import { dueDate, statusInWords } from "../src/views/order-words.js";

/** These tests read the bot in English. */
const t = messagesFor("en");

const NBSP = "\u00a0";

/** 2 Dec 2026 09:00 Oslo time. */
const ORDER_DATE = Date.UTC(2026, 11, 2, 8) / 1000;

const FACTS: InvoiceFacts = {
  lines: [{ name: "Konsulenttime", quantity: "2", amountOre: 250_000 }],
  orderDate: ORDER_DATE,
  maturityDays: 13,
  invoiceNumber: null,
  paymentMethod: null,
  refundedOre: 0,
  refundedLines: {},
  cancelled: null,
};

const ORDER: OrderMessageInput = {
  orderId: "FB0000000000AB",
  fpOrderUuid: "ODR1",
  customerName: "Kari Nordmann",
  customerIdentifier: "280387*****",
  grandTotalOre: 250_000,
  status: "SENT",
  bankIdUrl: "https://bankid.example/ODR1",
  createdBy: "U0KARI",
  facts: FACTS,
  actions: ["resend", "edit", "cancel", "refresh", "copy"],
};

function text(message: { blocks: unknown[] }): string {
  return JSON.stringify(message.blocks).replaceAll(NBSP, " ");
}

describe("status in words", () => {
  const words = (status: string | null, facts: Partial<InvoiceFacts> = {}, bankIdUrl: string | null = null) =>
    statusInWords(status, { bankIdUrl, grandTotalOre: 250_000, facts: { ...FACTS, ...facts } }).replaceAll(
      NBSP,
      " ",
    );

  it.each([
    ["SENT", {}, "https://bankid.example", ":hourglass_flowing_sand: Waiting for BankID"],
    ["SENT", {}, null, ":hourglass_flowing_sand: Sent, waiting for the customer"],
    ["INVOICED", {}, null, ":page_facing_up: Invoiced, due 15 Dec"],
    ["INVOICED", { maturityDays: null }, null, ":page_facing_up: Invoiced"],
    ["PAID", { paymentMethod: "Visa" }, null, ":white_check_mark: Paid by Visa"],
    ["PAID", {}, null, ":white_check_mark: Paid"],
    ["Purring", {}, null, ":bell: Reminder sent (purring), was due 15 Dec"],
    ["Inkasso", {}, null, ":warning: With debt collection (inkasso)"],
    [
      "PARTIAL REFUNDED",
      { refundedOre: 50_000 },
      null,
      ":leftwards_arrow_with_hook: Refunded 500,00 kr of 2 500,00 kr",
    ],
    ["REFUNDED", { refundedOre: 250_000 }, null, ":leftwards_arrow_with_hook: Refunded 2 500,00 kr"],
    [
      "CANCELLED",
      { cancelled: { by: "U0OLA", reason: "Feil <beløp>" } },
      null,
      ":no_entry_sign: Cancelled by <@U0OLA>: Feil &lt;beløp&gt;",
    ],
    ["CANCELLED", {}, null, ":no_entry_sign: Cancelled"],
    ["Overført <til> Lindorff", {}, null, ":grey_question: Overført &lt;til&gt; Lindorff"],
  ] as const)("%s %j", (status, facts, bankIdUrl, expected) => {
    expect(words(status, facts, bankIdUrl)).toBe(expected);
  });

  it("is the same in a thread reply, with the amount once paid", () => {
    const reply = statusChangeText(
      { status: "PAID", paymentMethod: "Vipps", amount: "2500" },
      { bankIdUrl: null, grandTotalOre: 250_000, facts: FACTS },
    );
    expect(reply.replaceAll(NBSP, " ")).toBe(":white_check_mark: Paid by Vipps, 2 500,00 kr");
    const invoiced = statusChangeText(
      { status: "INVOICED", paymentMethod: "invoice", amount: "2500" },
      { bankIdUrl: null, grandTotalOre: 250_000, facts: FACTS },
    );
    expect(invoiced).toBe(
      statusInWords("INVOICED", { bankIdUrl: null, grandTotalOre: 250_000, facts: FACTS }),
    );
  });

  it("says the status in the same words in the notification's text", () => {
    expect(orderMessage(ORDER).text).toMatch(
      /^Invoice to Kari Nordmann: 2\s500,00\skr, :\w+: Waiting for BankID$/,
    );
    const paid = orderMessage({ ...ORDER, status: "PAID", facts: { ...FACTS, paymentMethod: "Visa" } });
    expect(paid.text).toContain("Paid by Visa");
    expect(paid.text).not.toContain("PAID");
  });

  it("the due date is the order date plus the maturity days", () => {
    expect(dueDate(FACTS)).toBe(ORDER_DATE + 13 * 86_400);
    expect(dueDate({ ...FACTS, maturityDays: null })).toBeNull();
    expect(dueDate(undefined)).toBeNull();
  });
});

describe("the order message", () => {
  it("lists the lines, due date and invoice number, and the controls it is given", () => {
    const message = orderMessage({ ...ORDER, facts: { ...FACTS, invoiceNumber: "99900753" } });
    const shown = text(message);
    expect(shown).toContain("• 2 × Konsulenttime: 2 500,00 kr");
    expect(shown).toContain("*Invoice number*\\n99900753");
    expect(shown).toContain("*Due*\\n15 Dec");
    const actions = message.blocks.find((block) => block.type === "actions") as {
      elements: { action_id: string }[];
    };
    expect(actions.elements.map((element) => element.action_id)).toEqual([
      "order_message.resend",
      "order_message.edit",
      "order_message.cancel",
      "order_message.more",
    ]);
    expect(orderMessage({ ...ORDER, actions: [] }).blocks.some((block) => block.type === "actions")).toBe(
      false,
    );
  });

  it("shows the first three lines and +N more", () => {
    const lines = Array.from({ length: 7 }, (_, index) => ({
      name: `Vare ${index}`,
      quantity: "1",
      amountOre: 100,
    }));
    const shown = text(orderMessage({ ...ORDER, facts: { ...FACTS, lines } }));
    expect(shown).toContain("Vare 2: 1,00 kr\\n+4 more");
    expect(shown).not.toContain("Vare 3");
  });

  it("stays within Slack's limits and never throws, whatever it is given", () => {
    const long = "x".repeat(5_000);
    const actions: OrderAction[] = ["resend", "edit", "refund", "cancel", "refresh", "copy"];
    const messages = [
      orderMessage(ORDER),
      orderMessage({ ...ORDER, facts: undefined, actions: undefined, status: null }),
      orderMessage({
        ...ORDER,
        customerName: long,
        customerIdentifier: long,
        status: long,
        actions,
        facts: {
          ...FACTS,
          lines: Array.from({ length: 200 }, () => ({ name: long, quantity: long, amountOre: Number.NaN })),
          invoiceNumber: long,
          paymentMethod: long,
          orderDate: Number.NaN,
          cancelled: { by: long, reason: long },
        },
        grandTotalOre: Number.POSITIVE_INFINITY,
      }),
    ];
    for (const message of messages)
      expect(validateMessageBlocks(message.blocks).map(formatProblem)).toEqual([]);
  });

  it("reads back only the overflow values it made", () => {
    expect(readOverflowValue("refresh:FB1")).toEqual({ action: "refresh", orderId: "FB1" });
    expect(readOverflowValue("launch:FB1")).toBeNull();
    expect(readOverflowValue("copy")).toBeNull();
  });
});

describe("the modals behind the controls", () => {
  it("stay within Slack's limits", () => {
    const long = "y".repeat(3_000);
    const views = [
      resendModal(t, { orderId: "FB1", customerName: long, email: long, countryCode: null, mobile: long }),
      refundModal(t, {
        orderId: "FB1",
        customerName: long,
        paidOre: 250_000,
        refundedOre: 0,
        lines: Array.from({ length: 200 }, (_, index) => ({ id: index + 1, name: long, leftOre: 100 })),
      }),
      refundConfirmModal(
        t,
        { orderId: "FB1", lines: [{ id: 1, amountOre: 123_456_789 }] },
        { customerName: long },
      ),
    ];
    for (const view of views) expect(validateView(view, "modal").map(formatProblem)).toEqual([]);
  });
});
