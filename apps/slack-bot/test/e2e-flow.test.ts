import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeFormMetadata } from "../src/invoice-form/metadata.js";
import {
  CORPORATE_CUSTOMER,
  fillCustomer,
  fillLine,
  type Harness,
  KARI,
  PRIVATE_CUSTOMER,
  SALES,
  startHarness,
} from "./e2e-harness.js";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.dispose();
});

/** Money is formatted with no-break spaces; compare as plain text. */
function plain(text: string | undefined): string {
  return (text ?? "").replace(/\u00a0/g, " ");
}

function firstLineKey(harness: Harness): string {
  const view = harness.driver.modal(KARI).view;
  return decodeFormMetadata(view.private_metadata ?? "").lineKeys[0] as string;
}

describe("/invoice from modal to paid", () => {
  it("a private customer: BankID, then INVOICED and PAID in the channel message and its thread", async () => {
    const command = await harness.driver.slashCommand({
      command: "/invoice",
      userId: KARI,
      channelId: SALES,
    });
    expect(command.status).toBe(200);
    const modal = await command.modal();
    await fillCustomer(modal, PRIVATE_CUSTOMER);
    await fillLine(modal, firstLineKey(harness), { name: "Konsulenttime", quantity: "2", rate: "1250" });

    const outcome = await modal.submit();
    expect(outcome.kind).toBe("updated");

    const message = await harness.slack.waitFor(() =>
      harness.slack.workspace.messages(SALES).find((m) => m.text?.includes("Kari Nordmann")),
    );
    expect(plain(message.text)).toContain("2 500,00 kr");
    const order = harness.frontPayment.orders()[0];
    expect(order?.status).toBe("SENT");
    expect(JSON.stringify(message.blocks)).toContain("BankID");
    expect(JSON.stringify(message.blocks)).not.toContain("28038712383");

    harness.frontPayment.approveBankId(order?.uuid as string);
    harness.frontPayment.markPaid(order?.uuid as string, { paymentMethod: "Visa" });
    const paid = await harness.slack.waitFor(() => {
      const thread = harness.slack.workspace.thread(SALES, message.ts);
      return thread.some((reply) => reply.text?.includes("PAID via Visa")) ? thread : undefined;
    });
    expect(paid.map((reply) => plain(reply.text))).toEqual(
      expect.arrayContaining([
        expect.stringContaining("INVOICED"),
        expect.stringContaining("PAID via Visa, 2 500,00 kr"),
      ]),
    );
    const updated = harness.slack.workspace.message(SALES, message.ts);
    expect(JSON.stringify(updated?.blocks)).toContain("Paid");
  });

  it("a corporate customer is invoiced directly, then PAID", async () => {
    const command = await harness.driver.slashCommand({
      command: "/invoice",
      userId: KARI,
      channelId: SALES,
    });
    const modal = await command.modal();
    await fillCustomer(modal, CORPORATE_CUSTOMER);
    await fillLine(modal, firstLineKey(harness), { name: "Lisens", rate: "9990" });
    expect((await modal.submit()).kind).toBe("updated");

    const message = await harness.slack.waitFor(() =>
      harness.slack.workspace.messages(SALES).find((m) => m.text?.includes("Equinor")),
    );
    const order = harness.frontPayment.orders()[0];
    expect(order?.status).toBe("INVOICED");
    expect(JSON.stringify(message.blocks)).toContain("Invoiced directly");
    harness.frontPayment.markPaid(order?.uuid as string, { paymentMethod: "Bank transfer" });
    await harness.slack.waitFor(() =>
      harness.slack.workspace
        .thread(SALES, message.ts)
        .find((reply) => reply.text?.includes("PAID via Bank transfer")),
    );
  });
});
