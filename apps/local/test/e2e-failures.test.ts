import { type FrontPaymentSandbox, type ModalHandle, startFrontPaymentSandbox } from "@fakturabot/sandbox";
import {
  ACTION_IDS,
  BLOCK_IDS,
  CONFIRM_UNKNOWN_RETRY_ACTION_ID,
  EDIT_SUBMISSION_ACTION_ID,
  LAYOUT_BLOCK_IDS,
  LINE_ACTION_IDS,
  lineBlockId,
  OPEN_SUBMISSION_ACTION_ID,
  RETRY_SUBMISSION_ACTION_ID,
} from "@fakturabot/slack-bot";
import { afterEach, describe, expect, it } from "vitest";
import { LOCAL_SECRETS } from "../src/stack.js";
import {
  blockText,
  fillOrder,
  type Harness,
  type HarnessOptions,
  KARI_DM,
  lineKeys,
  onlyOrder,
  openInvoice,
  PRIVATE_CUSTOMER,
  patient,
  plain,
  SALES,
  sendOrder,
  startHarness,
  submitRequests,
  waitForEphemeral,
  waitForOrderMessage,
  waitForReply,
  waitForTitle,
} from "./e2e-harness.js";

let harness: Harness | undefined;
let ownFrontPayment: FrontPaymentSandbox | undefined;
afterEach(async () => {
  await harness?.dispose();
  await ownFrontPayment?.close();
  harness = undefined;
  ownFrontPayment = undefined;
});

async function start(options: HarnessOptions = {}): Promise<Harness> {
  harness = await startHarness(options);
  return harness;
}

/** Short enough that a held request gives up quickly, long enough for any answer on loopback. */
const CLIENT_TIMEOUT_MS = 400;

function buttonOf(view: { blocks: unknown[] }, actionId: string): Record<string, unknown> | undefined {
  const buttons = view.blocks.flatMap((block) =>
    Array.isArray((block as { elements?: unknown }).elements)
      ? ((block as { elements: Record<string, unknown>[] }).elements ?? [])
      : [],
  );
  return buttons.find((element) => element.action_id === actionId);
}

function hintOf(modal: ModalHandle, blockId: string): string {
  const block = modal.view.blocks.find((candidate) => candidate.block_id === blockId) as
    | { hint?: { text?: string } }
    | undefined;
  return block?.hint?.text ?? "";
}

