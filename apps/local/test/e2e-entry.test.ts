import type { ModalHandle } from "@fakturabot/sandbox";
import { BRREG_SANDBOX_NUMBERS } from "@fakturabot/sandbox";
import {
  BLOCK_IDS,
  EDIT_CUSTOMER_ACTION_ID,
  FORGET_CUSTOMER_ACTION_ID,
  LAYOUT_BLOCK_IDS,
  LINE_ACTION_IDS,
  lineBlockId,
  RETRY_SUBMISSION_ACTION_ID,
  SAVED_CUSTOMER_ACTION_ID,
} from "@fakturabot/slack-bot";
import { afterEach, describe, expect, it, vi } from "vitest";
import { customerActionId } from "../src/fill-invoice.js";
import {
  blockText,
  CORPORATE_CUSTOMER,
  fillCustomer,
  fillOrder,
  type Harness,
  type HarnessOptions,
  KARI,
  lineKeys,
  onlyOrder,
  openInvoice,
  PRIVATE_CUSTOMER,
  sendOrder,
  startHarness,
  submitRequests,
  waitForOrderMessage,
  waitForTitle,
} from "./e2e-harness.js";

let harness: Harness | undefined;
async function start(options: HarnessOptions = {}): Promise<Harness> {
  harness = await startHarness(options);
  return harness;
}
afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

/** The stand-in workspace's team id. */
function teamOf(stack: Harness): string {
  return stack.slack.workspace.team.id;
}

/**
 * Sends an invoice to `customer` and waits until the bot has remembered it: that happens once
 * Front Payment created the invoice, after the modal and the channel show it.
 */
async function invoiceAndRemember(
  stack: Harness,
  customer: typeof CORPORATE_CUSTOMER | typeof PRIVATE_CUSTOMER,
) {
  await sendOrder(stack, customer);
  await waitForOrderMessage(stack, customer.name);
  return vi.waitFor(async () => {
    const [saved] = await stack.store.searchCustomers(teamOf(stack), customer.email, 1);
    if (!saved) throw new Error(`${customer.name} is not remembered yet`);
    return saved;
  });
}

function blockTextOf(modal: ModalHandle, blockId: string): string {
  return blockText(modal.view.blocks.filter((block) => block.block_id === blockId));
}

/** The text of a customer field as the next payload will carry it. */
function customerValue(modal: ModalHandle, field: Parameters<typeof customerActionId>[1]) {
  return modal.value(BLOCK_IDS[field], customerActionId(modal, field))?.value;
}

/** Switches to a company and types `number` into the organisation number, pressing Enter. */
async function typeOrganisationNumber(modal: ModalHandle, number: string): Promise<void> {
  await fillCustomer(modal, { type: "corporate" });
  const before = modal.view.hash;
  await modal.fill(BLOCK_IDS.organizationId, customerActionId(modal, "organizationId"), number);
  await modal.waitForView((view) => view.hash !== before);
}

