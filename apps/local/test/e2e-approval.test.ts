import type { SlackMessage } from "@fakturabot/sandbox";
import { SEED_INVOICE_ORDER_EXAMPLE } from "@fakturabot/schema";
import {
  APPROVAL_ACTION_IDS,
  APPROVAL_OUTCOME_BLOCK_ID,
  type AwaitingApprovalOrder,
  decodeFormMetadata,
  type InvoiceFormValues,
  type OrderRecord,
  REJECT_MODAL_CALLBACK_ID,
  REJECT_REASON_ACTION_ID,
  REJECT_REASON_BLOCK_ID,
  readInvoiceForm,
  type ViewStateValues,
} from "@fakturabot/slack-bot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  allOrders,
  blockText,
  CONSULTING,
  ephemeralTexts,
  fillLine,
  type Harness,
  INGRID,
  KARI,
  lineKeys,
  OLA,
  PRIVATE_CUSTOMER,
  patient,
  plain,
  SALES,
  sendOrder,
  startHarness,
  submitRequests,
  waitForEphemeral,
  waitForOrderMessage,
  waitForTitle,
} from "./e2e-harness.js";

/** At or above 12 500 kr an invoice waits for approval; Kari, Ingrid and Ola are the approvers. */
const THRESHOLD_ORE = 1_250_000;
/** Not an approver. */
const EMIL = "U0EMILVIK";
/** Exactly the threshold: 10 hours at 1 250 kr. */
const TEN_HOURS = { name: "Konsulenttime", quantity: "10", rate: "1250" };

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far the bot's clock runs ahead of the real one. */
let ahead = 0;

let harness: Harness;
beforeEach(async () => {
  ahead = 0;
  harness = await startHarness({
    now: () => new Date(Date.now() + ahead),
    approval: { thresholdOre: THRESHOLD_ORE, approverUserIds: [KARI, INGRID, OLA] },
    locales: { defaultLocale: "en" },
  });
});
afterEach(async () => {
  await harness.dispose();
});

/** The bot's direct message channel with `userId`. */
function dmWith(userId: string) {
  return harness.slack.workspace.botDmWith(userId);
}

/** The approval message `approverId` got about the invoice to `customerName`, once it is there. */
function approvalMessage(
  approverId: string,
  customerName: string = PRIVATE_CUSTOMER.name,
): Promise<SlackMessage> {
  return harness.slack.waitFor(
    () =>
      dmWith(approverId).messages.find(
        (message) =>
          plain(message.text).includes(customerName) &&
          JSON.stringify(message.blocks).includes(APPROVAL_ACTION_IDS.approve),
      ),
    { what: `the approval message to ${approverId}` },
  );
}

/** The message as it is now (it is updated in place). */
function current(approverId: string, message: SlackMessage): SlackMessage {
  return harness.slack.workspace.message(dmWith(approverId).id, message.ts) ?? message;
}

function click(approverId: string, message: SlackMessage, action: "approve" | "reject", userId: string) {
  return harness.driver.clickMessageButton({
    channel: dmWith(approverId).id,
    ts: message.ts,
    actionId: APPROVAL_ACTION_IDS[action],
    userId,
  });
}

/** Waits until the approval message says how it ended, with no buttons left. */
function waitForOutcome(approverId: string, message: SlackMessage, words: string) {
  return harness.slack.waitFor(
    () => {
      const now = current(approverId, message);
      const outcome = now.blocks?.find((block) => block.block_id === APPROVAL_OUTCOME_BLOCK_ID);
      return outcome &&
        blockText([outcome]).includes(words) &&
        !JSON.stringify(now.blocks).includes('"button"')
        ? now
        : undefined;
    },
    { what: `${approverId}'s approval message to say ${JSON.stringify(words)} without buttons` },
  );
}

async function onlyOrder(): Promise<OrderRecord> {
  const kept = await allOrders(harness);
  expect(kept).toHaveLength(1);
  return kept[0] as OrderRecord;
}

