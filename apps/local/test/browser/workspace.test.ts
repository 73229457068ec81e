import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumLaunchOptions } from "@fakturabot/sandbox";
import { APPROVAL_ACTION_IDS, BLOCK_IDS } from "@fakturabot/slack-bot";
import { type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Harness,
  INGRID,
  KARI,
  OLA,
  PRIVATE_CUSTOMER,
  seedCreatedOrder,
  startHarness,
} from "../e2e-harness.js";

/** Screenshots a person can look at after a run (gitignored). */
const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
/** The personal number with its last digit mistyped: the check digits catch it. */
const MISTYPED_PERSONAL_NUMBER = `${PRIVATE_CUSTOMER.personalNumber.slice(0, 10)}4`;

let harness: Harness;
let context: BrowserContext | undefined;
let userDataDir: string;
let chromiumMissing: unknown;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  harness = await startHarness();
  userDataDir = await mkdtemp(join(tmpdir(), "fakturabot-chromium-"));
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      ...chromiumLaunchOptions(),
      viewport: { width: 1360, height: 900 },
    });
    context.setDefaultTimeout(10_000);
  } catch (error) {
    chromiumMissing = error;
  }
});

/** The browser; each test fails (never skips) with the install hint when Chromium is missing. */
function browser(): BrowserContext {
  if (!context) throw chromiumMissing;
  return context;
}