describe("numbers as Norwegians type them", () => {
  it("totals 1 250,50 × 1,5 live and sends exactly that total", async () => {
    const stack = await start();
    const modal = await openInvoice(stack);
    await fillOrder(modal, PRIVATE_CUSTOMER, [{ name: "Rådgivning", quantity: "1,5", rate: "1 250,50" }]);
    expect(blockTextOf(modal, LAYOUT_BLOCK_IDS.totals)).toContain("Total NOK 1,875.75");
    const [key] = lineKeys(modal) as [string];
    expect(blockTextOf(modal, `line.${key}`)).toContain("NOK 1,875.75");

    expect((await modal.submit()).kind).toBe("updated");
    await waitForTitle(modal, "Invoice created");
    const { request } = onlyOrder(stack);
    expect(request.orderSummary.grandTotal).toBe(1875.75);
    expect(request.products[0]).toMatchObject({ quantity: 1.5, rate: 1250.5, amount: 1875.75 });
    expect((await waitForOrderMessage(stack, PRIVATE_CUSTOMER.name)).text.replace(/\u00a0/g, " ")).toContain(
      "NOK 1,875.75",
    );
  });

  it("takes a discount in per cent, live and on send", async () => {
    const stack = await start();
    const modal = await openInvoice(stack);
    await fillOrder(modal, PRIVATE_CUSTOMER, [{ name: "Rådgivning", quantity: "2", rate: "1 000" }]);
    const [key] = lineKeys(modal) as [string];
    const before = modal.view.hash;
    await modal.fill(lineBlockId(key, "discount"), LINE_ACTION_IDS.discount, "10 %");
    await modal.waitForView((view) => view.hash !== before);
    expect(blockTextOf(modal, LAYOUT_BLOCK_IDS.totals)).toContain("Total NOK 1,800.00");
    expect((await modal.submit()).kind).toBe("updated");
    await waitForTitle(modal, "Invoice created");
    expect(onlyOrder(stack).request.products[0]).toMatchObject({ discount: 200, amount: 1800 });
  });

  it("refuses the ambiguous 1.250,50 with both readings, and counts it in no total", async () => {
    const stack = await start();
    const modal = await openInvoice(stack);
    await fillOrder(modal, PRIVATE_CUSTOMER, [{ name: "Rådgivning", quantity: "1", rate: "1.250,50" }]);
    expect(blockTextOf(modal, LAYOUT_BLOCK_IDS.totals)).toContain("Total:* appears when");

    expect((await modal.submit()).kind).toBe("errors");
    const [key] = lineKeys(modal) as [string];
    expect(modal.errors[lineBlockId(key, "rate")]?.replace(/\u00a0/g, " ")).toBe(
      "Unit price: 1.250,50 could mean 1 250,50 or 1,25050: write 1250,50",
    );
    expect(submitRequests(stack)).toEqual([]);
  });

  it("refuses the postcode abc for Norway and names the rule", async () => {
    const stack = await start();
    const modal = await openInvoice(stack);
    await fillOrder(modal, { ...PRIVATE_CUSTOMER, zip: "abc" });
    expect((await modal.submit()).kind).toBe("errors");
    expect(modal.errors).toEqual({ [BLOCK_IDS.zip]: "Postcode must be 4 digits for Norway, such as 7030" });
    expect(submitRequests(stack)).toEqual([]);
  });

  it("shows the due date the maturity days give, and follows a change", async () => {
    const stack = await start({ now: () => new Date("2026-12-01T10:00:00Z") });
    const modal = await openInvoice(stack);
    expect(blockTextOf(modal, BLOCK_IDS.invoiceMaturity)).toContain(
      "Due Tuesday, 15 December 2026 (14 days after today).",
    );
    const before = modal.view.hash;
    await modal.fill(BLOCK_IDS.invoiceMaturity, customerActionId(modal, "invoiceMaturity"), "30");
    await modal.waitForView((view) => view.hash !== before);
    expect(blockTextOf(modal, BLOCK_IDS.invoiceMaturity)).toContain(
      "Due Thursday, 31 December 2026 (30 days after today).",
    );
  });
});

