import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ephemeralTexts,
  GENERAL,
  type Harness,
  INGRID,
  KARI,
  OLA,
  openInvoice,
  SALES,
  startHarness,
} from "./e2e-harness.js";

let harness: Harness;
beforeEach(async () => {
  // Kari and Ola may send invoices, in #sales only; Ingrid is an admin.
  harness = await startHarness({
    access: { allowedUserIds: [KARI, OLA], allowedChannelIds: [SALES], adminUserIds: [INGRID] },
  });
});
afterEach(async () => {
  await harness.dispose();
});

function invoice(text: string, userId: string, channelId: string) {
  return harness.driver.slashCommand({ command: "/invoice", text, userId, channelId });
}

describe("who may use /invoice where", () => {
  it("tells someone not on the list, politely and only them, and opens nothing", async () => {
    const emil = harness.slack.workspace.state.users.find((user) => user.name === "emil")?.id as string;
    await invoice("", emil, GENERAL);
    await invoice("status ODR1234567890", emil, GENERAL);
    expect(ephemeralTexts(harness, emil)).toEqual([
      "Sorry, you can't send invoices with Fakturabot yet. Ask your Slack admin to add you.",
      "Sorry, you can't send invoices with Fakturabot yet. Ask your Slack admin to add you.",
    ]);
    expect(harness.slack.workspace.openModal(emil)).toBeUndefined();
    expect(harness.slack.workspace.messages(GENERAL)).toEqual([]);
    expect(harness.frontPayment.requests).toEqual([]);
  });

  it("sends an allowed person to a channel where invoices are sent", async () => {
    await invoice("", KARI, GENERAL);
    expect(ephemeralTexts(harness, KARI)).toEqual([
      "Sorry, Fakturabot isn't enabled in this channel. Try a channel where invoices are sent, or ask your Slack admin.",
    ]);
    expect(harness.slack.workspace.openModal(KARI)).toBeUndefined();

    const modal = await openInvoice(harness, { userId: KARI, channelId: SALES });
    expect(modal.view.title?.text).toBe("New invoice");
  });

  it("lets an admin use it anywhere", async () => {
    const modal = await openInvoice(harness, { userId: INGRID, channelId: GENERAL });
    expect(modal.view.title?.text).toBe("New invoice");
    expect(ephemeralTexts(harness, INGRID)).toEqual([]);
  });
});
