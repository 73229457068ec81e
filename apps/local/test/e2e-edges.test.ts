import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  ACTION_IDS,
  BLOCK_IDS,
  CANCEL_NOTE_ACTION_ID,
  CANCEL_NOTE_BLOCK_ID,
  LINE_ACTION_IDS,
  lineBlockId,
  RETRY_SUBMISSION_ACTION_ID,
} from "@fakturabot/slack-bot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  allOrders,
  fillOrder,
  type Harness,
  KARI_DM,
  lineKeys,
  onlyOrder,
  openInvoice,
  PRIVATE_CUSTOMER,
  plain,
  SALES,
  sendOrder,
  startHarness,
  submitRequests,
  submitTampered,
  waitForOrderMessage,
  waitForReply,
  waitForTitle,
} from "./e2e-harness.js";

const DAY_MS = 24 * 60 * 60 * 1000;
let harness: Harness;
/** How far the bot's clock runs ahead of the real one. */
let ahead = 0;
beforeEach(async () => {
  ahead = 0;
  harness = await startHarness({ now: () => new Date(Date.now() + ahead) });
});
afterEach(async () => {
  await harness.dispose();
});

type Values = Parameters<Parameters<typeof submitTampered>[2]>[0];

/** `values` with the element at `blockId`/`actionId` set to `value`, as Slack reports a typed value. */
function typed(values: Values, blockId: string, actionId: string, value: string): Values {
  const element = values[blockId]?.[actionId];
  return {
    ...values,
    [blockId]: { [actionId]: { ...element, type: element?.type ?? "plain_text_input", value } },
  };
}

/** A filled form, ready to be submitted with values Slack's own client would not let through. */
async function filledForm() {
  const modal = await openInvoice(harness);
  await fillOrder(modal, PRIVATE_CUSTOMER);
  const [key] = lineKeys(modal) as [string];
  return { modal, key };
}

async function expectNothingRecorded() {
  expect(await allOrders(harness)).toEqual([]);
  expect(harness.frontPayment.requests).toEqual([]);
  // A restart finds nothing cut off mid-send, so nobody is told "we don't know whether…".
  await harness.bot.deps.orders.recover();
  expect(harness.slack.workspace.messages(KARI_DM)).toEqual([]);
}

describe("numbers beyond what an invoice can hold", () => {
  it("refuses a quantity of 9007199254740993 next to the field, and records nothing", async () => {
    const { modal, key } = await filledForm();
    const block = lineBlockId(key, "quantity");
    const { status, answer } = await submitTampered(harness, modal, (values) =>
      typed(values, block, LINE_ACTION_IDS.quantity, "9007199254740993"),
    );
    expect(status).toBe(200);
    expect(answer.response_action).toBe("errors");
    expect(plain(answer.errors?.[block])).toBe("Quantity must be at most 1,000,000");
    await expectNothingRecorded();
  });

  it("refuses 1 000 000 × 999 999 999 kr next to the unit price, and records nothing", async () => {
    const { modal, key } = await filledForm();
    const rate = lineBlockId(key, "rate");
    const { answer } = await submitTampered(harness, modal, (values) =>
      typed(
        typed(values, lineBlockId(key, "quantity"), LINE_ACTION_IDS.quantity, "1000000"),
        rate,
        LINE_ACTION_IDS.rate,
        "999999999",
      ),
    );
    expect(answer.response_action).toBe("errors");
    expect(plain(answer.errors?.[rate])).toBe("Unit price must be at most NOK 10,000,000");
    await expectNothingRecorded();
  });

  it("refuses a total above the maximum invoice total with a plain message, and records nothing", async () => {
    const { modal, key } = await filledForm();
    const rate = lineBlockId(key, "rate");
    const { answer } = await submitTampered(harness, modal, (values) =>
      typed(
        typed(values, lineBlockId(key, "quantity"), LINE_ACTION_IDS.quantity, "1000"),
        rate,
        LINE_ACTION_IDS.rate,
        "9999999",
      ),
    );
    expect(answer.response_action).toBe("errors");
    expect(plain(answer.errors?.[rate])).toBe(
      "The invoice's total, NOK 9,999,999,000.00, is more than the NOK 10,000,000.00 an invoice may have: split it into several invoices",
    );
    await expectNothingRecorded();
  });
});