describe("Front Payment answers with an error", () => {
  it("417: back to the form as it was filled, Front Payment's message next to its field; fixed, it is sent", async () => {
    // An account that does not take 12 % VAT, though the bot was configured to offer it.
    ownFrontPayment = await startFrontPaymentSandbox({
      callbackSecret: LOCAL_SECRETS.callbackSecret,
      tokens: [LOCAL_SECRETS.frontPaymentToken],
      taxRates: [0, 15, 25],
    });
    const h = await start({ standIns: { frontPayment: ownFrontPayment } });
    const { modal, outcome } = await sendOrder(h, PRIVATE_CUSTOMER, {
      lines: [{ name: "Matkasse", rate: "560", tax: "12" }],
    });
    expect(outcome.kind).toBe("updated");
    const form = await waitForTitle(modal, "New invoice");
    const [line] = lineKeys(modal) as [string];

    expect(blockText(form.blocks.filter((block) => block.block_id === LAYOUT_BLOCK_IDS.notice))).toContain(
      "Front Payment rejected the invoice.",
    );
    expect(hintOf(modal, lineBlockId(line, "tax"))).toMatch(/^⚠️ VAT rate /);
    expect(modal.value(BLOCK_IDS.name, ACTION_IDS.name)?.value).toBe(PRIVATE_CUSTOMER.name);
    expect(modal.value(BLOCK_IDS.personalNumber, ACTION_IDS.personalNumber)?.value).toBe(
      PRIVATE_CUSTOMER.personalNumber,
    );
    expect(modal.value(lineBlockId(line, "rate"), LINE_ACTION_IDS.rate)?.value).toBe("560");
    expect(ownFrontPayment.orders()).toEqual([]);

    await patient(modal).fill(lineBlockId(line, "tax"), LINE_ACTION_IDS.tax, "15");
    expect((await modal.submit()).kind).toBe("updated");
    await waitForTitle(modal, "Invoice created");
    expect(ownFrontPayment.orders()).toHaveLength(1);
    expect(ownFrontPayment.orders()[0]?.request.products[0]?.tax).toBe(15);
    expect(h.slack.workspace.messages(SALES)).toHaveLength(1);
  });

  it("429: nothing was created, so 'Send again' sends it, once", async () => {
    const h = await start();
    h.frontPayment.failNext(429, { endpoint: "submitInvoiceOrder" });
    const { modal } = await sendOrder(h);
    const failed = await waitForTitle(modal, "Invoice not sent");
    expect(blockText(failed.blocks)).toContain("Front Payment did not create the invoice.");
    expect(blockText(failed.blocks)).toContain("What you filled in is kept");
    expect(h.frontPayment.orders()).toEqual([]);

    // Two quick clicks: one attempt.
    await Promise.all([modal.click(RETRY_SUBMISSION_ACTION_ID), modal.click(RETRY_SUBMISSION_ACTION_ID)]);
    await waitForTitle(modal, "Invoice created");
    await waitForOrderMessage(h, PRIVATE_CUSTOMER.name);
    expect(submitRequests(h).map((request) => request.outcome)).toEqual([
      { kind: "response", status: 429 },
      { kind: "response", status: 201 },
    ]);
    expect(h.frontPayment.orders()).toHaveLength(1);
    expect(h.slack.workspace.messages(SALES)).toHaveLength(1);
  });

  it.each([500, 510] as const)(
    "%i after Front Payment carried the order out: the outcome is unknown, and no button sends a second order unless the risk is confirmed",
    async (status) => {
      const h = await start();
      h.frontPayment.failNext(status, { endpoint: "submitInvoiceOrder", processFirst: true });
      const { modal } = await sendOrder(h);
      const unknown = await waitForTitle(modal, "Invoice status unknown");
      expect(blockText(unknown.blocks)).toContain("We don't know whether Front Payment created the invoice.");
      // No "Send again" and no "Edit": only "Send anyway", behind a confirmation that names the risk.
      const buttons = JSON.stringify(unknown.blocks);
      expect(buttons).not.toContain(RETRY_SUBMISSION_ACTION_ID);
      expect(buttons).not.toContain(EDIT_SUBMISSION_ACTION_ID);
      expect(buttons).toContain("the customer gets two invoices");
      expect(h.frontPayment.orders()).toHaveLength(1);

      // Front Payment calls back about the order it made: confirmed by Get Order Status, it resolves
      // the unknown order, and "Send anyway" is then refused.
      h.frontPayment.approveBankId(onlyOrder(h).uuid);
      await waitForOrderMessage(h, PRIVATE_CUSTOMER.name);
      await modal.click(CONFIRM_UNKNOWN_RETRY_ACTION_ID);
      await waitForTitle(modal, "Invoice created");
      expect(h.frontPayment.orders()).toHaveLength(1);
      expect(submitRequests(h)).toHaveLength(1);
    },
  );

  it("500 before Front Payment did anything: unknown too, and 'Send anyway' (confirmed) sends it once", async () => {
    const h = await start();
    h.frontPayment.failNext(500, { endpoint: "submitInvoiceOrder" });
    const { modal } = await sendOrder(h);
    await waitForTitle(modal, "Invoice status unknown");
    expect(h.frontPayment.orders()).toEqual([]);
    await Promise.all([
      modal.click(CONFIRM_UNKNOWN_RETRY_ACTION_ID),
      modal.click(CONFIRM_UNKNOWN_RETRY_ACTION_ID),
    ]);
    await waitForTitle(modal, "Invoice created");
    expect(h.frontPayment.orders()).toHaveLength(1);
    expect(submitRequests(h)).toHaveLength(2);
  });

  it("429: 'Edit' brings the form back filled in from what was sent", async () => {
    const h = await start();
    h.frontPayment.failNext(429, { endpoint: "submitInvoiceOrder" });
    const { modal } = await sendOrder(h, PRIVATE_CUSTOMER, {
      lines: [{ name: "Konsulenttime", quantity: "7.5", rate: "1250" }],
    });
    await waitForTitle(modal, "Invoice not sent");

    await modal.click(EDIT_SUBMISSION_ACTION_ID);
    await waitForTitle(modal, "New invoice");
    const [line] = lineKeys(modal) as [string];
    expect(modal.value(BLOCK_IDS.name, ACTION_IDS.name)?.value).toBe(PRIVATE_CUSTOMER.name);
    expect(modal.value(BLOCK_IDS.email, ACTION_IDS.email)?.value).toBe(PRIVATE_CUSTOMER.email);
    expect(modal.value(BLOCK_IDS.personalNumber, ACTION_IDS.personalNumber)?.value).toBe(
      PRIVATE_CUSTOMER.personalNumber,
    );
    expect(modal.value(lineBlockId(line, "quantity"), LINE_ACTION_IDS.quantity)?.value).toBe("7.5");
    expect(modal.value(lineBlockId(line, "rate"), LINE_ACTION_IDS.rate)?.value).toBe("1250");

    expect((await modal.submit()).kind).toBe("updated");
    await waitForTitle(modal, "Invoice created");
    expect(h.frontPayment.orders()).toHaveLength(1);
    expect(onlyOrder(h).request.orderSummary.grandTotal).toBe(9375);
  });
});

