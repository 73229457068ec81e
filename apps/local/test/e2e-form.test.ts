import type { ModalHandle } from "@fakturabot/sandbox";
import {
  ACTION_IDS,
  ADD_LINE_ACTION_ID,
  BLOCK_IDS,
  decodeFormMetadata,
  type InvoiceFormValues,
  LAYOUT_BLOCK_IDS,
  LINE_ACTION_IDS,
  lineBlockId,
  lineHeaderBlockId,
  MAX_LINES,
  REMOVE_LINE_ACTION_ID,
  readInvoiceForm,
  type ViewStateValues,
} from "@fakturabot/slack-bot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  blockText,
  fillCustomer,
  fillLine,
  fillOrder,
  type Harness,
  lineKeys,
  openInvoice,
  PRIVATE_CUSTOMER,
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

/** The form as the bot will read it from the next payload: Slack's view state and the metadata. */
function formOf(modal: ModalHandle): InvoiceFormValues {
  const view = modal.view;
  // The JSON Slack sends, typed by the stand-in rather than by Bolt.
  return readInvoiceForm(
    view.state.values as unknown as ViewStateValues,
    decodeFormMetadata(view.private_metadata),
  );
}

function blockTextOf(modal: ModalHandle, blockId: string): string {
  return blockText(modal.view.blocks.filter((block) => block.block_id === blockId));
}

/** Clicks a button that redraws the form, and waits for the redraw. */
async function clickAndWait(modal: ModalHandle, actionId: string, value?: string): Promise<void> {
  const before = modal.view.hash;
  await modal.click(actionId, value === undefined ? {} : { value });
  await modal.waitForView((view) => view.hash !== before);
}