describe("text longer than its input allows", () => {
  it("refuses a 100 KB customer name next to the field, and records nothing", async () => {
    const { modal } = await filledForm();
    const { answer } = await submitTampered(harness, modal, (values) =>
      typed(values, BLOCK_IDS.name, ACTION_IDS.name, "K".repeat(100_000)),
    );
    expect(answer.response_action).toBe("errors");
    expect(answer.errors?.[BLOCK_IDS.name]).toBe("Full name must be at most 255 characters");
    await expectNothingRecorded();
  });
});

describe("what people type, shown in Slack", () => {
  const NAME = "Kari <!channel> *bold* _it_ ~gone~ `code` & Co";
  /** The name as it must reach Slack's mrkdwn: control characters escaped, formatting inert. */
  const ESCAPED =
    "Kari &lt;!channel&gt; *\u200bbold*\u200b _\u200bit_\u200b ~\u200bgone~\u200b `\u200bcode`\u200b &amp; Co";

  it("escapes a customer name in the message's text and blocks and in the cancel confirmation", async () => {
    const { modal } = await sendOrder(harness, { ...PRIVATE_CUSTOMER, name: NAME });
    await waitForTitle(modal, "Invoice created");
    const message = await waitForOrderMessage(harness, "Kari &lt;!channel&gt;");
    expect(message.text).toContain(`Invoice to ${ESCAPED}:`);
    expect(message.text).not.toContain("<!channel>");
    const blocks = JSON.stringify(message.blocks);
    expect(blocks).toContain(JSON.stringify(ESCAPED).slice(1, -1));
    expect(blocks).not.toContain("<!channel>");
    expect(blocks).not.toContain("*bold*");
    // Stored as typed: only what reaches Slack is escaped.
    expect(onlyOrder(harness).request.customerDetails.name).toBe(NAME);

    const command = await harness.driver.slashCommand({
      command: "/invoice",
      text: `cancel ${onlyOrder(harness).uuid} Feil kunde`,
      userId: modal.userId,
      channelId: SALES,
    });
    const dialog = await command.modal();
    expect(JSON.stringify(dialog.view.blocks)).toContain(
      JSON.stringify(`Cancel the invoice to *${ESCAPED}* for`).slice(1, -1),
    );
  });

  it("opens the cancel confirmation with a 600-character note cut to the input's 500", async () => {
    const { modal } = await sendOrder(harness);
    await waitForTitle(modal, "Invoice created");
    const note = "Kunden ombestemte seg. ".repeat(30).slice(0, 600);
    const command = await harness.driver.slashCommand({
      command: "/invoice",
      text: `cancel ${onlyOrder(harness).uuid} ${note}`,
      userId: modal.userId,
      channelId: SALES,
    });
    const dialog = await command.modal();
    expect(dialog.value(CANCEL_NOTE_BLOCK_ID, CANCEL_NOTE_ACTION_ID)?.value).toBe(note.slice(0, 500));
  });

  it("refuses a cancellation note longer than the input takes, sending nothing", async () => {
    const { modal } = await sendOrder(harness);
    await waitForTitle(modal, "Invoice created");
    const command = await harness.driver.slashCommand({
      command: "/invoice",
      text: `cancel ${onlyOrder(harness).uuid} Feil`,
      userId: modal.userId,
      channelId: SALES,
    });
    const dialog = await command.modal();
    const { answer } = await submitTampered(harness, dialog, (values) =>
      typed(values, CANCEL_NOTE_BLOCK_ID, CANCEL_NOTE_ACTION_ID, "x".repeat(501)),
    );
    expect(answer).toEqual({
      response_action: "errors",
      errors: { [CANCEL_NOTE_BLOCK_ID]: "The reason must be at most 500 characters." },
    });
    expect(harness.frontPayment.requests.filter((request) => request.endpoint === "cancelOrder")).toEqual([]);
  });
});