describe("Front Payment does not answer", () => {
  it("a timeout after Front Payment created the order: never resent by itself; its callback resolves it, and 'Send anyway' is then refused", async () => {
    const h = await start({ frontPaymentTimeoutMs: CLIENT_TIMEOUT_MS });
    h.frontPayment.failNext("timeout", { endpoint: "submitInvoiceOrder", processFirst: true });
    const { modal } = await sendOrder(h);
    const unknown = await waitForTitle(modal, "Invoice status unknown");
    expect(blockText(unknown.blocks)).toContain("will *not* send it again by itself");
    const sendAnyway = buttonOf(unknown, CONFIRM_UNKNOWN_RETRY_ACTION_ID);
    expect(sendAnyway?.confirm).toMatchObject({ title: { text: "Send the invoice again?" } });
    expect(submitRequests(h)).toHaveLength(1);
    expect(h.slack.workspace.messages(SALES)).toEqual([]);

    // Front Payment did create it; its first callback proves it.
    const order = onlyOrder(h);
    h.frontPayment.approveBankId(order.uuid);
    const message = await waitForOrderMessage(h, PRIVATE_CUSTOMER.name);
    expect(blockText(message.blocks)).toContain(order.uuid);

    await modal.click(CONFIRM_UNKNOWN_RETRY_ACTION_ID);
    await waitForTitle(modal, "Invoice created");
    expect(submitRequests(h)).toHaveLength(1);
    expect(h.frontPayment.orders()).toHaveLength(1);
  });

  it("a timeout before Front Payment created anything: 'Send anyway', once confirmed, sends it", async () => {
    const h = await start({ frontPaymentTimeoutMs: CLIENT_TIMEOUT_MS });
    h.frontPayment.failNext("timeout", { endpoint: "submitInvoiceOrder" });
    const { modal } = await sendOrder(h);
    await waitForTitle(modal, "Invoice status unknown");
    expect(h.frontPayment.orders()).toEqual([]);

    await modal.click(CONFIRM_UNKNOWN_RETRY_ACTION_ID);
    await waitForTitle(modal, "Invoice created");
    await waitForOrderMessage(h, PRIVATE_CUSTOMER.name);
    expect(submitRequests(h)).toHaveLength(2);
    expect(h.frontPayment.orders()).toHaveLength(1);
  });

  it("a dropped connection is an unknown outcome too", async () => {
    const h = await start();
    h.frontPayment.failNext("drop", { endpoint: "submitInvoiceOrder", processFirst: true });
    const { modal } = await sendOrder(h);
    await waitForTitle(modal, "Invoice status unknown");
    expect(submitRequests(h)).toHaveLength(1);
  });

  it("with the modal closed while sending, the outcome comes by direct message, and 'Open' brings back what can be done", async () => {
    const h = await start({ frontPaymentTimeoutMs: CLIENT_TIMEOUT_MS });
    h.frontPayment.failNext("timeout", { endpoint: "submitInvoiceOrder" });
    const { modal, outcome } = await sendOrder(h);
    expect(outcome.kind).toBe("updated");
    // The request is at Front Payment, held; the person closes "Sending…" (no request to the bot).
    await h.frontPayment.waitForRequest({ endpoint: "submitInvoiceOrder" });
    await modal.close();
    expect(modal.isOpen).toBe(false);

    const dm = await h.slack.waitFor(() =>
      h.slack.workspace.messages(KARI_DM).find((message) => message.text.includes("We don't know whether")),
    );
    expect(dm.text).toContain(PRIVATE_CUSTOMER.name);
    expect(dm.text).toContain("It will not be sent again automatically.");
    expect(submitRequests(h)).toHaveLength(1);

    await h.driver.clickMessageButton({ channel: KARI_DM, ts: dm.ts, actionId: OPEN_SUBMISSION_ACTION_ID });
    const reopened = await h.driver.waitForModal({ callbackId: "invoice_submission" });
    expect(reopened.view.title?.text).toBe("Invoice status unknown");
    await reopened.click(CONFIRM_UNKNOWN_RETRY_ACTION_ID);
    await waitForTitle(reopened, "Invoice created");
    await waitForOrderMessage(h, PRIVATE_CUSTOMER.name);
    expect(h.frontPayment.orders()).toHaveLength(1);
  });

  it("a failure the person did not see in the modal can still be edited from the direct message", async () => {
    const h = await start();
    h.frontPayment.setLatency(300);
    h.frontPayment.failNext(429, { endpoint: "submitInvoiceOrder" });
    const { modal } = await sendOrder(h);
    await modal.close();
    const dm = await h.slack.waitFor(() =>
      h.slack.workspace.messages(KARI_DM).find((message) => message.text.includes("was not sent")),
    );
    h.frontPayment.setLatency(0);

    await h.driver.clickMessageButton({ channel: KARI_DM, ts: dm.ts, actionId: OPEN_SUBMISSION_ACTION_ID });
    const reopened = await h.driver.waitForModal({ callbackId: "invoice_submission" });
    await reopened.click(EDIT_SUBMISSION_ACTION_ID);
    await waitForTitle(reopened, "New invoice");
    expect(reopened.value(BLOCK_IDS.personalNumber, ACTION_IDS.personalNumber)?.value).toBe(
      PRIVATE_CUSTOMER.personalNumber,
    );
    expect((await reopened.submit()).kind).toBe("updated");
    await waitForOrderMessage(h, PRIVATE_CUSTOMER.name);
    expect(h.frontPayment.orders()).toHaveLength(1);
  });
});

