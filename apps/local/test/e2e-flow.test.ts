import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  blockText,
  CORPORATE_CUSTOMER,
  type Harness,
  KARI,
  onlyOrder,
  PRIVATE_CUSTOMER,
  plain,
  SALES,
  sendOrder,
  startHarness,
  submitRequests,
  viewTitles,
  waitForOrderMessage,
  waitForReply,
  waitForTitle,
} from "./e2e-harness.js";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.dispose();
});

describe("/invoice from modal to paid", () => {
  it("a private customer: BankID, then INVOICED and PAID in the channel message and its thread", async () => {
    const { modal, outcome } = await sendOrder(harness, PRIVATE_CUSTOMER, {
      lines: [{ name: "Konsulenttime", quantity: "2", rate: "1250" }],
    });
    expect(outcome.kind).toBe("updated");
    await waitForTitle(modal, "Invoice created");

    const message = await waitForOrderMessage(harness, "Kari Nordmann");
    expect(plain(message.text)).toContain("NOK 2,500.00");
    const order = onlyOrder(harness);
    expect(order.status).toBe("SENT");
    expect(order.request.customerDetails.personalNumber).toBe("28038712383");
    expect(blockText(message.blocks)).toContain("BankID");
    expect(blockText(message.blocks)).toContain("280387*****");
    expect(JSON.stringify(message)).not.toContain("28038712383");

    harness.frontPayment.approveBankId(order.uuid);
    harness.frontPayment.markPaid(order.uuid, { paymentMethod: "Visa" });
    const thread = await waitForReply(harness, SALES, message.ts, "Paid by Visa");
    expect(thread.map((reply) => plain(reply.text))).toEqual([
      expect.stringContaining("Invoiced"),
      expect.stringContaining("Paid by Visa, NOK 2,500.00"),
    ]);
    const updated = harness.slack.workspace.message(SALES, message.ts);
    expect(blockText(updated?.blocks)).toContain("Paid");
    expect(submitRequests(harness)).toHaveLength(1);
  });

  it("a corporate customer is invoiced directly, then PAID", async () => {
    const { outcome } = await sendOrder(harness, CORPORATE_CUSTOMER, {
      lines: [{ name: "Lisens", rate: "9990" }],
    });
    expect(outcome.kind).toBe("updated");

    const message = await waitForOrderMessage(harness, "Equinor");
    const order = onlyOrder(harness);
    expect(order.status).toBe("INVOICED");
    expect(order.request.customerDetails.organizationId).toBe("923609016");
    expect(blockText(message.blocks)).toContain("Invoiced directly");
    harness.frontPayment.markPaid(order.uuid, { paymentMethod: "Bank transfer" });
    await waitForReply(harness, SALES, message.ts, "Paid by Bank transfer, NOK 9,990.00");
    expect(blockText(harness.slack.workspace.message(SALES, message.ts)?.blocks)).toContain("Paid");
  });

  it("the modal says 'Sending to Front Payment…' at once, then shows the outcome with the BankID link", async () => {
    const { modal, outcome } = await sendOrder(harness);
    // Slack's 3 s answer to the submission is the sending view; the outcome replaces it later.
    expect(outcome.kind === "updated" && blockText(outcome.view.blocks)).toContain(
      "Sending to Front Payment…",
    );
    const created = await waitForTitle(modal, "Invoice created");
    const order = onlyOrder(harness);
    expect(blockText(created.blocks)).toContain("Front Payment created the invoice");
    expect(JSON.stringify(created.blocks)).toContain(order.bankIdUrl as string);
    expect(blockText(created.blocks)).toContain(order.uuid);

    // The form (redrawn with totals while it was filled), then sending, then the outcome.
    const titles = viewTitles(harness, modal.id);
    expect(titles.slice(-2)).toEqual(["Sending invoice", "Invoice created"]);
    expect(new Set(titles.slice(0, -2))).toEqual(new Set(["New invoice"]));
    expect(modal.modal.userId).toBe(KARI);
  });
});
