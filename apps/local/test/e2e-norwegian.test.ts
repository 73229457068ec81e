import { FOLLOW_WORKSPACE } from "@fakturabot/slack-bot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  blockText,
  chooseLanguage,
  type Harness,
  homeShowing,
  KARI,
  onlyOrder,
  PRIVATE_CUSTOMER,
  plain,
  SALES,
  sendOrder,
  startHarness,
  waitForEphemeral,
  waitForOrderMessage,
  waitForReply,
} from "./e2e-harness.js";

let harness: Harness;
beforeEach(async () => {
  // A Norwegian workspace where Kari chose English: the channel is Norwegian, what only she reads is not.
  harness = await startHarness({ locales: { defaultLocale: "nb" } });
  await chooseLanguage(harness, KARI, "en");
});
afterEach(async () => {
  await harness.dispose();
});

describe("a workspace that reads Norwegian", () => {
  it("gets the channel message and its thread in Norwegian, while each person's own answers are in theirs", async () => {
    await sendOrder(harness, PRIVATE_CUSTOMER, {
      lines: [{ name: "Konsulenttime", quantity: "2", rate: "1250" }],
    });
    const message = await waitForOrderMessage(harness, "Kari Nordmann");
    expect(plain(message.text)).toBe(
      "Faktura til Kari Nordmann: 2 500,00 kr, :hourglass_flowing_sand: Venter på BankID",
    );
    const shown = blockText(message.blocks);
    expect(shown).toContain(
      "*Faktura til Kari Nordmann* · 2 500,00 kr\n:hourglass_flowing_sand: Venter på BankID",
    );
    expect(shown).toContain("*Kunde*\nKari Nordmann (280387*****)");
    expect(shown).toContain("• 2 × Konsulenttime: 2 500,00 kr");
    expect(shown).toContain("Kunden bekrefter med BankID");
    expect(shown).toContain(`Sendt av <@${KARI}> · vår referanse`);
    for (const label of [
      "Send lenken på nytt",
      "Rediger…",
      "Kanseller…",
      "Oppdater status",
      "Kopier som ny faktura",
    ])
      expect(shown).toContain(label);

    const order = onlyOrder(harness);
    harness.frontPayment.approveBankId(order.uuid);
    harness.frontPayment.markPaid(order.uuid, { paymentMethod: "Visa" });
    const thread = await waitForReply(harness, SALES, message.ts, "Betalt med Visa");
    expect(thread.map((reply) => plain(reply.text))).toEqual([
      expect.stringMatching(/^:page_facing_up: Fakturert, forfaller \d+\. \S+$/),
      ":white_check_mark: Betalt med Visa, 2 500,00 kr",
    ]);
    await harness.slack.waitFor(
      () => blockText(harness.slack.workspace.message(SALES, message.ts)?.blocks).includes("Betalt med Visa"),
      { what: "the message to say it is paid, in Norwegian" },
    );

    // Kari reads English: her `/invoice status` answer is hers, not the channel's.
    await harness.driver.slashCommand({
      command: "/invoice",
      text: `status ${order.uuid}`,
      userId: KARI,
      channelId: SALES,
    });
    expect((await waitForEphemeral(harness, order.uuid)).split("\n")[0]).toBe(
      `*\`${order.uuid}\`* to Kari Nordmann: :white_check_mark: Paid by Visa (total NOK 2,500.00)`,
    );
  });

  it("says in the thread, in Norwegian, that the customer stopped at BankID", async () => {
    await sendOrder(harness);
    const message = await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
    const order = onlyOrder(harness);
    harness.frontPayment.rejectBankId(order.uuid);
    expect((await fetch(order.request.callback.failure)).status).toBe(200);
    const thread = await waitForReply(harness, SALES, message.ts, "Kunden stoppet ved BankID");
    expect(thread.map((reply) => plain(reply.text))).toEqual([
      ":no_entry: Kunden stoppet ved BankID: de forlot bekreftelsen uten å bekrefte (eller den feilet), så fakturaen er ikke bekreftet ennå. Front Payments status følger her hvis den endres.",
    ]);
  });

  it("lists a person's invoices in App Home in their language, money as Norwegian writes it", async () => {
    await sendOrder(harness, PRIVATE_CUSTOMER, {
      lines: [{ name: "Konsulenttime", quantity: "2", rate: "1250" }],
    });
    await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
    // Kari goes back to the workspace's Norwegian: her Home's rows follow, not only its headings.
    await chooseLanguage(harness, KARI, FOLLOW_WORKSPACE);
    const home = plain(blockText((await homeShowing(harness.slack, KARI, "Dine fakturaer")).blocks));
    expect(home).toContain("*Kari Nordmann* · 2 500,00 kr\n:hourglass_flowing_sand: Venter på BankID");
    expect(home).toContain("Vis status");
    expect(home).not.toContain("NOK");
    expect(home).not.toContain("Waiting for BankID");
  });
});
