import { type FrontPaymentSandbox, startFrontPaymentSandbox } from "@fakturabot/sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_SECRETS } from "../src/stack.js";
import {
  blockText,
  type Harness,
  onlyOrder,
  PRIVATE_CUSTOMER,
  SALES,
  sendOrder,
  startHarness,
  waitForOrderMessage,
  waitForTitle,
} from "./e2e-harness.js";

let frontPayment: FrontPaymentSandbox;
let harness: Harness;
beforeEach(async () => {
  // Front Payment's answer names the link otherwise, or leaves it out (frontpayment-api.md §3.4).
  frontPayment = await startFrontPaymentSandbox({
    callbackSecret: LOCAL_SECRETS.callbackSecret,
    tokens: [LOCAL_SECRETS.frontPaymentToken],
    linkInSubmitAnswer: false,
  });
  harness = await startHarness({ standIns: { frontPayment } });
});
afterEach(async () => {
  await harness.dispose();
  await frontPayment.close();
});

describe("a submit answer without a BankID link", () => {
  it("for an order that is SENT: asks Get Order Status and shows it, never 'invoiced directly'", async () => {
    const { modal } = await sendOrder(harness, PRIVATE_CUSTOMER);
    await waitForTitle(modal, "Invoice created");
    const order = onlyOrder(harness);
    expect(order.status).toBe("SENT");
    const lookups = () =>
      frontPayment.requests.filter(
        (request) => request.endpoint === "getOrderStatus" && request.orderUuid === order.uuid,
      );
    await harness.slack.waitFor(() => (lookups().length > 0 ? true : undefined), {
      what: "Get Order Status for the new order",
    });
    const message = await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
    const shown = await harness.slack.waitFor(
      () => {
        const text = blockText(harness.slack.workspace.message(SALES, message.ts)?.blocks);
        return text.includes("Sent, waiting for the customer") ? text : undefined;
      },
      { what: "the message showing Front Payment's SENT" },
    );
    expect(shown).not.toContain("Invoiced directly");
    expect((await harness.store.get(order.request.referenceNo ?? ""))?.state).toBe("created");
  });
});