describe("Brønnøysundregistrene fills in a company", () => {
  it("fills the name and business address from the organisation number, and sends it", async () => {
    const stack = await start();
    const modal = await openInvoice(stack);
    await fillCustomer(modal, { type: "corporate", email: "post@fjordlys.example" });
    await typeOrganisationNumber(modal, "921 876 548");

    expect(customerValue(modal, "name")).toBe("FJORDLYS KONSULT AS");
    expect(customerValue(modal, "street")).toBe("Strandgaten 12");
    expect(customerValue(modal, "zip")).toBe("5013");
    expect(customerValue(modal, "city")).toBe("BERGEN");
    // What was typed before the fill is kept.
    expect(customerValue(modal, "email")).toBe("post@fjordlys.example");
    expect(blockTextOf(modal, LAYOUT_BLOCK_IDS.register)).toContain(
      "Filled in from Brønnøysundregistrene: *FJORDLYS KONSULT AS* (921 876 548)",
    );
    expect(stack.brreg.requests.map((request) => request.organisationNumber)).toEqual([
      BRREG_SANDBOX_NUMBERS.active,
    ]);

    await fillOrder(modal, { mobile: "46567468" });
    expect((await modal.submit()).kind).toBe("updated");
    await waitForTitle(modal, "Invoice created");
    expect(onlyOrder(stack).request.customerDetails).toMatchObject({
      type: "corporate",
      name: "FJORDLYS KONSULT AS",
      organizationId: BRREG_SANDBOX_NUMBERS.active,
      address: { street: "Strandgaten 12", zip: "5013", city: "BERGEN", country: "NO" },
    });
  });

  it("warns about a bankrupt company in the modal", async () => {
    const stack = await start();
    const modal = await openInvoice(stack);
    await typeOrganisationNumber(modal, BRREG_SANDBOX_NUMBERS.bankrupt);
    expect(customerValue(modal, "name")).toBe("NORDKAPP TRELAST AS");
    expect(blockTextOf(modal, LAYOUT_BLOCK_IDS.register)).toContain(
      ":warning: *NORDKAPP TRELAST AS* (931 456 784) is bankrupt (konkurs) in Brønnøysundregistrene.",
    );
  });

  it.each([
    ["dissolving", BRREG_SANDBOX_NUMBERS.dissolving, "being dissolved (under avvikling)"],
    [
      "under forced dissolution",
      BRREG_SANDBOX_NUMBERS.forcedDissolution,
      "under forced dissolution (tvangsavvikling eller tvangsoppløsning)",
    ],
    ["deleted", BRREG_SANDBOX_NUMBERS.deleted, "deleted from the register (slettet)"],
  ])("warns about a %s company", async (_, number, words) => {
    const stack = await start();
    const modal = await openInvoice(stack);
    await typeOrganisationNumber(modal, number);
    expect(blockTextOf(modal, LAYOUT_BLOCK_IDS.register)).toContain(`is ${words} in Brønnøysundregistrene`);
  });

  it("keeps what was typed and says so gently when the register does not answer in time", async () => {
    const stack = await start({ brregTimeoutMs: 300 });
    stack.brreg.failNext("timeout");
    const modal = await openInvoice(stack);
    await fillCustomer(modal, { ...CORPORATE_CUSTOMER, organizationId: undefined });
    await typeOrganisationNumber(modal, BRREG_SANDBOX_NUMBERS.active);

    expect(customerValue(modal, "name")).toBe(CORPORATE_CUSTOMER.name);
    expect(customerValue(modal, "street")).toBe(CORPORATE_CUSTOMER.street);
    expect(blockTextOf(modal, LAYOUT_BLOCK_IDS.register)).toContain(
      "Brønnøysundregistrene did not answer in time, so nothing was filled in",
    );
    expect(stack.brreg.requests.at(-1)?.outcome).toEqual({ kind: "held" });
    // The form still sends.
    await fillOrder(modal, {});
    expect((await modal.submit()).kind).toBe("updated");
    await waitForTitle(modal, "Invoice created");
  });

  it("puts wrong check digits under the field without asking the register", async () => {
    const stack = await start();
    const modal = await openInvoice(stack);
    await typeOrganisationNumber(modal, "921876549");
    expect(blockTextOf(modal, BLOCK_IDS.organizationId)).toContain(
      "Organisation number has a wrong check digit; look for a typo",
    );
    expect(stack.brreg.requests).toEqual([]);
  });
});

describe("customers remembered per workspace", () => {
  async function pickSaved(modal: ModalHandle, query: string) {
    const suggestion = await modal.suggest(LAYOUT_BLOCK_IDS.savedCustomer, SAVED_CUSTOMER_ACTION_ID, query);
    expect(suggestion.problem).toBeUndefined();
    return suggestion;
  }

  it("offers a company invoiced before, by name, number, email or phone, and fills it in", async () => {
    const stack = await start();
    await invoiceAndRemember(stack, CORPORATE_CUSTOMER);

    const modal = await openInvoice(stack);
    for (const query of ["equi", "923 609", "FAKTURA@", "465 67"]) {
      const { options } = await pickSaved(modal, query);
      expect(options.map((option) => option.text.text)).toEqual(["Equinor ASA · org. 923 609 016"]);
    }
    expect((await pickSaved(modal, "nobody")).options).toEqual([]);
    const [option] = (await pickSaved(modal, "equi")).options;
    await modal.fill(LAYOUT_BLOCK_IDS.savedCustomer, SAVED_CUSTOMER_ACTION_ID, option?.value ?? "");

    expect(customerValue(modal, "name")).toBe(CORPORATE_CUSTOMER.name);
    expect(customerValue(modal, "organizationId")).toBe(CORPORATE_CUSTOMER.organizationId);
    expect(customerValue(modal, "email")).toBe(CORPORATE_CUSTOMER.email);
    expect(customerValue(modal, "city")).toBe(CORPORATE_CUSTOMER.city);
    await fillOrder(modal, {});
    expect((await modal.submit()).kind).toBe("updated");
    await waitForTitle(modal, "Invoice created");
    expect(submitRequests(stack).length).toBe(2);
  });

  it("remembers a customer whose invoice was created only when sent again", async () => {
    const stack = await start();
    stack.frontPayment.failNext(429, { endpoint: "submitInvoiceOrder" });
    const { modal } = await sendOrder(stack, CORPORATE_CUSTOMER);
    await waitForTitle(modal, "Invoice not sent");
    expect(await stack.store.searchCustomers(teamOf(stack), "", 10)).toEqual([]);
    await modal.click(RETRY_SUBMISSION_ACTION_ID);
    await waitForTitle(modal, "Invoice created");
    await vi.waitFor(async () =>
      expect((await stack.store.searchCustomers(teamOf(stack), "equinor", 10)).map((c) => c.name)).toEqual([
        CORPORATE_CUSTOMER.name,
      ]),
    );
  });

  it("fills a person in but asks for the personal number again, which it never stored", async () => {
    const stack = await start();
    await invoiceAndRemember(stack, PRIVATE_CUSTOMER);

    const modal = await openInvoice(stack);
    const [option] = (await pickSaved(modal, "kari")).options;
    await modal.fill(LAYOUT_BLOCK_IDS.savedCustomer, SAVED_CUSTOMER_ACTION_ID, option?.value ?? "");
    expect(customerValue(modal, "name")).toBe(PRIVATE_CUSTOMER.name);
    expect(customerValue(modal, "personalNumber")).toBeNull();
    expect(blockTextOf(modal, BLOCK_IDS.personalNumber)).toContain(
      "Type the personal number again: Fakturabot never stores personal numbers.",
    );
    const saved = await stack.store.searchCustomers(teamOf(stack), "kari", 10);
    expect(JSON.stringify(saved)).not.toContain(PRIVATE_CUSTOMER.personalNumber);

    await fillOrder(modal, { personalNumber: PRIVATE_CUSTOMER.personalNumber });
    expect((await modal.submit()).kind).toBe("updated");
    await waitForTitle(modal, "Invoice created");
  });
});