afterAll(async () => {
  await context?.close();
  await harness?.dispose();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

/** Types a line into the message box of the open channel, as a person would. */
async function typeInComposer(page: Page, line: string) {
  const composer = page.getByRole("textbox", { name: "Message #sales" });
  await composer.fill(line);
  await composer.press("Enter");
}

async function fillCustomer(modal: Locator, personalNumber: string) {
  await modal.getByLabel("Full name").fill(PRIVATE_CUSTOMER.name);
  await modal.getByLabel("Personal number").fill(personalNumber);
  await modal.getByLabel("Email").fill(PRIVATE_CUSTOMER.email);
  await modal.getByLabel("Mobile number").fill(PRIVATE_CUSTOMER.mobile);
  await modal.getByLabel("Street address").fill(PRIVATE_CUSTOMER.street);
  await modal.getByLabel("Postcode").fill(PRIVATE_CUSTOMER.zip);
  await modal.getByLabel("City").fill(PRIVATE_CUSTOMER.city);
}

/** A sum App Home shows: "NOK 2,500.00 (1)" or "2 500,00 kr (1)" read back as kroner and a count. */
interface ShownSum {
  kroner: number;
  count: number;
}

/** Opens App Home and reads its three sums (open, overdue, paid this month). */
async function homeSums(page: Page): Promise<Record<"open" | "overdue" | "paidThisMonth", ShownSum>> {
  await page.getByRole("button", { name: "🏠 Home" }).click();
  await page.getByText("Paid this month").waitFor();
  const fields = page.locator(".home .fields .text");
  const read = async (index: number): Promise<ShownSum> => {
    const text = ((await fields.nth(index).textContent()) ?? "").replace(/\s/g, "");
    const match = /([\d.,]+?)[.,](\d\d)(?:kr)?\((\d+)\)$/.exec(text);
    if (!match) throw new Error(`App Home shows no sum in ${JSON.stringify(text)}`);
    const whole = Number((match[1] ?? "").replace(/[.,]/g, ""));
    return { kroner: whole + Number(match[2]) / 100, count: Number(match[3]) };
  };
  return { open: await read(0), overdue: await read(1), paidThisMonth: await read(2) };
}

/** Waits until App Home, opened again as a person would, shows `expected` (the bot republishes it on open). */
function homeSumsShow(page: Page, expected: Partial<Record<"open" | "overdue" | "paidThisMonth", ShownSum>>) {
  return expect.poll(() => homeSums(page), { timeout: 10_000, interval: 250 }).toMatchObject(expected);
}

async function showSales(page: Page) {
  await page.locator("#channel-list").getByRole("button", { name: /sales/ }).click();
  await page.getByRole("heading", { name: "#sales" }).waitFor();
}

describe("the local workspace in Chromium", () => {
  it("walks /invoice from the modal to PAID: field error, sending, BankID, return page, paid", async () => {
    const page = await browser().newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(harness.workspacePage.url);
    await page.getByRole("heading", { name: "#sales" }).waitFor();

    // The modal, rendered from the bot's Block Kit.
    await typeInComposer(page, "/invoice");
    const modal = page.getByRole("dialog", { name: "New invoice" });
    await modal.waitFor();
    expect(await modal.getByRole("radio", { name: "A person" }).isChecked()).toBe(true);
    await fillCustomer(modal, MISTYPED_PERSONAL_NUMBER);
    await modal.getByLabel("Product", { exact: true }).fill("Konsulenttime");
    await modal.getByLabel("Quantity").fill("2");
    // The unit price input dispatches its action on Enter, as in Slack: the bot recalculates.
    await modal.getByLabel(/^Unit price/).fill("1250");
    await modal.getByLabel(/^Unit price/).press("Enter");
    await modal.getByText(/Total NOK\s2,500\.00/).waitFor();

    // Submitted with the typo: the bot's error shows under the personal number, which gets focus.
    await modal.getByRole("button", { name: "Send invoice" }).click();
    const personalNumber = modal.getByRole("textbox", { name: "Personal number" });
    await modal.locator('input[aria-invalid="true"]').waitFor();
    expect(await personalNumber.getAttribute("aria-invalid")).toBe("true");
    const errorId = (await personalNumber.getAttribute("aria-describedby"))?.split(" ")[0] ?? "";
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toMatch(/Personal number/);
    expect(await personalNumber.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(
      true,
    );
    await modal.screenshot({ path: join(ARTIFACTS, "workspace-modal-field-error.png") });
    expect(harness.frontPayment.orders()).toEqual([]);

    // Fixed and sent: "Sending…" while Front Payment answers (held back a second), then created.
    await personalNumber.fill(PRIVATE_CUSTOMER.personalNumber);
    harness.frontPayment.setLatency(1000);
    await modal.getByRole("button", { name: "Send invoice" }).click();
    await page
      .getByRole("dialog", { name: "Sending invoice" })
      .getByText("Sending to Front Payment…")
      .waitFor();
    const created = page.getByRole("dialog", { name: "Invoice created" });
    await created.getByText("Front Payment created the invoice").waitFor();
    harness.frontPayment.setLatency(0);
    await created.screenshot({ path: join(ARTIFACTS, "workspace-modal-created.png") });
    await created.getByRole("button", { name: "Close" }).first().click();
    await created.waitFor({ state: "hidden" });

    // The channel message, with the BankID link to the Front Payment stand-in's page.
    const channel = page.getByRole("log", { name: "#sales" });
    const message = channel.locator("article").filter({ hasText: "Invoice to Kari Nordmann" });
    await message.getByText("Waiting for BankID").first().waitFor();
    const bankIdLink = message.getByRole("link", { name: "open the BankID verification" });
    const [order] = harness.frontPayment.orders();
    expect(await bankIdLink.getAttribute("href")).toBe(order?.bankIdUrl);
    await page.screenshot({ path: join(ARTIFACTS, "workspace-channel-sent.png") });

    // The customer approves on the BankID page, on a phone, and lands on the bot's return page.
    const [bankId] = await Promise.all([browser().waitForEvent("page"), bankIdLink.click()]);
    await bankId.setViewportSize({ width: 390, height: 844 });
    await bankId.getByRole("button", { name: /Godkjenn med BankID|Approve with BankID/ }).click();
    await bankId.waitForURL(/\/frontpayment\/return\/[^/]+\/success$/);
    await bankId.getByRole("heading", { name: "Takk, du er bekreftet" }).waitFor();
    await bankId.screenshot({ path: join(ARTIFACTS, "return-page-success-phone.png"), fullPage: true });
    await bankId.close();

    // The callback updates the message live; the Front Payment panel marks the invoice paid.
    await message.getByText(/📄 Invoiced/).waitFor();
    await page.getByRole("button", { name: `Mark paid: Kari Nordmann, ${order?.uuid}` }).click();
    await message.getByText(/✅ Paid/).waitFor();
    await message.getByRole("button", { name: /replies/ }).click();
    const thread = page.getByRole("log", { name: /Thread/ });
    await thread.getByText(/Invoiced, due/).waitFor();
    await thread.getByText(/Paid by invoice, NOK\s2,500\.00/).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "workspace-channel-paid.png") });

    expect(harness.frontPayment.requests.filter((r) => r.endpoint === "submitInvoiceOrder")).toHaveLength(1);
    expect(harness.frontPayment.order(order?.uuid ?? "")?.status).toBe("PAID");
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("in Norwegian, chosen in App Home: picks a saved customer, takes 1 250,50 × 1,5 and fills a bankrupt company from Brønnøysund with a warning", async () => {
    const page = await browser().newPage();
    const teamId = harness.slack.workspace.team.id;
    try {
      await page.goto(harness.workspacePage.url);
      await page.getByRole("heading", { name: "#sales" }).waitFor();

      // Kari chooses Norsk bokmål in App Home (this workspace speaks English): Home redraws in it.
      await page.getByRole("button", { name: "🏠 Home" }).click();
      await page.getByText("Your language in Fakturabot").waitFor();
      await page.locator('select[data-action="home.language"]').selectOption("nb");
      await page.getByText("Betalt denne måneden").waitFor();
      await page.getByText("Ditt språk i Fakturabot").waitFor();
      expect(await page.locator('select[data-action="home.language"]').inputValue()).toBe("nb");
      await page.screenshot({ path: join(ARTIFACTS, "app-home-norwegian.png"), fullPage: true });
      expect(await harness.store.getPersonLocale(teamId, KARI)).toBe("nb");

      await showSales(page);
      await typeInComposer(page, "/invoice");
      const modal = page.getByRole("dialog", { name: "Ny faktura" });
      await modal.waitFor();
      expect(await modal.getByRole("radio", { name: "Privatperson" }).isChecked()).toBe(true);

      // A saved customer, searched as you type and picked: everything but the personal number.
      await harness.store.saveCustomer(
        {
          teamId,
          type: "private",
          name: "Ingrid Berg",
          organizationId: null,
          email: "ingrid.berg@example.no",
          countryCode: "+47",
          msisdn: "91234567",
          street: "Storgata 1",
          zip: "0155",
          city: "Oslo",
          country: "NO",
          preferredLanguage: "no",
        },
        "CUBROWSER1",
      );
      const picker = modal.getByRole("combobox", { name: /^Lagret kunde/ });
      await picker.fill("ingrid");
      await picker.press("Enter");
      await modal.getByRole("option", { name: /Ingrid Berg/ }).click();
      await modal.getByText("Skriv fødselsnummeret på nytt").waitFor();
      expect(await modal.getByLabel("Fullt navn").inputValue()).toBe("Ingrid Berg");
      expect(await modal.getByLabel("Poststed").inputValue()).toBe("Oslo");
      await modal.screenshot({ path: join(ARTIFACTS, "workspace-modal-saved-customer.png") });

      await modal.getByRole("radio", { name: "Bedrift" }).check();
      await modal.getByLabel("Organisasjonsnummer").waitFor();
      await modal.getByLabel("E-post", { exact: true }).fill("post@nordkapp.example");
      await modal.getByLabel("Organisasjonsnummer").fill("931 456 784");
      await modal.getByLabel("Organisasjonsnummer").press("Enter");
      await modal.getByText("er konkurs i Brønnøysundregistrene").waitFor();
      expect(await modal.getByLabel("Firmanavn").inputValue()).toBe("NORDKAPP TRELAST AS");
      expect(await modal.getByLabel("Poststed").inputValue()).toBe("HONNINGSVÅG");
      expect(await modal.getByLabel("E-post", { exact: true }).inputValue()).toBe("post@nordkapp.example");
      await modal.getByText("er konkurs i Brønnøysundregistrene").scrollIntoViewIfNeeded();
      await modal.screenshot({ path: join(ARTIFACTS, "workspace-modal-brreg-bankrupt.png") });

      await modal.getByLabel("Produkt", { exact: true }).fill("Rådgivning");
      await modal.getByLabel("Antall").fill("1,5");
      await modal.getByLabel(/^Enhetspris/).fill("1 250,50");
      await modal.getByLabel(/^Enhetspris/).press("Enter");
      await modal.getByText(/Sum 1\s875,75\skr/).waitFor();
      await modal.screenshot({ path: join(ARTIFACTS, "workspace-modal-norwegian-numbers-brreg.png") });
      await modal.screenshot({ path: join(ARTIFACTS, "workspace-modal-norwegian.png") });
      // Closed unsent, so the workspace is left as it was found for the next test.
      await modal.getByRole("button", { name: "Close", exact: true }).first().click();
      await modal.waitFor({ state: "hidden" });
    } finally {
      // Back to the workspace's language (English), which the other tests read.
      await harness.store.setPersonLocale(teamId, KARI, null);
      await page.close();
    }
  });

  it("lists invoices in an ephemeral message and shows App Home with its sums", async () => {
    const page = await browser().newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(harness.workspacePage.url);
    await page.getByRole("heading", { name: "#sales" }).waitFor();

    await typeInComposer(page, "/invoice list");
    await page
      .getByText(/Invoices you can see, newest first/)
      .first()
      .waitFor();
    await typeInComposer(page, "/invoice stauts ODR4286244937");
    await page
      .getByText(/Did you mean/)
      .first()
      .waitFor();

    await page.getByRole("button", { name: "🏠 Home" }).click();
    await page.getByRole("heading", { name: /Home/ }).waitFor();
    await page.getByText("Paid this month").waitFor();
    await page.getByText("Your team's invoices").waitFor();
    await page.getByText(/^Remembered when an invoice is created/).waitFor();
    expect(await page.getByRole("textbox", { name: /Message/ }).isVisible()).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, "app-home.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("walks what comes after sending: Send link again, BankID, paid, a partial refund, and App Home's sums", async () => {
    const page = await browser().newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(harness.workspacePage.url);
    await page.getByRole("heading", { name: "#sales" }).waitFor();
    const shot = (locator: Locator | Page, name: string) =>
      locator.screenshot({ path: join(ARTIFACTS, `after-sending-${name}.png`) });
    const submits = () =>
      harness.frontPayment.requests.filter((r) => r.endpoint === "submitInvoiceOrder").length;
    const submitsBefore = submits();
    const sums = await homeSums(page);
    await showSales(page);

    await typeInComposer(page, "/invoice");
    const form = page.getByRole("dialog", { name: "New invoice" });
    await fillCustomer(form, PRIVATE_CUSTOMER.personalNumber);
    await form.getByLabel("Product", { exact: true }).fill("Konsulenttime");
    await form.getByLabel("Quantity").fill("2");
    await form.getByLabel(/^Unit price/).fill("1250");
    await form.getByRole("button", { name: "Send invoice" }).click();
    const created = page.getByRole("dialog", { name: "Invoice created" });
    await created.getByText("Front Payment created the invoice").waitFor();
    await created.getByRole("button", { name: "Close" }).first().click();
    const order = harness.frontPayment.orders().at(-1);
    if (!order) throw new Error("Front Payment has no order");
    const message = page
      .getByRole("log", { name: "#sales" })
      .locator("article")
      .filter({ hasText: order.uuid })
      // Its thread, once open, shows it again.
      .first();
    await message.getByText("Waiting for BankID").waitFor();
    await shot(message, "1-waiting-for-bankid");

    // Send link again: the modal prefilled from Front Payment's order details, then Resend.
    await message.getByRole("button", { name: "Send link again" }).click();
    const resend = page.getByRole("dialog", { name: "Send link again" });
    expect(await resend.getByLabel("Email").inputValue()).toBe(PRIVATE_CUSTOMER.email);
    await resend.getByLabel("Email").fill("kari@firma.example");
    await shot(resend, "2-send-link-again");
    await resend.getByRole("button", { name: "Send link" }).click();
    const resent = page.getByRole("dialog", { name: "Link sent again" });
    await resent.getByText(/by email to kari@firma\.example/).waitFor();
    await resent.getByRole("button", { name: "Close" }).first().click();
    await resent.waitFor({ state: "hidden" });
    expect(harness.frontPayment.order(order.uuid)?.resends.at(-1)).toMatchObject({
      email: "kari@firma.example",
    });
    await message.getByRole("button", { name: "1 reply" }).click();
    await page
      .getByRole("log", { name: /Thread/ })
      .getByText(/sent the payment link again by email and SMS/)
      .waitFor();
    await shot(page, "3-link-sent-again");

    // The customer does BankID on the Front Payment stand-in's page.
    const bankIdLink = message.getByRole("link", { name: "open the BankID verification" });
    const [bankId] = await Promise.all([browser().waitForEvent("page"), bankIdLink.click()]);
    await bankId.getByRole("button", { name: /Godkjenn med BankID|Approve with BankID/ }).click();
    await bankId.waitForURL(/\/frontpayment\/return\/[^/]+\/success$/);
    await bankId.close();
    await message.getByText(/📄 Invoiced, due/).waitFor();
    expect(await message.getByRole("button", { name: "Send link again" }).count()).toBe(1);
    await shot(message, "4-invoiced");

    await page.getByRole("button", { name: `Mark paid: Kari Nordmann, ${order.uuid}` }).click();
    await message.getByText(/✅ Paid by/).waitFor();
    await message.getByRole("button", { name: "Refund…" }).waitFor();
    expect(await message.getByRole("button", { name: "Send link again" }).count()).toBe(0);
    await shot(message, "5-paid");
    const paidThisMonth = { count: sums.paidThisMonth.count + 1, kroner: sums.paidThisMonth.kroner + 2500 };
    await homeSumsShow(page, { paidThisMonth, open: sums.open });
    await shot(page, "6-app-home-paid");

    // A partial refund: 500 kr of the line, confirmed with its amount.
    await showSales(page);
    await message.getByRole("button", { name: "Refund…" }).click();
    const refund = page.getByRole("dialog", { name: "Refund" });
    await refund.getByRole("radio", { name: "The amounts below" }).check();
    await refund.getByLabel(/^Konsulenttime/).fill("500");
    await shot(refund, "7-refund");
    await refund.getByRole("button", { name: "Review refund" }).click();
    const confirm = page.getByRole("dialog", { name: "Confirm refund" });
    await confirm.getByText(/Refund NOK\s500\.00 to Kari Nordmann\?/).waitFor();
    await confirm.getByRole("button", { name: /Refund NOK\s500\.00/ }).click();
    const refunded = page.getByRole("dialog", { name: "Refunded" });
    await refunded.getByText(/accepted the refund of NOK\s500\.00/).waitFor();
    await refunded.getByRole("button", { name: "Close" }).first().click();
    await message.getByText(/Refunded NOK\s500\.00 of NOK\s2,500\.00/).waitFor();
    await shot(message, "8-partly-refunded");
    expect(harness.frontPayment.order(order.uuid)).toMatchObject({
      status: "PARTIAL REFUNDED",
      refundedAmount: 500,
    });

    // App Home's sums follow: what was paid this month is less what was refunded.
    await homeSumsShow(page, {
      paidThisMonth: { count: paidThisMonth.count, kroner: paidThisMonth.kroner - 500 },
      open: sums.open,
    });
    await shot(page, "9-app-home-refunded");
    expect(submits()).toBe(submitsBefore + 1);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 90_000);

  it("shows the customer's return pages whole on a phone, in every language", async () => {
    const page = await browser().newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    for (const language of ["no", "en", "sv", "da", "de"] as const) {
      // The pages are only for orders the bot knows, and speak the order's language.
      const order = await seedCreatedOrder(harness, { preferredLanguage: language });
      for (const outcome of ["success", "failure"]) {
        await page.goto(`${harness.running.url}/frontpayment/return/${order.id}/${outcome}`);
        await page.getByRole("heading", { level: 1 }).waitFor();
        const overflows = await page.evaluate(() => {
          const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
            .document;
          return root.documentElement.scrollWidth > 360;
        });
        expect(overflows, `${outcome} page in ${language} is wider than the phone`).toBe(false);
      }
    }
    await page.screenshot({ path: join(ARTIFACTS, "return-page-failure-de-phone.png"), fullPage: true });
    await page.close();
  }, 60_000);
  it("in Norwegian: holds an invoice above the approval threshold until a second person approves it", async () => {
    // A workspace that reads Norwegian, where invoices of 10 000 kr and more wait for Ingrid or Ola.
    const norwegian = await startHarness({
      locales: { defaultLocale: "nb" },
      approval: { thresholdOre: 1_000_000, approverUserIds: [INGRID, OLA] },
    });
    const page = await browser().newPage();
    try {
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      const submits = () =>
        norwegian.frontPayment.requests.filter((r) => r.endpoint === "submitInvoiceOrder").length;
      await page.goto(`${norwegian.workspacePage.url}?as=${KARI}`);
      await page.getByRole("heading", { name: "#sales" }).waitFor();
      await typeInComposer(page, "/invoice");
      const modal = page.getByRole("dialog", { name: "Ny faktura" });
      await modal.locator(`[data-block="${BLOCK_IDS.name}"]`).waitFor();
      const customer: [string, string][] = [
        [BLOCK_IDS.name, PRIVATE_CUSTOMER.name],
        [BLOCK_IDS.personalNumber, PRIVATE_CUSTOMER.personalNumber],
        [BLOCK_IDS.email, PRIVATE_CUSTOMER.email],
        [BLOCK_IDS.mobile, PRIVATE_CUSTOMER.mobile],
        [BLOCK_IDS.street, PRIVATE_CUSTOMER.street],
        [BLOCK_IDS.zip, PRIVATE_CUSTOMER.zip],
        [BLOCK_IDS.city, PRIVATE_CUSTOMER.city],
      ];
      for (const [block, value] of customer) await modal.locator(`[data-block="${block}"]`).fill(value);
      const line = (field: string) => modal.locator(`[data-block^="line."][data-block$=".${field}"]`).first();
      await line("name").fill("Konsulenttime");
      await line("quantity").fill("10");
      await line("rate").fill("1 250,00");
      await modal.locator(".modal-footer .button.primary").click();

      // The creator waits: nothing goes to Front Payment yet.
      const waiting = page.getByRole("dialog", { name: "Venter på godkjenning" });
      await waiting
        .getByText(/Ingrid/)
        .first()
        .waitFor();
      await waiting.screenshot({ path: join(ARTIFACTS, "approval-waiting-modal.png") });
      expect(submits()).toBe(0);
      await waiting.locator(".modal-footer .button").first().click();
      await waiting.waitFor({ state: "hidden" });

      // Ingrid, a second person, finds the approval message in her direct messages with the bot.
      await page.locator("#person").selectOption(INGRID);
      await page.locator("#dm-list").getByRole("button").first().click();
      const approve = page.locator(`[data-action="${APPROVAL_ACTION_IDS.approve}"]`);
      const request = page.locator(".message").filter({ has: approve }).last();
      await request.waitFor();
      const ts = (await request.getAttribute("data-ts")) ?? "";
      await request.getByText("Faktura venter på din godkjenning").first().waitFor();
      await request
        .getByText(/12\s500,00\skr/)
        .first()
        .waitFor();
      await request
        .getByText(/280387/)
        .first()
        .waitFor();
      await request.screenshot({ path: join(ARTIFACTS, "approval-message.png") });
      expect(await request.textContent()).not.toContain(PRIVATE_CUSTOMER.personalNumber);
      await approve.last().click();

      // Approved: the message says by whom, its buttons gone; the invoice goes out once.
      const decided = page.locator(`.message[data-ts="${ts}"]`);
      await decided.getByText(/Godkjent av/).waitFor();
      expect(await decided.locator("[data-action]").count()).toBe(0);
      await decided.screenshot({ path: join(ARTIFACTS, "approval-message-approved.png") });
      await expect.poll(submits, { timeout: 10_000 }).toBe(1);

      // Back as Kari: the channel message follows in Norwegian, as for any invoice.
      await page.locator("#person").selectOption(KARI);
      await showSales(page);
      const order = norwegian.frontPayment.orders().at(-1);
      const message = page
        .getByRole("log", { name: "#sales" })
        .locator("article")
        .filter({ hasText: order?.uuid ?? "" })
        .first();
      await message
        .getByText(/Venter på BankID/)
        .first()
        .waitFor();
      await message
        .getByText(/12\s500,00\skr/)
        .first()
        .waitFor();
      await page.screenshot({ path: join(ARTIFACTS, "approval-channel-sent.png") });
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
      await norwegian.dispose();
    }
  }, 60_000);
});
