/**
 * The bot in Socket Mode (SLACK_SOCKET_MODE=true): Bolt's SocketModeReceiver connects to the Slack
 * stand-in with the app-level token, the driver delivers over that WebSocket, and Front Payment's
 * callbacks still reach the bot's HTTP routes.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  blockText,
  type Harness,
  onlyOrder,
  PRIVATE_CUSTOMER,
  plain,
  SALES,
  sendOrder,
  startHarness,
  submitRequests,
  waitForOrderMessage,
  waitForReply,
  waitForTitle,
} from "./e2e-harness.js";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({ slackTransport: "socket" });
});
afterEach(async () => {
  await harness.dispose();
});

describe("Socket Mode", () => {
  it("delivers app_home_opened as an events_api envelope, and the bot publishes App Home", async () => {
    const delivery = await harness.driver.openAppHome();
    expect(delivery).toMatchObject({ ok: true, status: 200 });
    const home = await harness.slack.waitFor(() =>
      harness.slack.workspace.home(harness.slack.workspace.state.users[0]?.id ?? ""),
    );
    expect(blockText(home.view.blocks)).toContain("Paid this month");
  });

  it("connects with the app-level token and serves no Slack request URL", async () => {
    expect(harness.slack.socketMode.connections).toBe(1);
    const opened = harness.slack.workspace.state.calls.filter(
      (call) => call.method === "apps.connections.open",
    );
    expect(opened).toMatchObject([{ ok: true }]);
    const overHttp = await fetch(`${harness.running.url}/slack/events`, { method: "POST", body: "" });
    expect(overHttp.status).toBe(404);
    expect((await fetch(`${harness.running.url}/healthz`)).status).toBe(200);
  });

  it("answers a malformed percent-encoding in a route's path with 400, and keeps serving", async () => {
    for (const path of ["/frontpayment/return/%ZZ/failure", "/frontpayment/callback/%E0%A4%A"]) {
      const answer = await fetch(`${harness.running.url}${path}`);
      expect(answer.status).toBe(400);
      expect(await answer.text()).toContain("malformed percent-encoding");
    }
    expect((await fetch(`${harness.running.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${harness.running.url}/no/such/route`)).status).toBe(404);
  });

  it("/invoice → modal → submit → order message in #sales → Front Payment's callbacks → PAID in the thread", async () => {
    const { modal, outcome } = await sendOrder(harness, PRIVATE_CUSTOMER, {
      lines: [{ name: "Konsulenttime", quantity: "2", rate: "1250" }],
    });
    expect(outcome.kind === "updated" && blockText(outcome.view.blocks)).toContain(
      "Sending to Front Payment…",
    );
    await waitForTitle(modal, "Invoice created");

    const message = await waitForOrderMessage(harness, "Kari Nordmann");
    expect(plain(message.text)).toContain("NOK 2,500.00");
    const order = onlyOrder(harness);
    expect(order.status).toBe("SENT");

    harness.frontPayment.approveBankId(order.uuid);
    harness.frontPayment.markPaid(order.uuid, { paymentMethod: "Visa" });
    const thread = await waitForReply(harness, SALES, message.ts, "Paid by Visa");
    expect(thread.map((reply) => plain(reply.text))).toEqual([
      expect.stringContaining("Invoiced"),
      expect.stringContaining("Paid by Visa, NOK 2,500.00"),
    ]);
    // The callbacks reached the bot over HTTP and were accepted.
    await harness.frontPayment.waitForCallback({ orderUuid: order.uuid, status: "PAID", ok: true });
    expect(blockText(harness.slack.workspace.message(SALES, message.ts)?.blocks)).toContain("Paid");
    expect(submitRequests(harness)).toHaveLength(1);

    // Every request from Slack went over the socket and was acknowledged in time.
    const interactions = harness.slack.workspace.state.interactions;
    expect(interactions.map((interaction) => interaction.kind)).toContain("view_submission");
    expect(interactions.every((interaction) => interaction.status === 200)).toBe(true);
  });
});
