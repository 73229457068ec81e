/**
 * Many workspaces: the real bot in OAuth mode, over HTTP, against the Slack stand-in with two
 * workspaces (each installs the app through Slack's OAuth flow) and the Front Payment stand-in.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  createSlackDriver,
  DEFAULT_TEAM,
  installThroughOAuth,
  SECOND_CHANNELS,
  SECOND_TEAM,
  SECOND_USERS,
  type SlackDriver,
  type SlackTeamSandbox,
  type WorkspaceSnapshot,
} from "@fakturabot/sandbox";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LOCAL_SECRETS } from "../src/stack.js";
import {
  CORPORATE_CUSTOMER,
  callbackUrlOf,
  ephemeralTexts,
  type Harness,
  KARI,
  PRIVATE_CUSTOMER,
  SALES,
  sendOrder,
  startHarness,
  waitForEphemeral,
  waitForOrderMessage,
  waitForReply,
} from "./e2e-harness.js";

const SIGRID = SECOND_USERS[0]?.id as string;
const NOT_INSTALLED = "Fakturabot isn't installed in this workspace";

let harness: Harness;
/** The second workspace, and Slack acting towards the bot from it. */
let nordlys: { slack: SlackTeamSandbox; driver: SlackDriver };

beforeEach(async () => {
  harness = await startHarness({ workspaces: "many" });
  const slack = harness.slack.team(SECOND_TEAM.id) as SlackTeamSandbox;
  nordlys = {
    slack,
    driver: createSlackDriver({
      slack,
      botUrl: `${harness.running.url}/slack/events`,
      signingSecret: LOCAL_SECRETS.signingSecret,
    }),
  };
});

afterEach(async () => {
  await harness.dispose();
});

const install = (teamId: string, extra: { tamperState?: (state: string) => string } = {}) =>
  installThroughOAuth(harness.slack, { installUrl: harness.installUrl, teamId, ...extra });

/** Sends an invoice in each workspace; their channel messages and Front Payment orders. */
async function invoiceInEach() {
  await sendOrder(harness, PRIVATE_CUSTOMER);
  const sandboxMessage = await waitForOrderMessage(harness, PRIVATE_CUSTOMER.name);
  await sendOrder(nordlys, CORPORATE_CUSTOMER, { userId: SIGRID, channelId: SECOND_CHANNELS.sales });
  const nordlysMessage = await waitForOrderMessage(nordlys, CORPORATE_CUSTOMER.name, SECOND_CHANNELS.sales);
  const [sandboxOrder, nordlysOrder] = harness.frontPayment.orders();
  if (!sandboxOrder || !nordlysOrder) throw new Error("Front Payment should have two orders");
  return {
    sandbox: { message: sandboxMessage, order: sandboxOrder, ours: callbackUrlOf(sandboxOrder).ours },
    nordlys: { message: nordlysMessage, order: nordlysOrder, ours: callbackUrlOf(nordlysOrder).ours },
  };
}

function invoiceCommand(text: string, where: "sandbox" | "nordlys") {
  return where === "sandbox"
    ? harness.driver.slashCommand({ command: "/invoice", text, userId: KARI, channelId: SALES })
    : nordlys.driver.slashCommand({
        command: "/invoice",
        text,
        userId: SIGRID,
        channelId: SECOND_CHANNELS.sales,
      });
}