describe("Slack cannot show the outcome in the modal", () => {
  it("an order Front Payment created is never called 'not sent'; the creator hears of it directly", async () => {
    const h = await start();
    const modal = await openInvoice(h);
    await fillOrder(modal, PRIVATE_CUSTOMER);
    h.slack.controls.failNext("views.update", { error: "fatal_error" });
    expect((await modal.submit()).kind).toBe("updated");
    const dm = await h.slack.waitFor(() =>
      h.slack.workspace
        .messages(KARI_DM)
        .find((message) => message.text.includes("was sent to Front Payment")),
    );
    expect(dm.text).toContain(onlyOrder(h).uuid);
    await waitForOrderMessage(h, PRIVATE_CUSTOMER.name);
    expect(modal.view.title?.text).toBe("Sending invoice");
    const updates = h.slack.workspace.state.calls.filter((call) => call.method === "views.update");
    expect(updates.at(-1)?.error).toBe("fatal_error");
  });
});

describe("two orders, after a person chose 'Send anyway'", () => {
  /** Sends an order whose first attempt Front Payment created without answering, then sends it anyway. */
  async function sentTwice(h: Harness) {
    h.frontPayment.failNext("drop", { endpoint: "submitInvoiceOrder", processFirst: true });
    const { modal } = await sendOrder(h);
    await waitForTitle(modal, "Invoice status unknown");
    return modal;
  }

  it("reports the second order once in the thread; the command it suggests cancels that one, and the invoice stands", async () => {
    const h = await start();
    const modal = await sentTwice(h);
    await modal.click(CONFIRM_UNKNOWN_RETRY_ACTION_ID);
    await waitForTitle(modal, "Invoice created");
    const [first, second] = h.frontPayment.orders() as unknown as [{ uuid: string }, { uuid: string }];
    const message = await waitForOrderMessage(h, PRIVATE_CUSTOMER.name);
    expect(blockText(message.blocks)).toContain(second.uuid);

    // The first attempt's callbacks arrive, twice over.
    h.frontPayment.duplicateCallbacks(1);
    h.frontPayment.approveBankId(first.uuid);
    const [warning] = await waitForReply(h, SALES, message.ts, first.uuid);
    await h.frontPayment.callbacksIdle();
    expect(h.slack.workspace.thread(SALES, message.ts)).toHaveLength(1);
    expect(plain(warning?.text)).toContain(`second order \`${first.uuid}\` for this invoice`);
    const suggested = /`\/invoice (cancel ODR\d+)`/.exec(warning?.text ?? "")?.[1];
    expect(suggested).toBe(`cancel ${first.uuid}`);

    await h.driver.slashCommand({ command: "/invoice", text: `status ${first.uuid}` });
    expect(await waitForEphemeral(h, first.uuid)).toContain(
      `(a second order for the invoice to ${PRIVATE_CUSTOMER.name}, \`${second.uuid}\`): :page_facing_up: Invoiced`,
    );

    const dialog = await (
      await h.driver.slashCommand({ command: "/invoice", text: `${suggested} Sendt to ganger` })
    ).modal();
    expect(blockText(dialog.view.blocks)).toContain(first.uuid);
    await dialog.submit();
    await waitForTitle(dialog, "Invoice cancelled");
    expect(h.frontPayment.order(first.uuid)?.status).toBe("CANCELLED");
    expect(h.frontPayment.order(second.uuid)?.status).toBe("SENT");
    await waitForReply(h, SALES, message.ts, "Cancelled");
    await h.frontPayment.waitForCallback({ orderUuid: first.uuid, status: "CANCELLED", ok: true });
    await h.frontPayment.callbacksIdle();
    expect(h.slack.workspace.thread(SALES, message.ts)).toHaveLength(2);
    expect(blockText(h.slack.workspace.message(SALES, message.ts)?.blocks)).toContain("Waiting for BankID");
  });

  it("a callback about the first attempt while the second is on its way: the modal says there are two", async () => {
    const h = await start();
    const modal = await sentTwice(h);
    const first = onlyOrder(h).uuid;
    h.frontPayment.holdCallbacks();
    h.frontPayment.approveBankId(first);
    // The second attempt takes a while; the first attempt's callback arrives meanwhile.
    h.frontPayment.setLatency(500, { endpoint: "submitInvoiceOrder" });
    await modal.click(CONFIRM_UNKNOWN_RETRY_ACTION_ID);
    await waitForTitle(modal, "Sending invoice");
    await h.frontPayment.releaseCallbacks();

    const created = await waitForTitle(modal, "Invoice created");
    const second = h.frontPayment.orders()[1]?.uuid as string;
    expect(plain(blockText(created.blocks))).toContain(
      `Front Payment has two orders for this invoice: \`${first}\`, and \`${second}\` from sending it again. Cancel one of them: \`/invoice cancel ${second}\``,
    );
    const message = await waitForOrderMessage(h, PRIVATE_CUSTOMER.name);
    expect(blockText(message.blocks)).toContain(first);
  });
});