describe("the customer stops at BankID", () => {
  it("is said once in the order's thread, as what it is; a reload of the page says nothing more", async () => {
    const { modal } = await sendOrder(harness);
    await waitForTitle(modal, "Invoice created");
    const message = await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
    const order = onlyOrder(harness);
    harness.frontPayment.rejectBankId(order.uuid);
    const failurePage = order.request.callback.failure;
    expect((await fetch(failurePage)).status).toBe(200);
    const thread = await waitForReply(harness, SALES, message.ts, "The customer stopped at BankID");
    expect(thread).toHaveLength(1);

    // The page answers once the order is decided: a reload decides nothing, so nothing is queued.
    expect((await fetch(failurePage)).status).toBe(200);
    expect(harness.slack.workspace.thread(SALES, message.ts)).toHaveLength(1);
    // The success page tells the seller nothing: Front Payment's callbacks do.
    expect((await fetch(order.request.callback.success)).status).toBe(200);
    expect(harness.slack.workspace.thread(SALES, message.ts)).toHaveLength(1);
  });

  it("says nothing for an order that was never created, nor for a made-up one", async () => {
    harness.frontPayment.failNext(429, { endpoint: "submitInvoiceOrder" });
    const { modal } = await sendOrder(harness);
    await waitForTitle(modal, "Invoice not sent");
    const [failed] = await allOrders(harness);
    expect((await fetch(`${harness.running.url}/frontpayment/return/${failed?.id}/failure`)).status).toBe(
      200,
    );
    expect((await fetch(`${harness.running.url}/frontpayment/return/FB0MADEUP/failure`)).status).toBe(404);
    expect(harness.slack.workspace.messages(SALES)).toEqual([]);
    expect(harness.slack.workspace.messages(KARI_DM)).toEqual([]);
  });
});

describe("a kept request expires", () => {
  /** Every file of the store, as text, to look for what must not be on disk. */
  function storeFiles(): string {
    return readdirSync(harness.dataDir)
      .map((file) => readFileSync(join(harness.dataDir, file)).toString("latin1"))
      .join("\n");
  }

  it("after the configured days: the personal number leaves the disk, the order can't be sent, the creator is told once", async () => {
    harness.frontPayment.failNext(429, { endpoint: "submitInvoiceOrder" });
    const { modal } = await sendOrder(harness);
    await waitForTitle(modal, "Invoice not sent");
    const expire = async () => {
      const expired = await harness.bot.deps.orders.expireKeptRequests();
      await Promise.all(expired.map(({ effects }) => effects));
      return expired.length;
    };

    ahead = 6 * DAY_MS;
    expect(await expire()).toBe(0);
    expect((await allOrders(harness))[0]?.state).toBe("failed");
    expect(storeFiles()).toContain(PRIVATE_CUSTOMER.personalNumber);

    ahead = 7 * DAY_MS + 1000;
    expect(await expire()).toBe(1);
    const [order] = await allOrders(harness);
    expect(order).toMatchObject({ state: "expired", customerName: PRIVATE_CUSTOMER.name });
    expect(order && "request" in order).toBe(false);
    expect(storeFiles()).not.toContain(PRIVATE_CUSTOMER.personalNumber);
    const told = () =>
      harness.slack.workspace.messages(KARI_DM).filter((dm) => dm.text.includes("was never sent"));
    expect(told()).toHaveLength(1);
    expect(plain(told()[0]?.text)).toContain("after 7 days its details are erased");

    expect(await expire()).toBe(0);
    expect(told()).toHaveLength(1);
    await modal.click(RETRY_SUBMISSION_ACTION_ID);
    await waitForTitle(modal, "Invoice expired");
    expect(submitRequests(harness)).toHaveLength(1);
  });
});
