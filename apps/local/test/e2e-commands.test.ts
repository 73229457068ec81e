import { CANCEL_NOTE_ACTION_ID, CANCEL_NOTE_BLOCK_ID } from "@fakturabot/slack-bot";
import { afterEach, describe, expect, it } from "vitest";
import {
  blockText,
  callbackUrlOf,
  ephemeralTexts,
  FINANCE,
  GENERAL,
  type Harness,
  type HarnessOptions,
  INGRID,
  KARI,
  OLA,
  onlyOrder,
  PRIVATE_CUSTOMER,
  plain,
  SALES,
  sendOrder,
  startHarness,
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

async function start(options: HarnessOptions = {}): Promise<Harness> {
  harness = await startHarness(options);
  return harness;
}

/** An order sent from #sales by Kari and shown there; `ours` is the bot's `FB…` reference. */
async function sentOrder(h: Harness) {
  await sendOrder(h);
  const message = await waitForOrderMessage(h, PRIVATE_CUSTOMER.name);
  const order = onlyOrder(h);
  const { ours } = callbackUrlOf(order);
  return { message, order, ours };
}

function invoice(h: Harness, text: string, userId: string = KARI) {
  return h.driver.slashCommand({ command: "/invoice", text, userId, channelId: SALES });
}

describe("/invoice help", () => {
  it("answers only the person who asked, with every command", async () => {
    const h = await start();
    const answer = await invoice(h, "help");
    expect(answer.status).toBe(200);
    const [help] = ephemeralTexts(h);
    expect(help).toContain("/invoice status <order>");
    expect(help).toContain("/invoice cancel <order> [note]");
    expect(h.slack.workspace.messages(SALES)).toEqual([]);
    expect(h.slack.workspace.openModal(KARI)).toBeUndefined();
  });

  it("says what is wrong with a command it cannot use", async () => {
    const h = await start();
    await invoice(h, "status");
    await invoice(h, "cancel 12345");
    expect(ephemeralTexts(h)).toEqual([
      "Which order? Try `/invoice status ODR4286244937`.",
      "`12345` is not an order id. Use the Front Payment order (`ODR…`) or our reference (`FB…`) from the invoice message.",
    ]);
  });
});

describe("/invoice status", () => {
  it("asks Front Payment, by its order id or ours, and catches the channel message up", async () => {
    const h = await start();
    const { message, order, ours } = await sentOrder(h);
    await invoice(h, `status ${order.uuid}`);
    expect((await waitForEphemeral(h, order.uuid)).split("\n")[0]).toBe(
      `*\`${order.uuid}\`* to Kari Nordmann: :hourglass_flowing_sand: Waiting for BankID (total NOK 2,500.00)`,
    );

    // The customer approved, but the callback has not come (yet).
    h.frontPayment.holdCallbacks();
    h.frontPayment.approveBankId(order.uuid);
    await invoice(h, `status ${ours.toLowerCase()}`);
    expect(await waitForEphemeral(h, ":page_facing_up: Invoiced")).toContain(order.uuid);
    await waitForReply(h, SALES, message.ts, "Invoiced");
    expect(blockText(h.slack.workspace.message(SALES, message.ts)?.blocks)).toContain("Invoiced");

    // The late callback changes nothing more.
    await h.frontPayment.releaseCallbacks();
    h.frontPayment.markPaid(order.uuid);
    const thread = await waitForReply(h, SALES, message.ts, "Paid");
    expect(thread.map((reply) => plain(reply.text).split(",")[0])).toEqual([
      ":page_facing_up: Invoiced",
      ":white_check_mark: Paid by invoice",
    ]);
  });

  it("says so about an order it does not know, or one never created", async () => {
    const h = await start();
    await invoice(h, "status FB0000000000000");
    expect(await waitForEphemeral(h, "FB0000000000000")).toBe(
      "I don't know an invoice `FB0000000000000` that you can see. Use the id from the invoice message.",
    );

    h.frontPayment.failNext(429, { endpoint: "submitInvoiceOrder" });
    const { modal } = await sendOrder(h);
    await waitForTitle(modal, "Invoice not sent");
    const failed = JSON.stringify(modal.view.blocks).match(/FB[0-9A-Z]+/)?.[0] as string;
    await invoice(h, `status ${failed}`);
    expect(await waitForEphemeral(h, "never created")).toContain(
      `\`${failed}\` was never created at Front Payment (failed: `,
    );
  });

  it("shows only orders Fakturabot sent, to their creator, admins and whoever asks in their channel", async () => {
    const h = await start({ access: { allowedChannelIds: [], allowedUserIds: [], adminUserIds: [INGRID] } });
    const { order } = await sentOrder(h);
    const ask = (userId: string, channelId: string, reference = order.uuid) =>
      h.driver.slashCommand({ command: "/invoice", text: `status ${reference}`, userId, channelId });
    const before = statusLookups(h);

    // Someone else, elsewhere: told nothing, and Front Payment is not asked.
    await ask(OLA, GENERAL);
    expect(await waitForEphemeral(h, order.uuid, OLA)).toBe(
      `I don't know an invoice \`${order.uuid}\` that you can see. Use the id from the invoice message.`,
    );
    // An order on the Front Payment account that Fakturabot never sent: the same, to anyone.
    const foreign = h.frontPayment.orders().length;
    await ask(KARI, SALES, "ODR1234567890");
    expect(await waitForEphemeral(h, "ODR1234567890")).toContain("that you can see");
    expect(h.frontPayment.orders()).toHaveLength(foreign);
    expect(statusLookups(h)).toBe(before);

    // The same person in the order's channel, the creator anywhere, an admin anywhere: the status.
    for (const [userId, channelId] of [
      [OLA, SALES],
      [KARI, GENERAL],
      [INGRID, FINANCE],
    ] as const) {
      await ask(userId, channelId);
      expect(await waitForEphemeral(h, "Waiting for BankID", userId)).toContain(
        `*\`${order.uuid}\`* to Kari Nordmann`,
      );
    }
    expect(statusLookups(h)).toBe(before + 3);
  });
});

/** How many times Front Payment was asked for an order's status. */
function statusLookups(h: Harness): number {
  return h.frontPayment.requests.filter((request) => request.endpoint === "getOrderStatus").length;
}

describe("/invoice cancel", () => {
  it("by its creator: confirmed with a reason, cancelled at Front Payment and in the channel", async () => {
    const h = await start();
    const { message, order } = await sentOrder(h);
    const command = await invoice(h, `cancel ${order.uuid} Kunden ombestemte seg`);
    const dialog = await command.modal();
    expect(blockText(dialog.view.blocks)).toContain(
      "Cancel the invoice to *Kari Nordmann* for *NOK 2,500.00*",
    );
    expect(dialog.value(CANCEL_NOTE_BLOCK_ID, CANCEL_NOTE_ACTION_ID)?.value).toBe("Kunden ombestemte seg");
    expect(h.frontPayment.requests.filter((request) => request.endpoint === "cancelOrder")).toEqual([]);

    expect((await dialog.submit()).kind).toBe("updated");
    const done = await waitForTitle(dialog, "Invoice cancelled");
    expect(blockText(done.blocks)).toContain("The customer can no longer pay it.");
    expect(h.frontPayment.order(order.uuid)).toMatchObject({
      status: "CANCELLED",
      cancellationNote: "Kunden ombestemte seg",
    });
    await waitForReply(h, SALES, message.ts, "Cancelled");
    expect(blockText(h.slack.workspace.message(SALES, message.ts)?.blocks)).toContain("Cancelled");

    // Front Payment's own CANCELLED callback is the same news: no second reply.
    await h.frontPayment.waitForCallback({ orderUuid: order.uuid, status: "CANCELLED", ok: true });
    expect(h.slack.workspace.thread(SALES, message.ts)).toHaveLength(1);
  });

  it("needs a reason before anything is sent", async () => {
    const h = await start();
    const { order } = await sentOrder(h);
    const dialog = await (await invoice(h, `cancel ${order.uuid}`)).modal();
    await dialog.fill(CANCEL_NOTE_BLOCK_ID, CANCEL_NOTE_ACTION_ID, "   ");
    expect((await dialog.submit()).kind).toBe("errors");
    expect(dialog.errors).toEqual({ [CANCEL_NOTE_BLOCK_ID]: "Say why the invoice is cancelled." });
    expect(h.frontPayment.order(order.uuid)?.status).toBe("SENT");
  });

  it("not by someone else, but by an admin", async () => {
    const h = await start({
      access: { allowedUserIds: [], allowedChannelIds: [], adminUserIds: ["U0INGBERG"] },
    });
    const { order } = await sentOrder(h);
    await invoice(h, `cancel ${order.uuid}`, OLA);
    expect(await waitForEphemeral(h, "can cancel", OLA)).toBe(
      `Only <@${KARI}>, who sent it, or a Fakturabot admin can cancel \`${order.uuid}\`.`,
    );
    expect(h.slack.workspace.openModal(OLA)).toBeUndefined();

    const dialog = await (await invoice(h, `cancel ${order.uuid} Duplicate`, "U0INGBERG")).modal();
    await dialog.submit();
    await waitForTitle(dialog, "Invoice cancelled");
    expect(h.frontPayment.order(order.uuid)?.status).toBe("CANCELLED");
  });

  it("says plainly that a paid invoice can't be cancelled, whether the bot knew it was paid or not", async () => {
    const h = await start();
    const { message, order } = await sentOrder(h);
    h.frontPayment.approveBankId(order.uuid);
    h.frontPayment.markPaid(order.uuid);
    await waitForReply(h, SALES, message.ts, "Paid");
    await invoice(h, `cancel ${order.uuid}`);
    expect(await waitForEphemeral(h, "already paid")).toBe(
      `\`${order.uuid}\` is already paid, so it can't be cancelled. Refund it in Front Payment Go instead.`,
    );
    expect(h.slack.workspace.openModal(KARI)?.stack.at(-1)?.view.title?.text).toBe("Invoice created");

    // A second order, paid while its callbacks are held back: only Front Payment knows.
    await sendOrder(h, { ...PRIVATE_CUSTOMER, name: "Ola Nordmann" });
    await waitForOrderMessage(h, "Ola Nordmann");
    const second = h.frontPayment.orders()[1]?.uuid as string;
    h.frontPayment.holdCallbacks();
    h.frontPayment.approveBankId(second);
    h.frontPayment.markPaid(second);
    const dialog = await (await invoice(h, `cancel ${second} Feil beløp`)).modal();
    await dialog.submit();
    const refused = await waitForTitle(dialog, "Not cancelled");
    expect(plain(blockText(refused.blocks))).toBe(
      `\`${second}\` was not cancelled. It is already paid, so it can't be cancelled. Refund it in Front Payment Go instead.`,
    );
    expect(h.frontPayment.order(second)?.status).toBe("PAID");
  });
});