describe("the invoice form in Slack", () => {
  it("opens with the defaults filled in and the channel in its metadata", async () => {
    const modal = await openInvoice(harness);
    expect(modal.view).toMatchObject({
      callback_id: "invoice_modal",
      title: { text: "New invoice" },
      submit: { text: "Send invoice" },
      notify_on_close: true,
    });
    expect(decodeFormMetadata(modal.view.private_metadata).channelId).toBe("C0SALES01");
    expect(formOf(modal)).toEqual({
      customerType: "private",
      countryCode: "+47",
      country: "NO",
      preferredLanguage: "no",
      invoiceMaturity: "14",
      invoiceFeeApplicable: false,
      separateInvoices: false,
      lines: [{ key: "1", quantity: "1", tax: "25" }],
    });
  });

  it("keeps every typed value when a middle line is removed and when a line is added", async () => {
    const modal = await openInvoice(harness);
    await fillCustomer(modal, { name: "Kari Nordmann" });
    await clickAndWait(modal, ADD_LINE_ACTION_ID);
    await clickAndWait(modal, ADD_LINE_ACTION_ID);
    const [first, middle, last] = lineKeys(modal) as [string, string, string];
    await fillLine(modal, first, { name: "Consulting", rate: "1250" });
    await fillLine(modal, middle, { name: "To be removed", rate: "1" });
    await fillLine(modal, last, { name: "Router", quantity: "2", rate: "4500", tax: "12" });

    await clickAndWait(modal, REMOVE_LINE_ACTION_ID, middle);
    expect(lineKeys(modal)).toEqual([first, last]);
    expect(formOf(modal)).toMatchObject({
      name: "Kari Nordmann",
      lines: [
        { key: first, name: "Consulting", quantity: "1", rate: "1250", tax: "25" },
        { key: last, name: "Router", quantity: "2", rate: "4500", tax: "12" },
      ],
    });
    expect(modal.view.blocks.some((block) => String(block.block_id).startsWith(`line.${middle}.`))).toBe(
      false,
    );
    expect(blockTextOf(modal, LAYOUT_BLOCK_IDS.totals)).toContain("Total NOK 10,250.00");
    expect(blockTextOf(modal, lineHeaderBlockId(last))).toContain("*Line 2*  ·  NOK 9,000.00");

    await clickAndWait(modal, ADD_LINE_ACTION_ID);
    const added = lineKeys(modal)[2] as string;
    expect(added).not.toBe(middle);
    expect(formOf(modal)).toMatchObject({
      name: "Kari Nordmann",
      lines: [
        { key: first, name: "Consulting", quantity: "1", rate: "1250", tax: "25" },
        { key: last, name: "Router", quantity: "2", rate: "4500", tax: "12" },
        { key: added, quantity: "1", tax: "25" },
      ],
    });

    // The new line is filled too, and the order leaves with the lines in the order shown.
    await fillCustomer(modal, { ...PRIVATE_CUSTOMER, name: undefined });
    await fillLine(modal, added, { name: "Cable", rate: "99.50" });
    expect((await modal.submit()).kind).toBe("updated");
    await waitForTitle(modal, "Invoice created");
    const sent = harness.frontPayment.orders()[0]?.request;
    expect(sent?.customerDetails.name).toBe("Kari Nordmann");
    expect(sent?.products.map((product) => [product.name, product.amount])).toEqual([
      ["Consulting", 1250],
      ["Router", 9000],
      ["Cable", 99.5],
    ]);
    expect(sent?.orderSummary.grandTotal).toBe(10349.5);
  });

  it("keeps the shared customer fields when the customer type switches", async () => {
    const modal = await openInvoice(harness);
    await fillCustomer(modal, {
      name: "Fjordkraft AS",
      email: "post@fjordkraft.example",
      personalNumber: "28038712383",
      city: "Bergen",
    });
    await modal.fill(BLOCK_IDS.customerType, ACTION_IDS.customerType, "corporate");
    await modal.waitForView((view) =>
      view.blocks.some((block) => block.block_id === BLOCK_IDS.organizationId),
    );

    expect(formOf(modal)).toMatchObject({
      customerType: "corporate",
      name: "Fjordkraft AS",
      email: "post@fjordkraft.example",
      city: "Bergen",
    });
    expect(formOf(modal).personalNumber).toBeUndefined();
    expect(modal.view.blocks.some((block) => block.block_id === BLOCK_IDS.personalNumber)).toBe(false);
    expect(blockText(modal.view.blocks)).toContain("Company name");
  });

  it("starts from what followed /invoice, with its total", async () => {
    const modal = await openInvoice(harness, { text: "Kari Nordmann kari@example.no kr 1 250" });
    expect(formOf(modal)).toMatchObject({
      name: "Kari Nordmann",
      email: "kari@example.no",
      lines: [{ key: "1", quantity: "1", rate: "1250", tax: "25" }],
    });
    expect(blockTextOf(modal, LAYOUT_BLOCK_IDS.totals)).toContain("Total NOK 1,250.00");
  });

  it("updates the running totals when a quantity is entered or a VAT rate changes", async () => {
    const modal = await openInvoice(harness);
    const [line] = lineKeys(modal) as [string];
    await fillLine(modal, line, { name: "Router", rate: "4500" });
    await modal.waitForView(() => blockTextOf(modal, LAYOUT_BLOCK_IDS.totals).includes("Total NOK 4,500.00"));
    expect(blockTextOf(modal, LAYOUT_BLOCK_IDS.totals)).toContain(
      "Excl. VAT NOK 3,600.00  ·  VAT NOK 900.00",
    );

    await modal.fill(lineBlockId(line, "quantity"), LINE_ACTION_IDS.quantity, "2");
    await modal.fill(lineBlockId(line, "tax"), LINE_ACTION_IDS.tax, "12");
    await modal.waitForView(() => blockTextOf(modal, LAYOUT_BLOCK_IDS.totals).includes("VAT NOK 964.29"));
    expect(blockTextOf(modal, LAYOUT_BLOCK_IDS.totals)).toContain("Total NOK 9,000.00");
  });

  it("holds the largest form, with an error under every field, within Slack's limits", async () => {
    const long = "Æ".repeat(255);
    const modal = await openInvoice(harness);
    await fillCustomer(modal, { ...PRIVATE_CUSTOMER, name: long, street: long, city: long });
    while (lineKeys(modal).length < MAX_LINES) await clickAndWait(modal, ADD_LINE_ACTION_ID);
    expect(modal.view.blocks.some((block) => block.block_id === LAYOUT_BLOCK_IDS.addLine)).toBe(true);
    expect(blockText(modal.view.blocks)).toContain(`at most ${MAX_LINES} lines`);
    for (const key of lineKeys(modal)) {
      await fillLine(modal, key, { name: long, quantity: "0", rate: "1.001" });
      await modal.fill(lineBlockId(key, "productId"), LINE_ACTION_IDS.productId, "P".repeat(25));
    }
    await modal.fill(BLOCK_IDS.referenceNo, ACTION_IDS.referenceNo, "R".repeat(100));

    const outcome = await modal.submit();
    expect(outcome.kind).toBe("errors");
    expect(Object.keys(modal.errors)).toHaveLength(2 * MAX_LINES);
    expect(modal.view.blocks.length).toBeLessThanOrEqual(100);
    expect(harness.frontPayment.requests).toEqual([]);
    // dispose() fails the test if Slack refused any view on the way.
  });

  it("sends the largest order there can be (just below the default maximum total), and every view and message about it stays within Slack's limits", async () => {
    const long = (prefix: string, length: number) => `${prefix} ${"Æ".repeat(length - prefix.length - 1)}`;
    const modal = await openInvoice(harness);
    await fillCustomer(modal, { ...PRIVATE_CUSTOMER, name: long("Kari", 255), street: long("Gate", 255) });
    while (lineKeys(modal).length < MAX_LINES) await clickAndWait(modal, ADD_LINE_ACTION_ID);
    for (const [index, key] of lineKeys(modal).entries()) {
      await fillLine(modal, key, {
        name: long(`Vare ${index + 1}`, 255),
        quantity: "999.5",
        rate: "1111.60",
      });
      await modal.fill(lineBlockId(key, "productId"), LINE_ACTION_IDS.productId, "P".repeat(25));
      await modal.fill(lineBlockId(key, "discount"), LINE_ACTION_IDS.discount, "0.01");
    }
    await modal.fill(BLOCK_IDS.referenceNo, ACTION_IDS.referenceNo, "R".repeat(100));
    await modal.fill(BLOCK_IDS.customerReference, ACTION_IDS.customerReference, "C".repeat(100));

    expect((await modal.submit()).kind).toBe("updated");
    const created = await waitForTitle(modal, "Invoice created");
    expect(blockText(created.blocks)).toContain("NOK 9,999,397.71");
    const message = await waitForOrderMessage(harness, "Kari Æ");
    const order = harness.frontPayment.orders()[0];
    expect(order?.request.products).toHaveLength(MAX_LINES);
    harness.frontPayment.approveBankId(order?.uuid as string);
    harness.frontPayment.markPaid(order?.uuid as string);
    await harness.slack.waitFor(() => harness.slack.workspace.thread("C0SALES01", message.ts).length === 2);
    // dispose() fails the test if Slack refused any view or message on the way.
  });

  it("a double submit of the same form sends one order", async () => {
    const modal = await openInvoice(harness);
    await fillOrder(modal, PRIVATE_CUSTOMER);
    const outcomes = await Promise.all([modal.submit(), modal.submit()]);

    expect(outcomes.map((outcome) => outcome.kind)).toEqual(["updated", "updated"]);
    await waitForTitle(modal, "Invoice created");
    await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
    expect(submitRequests(harness)).toHaveLength(1);
    expect(harness.frontPayment.orders()).toHaveLength(1);
    expect(harness.slack.workspace.messages("C0SALES01")).toHaveLength(1);
  });
});