describe("many workspaces (OAuth)", () => {
  it("installs two workspaces through Slack's OAuth flow, refusing a wrong state, with the tokens sealed on disk", async () => {
    // Before anyone installed it, a command is answered with what to do, not an error.
    const early = await invoiceCommand("", "sandbox");
    expect(early.status).toBe(200);
    expect(await waitForEphemeral(harness, NOT_INSTALLED)).toContain(harness.installUrl);

    const forged = await install(SECOND_TEAM.id, { tamperState: (state) => `${state.slice(0, -2)}xx` });
    expect(forged.status).toBe(400);
    expect(forged.body).toContain("slack_oauth_invalid_state");
    expect(await harness.store.getInstallation(SECOND_TEAM.id)).toBeNull();

    for (const team of [DEFAULT_TEAM, SECOND_TEAM]) {
      const done = await install(team.id);
      expect(done.status, done.body).toBe(200);
      expect(await harness.store.getInstallation(team.id)).toMatchObject({
        teamId: team.id,
        teamName: team.name,
      });
    }
    const onDisk = readdirSync(harness.dataDir)
      .map((file) => readFileSync(join(harness.dataDir, file)).toString("latin1"))
      .join("");
    expect(onDisk).toContain(SECOND_TEAM.id);
    for (const token of [harness.slack.botToken, nordlys.slack.botToken, "xoxb-"]) {
      expect(onDisk, token).not.toContain(token);
    }
    for (const token of [harness.slack.botToken, nordlys.slack.botToken]) {
      expect(harness.logs.text(), token).not.toContain(token);
    }
  });

  it("sends an invoice in each workspace with its own token, and shows neither the other's orders", async () => {
    await install(DEFAULT_TEAM.id);
    await install(SECOND_TEAM.id);
    const sent = await invoiceInEach();
    expect(nordlys.slack.workspace.state.calls.some((call) => call.args.channel === SALES)).toBe(false);
    expect(
      harness.slack.workspace.state.calls.some((call) => call.args.channel === SECOND_CHANNELS.sales),
    ).toBe(false);
    expect((await harness.store.get(sent.nordlys.ours))?.teamId).toBe(SECOND_TEAM.id);

    // Status and cancel of the other workspace's order, by either id: not found, and Front Payment is not asked.
    // About the two orders asked for from the wrong workspace (the invoice number of an invoiced
    // order may still be fetched in the background meanwhile).
    const asked = [sent.sandbox.order.uuid, sent.nordlys.order.uuid];
    const lookups = () =>
      harness.frontPayment.requests.filter(
        (request) =>
          request.endpoint !== "submitInvoiceOrder" &&
          request.endpoint !== "getInvoiceNumber" &&
          asked.includes(request.orderUuid ?? ""),
      );
    // The corporate order came back without a link: the bot asks its status once, in the background.
    // Counted from after that ask, the window holds only what the commands below cause.
    await vi.waitFor(() =>
      expect(
        harness.frontPayment.requests.filter(
          (request) => request.endpoint === "getOrderStatus" && request.orderUuid === sent.nordlys.order.uuid,
        ),
      ).toHaveLength(1),
    );
    const before = lookups().length;
    for (const reference of [sent.sandbox.order.uuid, sent.sandbox.ours]) {
      await invoiceCommand(`status ${reference}`, "nordlys");
      expect(await waitForEphemeral(nordlys, reference, SIGRID)).toBe(
        `I don't know an invoice \`${reference}\` that you can see. Use the id from the invoice message.`,
      );
      await invoiceCommand(`cancel ${reference} wrong workspace`, "nordlys");
      expect(await waitForEphemeral(nordlys, `\`${reference}\` isn't one of them`, SIGRID)).toContain(
        "I can only cancel invoices sent with Fakturabot",
      );
    }
    await invoiceCommand(`status ${sent.nordlys.order.uuid}`, "sandbox");
    expect(await waitForEphemeral(harness, sent.nordlys.order.uuid)).toContain("that you can see");
    expect(
      lookups()
        .slice(before)
        .map((request) => request.endpoint),
    ).toEqual([]);

    // Each workspace sees its own order.
    await invoiceCommand(`status ${sent.nordlys.order.uuid}`, "nordlys");
    expect(await waitForEphemeral(nordlys, `*\`${sent.nordlys.order.uuid}\`*`, SIGRID)).toContain(
      CORPORATE_CUSTOMER.name,
    );

    // Front Payment's callbacks update each order in its own workspace, with that workspace's token.
    harness.frontPayment.markPaid(sent.nordlys.order.uuid);
    await waitForReply(nordlys, SECOND_CHANNELS.sales, sent.nordlys.message.ts, "Paid");
    harness.frontPayment.approveBankId(sent.sandbox.order.uuid);
    await waitForReply(harness, SALES, sent.sandbox.message.ts, "Invoiced");
    expect(ephemeralTexts(harness).join("\n")).not.toContain(CORPORATE_CUSTOMER.name);
  });

  it("stops work for a workspace that uninstalls the app, and only for it", async () => {
    await install(DEFAULT_TEAM.id);
    await install(SECOND_TEAM.id);
    const sent = await invoiceInEach();

    expect(await nordlys.driver.appUninstalled()).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect(await harness.store.getInstallation(SECOND_TEAM.id)).toBeNull());
    expect(harness.logs.text()).toContain("workspace installation removed");

    // Its people are told, politely, and nothing is opened.
    const refused = await invoiceCommand("", "nordlys");
    expect(refused.status).toBe(200);
    expect(await waitForEphemeral(nordlys, NOT_INSTALLED, SIGRID)).toContain(harness.installUrl);
    expect(
      nordlys.slack.workspace.state.modals.filter((modal) => modal.triggerId === refused.triggerId),
    ).toEqual([]);

    // Front Payment's news about its order is stored, but nothing is sent to that workspace.
    const calls = nordlys.slack.workspace.state.calls.length;
    harness.frontPayment.markPaid(sent.nordlys.order.uuid);
    const callback = await harness.frontPayment.waitForCallback({
      orderUuid: sent.nordlys.order.uuid,
      status: "PAID",
    });
    expect(callback.ok).toBe(true);
    await vi.waitFor(() =>
      expect(harness.logs.text()).toContain(
        `Fakturabot is not installed in the Slack workspace ${SECOND_TEAM.id}`,
      ),
    );
    expect(await harness.store.get(sent.nordlys.ours)).toMatchObject({ status: { status: "PAID" } });
    expect(nordlys.slack.workspace.state.calls).toHaveLength(calls);

    // The other workspace goes on as before.
    harness.frontPayment.approveBankId(sent.sandbox.order.uuid);
    await waitForReply(harness, SALES, sent.sandbox.message.ts, "Invoiced");
    await invoiceCommand(`status ${sent.sandbox.order.uuid}`, "sandbox");
    expect(await waitForEphemeral(harness, `*\`${sent.sandbox.order.uuid}\`*`)).toContain(
      PRIVATE_CUSTOMER.name,
    );
  });

  it("shows each workspace on its own local page, with a switcher between them", async () => {
    const states = await Promise.all(
      harness.workspacePages.map(
        async (page) => (await (await fetch(`${page.url}/api/state`)).json()) as WorkspaceSnapshot,
      ),
    );
    expect(states.map((state) => state.team.id)).toEqual([DEFAULT_TEAM.id, SECOND_TEAM.id]);
    const links = harness.workspacePages.map((page, index) => ({
      teamId: [DEFAULT_TEAM.id, SECOND_TEAM.id][index],
      name: [DEFAULT_TEAM.name, SECOND_TEAM.name][index],
      url: page.url,
    }));
    for (const state of states) expect(state.workspaces).toEqual(links);
    expect(states[1]?.users.map((user) => user.id)).toEqual(SECOND_USERS.map((user) => user.id));
  });

  it("treats a revoked bot token like an uninstall, and takes the workspace back when it installs again", async () => {
    await install(SECOND_TEAM.id);
    expect(await nordlys.driver.tokensRevoked()).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect(await harness.store.getInstallation(SECOND_TEAM.id)).toBeNull());
    await invoiceCommand("", "nordlys");
    await waitForEphemeral(nordlys, NOT_INSTALLED, SIGRID);

    expect((await install(SECOND_TEAM.id)).status).toBe(200);
    const again = await nordlys.driver.slashCommand({
      command: "/invoice",
      userId: SIGRID,
      channelId: SECOND_CHANNELS.sales,
    });
    expect(again.status).toBe(200);
    await again.modal();
  });
});