function formOf(view: { state: { values: unknown }; private_metadata?: string }): InvoiceFormValues {
  return readInvoiceForm(
    view.state.values as ViewStateValues,
    decodeFormMetadata(view.private_metadata ?? ""),
  );
}

describe("approval above the threshold", () => {
  it("sends an invoice below the threshold straight away, asking nobody", async () => {
    await sendOrder(harness, PRIVATE_CUSTOMER, { lines: [CONSULTING] });
    await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
    expect(submitRequests(harness)).toHaveLength(1);
    for (const approver of [INGRID, OLA]) expect(dmWith(approver).messages).toEqual([]);
  });

  it("holds one at the threshold: its creator waits, the other approvers see its lines, totals and customer", async () => {
    const { modal } = await sendOrder(harness, PRIVATE_CUSTOMER, { lines: [TEN_HOURS] });
    await waitForTitle(modal, "Waiting for approval");
    const forIngrid = await approvalMessage(INGRID);
    await approvalMessage(OLA);
    // The creator's modal names who was asked, once they were.
    await modal.waitForView((view) => blockText(view.blocks).includes(`<@${INGRID}>, <@${OLA}>`));

    const shown = blockText(forIngrid.blocks);
    for (const words of [
      "Invoice waiting for your approval",
      `<@${KARI}> wants to send this invoice from <#${SALES}>`,
      "approval limit of NOK 12,500.00",
      "Kari Nordmann (person, personal number 280387*****)",
      "kari.nordmann@example.com · +47 46567468",
      "Klosterenget 144, 7030 Trondheim, NO",
      "*Konsulenttime*  10 × NOK 1,250.00 (25 % VAT) = NOK 12,500.00",
      "Excl. VAT NOK 10,000.00 · VAT NOK 2,500.00",
      "Total NOK 12,500.00",
    ]) {
      expect(shown).toContain(words);
    }
    expect(shown).toMatch(
      /Invoice date \d{1,2} \w{3} \d{4}, due \d{1,2} \w{3} \d{4} \(14 days\), no invoice fee/,
    );
    expect(JSON.stringify(forIngrid)).not.toContain(PRIVATE_CUSTOMER.personalNumber);
    // Nobody approves their own invoice, so the creator is not asked; nothing went out.
    expect(dmWith(KARI).messages.some((message) => message.text.includes("asks you to approve"))).toBe(false);
    expect((await onlyOrder()).state).toBe("awaiting_approval");
    expect(submitRequests(harness)).toEqual([]);
  });

  it("refuses the creator (an approver too) and a non-approver, saying why, and sends nothing", async () => {
    await sendOrder(harness, PRIVATE_CUSTOMER, { lines: [TEN_HOURS] });
    const message = await approvalMessage(INGRID);

    await click(INGRID, message, "approve", KARI);
    expect(await waitForEphemeral(harness, "You created this invoice", KARI)).toBe(
      ":raised_hand: You created this invoice, so someone else must approve it: a second pair of eyes is the point.",
    );
    await click(INGRID, message, "reject", KARI);
    await harness.slack.waitFor(() => ephemeralTexts(harness, KARI).length === 2, {
      what: "a second refusal",
    });
    expect(harness.slack.workspace.openModal(KARI)?.stack.at(-1)?.view.callback_id).not.toBe(
      REJECT_MODAL_CALLBACK_ID,
    );

    await click(INGRID, message, "approve", EMIL);
    expect(await waitForEphemeral(harness, "Only the approvers", EMIL)).toBe(
      `:raised_hand: Only the approvers may approve or reject invoices: <@${KARI}>, <@${INGRID}>, <@${OLA}>.`,
    );
    expect((await onlyOrder()).state).toBe("awaiting_approval");
    expect(submitRequests(harness)).toEqual([]);
    expect(JSON.stringify(current(INGRID, message).blocks)).toContain(APPROVAL_ACTION_IDS.approve);
  });

  it("sends it once approved: every approval message says who approved it, and the channel message follows", async () => {
    const { modal } = await sendOrder(harness, PRIVATE_CUSTOMER, { lines: [TEN_HOURS] });
    const forIngrid = await approvalMessage(INGRID);
    const forOla = await approvalMessage(OLA);

    await click(INGRID, forIngrid, "approve", INGRID);
    const message = await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
    expect(plain(message.text)).toContain("NOK 12,500.00");
    for (const [approver, sent] of [
      [INGRID, forIngrid],
      [OLA, forOla],
    ] as const) {
      await waitForOutcome(approver, sent, `Approved by <@${INGRID}>`);
    }
    expect(submitRequests(harness)).toHaveLength(1);
    expect(await onlyOrder()).toMatchObject({ state: "created", approvedBy: INGRID });
    // The creator's modal, still open, moved on from "Waiting for approval".
    await modal.waitForView((view) => view.title?.text !== "Waiting for approval");
  });

  it("gives one Front Payment order for a double click on Approve: two signed requests at once", async () => {
    await sendOrder(harness, PRIVATE_CUSTOMER, { lines: [TEN_HOURS] });
    const forIngrid = await approvalMessage(INGRID);
    const forOla = await approvalMessage(OLA);

    const clicks = await Promise.all([
      click(INGRID, forIngrid, "approve", INGRID),
      click(INGRID, forIngrid, "approve", INGRID),
      click(OLA, forOla, "approve", OLA),
    ]);
    for (const delivery of clicks) expect(delivery.status).toBe(200);
    await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
    // Two of the three lost the race and are told so.
    await harness.slack.waitFor(
      () =>
        [...ephemeralTexts(harness, INGRID), ...ephemeralTexts(harness, OLA)].filter((text) =>
          text.startsWith("This invoice is no longer waiting for approval."),
        ).length === 2,
      { what: "the two losing clicks told" },
    );
    expect(submitRequests(harness)).toHaveLength(1);
    expect(harness.frontPayment.orders()).toHaveLength(1);
    expect(harness.slack.workspace.messages(SALES)).toHaveLength(1);
  });

  it("puts the creator back in the form, filled in, with the reason of a rejection, and sends the corrected invoice", async () => {
    const { modal } = await sendOrder(harness, PRIVATE_CUSTOMER, { lines: [TEN_HOURS] });
    const forIngrid = await approvalMessage(INGRID);
    const forOla = await approvalMessage(OLA);

    await click(OLA, forOla, "reject", OLA);
    const dialog = await harness.driver.waitForModal({ userId: OLA, callbackId: REJECT_MODAL_CALLBACK_ID });
    expect(blockText(dialog.view.blocks)).toContain(
      `Invoice to *Kari Nordmann*, NOK 12,500.00, from <@${KARI}>`,
    );
    // A reason of blanks is no reason.
    await dialog.fill(REJECT_REASON_BLOCK_ID, REJECT_REASON_ACTION_ID, "   ");
    expect(await dialog.submit()).toMatchObject({
      kind: "errors",
      errors: { [REJECT_REASON_BLOCK_ID]: "Write why, so the creator knows what to correct." },
    });
    await dialog.fill(REJECT_REASON_BLOCK_ID, REJECT_REASON_ACTION_ID, "It should be 8 hours, not 10");
    expect((await dialog.submit()).kind).toBe("closed");

    for (const [approver, sent] of [
      [INGRID, forIngrid],
      [OLA, forOla],
    ] as const) {
      await waitForOutcome(approver, sent, `Rejected by <@${OLA}>: It should be 8 hours, not 10`);
    }
    expect(await onlyOrder()).toMatchObject({
      state: "rejected",
      rejection: { by: OLA, reason: "It should be 8 hours, not 10" },
    });
    expect(submitRequests(harness)).toEqual([]);

    // The creator's open modal is the form again, filled in from the invoice, the reason on top.
    const form = await modal.waitForView((view) => view.callback_id === "invoice_modal");
    expect(blockText(form.blocks)).toContain(
      "An approver rejected this invoice: It should be 8 hours, not 10. Correct it and send it again.",
    );
    // And a direct message keeps the reason, with the form behind a button.
    const told = await harness.slack.waitFor(
      () => dmWith(KARI).messages.find((message) => message.text.includes("rejected your invoice")),
      { what: "the creator told of the rejection" },
    );
    expect(plain(told.text)).toBe(
      `:no_entry: <@${OLA}> rejected your invoice to Kari Nordmann (NOK 12,500.00): It should be 8 hours, not 10\nIt was not sent. Correct it and send it again:`,
    );
    await modal.close();
    await harness.driver.clickMessageButton({
      channel: dmWith(KARI).id,
      ts: told.ts,
      actionId: APPROVAL_ACTION_IDS.reopen,
      userId: KARI,
    });
    const reopened = patient(
      await harness.driver.waitForModal({ userId: KARI, callbackId: "invoice_modal" }),
    );
    const filled = formOf(reopened.view);
    expect(filled).toMatchObject({ name: PRIVATE_CUSTOMER.name, email: PRIVATE_CUSTOMER.email });
    expect(filled.lines?.[0]).toMatchObject({ name: "Konsulenttime", quantity: "10" });
    // The personal number comes from the kept request, never through the form's metadata.
    expect(reopened.view.private_metadata).not.toContain(PRIVATE_CUSTOMER.personalNumber);

    // Corrected to 8 hours, under the threshold: it goes straight out.
    const key = lineKeys(reopened)[0] as string;
    await fillLine(reopened, key, { ...TEN_HOURS, quantity: "8" });
    expect(formOf(reopened.view).personalNumber).toBe(PRIVATE_CUSTOMER.personalNumber);
    await reopened.submit();
    const message = await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
    expect(plain(message.text)).toContain("NOK 10,000.00");
    expect(submitRequests(harness)).toHaveLength(1);
  });

  it("expires unapproved after the kept days: the details are erased and the approval messages say so", async () => {
    await sendOrder(harness, PRIVATE_CUSTOMER, { lines: [TEN_HOURS] });
    const forIngrid = await approvalMessage(INGRID);
    const expire = async () => {
      const expired = await harness.bot.deps.orders.expireKeptRequests();
      await Promise.all(expired.map(({ effects }) => effects));
      return expired.length;
    };
    ahead = 6 * DAY_MS;
    expect(await expire()).toBe(0);
    ahead = 7 * DAY_MS + 1000;
    expect(await expire()).toBe(1);
    expect(await onlyOrder()).toMatchObject({ state: "expired" });
    expect(await onlyOrder()).not.toHaveProperty("request");
    await waitForOutcome(INGRID, forIngrid, "Expired before anyone approved it: its details are erased");
    expect(submitRequests(harness)).toEqual([]);
  });

  it("asks the approvers after a restart cut the asking off, once", async () => {
    // Recorded as waiting, but the bot stopped before it asked anyone.
    const id = "FB0APPROVAL0001";
    await harness.store.beginSubmission({
      id,
      submissionKey: `restart:${id}`,
      teamId: harness.slack.workspace.team.id,
      channelId: SALES,
      userId: KARI,
      customerType: "private",
      customerName: "Zahidul",
      customerIdentifier: "280387*****",
      preferredLanguage: "no",
      grandTotalOre: 1_300_000,
      request: { ...SEED_INVOICE_ORDER_EXAMPLE, referenceNo: id },
      state: "awaiting_approval",
    });
    // Once the order has been quiet for a lease's time, by whichever instance gets there first.
    ahead = 2 * 60 * 1000;
    await Promise.all([harness.bot.deps.orders.recover(), harness.bot.deps.orders.recover()]);
    const asked = await approvalMessage(INGRID, "Zahidul");
    await approvalMessage(OLA, "Zahidul");
    await harness.slack.waitFor(
      async () => ((await harness.store.get(id)) as AwaitingApprovalOrder).approvalMessages.length === 2,
      { what: "where the approvers were asked, recorded" },
    );
    await harness.bot.deps.orders.recover();
    expect(dmWith(INGRID).messages.filter((message) => message.text.includes("Zahidul"))).toEqual([asked]);
    await click(INGRID, asked, "approve", INGRID);
    await waitForOrderMessage(harness, "Zahidul");
    expect(submitRequests(harness)).toHaveLength(1);
  });
});
