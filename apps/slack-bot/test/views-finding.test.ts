import { describe, expect, it } from "vitest";
import { messagesFor } from "../src/i18n/index.js";
import {
  closestWord,
  commandProblemText,
  type InvoiceCommand,
  parseInvoiceCommand,
} from "../src/listeners/commands/parse-command.js";
import type { CreatedOrder } from "../src/store/types.js";
import { appHomeView, homeOrdersSection, homeSumsSection } from "../src/views/app-home.js";
import { helpMessage } from "../src/views/help.js";
import { decodeListRequest, encodeListRequest, orderListMessage } from "../src/views/order-list.js";
import { orderRow, parseRowActionValue } from "../src/views/order-row.js";

const EN = messagesFor("en");
const NB = messagesFor("nb");
/** Formatted text with its no-break spaces as plain ones. */
const spaced = (text: string) => text.replaceAll("\u00a0", " ");

/** What `/invoice …` could not read, as its author is told. */
function problemOf(t: typeof EN, text: string): string {
  const parsed: InvoiceCommand = parseInvoiceCommand(text);
  return parsed.kind === "invalid" ? commandProblemText(t, parsed.problem) : `not invalid: ${parsed.kind}`;
}

const ORDER: CreatedOrder = {
  id: "FB0000000000AB",
  submissionKey: "V1:h1",
  teamId: "T0TEAM",
  channelId: "C0SALES",
  userId: "U0KARI",
  customerType: "private",
  customerName: "Kari <Nordmann> & co",
  customerIdentifier: "280387*****",
  preferredLanguage: "no",
  grandTotalOre: 125_000,
  message: null,
  sentAnyway: false,
  version: 4,
  createdAt: new Date("2026-03-02T09:00:00Z"),
  updatedAt: new Date("2026-03-02T09:00:05Z"),
  state: "created",
  fpOrderUuid: "ODR1",
  fpCustomerUuid: null,
  bankIdUrl: null,
  status: { status: "INVOICED", at: 1 },
  dueDate: "2026-03-16",
};

describe("parsing /invoice", () => {
  it("reads list filters and the search after them", () => {
    expect(parseInvoiceCommand("list")).toEqual({ kind: "list", filters: [], search: "" });
    expect(parseInvoiceCommand("LIST Mine overdue Equinor ASA")).toEqual({
      kind: "list",
      filters: ["mine", "overdue"],
      search: "Equinor ASA",
    });
    expect(problemOf(EN, "list paid open")).toBe(
      "Pick one of `paid`, `open`: an invoice is only ever one of them. Try `/invoice list mine open`.",
    );
  });

  it("says what it could not read in the reader's language", () => {
    expect(problemOf(EN, "status")).toBe("Which order? Try `/invoice status ODR4286244937`.");
    expect(problemOf(NB, "cancel")).toBe("Hvilken ordre? Prøv `/invoice cancel ODR4286244937`.");
    expect(problemOf(NB, "status <b>")).toBe(
      "`&lt;b&gt;` er ikke en ordre-id. Bruk Front Payment-ordren (`ODR…`) eller vår referanse (`FB…`) fra fakturameldingen.",
    );
    expect(problemOf(NB, "list paid open")).toBe(
      "Velg én av `paid`, `open`: en faktura er bare én av dem om gangen. Prøv `/invoice list mine open`.",
    );
  });

  it("tells a mistyped subcommand from the start of a new invoice", () => {
    expect(parseInvoiceCommand("stauts ODR42")).toEqual({
      kind: "unknown",
      word: "stauts",
      suggestion: "status",
    });
    expect(parseInvoiceCommand("canel")).toEqual({ kind: "unknown", word: "canel", suggestion: "cancel" });
    expect(parseInvoiceCommand("lsit open")).toEqual({ kind: "unknown", word: "lsit", suggestion: "list" });
    expect(parseInvoiceCommand("resend")).toEqual({ kind: "unknown", word: "resend", suggestion: "resend" });
    expect(parseInvoiceCommand("Lise Hansen 500")).toEqual({ kind: "new", text: "Lise Hansen 500" });
    expect(parseInvoiceCommand("lise hansen 500")).toEqual({ kind: "new", text: "lise hansen 500" });
    expect(parseInvoiceCommand("kari@example.no 1500").kind).toBe("new");
    expect(parseInvoiceCommand("xyzzy").kind).toBe("new");
    expect(closestWord("hlp")).toBe("help");
    expect(closestWord("zz")).toBeNull();
  });
});

