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
import { dueDate, newsInWords, statusInWords } from "../src/views/order-words.js";
import { overdueReplyText } from "../src/views/overdue-reply.js";

/** These tests read the bot in English. */
const t = messagesFor("en");

const NBSP = "\u00a0";
const EN = messagesFor("en");

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
    statusInWords(EN, status, {
      bankIdUrl,
      grandTotalOre: 250_000,
      facts: { ...FACTS, ...facts },
    }).replaceAll(NBSP, " ");

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
      ":leftwards_arrow_with_hook: Refunded NOK 500.00 of NOK 2,500.00",
    ],
    ["REFUNDED", { refundedOre: 250_000 }, null, ":leftwards_arrow_with_hook: Refunded NOK 2,500.00"],
    [
      "CANCELLED",
      { cancelled: { by: "U0OLA", reason: "Feil <beløp>" } },
      null,
      ":no_entry_sign: Cancelled by <@U0OLA>: Feil &lt;beløp&gt;",
    ],
    ["CANCELLED", {}, null, ":no_entry_sign: Cancelled"],
    ["EXPIRED", {}, null, ":hourglass: Expired: the customer did not confirm in time"],
    ["Overført <til> Lindorff", {}, null, ":grey_question: Overført &lt;til&gt; Lindorff"],
  ] as const)("%s %j", (status, facts, bankIdUrl, expected) => {
    expect(words(status, facts, bankIdUrl)).toBe(expected);
  });

  it("is the same in a thread reply, with the amount once paid", () => {
    const reply = statusChangeText(
      EN,
      { status: "PAID", paymentMethod: "Vipps", amount: "2500" },
      { bankIdUrl: null, grandTotalOre: 250_000, facts: FACTS },
    );
    expect(reply.replaceAll(NBSP, " ")).toBe(":white_check_mark: Paid by Vipps, NOK 2,500.00");
    const invoiced = statusChangeText(
      EN,
      { status: "INVOICED", paymentMethod: "invoice", amount: "2500" },
      { bankIdUrl: null, grandTotalOre: 250_000, facts: FACTS },
    );
    expect(invoiced).toBe(
      statusInWords(EN, "INVOICED", { bankIdUrl: null, grandTotalOre: 250_000, facts: FACTS }),
    );
  });

  it("says the status in the same words in the notification's text", () => {
    expect(orderMessage(EN, ORDER).text).toMatch(
      /^Invoice to Kari Nordmann: NOK\s2,500\.00, :\w+: Waiting for BankID$/,
    );
    const paid = orderMessage(EN, { ...ORDER, status: "PAID", facts: { ...FACTS, paymentMethod: "Visa" } });
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
    const message = orderMessage(EN, { ...ORDER, facts: { ...FACTS, invoiceNumber: "99900753" } });
    const shown = text(message);
    expect(shown).toContain("• 2 × Konsulenttime: NOK 2,500.00");
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
    expect(orderMessage(EN, { ...ORDER, actions: [] }).blocks.some((block) => block.type === "actions")).toBe(
      false,
    );
  });

  it("shows the first three lines and +N more", () => {
    const lines = Array.from({ length: 7 }, (_, index) => ({
      name: `Vare ${index}`,
      quantity: "1",
      amountOre: 100,
    }));
    const shown = text(orderMessage(EN, { ...ORDER, facts: { ...FACTS, lines } }));
    expect(shown).toContain("Vare 2: NOK 1.00\\n+4 more");
    expect(shown).not.toContain("Vare 3");
  });

  it("stays within Slack's limits and never throws, whatever it is given", () => {
    const long = "x".repeat(5_000);
    const actions: OrderAction[] = ["resend", "edit", "refund", "cancel", "refresh", "copy"];
    const messages = [
      orderMessage(EN, ORDER),
      orderMessage(EN, { ...ORDER, facts: undefined, actions: undefined, status: null }),
      orderMessage(EN, {
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

describe("in Norwegian", () => {
  const NB = messagesFor("nb");
  const spaced = (said: string) => said.replaceAll(NBSP, " ");
  const words = (status: string | null, facts: Partial<InvoiceFacts> = {}, bankIdUrl: string | null = null) =>
    spaced(statusInWords(NB, status, { bankIdUrl, grandTotalOre: 250_000, facts: { ...FACTS, ...facts } }));

  it.each([
    [null, {}, null, ":grey_question: Status ikke kjent ennå: Front Payment har ikke svart"],
    ["SENT", {}, "https://bankid.example", ":hourglass_flowing_sand: Venter på BankID"],
    ["SENT", {}, null, ":hourglass_flowing_sand: Sendt, venter på kunden"],
    ["INVOICED", {}, null, ":page_facing_up: Fakturert, forfaller 15. des."],
    ["INVOICED", { maturityDays: null }, null, ":page_facing_up: Fakturert"],
    ["PAID", { paymentMethod: "Visa" }, null, ":white_check_mark: Betalt med Visa"],
    ["PAID", { paymentMethod: "invoice" }, null, ":white_check_mark: Betalt med faktura"],
    ["PAID", {}, null, ":white_check_mark: Betalt"],
    ["Purring", {}, null, ":bell: Purring sendt, forfalt 15. des."],
    ["Purring", { maturityDays: null }, null, ":bell: Purring sendt"],
    ["Inkasso", {}, null, ":warning: Sendt til inkasso"],
    [
      "PARTIAL REFUNDED",
      { refundedOre: 50_000 },
      null,
      ":leftwards_arrow_with_hook: Refundert 500,00 kr av 2 500,00 kr",
    ],
    ["PARTIAL REFUNDED", {}, null, ":leftwards_arrow_with_hook: Delvis refundert"],
    ["REFUNDED", { refundedOre: 250_000 }, null, ":leftwards_arrow_with_hook: Refundert 2 500,00 kr"],
    [
      "CANCELLED",
      { cancelled: { by: "U0KARI", reason: "feil beløp" } },
      null,
      ":no_entry_sign: Kansellert av <@U0KARI>: feil beløp",
    ],
    ["CANCELLED", {}, null, ":no_entry_sign: Kansellert"],
    ["EXPIRED", {}, null, ":hourglass: Utløpt: kunden bekreftet ikke i tide"],
    ["Overført <til> Lindorff", {}, null, ":grey_question: Overført &lt;til&gt; Lindorff"],
  ] as const)("%s %j", (status, facts, bankIdUrl, expected) => {
    expect(words(status, facts, bankIdUrl)).toBe(expected);
  });

  it("writes the channel message in Norwegian, money and dates as Norwegians do", () => {
    const message = orderMessage(NB, { ...ORDER, facts: { ...FACTS, invoiceNumber: "99900753" } });
    expect(spaced(message.text)).toBe(
      "Faktura til Kari Nordmann: 2 500,00 kr, :hourglass_flowing_sand: Venter på BankID",
    );
    const shown = text(message);
    expect(shown).toContain(
      "*Faktura til Kari Nordmann* · 2 500,00 kr\\n:hourglass_flowing_sand: Venter på BankID",
    );
    expect(shown).toContain("*Kunde*\\nKari Nordmann (280387*****)");
    expect(shown).toContain("*Front Payment-ordre*");
    expect(shown).toContain("*Fakturanummer*\\n99900753");
    expect(shown).toContain("*Forfallsdato*\\n15. des.");
    expect(shown).toContain("• 2 × Konsulenttime: 2 500,00 kr");
    expect(shown).toContain(
      "Kunden bekrefter med BankID: <https://bankid.example/ODR1|åpne BankID-bekreftelsen>",
    );
    expect(shown).toContain("Sendt av <@U0KARI> · vår referanse `FB0000000000AB`");
    for (const label of [
      "Send lenken på nytt",
      "Rediger…",
      "Kanseller…",
      "Oppdater status",
      "Kopier som ny faktura",
    ])
      expect(shown).toContain(label);
    const many = Array.from({ length: 5 }, (_, index) => ({
      name: `Vare ${index}`,
      quantity: "1",
      amountOre: 100,
    }));
    expect(text(orderMessage(NB, { ...ORDER, facts: { ...FACTS, lines: many } }))).toContain("+2 til");
    const direct = orderMessage(NB, { ...ORDER, status: "INVOICED", bankIdUrl: null });
    expect(text(direct)).toContain("Fakturert direkte, uten BankID-steg.");
    expect(validateMessageBlocks(message.blocks).map(formatProblem)).toEqual([]);
  });

  it("writes the thread replies in Norwegian", () => {
    const context = { bankIdUrl: null, grandTotalOre: 250_000, facts: FACTS };
    expect(
      spaced(statusChangeText(NB, { status: "PAID", paymentMethod: "Vipps", amount: "2500" }, context)),
    ).toBe(":white_check_mark: Betalt med Vipps, 2 500,00 kr");
    expect(
      newsInWords(
        NB,
        { kind: "link-resent", by: "U0KARI", to: { email: "kari@example.no", sms: "+47 4000" } },
        context,
      ),
    ).toBe(":outbox_tray: <@U0KARI> sendte betalingslenken på nytt på e-post og SMS.");
    expect(
      newsInWords(NB, { kind: "link-resent", by: "U0KARI", to: { email: null, sms: "+47 4000" } }, context),
    ).toBe(":outbox_tray: <@U0KARI> sendte betalingslenken på nytt på SMS.");
    expect(
      spaced(
        newsInWords(
          NB,
          { kind: "refunded", by: "U0KARI", amountOre: 50_000, refundedOre: 50_000, everything: false },
          context,
        ),
      ),
    ).toBe(":leftwards_arrow_with_hook: <@U0KARI> refunderte 500,00 kr (500,00 kr av 2 500,00 kr totalt).");
    expect(
      spaced(
        newsInWords(
          NB,
          { kind: "refunded", by: "U0KARI", amountOre: 250_000, refundedOre: 250_000, everything: true },
          context,
        ),
      ),
    ).toBe(
      ":leftwards_arrow_with_hook: <@U0KARI> refunderte 2 500,00 kr: alt som er betalt, er refundert (2 500,00 kr).",
    );
    expect(spaced(newsInWords(NB, { kind: "edited", by: "U0KARI", grandTotalOre: 375_000 }, context))).toBe(
      ":pencil2: <@U0KARI> rettet fakturaen før kunden bekreftet den: nå 3 750,00 kr. Det er fortsatt samme Front Payment-ordre.",
    );
    const overdue = {
      userId: "U0KARI",
      customerName: "Kari Nordmann",
      grandTotalOre: 250_000,
      since: "2026-12-15",
    };
    expect(spaced(overdueReplyText(NB, overdue))).toBe(
      ":alarm_clock: <@U0KARI> Forfalt siden 15. des. 2026: Kari Nordmann har ikke betalt 2 500,00 kr ennå.",
    );
    expect(spaced(overdueReplyText(EN, overdue))).toBe(
      ":alarm_clock: <@U0KARI> Overdue since 15 Dec 2026: Kari Nordmann has not paid NOK 2,500.00 yet.",
    );
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
