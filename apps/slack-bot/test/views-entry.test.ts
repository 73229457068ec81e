import { formatProblem, VIEW_SIZE_LIMIT_BYTES, validateView } from "@fakturabot/sandbox";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../src/i18n/index.js";
import { REGISTER_WARNINGS } from "../src/invoice-form/metadata.js";
import type { SavedCustomer } from "../src/store/types.js";
import { appHomeView, homeHelpSection, homeLanguageSection, homeSumsSection } from "../src/views/app-home.js";
import { context } from "../src/views/block-kit.js";
import { customerEditModal } from "../src/views/home/customer-edit-modal.js";
import { customersHomeSection, HOME_CUSTOMERS_SHOWN } from "../src/views/home/customers-section.js";
import {
  HOME_EARLIER_LINES_SHOWN,
  HOME_PRODUCTS_SHOWN,
  productsHomeSection,
} from "../src/views/home/products-section.js";
import { registerText } from "../src/views/invoice-modal/register-note.js";
import { savedCustomerOptions } from "../src/views/invoice-modal/saved-customer-picker.js";
import { dueDateHint } from "../src/views/invoice-modal/terms-section.js";

/** These tests read the bot in English. */
const t = messagesFor("en");

const LONG = "Å".repeat(300);

function customer(index: number, overrides: Partial<SavedCustomer> = {}): SavedCustomer {
  return {
    id: `CU${String(index).padStart(16, "0")}`,
    teamId: "T0TEAM",
    type: index % 2 === 0 ? "corporate" : "private",
    name: `${LONG} <@U123> & co`,
    organizationId: index % 2 === 0 ? "923609016" : null,
    email: `${"x".repeat(300)}@example.no`,
    countryCode: "+47",
    msisdn: "46567468",
    street: LONG,
    zip: "7030",
    city: LONG,
    country: "NO",
    preferredLanguage: "no",
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...overrides,
  };
}

describe("the saved-customer views", () => {
  it("keep App Home's Customers section within Slack's limits, with more customers than it shows", () => {
    const many = Array.from({ length: HOME_CUSTOMERS_SHOWN + 5 }, (_, index) => customer(index));
    const blocks = customersHomeSection(t, many, { mayManage: true });
    const view = { type: "home" as const, blocks };
    expect(validateView(view, "home").map(formatProblem)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(view))).toBeLessThan(VIEW_SIZE_LIMIT_BYTES);
    expect(blocks.length).toBeLessThanOrEqual(2 + 2 * HOME_CUSTOMERS_SHOWN + 1);
    // Names are text, never mentions or markup.
    expect(JSON.stringify(blocks)).not.toContain("<@U123>");
    expect(JSON.stringify(blocks)).toContain(`Showing the first ${HOME_CUSTOMERS_SHOWN} by name`);
  });

  it("fit in App Home beside its other sections at their largest, none of them cut", () => {
    const zero = { count: 0, totalOre: 0 };
    // Each list of orders: its title and at most 10 rows of one block (services/home.ts).
    const orders = (id: string) =>
      Array.from({ length: 11 }, (_, index) => context(`row ${index}`, `${id}.${index}`));
    const many = Array.from({ length: HOME_CUSTOMERS_SHOWN + 5 }, (_, index) => customer(index));
    const products = Array.from({ length: HOME_PRODUCTS_SHOWN + 5 }, (_, index) => ({
      id: `PR${index}`,
      teamId: "T0TEAM",
      name: `Konsulenttime ${index}`,
      productId: `KT-${index}`,
      unitPriceOre: 125_050,
      taxRate: 25,
      createdAt: new Date(0),
      updatedAt: new Date(0),
    }));
    const earlier = Array.from({ length: HOME_EARLIER_LINES_SHOWN + 5 }, (_, index) => ({
      id: `LN${index}`,
      teamId: "T0TEAM",
      name: `Reisetid ${index}`,
      productId: null,
      unitPriceOre: 80_000,
      taxRate: 25,
      lastUsedAt: new Date(0),
      timesUsed: 1,
    }));
    const sections = [
      homeSumsSection(t, { open: zero, overdue: zero, paidThisMonth: zero }),
      homeLanguageSection(t, { chosen: "en", workspaceLocale: "nb" }),
      orders("mine"),
      orders("team"),
      customersHomeSection(t, many, { mayManage: true, more: true }),
      productsHomeSection(t, products, earlier, { mayManage: true }),
      homeHelpSection(t),
    ];
    const view = appHomeView(sections);
    expect(validateView(view, "home").map(formatProblem)).toEqual([]);
    // Every block of every section, and a divider between each two: nothing was cut.
    expect(view.blocks).toHaveLength(sections.flat().length + sections.length - 1);
    expect(JSON.stringify(view.blocks.at(-1))).toContain("/invoice help");
    expect(JSON.stringify(view.blocks)).toContain(`Showing the first ${HOME_CUSTOMERS_SHOWN} by name`);
  });

  it("show no buttons to someone who may not manage customers, and say when there are none", () => {
    const blocks = customersHomeSection(t, [customer(1)], { mayManage: false });
    expect(blocks.some((block) => block.type === "actions")).toBe(false);
    expect(JSON.stringify(customersHomeSection(t, [], { mayManage: true }))).toContain(
      "No saved customers yet.",
    );
  });

  it("keep picker options within Slack's 75 characters and 100 options", () => {
    const options = savedCustomerOptions(
      t,
      Array.from({ length: 120 }, (_, index) => customer(index)),
    );
    expect(options).toHaveLength(100);
    for (const option of options) {
      expect(option.text.text.length).toBeLessThanOrEqual(75);
      expect(option.description?.text.length ?? 0).toBeLessThanOrEqual(75);
    }
  });

  it("keep the edit modal within Slack's limits, for a person and a company", () => {
    for (const saved of [customer(1), customer(2)]) {
      expect(
        validateView(customerEditModal(t, saved, { "customer_edit.zip": LONG }), "modal").map(formatProblem),
      ).toEqual([]);
    }
  });

  it("name every register warning in plain words with the register's own term", () => {
    const text = registerText(t, {
      organisationNumber: "931456784",
      kind: "found",
      name: "NORDKAPP TRELAST AS",
      warnings: [...REGISTER_WARNINGS],
    });
    expect(text).toBe(
      ":warning: *NORDKAPP TRELAST AS* (931 456 784) is bankrupt (konkurs), being dissolved (under avvikling), under forced dissolution (tvangsavvikling eller tvangsoppløsning) and deleted from the register (slettet) in Brønnøysundregistrene. The invoice may never be paid: check with the estate or the company before sending. The details were filled in.",
    );
  });
});

describe("the due date under the maturity days", () => {
  it("counts Oslo calendar days, as the bot reckons the due date, across the end of summer time", () => {
    // 00:30 in Oslo on Sunday 25 October 2026, the night summer time ends.
    const now = new Date("2026-10-24T22:30:00Z");
    expect(dueDateHint(t, "1", now)).toBe("Due Monday, 26 October 2026 (1 day after today).");
    expect(dueDateHint(t, "14", new Date("2026-12-01T12:00:00Z"))).toBe(
      "Due Tuesday, 15 December 2026 (14 days after today).",
    );
    expect(dueDateHint(t, "fjorten", now)).toBe("Days from today until the invoice is due.");
  });
});