describe("finding views", () => {
  it("a row escapes the customer's name, shows the due date and offers only the given actions", () => {
    const row = orderRow(EN, { order: ORDER, today: "2026-03-20", actions: ["status"] });
    const text = JSON.stringify(row);
    expect(text).toContain("Kari &lt;Nordmann&gt; &amp; co");
    expect(text).toContain("due 16 Mar 2026 *(overdue)*");
    expect(spaced(text)).toContain("* · NOK 1,250.00\\n:page_facing_up: Invoiced");
    expect(text).toContain("Show status");
    expect(text).toContain("status:FB0000000000AB");
    expect(text).not.toContain("cancel:");
    expect(orderRow(EN, { order: ORDER, today: "2026-03-01", actions: [] })).not.toHaveProperty("accessory");
    expect(parseRowActionValue("cancel:FB0000000000AB")).toEqual({
      action: "cancel",
      orderId: "FB0000000000AB",
    });
    expect(parseRowActionValue("refund:FB1")).toBeNull();
  });

  it("App Home joins its sections with dividers and stays within 100 blocks", () => {
    const rows = Array.from({ length: 60 }, (_, index) => ({
      order: { ...ORDER, id: `FB${index}` },
      today: "2026-03-20",
      actions: ["status"] as const,
    }));
    const zero = { count: 0, totalOre: 0 };
    const view = appHomeView([
      homeSumsSection(EN, { open: zero, overdue: zero, paidThisMonth: { count: 1, totalOre: 30_000 } }),
      homeOrdersSection(EN, "home.mine", "Yours", rows, "none"),
      [],
      homeOrdersSection(EN, "home.team", "Team", rows, "none"),
    ]);
    expect(view.blocks).toHaveLength(100);
    expect(view.blocks[2]).toEqual({ type: "divider" });
    expect(JSON.stringify(view.blocks[1])).toContain("NOK\u00a0300.00");
    expect(new Set(view.blocks.map((block) => block.block_id).filter(Boolean)).size).toBe(
      view.blocks.filter((block) => block.block_id).length,
    );
  });

  it("a page button's value comes back as the request it was, and garbage as nothing", () => {
    const request = { filters: ["open" as const], search: "Bjørn", after: { createdAt: 5, id: "FB1" } };
    expect(decodeListRequest(encodeListRequest(request))).toEqual(request);
    expect(decodeListRequest("{")).toBeNull();
    expect(decodeListRequest(JSON.stringify({ filters: "open" }))).toBeNull();
  });
});

