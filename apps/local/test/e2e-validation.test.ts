import { ACTION_IDS, BLOCK_IDS, LINE_ACTION_IDS, lineBlockId } from "@fakturabot/slack-bot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CORPORATE_CUSTOMER,
  fillOrder,
  type Harness,
  lineKeys,
  openInvoice,
  PRIVATE_CUSTOMER,
  plain,
  startHarness,
  submitRequests,
  waitForOrderMessage,
  waitForTitle,
} from "./e2e-harness.js";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.dispose();
});

describe("the form's validation, through Slack", () => {
  it("catches a typo in a personal number before anything is sent, and sends once it is fixed", async () => {
    const modal = await openInvoice(harness);
    await fillOrder(modal, { ...PRIVATE_CUSTOMER, personalNumber: "28038712384" });

    const outcome = await modal.submit();
    expect(outcome.kind).toBe("errors");
    expect(modal.errors).toEqual({
      [BLOCK_IDS.personalNumber]: "Personal number has wrong check digits; look for a typo",
    });
    // Front Payment's stand-in received nothing at all.
    expect(harness.frontPayment.requests).toEqual([]);
    expect(modal.value(BLOCK_IDS.name, ACTION_IDS.name)?.value).toBe("Kari Nordmann");

    await modal.fill(BLOCK_IDS.personalNumber, ACTION_IDS.personalNumber, "280387 12383");
    expect((await modal.submit()).kind).toBe("updated");
    await waitForTitle(modal, "Invoice created");
    expect(submitRequests(harness)).toHaveLength(1);
    expect(harness.frontPayment.orders()[0]?.request.customerDetails.personalNumber).toBe("28038712383");
  });

  it("puts every problem of a private customer's form under its own block, in one answer", async () => {
    const modal = await openInvoice(harness);
    await fillOrder(
      modal,
      { ...PRIVATE_CUSTOMER, name: "   ", personalNumber: "2803871238", mobile: "4656746", zip: " " },
      [
        { name: "  ", quantity: "0", rate: "12.345" },
        { name: "Router", quantity: "1", rate: "100" },
      ],
    );
    const [first, second] = lineKeys(modal) as [string, string];
    await modal.fill(lineBlockId(second, "discount"), LINE_ACTION_IDS.discount, "500");
    await modal.fill(BLOCK_IDS.countryCode, ACTION_IDS.countryCode, "++47");

    expect((await modal.submit()).kind).toBe("errors");
    const shown = Object.fromEntries(
      Object.entries(modal.errors).map(([block, text]) => [block, plain(text)]),
    );
    expect(shown).toEqual({
      [BLOCK_IDS.name]: "Full name is required",
      [BLOCK_IDS.personalNumber]: "Personal number must be exactly 11 digits",
      [BLOCK_IDS.countryCode]: "Country code must be a dialling code such as +47",
      [BLOCK_IDS.zip]: "Postcode is required",
      [lineBlockId(first, "name")]: "Product is required",
      [lineBlockId(first, "quantity")]: "Quantity must be more than 0",
      [lineBlockId(first, "rate")]: "Unit price: 12.345 could mean 12 345 or 12,345: write 12345",
      [lineBlockId(second, "discount")]: "Discount is larger than the line's total (NOK 100.00)",
    });
    expect(harness.frontPayment.requests).toEqual([]);
  });

  it("checks a Norwegian mobile number's length and a company's organisation number", async () => {
    const modal = await openInvoice(harness);
    await fillOrder(modal, { ...CORPORATE_CUSTOMER, organizationId: "923 609 017", mobile: "465 67 46" });

    expect((await modal.submit()).kind).toBe("errors");
    expect(modal.errors).toEqual({
      [BLOCK_IDS.organizationId]: "Organisation number has a wrong check digit; look for a typo",
      [BLOCK_IDS.mobile]: "Mobile number must be 8 digits for +47",
    });
    expect(harness.frontPayment.requests).toEqual([]);

    // Tabbing on, not Enter: Enter would look the number up in Brønnøysundregistrene (e2e-entry).
    await modal.fill(BLOCK_IDS.organizationId, ACTION_IDS.organizationId, "NO 923 609 016 MVA", {
      pressEnter: false,
    });
    await modal.fill(BLOCK_IDS.mobile, ACTION_IDS.mobile, "+47 465 67 468");
    expect((await modal.submit()).kind).toBe("updated");
    await waitForOrderMessage(harness, CORPORATE_CUSTOMER.name);
    expect(harness.frontPayment.orders()[0]?.request.customerDetails).toMatchObject({
      organizationId: "923609016",
      msisdn: "46567468",
      countryCode: "+47",
    });
  });

  it("marks what the order needs as required, so Slack asks for it before the bot is called", async () => {
    const modal = await openInvoice(harness);
    const outcome = await modal.submit();
    const [line] = lineKeys(modal) as [string];
    expect(outcome.kind === "blocked" && Object.keys(outcome.errors).sort()).toEqual(
      [
        BLOCK_IDS.name,
        BLOCK_IDS.personalNumber,
        BLOCK_IDS.email,
        BLOCK_IDS.mobile,
        BLOCK_IDS.street,
        BLOCK_IDS.zip,
        BLOCK_IDS.city,
        lineBlockId(line, "name"),
        lineBlockId(line, "rate"),
      ].sort(),
    );
    expect(harness.slack.workspace.state.interactions.map((interaction) => interaction.kind)).toEqual([
      "slash_command",
    ]);
  });
});