describe("saved customers in App Home", () => {
  async function homeWith(stack: Harness, text: string) {
    return stack.slack.waitFor(
      () => {
        const home = stack.slack.workspace.home(KARI);
        return home && blockText(home.view.blocks).includes(text) ? home.view : undefined;
      },
      { what: `a Home tab showing ${text}` },
    );
  }

  it("forgets a customer (the right to erasure): gone from Home, the store and the picker", async () => {
    const stack = await start();
    const saved = await invoiceAndRemember(stack, CORPORATE_CUSTOMER);
    expect((await stack.driver.openAppHome({ userId: KARI })).ok).toBe(true);
    const home = await homeWith(stack, "Equinor ASA");
    expect(blockText(home.blocks)).toContain("Org. 923 609 016 · faktura@equinor.example · +47 46567468");

    const forgotten = await stack.driver.homeAction({
      userId: KARI,
      actionId: FORGET_CUSTOMER_ACTION_ID,
      value: saved.id,
    });
    expect(forgotten.ok).toBe(true);
    await homeWith(stack, "No saved customers yet.");
    expect(await stack.store.searchCustomers(teamOf(stack), "", 10)).toEqual([]);

    const modal = await openInvoice(stack);
    expect(
      (await modal.suggest(LAYOUT_BLOCK_IDS.savedCustomer, SAVED_CUSTOMER_ACTION_ID, "equi")).options,
    ).toEqual([]);
  });

  it("edits a saved customer from Home, with the form's rules", async () => {
    const stack = await start();
    const saved = await invoiceAndRemember(stack, CORPORATE_CUSTOMER);
    await stack.driver.openAppHome({ userId: KARI });
    await homeWith(stack, "Equinor ASA");
    await stack.driver.homeAction({
      userId: KARI,
      actionId: EDIT_CUSTOMER_ACTION_ID,
      value: saved.id,
    });
    const editor = await stack.driver.waitForModal({ userId: KARI, callbackId: "customer_edit" });

    await editor.fill("customer_edit.zip", "customer_edit.zip", "40 35");
    await editor.fill("customer_edit.email", "customer_edit.email", "Regnskap@Equinor.example");
    expect((await editor.submit()).kind).toBe("errors");
    expect(editor.errors).toEqual({
      "customer_edit.zip": "Postcode must be 4 digits for Norway, such as 7030",
    });
    await editor.fill("customer_edit.zip", "customer_edit.zip", "4036");
    expect((await editor.submit()).kind).toBe("closed");

    await homeWith(stack, "regnskap@equinor.example");
    expect(await stack.store.getCustomer(teamOf(stack), saved.id)).toMatchObject({
      email: "regnskap@equinor.example",
      zip: "4036",
      organizationId: CORPORATE_CUSTOMER.organizationId,
    });
  });
});