describe("finding views in Norwegian", () => {
  const page = { orders: [ORDER], newer: null, older: { createdAt: 1, id: "FB0" } };

  it("a row: money, due date and its menu in Norwegian", () => {
    const row = spaced(
      JSON.stringify(orderRow(NB, { order: ORDER, today: "2026-03-20", actions: ["status", "cancel"] })),
    );
    expect(row).toContain("*Kari &lt;Nordmann&gt; &amp; co* · 1 250,00 kr\\n:page_facing_up: Fakturert");
    expect(row).toContain("forfaller 16. mars 2026 *(forfalt)*");
    expect(row).toContain("<@U0KARI> · 2. mars 2026");
    expect(row).toContain('"text":"Vis status"');
    expect(row).toContain('"text":"Kanseller…"');
    for (const [state, words] of [
      ["sending", ":outbox_tray: Sendes"],
      ["failed", ":x: Ikke sendt"],
      ["unknown", ":grey_question: Ukjent om Front Payment har den"],
      ["expired", ":wastebasket: Aldri sendt, utløpt"],
    ] as const) {
      const order = { ...ORDER, state, failureReason: null, request: null } as never;
      expect(JSON.stringify(orderRow(NB, { order, today: "2026-03-01", actions: [] }))).toContain(words);
    }
  });

  it("App Home's lists of orders write their rows in the viewer's language", () => {
    const rows = [{ order: ORDER, today: "2026-03-20", actions: ["status"] as const }];
    const norwegian = spaced(JSON.stringify(homeOrdersSection(NB, "home.mine", "Dine", rows, "ingen")));
    expect(norwegian).toContain("1 250,00 kr");
    expect(norwegian).toContain("forfaller 16. mars 2026 *(forfalt)*");
    expect(norwegian).not.toContain("NOK");
    const english = spaced(JSON.stringify(homeOrdersSection(EN, "home.mine", "Yours", rows, "none")));
    expect(english).toContain("NOK 1,250.00");
  });

  it("/invoice list: its title, filters, search and pages in Norwegian", () => {
    const rows = [{ order: ORDER, today: "2026-03-01", actions: [] }];
    const listed = orderListMessage(NB, {
      page,
      request: { filters: ["mine", "open"], search: "Kari" },
      rows,
    });
    expect(listed.text).toBe("Fakturaer du kan se (mine, åpne) som passer «Kari», nyeste først: 1 vist.");
    expect(JSON.stringify(listed.blocks)).toContain('"text":"Neste"');
    const none = orderListMessage(NB, {
      page: { orders: [], newer: null, older: null },
      request: { filters: ["overdue"], search: "" },
      rows: [],
    });
    expect(none.text).toBe(
      "Fakturaer du kan se (forfalte), nyeste først: ingen. Prøv `/invoice list` uten filtre.",
    );
    expect(orderListMessage(EN, { page, request: { filters: ["paid"], search: "" }, rows }).text).toBe(
      "Invoices you can see (paid), newest first: 1 shown.",
    );
  });

  it("/invoice help and “did you mean …?” in Norwegian", () => {
    const help = helpMessage(NB);
    const shown = JSON.stringify(help.blocks);
    expect(help.text).toMatch(
      /^\*Fakturabot\* sender Front Payment Go-fakturaer fra Slack\.\n`\/invoice` åpner en ny faktura/,
    );
    expect(shown).toContain("*Kommandoer*");
    expect(shown).toContain("*Knapper på en fakturamelding*");
    expect(shown).toContain("• *Send lenken på nytt* sender BankID- eller betalingslenken");
    expect(shown).toContain("*Vis status* og *Kanseller…* i menyen");
    expect(shown).toContain("*Forrige* og *Neste* under `/invoice list`");
    expect(helpMessage(NB, { word: "stauts", suggestion: "status" }).blocks[0]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "`/invoice stauts` er ikke en kommando. Mente du `/invoice status`?" },
    });
    expect(JSON.stringify(helpMessage(NB, { word: "refnd", suggestion: "refund" }).blocks[0])).toContain(
      "`/invoice refnd` er ikke en kommando. Mente du _refund_? Det er knappen *Refunder…* på fakturameldingen i kanalen.",
    );
    expect(JSON.stringify(helpMessage(NB, { word: "xyz", suggestion: null }).blocks[0])).toContain(
      "`/invoice xyz` er ikke en kommando. Dette kan jeg:",
    );
    expect(JSON.stringify(helpMessage(EN, { word: "stauts", suggestion: "status" }).blocks[0])).toContain(
      "`/invoice stauts` isn't a command. Did you mean `/invoice status`?",
    );
  });
});
