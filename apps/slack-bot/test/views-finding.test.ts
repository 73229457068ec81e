import { describe, expect, it } from "vitest";
import { messagesFor } from "../src/i18n/index.js";
import { closestWord, parseInvoiceCommand } from "../src/listeners/commands/parse-command.js";
import type { CreatedOrder } from "../src/store/types.js";
import { appHomeView, homeOrdersSection, homeSumsSection } from "../src/views/app-home.js";
import { formatDay } from "../src/views/dates.js";
import { decodeListRequest, encodeListRequest } from "../src/views/order-list.js";
import { orderRow, parseRowActionValue } from "../src/views/order-row.js";

/** These tests read the bot in English. */
const t = messagesFor("en");

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
    expect(parseInvoiceCommand("list paid open").kind).toBe("invalid");
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
    const row = orderRow({ order: ORDER, today: "2026-03-20", actions: ["status"] });
    const text = JSON.stringify(row);
    expect(text).toContain("Kari &lt;Nordmann&gt; &amp; co");
    expect(text).toContain("due 16 Mar 2026 *(overdue)*");
    expect(text).toContain("status:FB0000000000AB");
    expect(text).not.toContain("cancel:");
    expect(orderRow({ order: ORDER, today: "2026-03-01", actions: [] })).not.toHaveProperty("accessory");
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
      homeSumsSection(t, { open: zero, overdue: zero, paidThisMonth: { count: 1, totalOre: 30_000 } }),
      homeOrdersSection("home.mine", "Yours", rows, "none"),
      [],
      homeOrdersSection("home.team", "Team", rows, "none"),
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
    expect(formatDay("2026-12-15")).toBe("15 Dec 2026");
    expect(formatDay("soon")).toBe("soon");
  });
});
