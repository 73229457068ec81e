import { createFrontPaymentClient } from "@fakturabot/client";
import type { ModalHandle, SlackMessage } from "@fakturabot/sandbox";
import {
  CANCEL_NOTE_ACTION_ID,
  CANCEL_NOTE_BLOCK_ID,
  LINE_ACTION_IDS,
  lineBlockId,
  ORDER_ACTION_IDS,
  overflowValue,
  REFUND_IDS,
  RESEND_IDS,
  refundLineBlockId,
} from "@fakturabot/slack-bot";
import { afterEach, describe, expect, it } from "vitest";
import { LOCAL_SECRETS } from "../src/stack.js";
import {
  blockText,
  callbackUrlOf,
  type Harness,
  INGRID,
  KARI,
  lineKeys,
  OLA,
  onlyOrder,
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
afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

const EMIL = "U0EMILVIK";
const NOT_ALLOWED = "Sorry, you can't send invoices with Fakturabot yet. Ask your Slack admin to add you.";

/** Kari, Ola and Ingrid may use Fakturabot (Emil may not); Ingrid is an admin. */
async function start(): Promise<Harness> {
  harness = await startHarness({
    access: { allowedUserIds: [KARI, OLA, INGRID], allowedChannelIds: [], adminUserIds: [INGRID] },
  });
  return harness;
}

/** Kari's order to Kari Nordmann (2 × 1 250 kr), shown in #sales. */
async function sentOrder(h: Harness) {
  const { modal } = await sendOrder(h);
  await waitForTitle(modal, "Invoice created");
  await modal.close();
  const message = await waitForOrderMessage(h, PRIVATE_CUSTOMER.name);
  const order = onlyOrder(h);
  return { message, order, ours: callbackUrlOf(order).ours };
}

function current(h: Harness, message: SlackMessage): SlackMessage {
  return h.slack.workspace.message(SALES, message.ts) as SlackMessage;
}

/** The controls the message offers now: its buttons' action ids, then its overflow options' actions. */
function controls(h: Harness, message: SlackMessage): string[] {
  const found: string[] = [];
  for (const block of current(h, message).blocks as {
    type: string;
    elements?: Record<string, unknown>[];
  }[]) {
    if (block.type !== "actions") continue;
    for (const element of block.elements ?? []) {
      if (element.type === "button") found.push(String(element.action_id).replace("order_message.", ""));
      if (element.type === "overflow") {
        for (const option of element.options as { value: string }[])
          found.push(`more:${option.value.split(":")[0]}`);
      }
    }
  }
  return found;
}

/** Waits until the message offers exactly `expected`. */
function waitForControls(h: Harness, message: SlackMessage, expected: string[]) {
  return h.slack.waitFor(() => JSON.stringify(controls(h, message)) === JSON.stringify(expected), {
    what: `the controls ${expected.join(", ")} (now ${controls(h, message).join(", ")})`,
  });
}

function waitForMessageText(h: Harness, message: SlackMessage, text: string) {
  return h.slack.waitFor(() => blockText(current(h, message).blocks).includes(text), {
    what: `the message to say ${JSON.stringify(text)}`,
  });
}

function click(h: Harness, message: SlackMessage, action: keyof typeof ORDER_ACTION_IDS, userId = KARI) {
  return h.driver.clickMessageButton({
    channel: SALES,
    ts: message.ts,
    actionId: ORDER_ACTION_IDS[action],
    userId,
  });
}

function choose(h: Harness, message: SlackMessage, action: "refresh" | "copy", ours: string, userId = KARI) {
  return h.driver.chooseMessageOverflow({
    channel: SALES,
    ts: message.ts,
    actionId: ORDER_ACTION_IDS.more,
    value: overflowValue(action, ours),
    userId,
  });
}

/** The modal a click opened for `userId`, once it is the form titled `title` (after "one moment"). */
async function modalTitled(h: Harness, title: string, userId = KARI): Promise<ModalHandle> {
  await h.slack.waitFor(
    () => {
      const view = h.slack.workspace.openModal(userId)?.stack.at(-1)?.view;
      return view?.title?.text === title && Boolean(view.callback_id);
    },
    { what: `the form ${title} open for ${userId}` },
  );
  return h.driver.modal(userId);
}

function endpointCalls(h: Harness, endpoint: string) {
  return h.frontPayment.requests.filter((request) => request.endpoint === endpoint);
}

describe("the order message as a control panel", () => {
  it("tells the story and offers only the buttons that fit, changing as the status changes", async () => {
    const h = await start();
    const { message, order } = await sentOrder(h);
    const text = blockText(current(h, message).blocks);
    expect(text).toContain("Waiting for BankID");
    expect(text).toContain("• 2 × Konsulenttime: NOK 2,500.00");
    expect(text).toMatch(/\*Due\*\n\d{1,2} [A-Z][a-z]{2}/);
    expect(controls(h, message)).toEqual(["resend", "edit", "cancel", "more:refresh", "more:copy"]);

    h.frontPayment.approveBankId(order.uuid);
    await waitForControls(h, message, ["resend", "cancel", "more:refresh", "more:copy"]);
    // The invoice number is asked for once Front Payment has one.
    const invoiceNumber = h.frontPayment.order(order.uuid)?.invoiceNumber as string;
    await waitForMessageText(h, message, `*Invoice number*\n${invoiceNumber}`);
    expect(blockText(current(h, message).blocks)).toMatch(/Invoiced, due \d{1,2} [A-Z][a-z]{2}/);

    h.frontPayment.markPaid(order.uuid, { paymentMethod: "Visa" });
    await waitForControls(h, message, ["refund", "more:refresh", "more:copy"]);
    expect(blockText(current(h, message).blocks)).toContain("Paid by Visa");
    const thread = await waitForReply(h, SALES, message.ts, "Paid by Visa");
    expect(thread.map((reply) => plain(reply.text))[0]).toMatch(/^:page_facing_up: Invoiced, due /);
  });

  it("lists the first three lines and how many more", async () => {
    const h = await start();
    const lines = ["A", "B", "C", "D", "E"].map((name) => ({ name: `Vare ${name}`, rate: "100" }));
    await sendOrder(h, PRIVATE_CUSTOMER, { lines });
    const message = await waitForOrderMessage(h, PRIVATE_CUSTOMER.name);
    const text = blockText(message.blocks);
    expect(text).toContain(
      "• 1 × Vare A: NOK 100.00\n• 1 × Vare B: NOK 100.00\n• 1 × Vare C: NOK 100.00\n+2 more",
    );
    expect(text).not.toContain("Vare D");
  });

  it("Send link again: anyone in the channel, prefilled from Front Payment, validated, and says where it went", async () => {
    const h = await start();
    const { message, order } = await sentOrder(h);

    // Someone the allowlist leaves out is told, and Front Payment is not asked.
    await click(h, message, "resend", EMIL);
    expect(await waitForEphemeral(h, "Sorry", EMIL)).toBe(NOT_ALLOWED);
    expect(h.slack.workspace.openModal(EMIL)).toBeUndefined();

    await click(h, message, "resend", OLA);
    const modal = await modalTitled(h, "Send link again", OLA);
    expect(modal.value(RESEND_IDS.email.block, RESEND_IDS.email.action)?.value).toBe(PRIVATE_CUSTOMER.email);
    expect(modal.value(RESEND_IDS.mobile.block, RESEND_IDS.mobile.action)?.value).toBe(
      PRIVATE_CUSTOMER.mobile,
    );

    await modal.fill(RESEND_IDS.email.block, RESEND_IDS.email.action, "");
    await modal.fill(RESEND_IDS.mobile.block, RESEND_IDS.mobile.action, "");
    expect((await modal.submit()).kind).toBe("errors");
    expect(modal.errors).toEqual({ [RESEND_IDS.email.block]: "Give an email, a mobile number, or both." });
    await modal.fill(RESEND_IDS.mobile.block, RESEND_IDS.mobile.action, "4656 746");
    expect((await modal.submit()).kind).toBe("errors");
    expect(modal.errors).toEqual({ [RESEND_IDS.mobile.block]: "Mobile must be 8 digits for +47" });
    expect(endpointCalls(h, "resendOrder")).toEqual([]);

    await modal.fill(RESEND_IDS.email.block, RESEND_IDS.email.action, "kari@firma.example");
    await modal.fill(RESEND_IDS.mobile.block, RESEND_IDS.mobile.action, "465 67 469");
    await modal.submit();
    const done = await waitForTitle(modal, "Link sent again");
    expect(blockText(done.blocks)).toBe(
      ":outbox_tray: Front Payment sent the payment link again by email to kari@firma.example and by SMS to +47 46567469.",
    );
    expect(h.frontPayment.order(order.uuid)?.resends).toEqual([
      { email: "kari@firma.example", countryCode: "+47", msisdn: "46567469" },
    ]);
    await waitForReply(h, SALES, message.ts, `<@${OLA}> sent the payment link again by email and SMS`);
  });

  it("Refresh status: Front Payment's word, the message caught up, told only to who asked", async () => {
    const h = await start();
    const { message, order, ours } = await sentOrder(h);
    h.frontPayment.holdCallbacks();
    h.frontPayment.approveBankId(order.uuid);
    await choose(h, message, "refresh", ours, OLA);
    expect(await waitForEphemeral(h, "Front Payment says", OLA)).toMatch(
      /^Front Payment says: :page_facing_up: Invoiced, due \d/,
    );
    await waitForControls(h, message, ["resend", "cancel", "more:refresh", "more:copy"]);
    await choose(h, message, "refresh", ours, OLA);
    expect(await waitForEphemeral(h, "No change", OLA)).toMatch(/^No change: :page_facing_up: Invoiced/);
    await choose(h, message, "refresh", ours, EMIL);
    expect(await waitForEphemeral(h, "Sorry", EMIL)).toBe(NOT_ALLOWED);
  });

  it("Cancel…: only its creator or an admin, with the reason, and the message says who and why", async () => {
    const h = await start();
    const { message, order } = await sentOrder(h);
    await click(h, message, "cancel", OLA);
    expect(await waitForEphemeral(h, "Cancel", OLA)).toBe(
      `Cancel: only <@${KARI}>, who sent it, or a Fakturabot admin can do that.`,
    );
    expect(h.slack.workspace.openModal(OLA)).toBeUndefined();

    await click(h, message, "cancel", INGRID);
    const dialog = await h.driver.waitForModal({ userId: INGRID });
    await dialog.fill(CANCEL_NOTE_BLOCK_ID, CANCEL_NOTE_ACTION_ID, "Feil beløp <!channel>");
    await dialog.submit();
    await waitForTitle(dialog, "Invoice cancelled");
    expect(h.frontPayment.order(order.uuid)?.status).toBe("CANCELLED");
    await waitForMessageText(h, message, `Cancelled by <@${INGRID}>: Feil beløp &lt;!channel&gt;`);
    await waitForReply(h, SALES, message.ts, `Cancelled by <@${INGRID}>`);
    await waitForControls(h, message, ["more:copy"]);
  });

  it("Refund…: never more than is left, a partial refund then the rest, each confirmed with its amount", async () => {
    const h = await start();
    const { message, order } = await sentOrder(h);
    h.frontPayment.approveBankId(order.uuid);
    h.frontPayment.markPaid(order.uuid, { paymentMethod: "Visa" });
    await waitForControls(h, message, ["refund", "more:refresh", "more:copy"]);

    await click(h, message, "refund", OLA);
    expect(await waitForEphemeral(h, "Refund", OLA)).toContain(`only <@${KARI}>, who sent it`);

    // Part of it: more than the line is refused next to it, before anything is sent.
    await click(h, message, "refund");
    const form = await modalTitled(h, "Refund");
    expect(blockText(form.view.blocks)).toContain("*NOK 2,500.00* can be refunded");
    const lineId = h.frontPayment.order(order.uuid)?.lineIds[0] as number;
    await form.fill(REFUND_IDS.scope.block, REFUND_IDS.scope.action, "lines");
    await form.fill(refundLineBlockId(lineId), REFUND_IDS.lineAction, "2 500,01");
    expect((await form.submit()).kind).toBe("errors");
    expect(plain(form.errors[refundLineBlockId(lineId)])).toBe("At most NOK 2,500.00 is left of this line.");
    await form.fill(refundLineBlockId(lineId), REFUND_IDS.lineAction, "500");
    await form.submit();
    const confirm = await waitForTitle(form, "Confirm refund");
    expect(plain(confirm.submit?.text)).toBe("Refund NOK 500.00");
    expect(blockText(confirm.blocks)).toContain("Refund *NOK 500.00* to *Kari Nordmann*?");
    expect(endpointCalls(h, "refundOrder")).toEqual([]);
    await form.submit();
    await waitForTitle(form, "Refunded");
    expect(h.frontPayment.order(order.uuid)).toMatchObject({
      status: "PARTIAL REFUNDED",
      refundedAmount: 500,
    });
    await waitForMessageText(h, message, "Refunded NOK 500.00 of NOK 2,500.00");
    await waitForReply(
      h,
      SALES,
      message.ts,
      `<@${KARI}> refunded NOK 500.00 (NOK 500.00 of NOK 2,500.00 in all)`,
    );
    await waitForControls(h, message, ["refund", "more:refresh", "more:copy"]);

    // The rest: "everything left" is what is left of the line.
    await click(h, message, "refund");
    const rest = await modalTitled(h, "Refund");
    expect(blockText(rest.view.blocks)).toContain("*NOK 2,000.00* can be refunded");
    await rest.submit();
    expect(plain((await waitForTitle(rest, "Confirm refund")).submit?.text)).toBe("Refund NOK 2,000.00");
    await rest.submit();
    await waitForTitle(rest, "Refunded");
    expect(h.frontPayment.order(order.uuid)).toMatchObject({ status: "REFUNDED", refundedAmount: 2500 });
    await waitForMessageText(h, message, "Refunded NOK 2,500.00");
    await waitForControls(h, message, ["more:copy"]);
    expect(h.frontPayment.order(order.uuid)?.refunds.map((refund) => refund.request.grandTotal)).toEqual([
      500, 2000,
    ]);
  });

  it("Refund…: refused when more than is left of what was paid by the time it is confirmed", async () => {
    const h = await start();
    const { message, order } = await sentOrder(h);
    h.frontPayment.approveBankId(order.uuid);
    h.frontPayment.markPaid(order.uuid);
    await waitForControls(h, message, ["refund", "more:refresh", "more:copy"]);
    await click(h, message, "refund");
    const form = await modalTitled(h, "Refund");
    await form.submit();
    await waitForTitle(form, "Confirm refund");

    // Meanwhile 2 000 kr is refunded in Front Payment Go itself.
    const lineId = h.frontPayment.order(order.uuid)?.lineIds[0] as number;
    const frontPayment = createFrontPaymentClient({
      token: LOCAL_SECRETS.frontPaymentToken,
      baseUrl: h.frontPayment.url,
    });
    await frontPayment.refundOrder(order.uuid, {
      type: "invoiced",
      grandTotal: 2000,
      products: [{ id: lineId, amount: 2000 }],
    });

    await form.submit();
    const refused = await waitForTitle(form, "Not refunded");
    expect(plain(blockText(refused.blocks))).toBe(
      "Nothing was refunded: NOK 2,500.00 is more than is left of what was paid (NOK 500.00).",
    );
    expect(h.frontPayment.order(order.uuid)?.refunds).toHaveLength(1);
  });

  it("Edit…: the corrected order updates the same Front Payment order; once invoiced it is refused", async () => {
    const h = await start();
    const { message, order } = await sentOrder(h);
    await click(h, message, "edit", OLA);
    expect(await waitForEphemeral(h, "Edit", OLA)).toContain(`only <@${KARI}>, who sent it`);

    await click(h, message, "edit");
    const form = patient(await modalTitled(h, "Edit invoice"));
    expect(blockText(form.view.blocks)).toContain(`This corrects Front Payment order ${order.uuid} before`);
    const [key] = lineKeys(form);
    expect(form.value(lineBlockId(key as string, "quantity"), LINE_ACTION_IDS.quantity)?.value).toBe("2");
    await form.fill(lineBlockId(key as string, "quantity"), LINE_ACTION_IDS.quantity, "3");
    await form.submit();
    const done = await waitForTitle(form, "Invoice corrected");
    expect(plain(blockText(done.blocks))).toContain(
      `Front Payment updated \`${order.uuid}\`: now NOK 3,750.00`,
    );

    // Exactly one Front Payment order, with the corrected line, its BankID link and status kept.
    expect(h.frontPayment.orders()).toHaveLength(1);
    const updated = onlyOrder(h);
    expect(updated).toMatchObject({ uuid: order.uuid, status: "SENT", bankIdUrl: order.bankIdUrl });
    expect(updated.request.products).toMatchObject([{ name: "Konsulenttime", quantity: 3, amount: 3750 }]);
    expect(submitRequests(h).at(-1)?.effect).toBe("updated");
    await waitForMessageText(h, message, "• 3 × Konsulenttime: NOK 3,750.00");
    expect(plain(current(h, message).text)).toContain("NOK 3,750.00");
    await waitForReply(h, SALES, message.ts, `<@${KARI}> corrected the invoice`);

    // The customer confirms while the bot has not heard yet: Front Payment refuses the edit.
    h.frontPayment.holdCallbacks();
    h.frontPayment.approveBankId(order.uuid);
    await click(h, message, "edit");
    const late = patient(await modalTitled(h, "Edit invoice"));
    await late.submit();
    const refused = await waitForTitle(late, "Not corrected");
    expect(blockText(refused.blocks)).toContain("Make a refund or credit note instead.");
    expect(h.frontPayment.orders()).toHaveLength(1);
    expect(onlyOrder(h).request.products).toMatchObject([{ quantity: 3 }]);
  });

  it("Copy as new invoice: the form filled from this one, sent as a new order", async () => {
    const h = await start();
    const { message, ours } = await sentOrder(h);
    await choose(h, message, "copy", ours, EMIL);
    expect(await waitForEphemeral(h, "Sorry", EMIL)).toBe(NOT_ALLOWED);
    expect(h.slack.workspace.openModal(EMIL)).toBeUndefined();

    await choose(h, message, "copy", ours, OLA);
    const form = patient(await modalTitled(h, "New invoice", OLA));
    expect(blockText(form.view.blocks)).not.toContain("This corrects");
    await form.submit();
    await waitForTitle(form, "Invoice created");
    expect(h.frontPayment.orders()).toHaveLength(2);
    const [first, copy] = h.frontPayment.orders();
    expect(copy?.request.products).toEqual(first?.request.products);
    expect(copy?.request.customerDetails).toEqual(first?.request.customerDetails);
    expect(copy?.uuid).not.toBe(first?.uuid);
  });
});
