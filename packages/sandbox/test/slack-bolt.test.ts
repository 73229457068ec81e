/**
 * The best proof of the stand-in and the driver: a real Bolt App (HTTPReceiver, its own signature
 * check, its own WebClient pointed at the stand-in) driven through a whole modal.
 */
import type { AddressInfo } from "node:net";
import { App, type BlockAction, type ViewStateValue } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackDriver, DEFAULT_CHANNELS, DEFAULT_USERS, type SlackDriver } from "../src/index.js";
import {
  customerInput,
  orgNumberInput,
  plain,
  type SlackTestBed,
  silentLogger,
  startSlackTestBed,
} from "./slack-helpers.js";

const SIGNING_SECRET = "e2e-signing-secret";
const KARI = DEFAULT_USERS[0]?.id ?? "";
const { sales: SALES } = DEFAULT_CHANNELS;

interface Form {
  channel: string;
  lines: number;
  orgHint?: string;
}

/** A modal with a search-as-you-type select, whose options the bot loads. */
function pickerView() {
  return {
    type: "modal" as const,
    callback_id: "picker",
    title: plain("Pick a customer"),
    blocks: [
      {
        type: "actions",
        block_id: "saved",
        elements: [
          {
            type: "external_select",
            action_id: "saved_customer",
            placeholder: plain("Search"),
            min_query_length: 2,
          },
        ],
      },
    ],
  };
}

/** The little invoice modal the test bot opens, re-rendered on every change. */
function invoiceView(form: Form) {
  const lines = Array.from({ length: form.lines }, (_, index) => ({
    type: "input",
    block_id: `line_${index + 1}`,
    label: plain(`Line ${index + 1} amount (kr)`),
    element: { type: "number_input", action_id: "amount", is_decimal_allowed: true, min_value: "0" },
  }));
  return {
    type: "modal" as const,
    callback_id: "invoice",
    notify_on_close: true,
    title: plain("New invoice"),
    submit: plain("Send invoice"),
    close: plain("Cancel"),
    private_metadata: JSON.stringify(form),
    blocks: [
      customerInput(),
      orgNumberInput(form.orgHint),
      {
        type: "input",
        block_id: "terms",
        label: plain("Payment terms"),
        element: {
          type: "static_select",
          action_id: "days",
          options: ["10", "14", "30"].map((days) => ({ text: plain(`${days} days`), value: days })),
        },
      },
      {
        type: "input",
        block_id: "due",
        label: plain("Invoice date"),
        element: { type: "datepicker", action_id: "date" },
      },
      ...lines,
      {
        type: "actions",
        block_id: "line_actions",
        elements: [{ type: "button", action_id: "add_line", text: plain("Add line") }],
      },
    ],
  };
}

let bed: SlackTestBed;
let app: App;
let driver: SlackDriver;
let botUrl: string;
const seen: {
  submissions: Record<string, Record<string, ViewStateValue>>[];
  closed: string[];
  openErrors: string[];
  /** What was typed into the external select, per options request. */
  queries: string[];
  /** Options picked and Home tab buttons clicked. */
  picked: string[];
} = {
  submissions: [],
  closed: [],
  openErrors: [],
  queries: [],
  picked: [],
};

beforeEach(async () => {
  bed = await startSlackTestBed();
  seen.submissions = [];
  seen.closed = [];
  seen.openErrors = [];
  seen.queries = [];
  seen.picked = [];
  app = new App({
    token: "xoxb-sandbox",
    signingSecret: SIGNING_SECRET,
    logger: silentLogger,
    clientOptions: { slackApiUrl: bed.sandbox.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger },
  });

  app.command("/invoice", async ({ ack, body, client, respond }) => {
    await ack();
    if (body.text === "picker") {
      await client.views.open({ trigger_id: body.trigger_id, view: pickerView() });
      return;
    }
    if (body.text === "slow") bed.clock.advance(3000); // as if the bot did I/O before opening the modal
    try {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: invoiceView({ channel: body.channel_id, lines: 1 }),
      });
    } catch (error) {
      seen.openErrors.push(String((error as { data?: { error?: string } }).data?.error));
      await respond({ text: "Sorry, the invoice form took too long to open. Try again." });
    }
  });

  app.options("saved_customer", async ({ ack, body }) => {
    seen.queries.push(body.value);
    const customers = ["Nordlys AS", "Fjordkraft AS"].filter((name) =>
      name.toLowerCase().includes(body.value.toLowerCase()),
    );
    await ack({
      options: customers.map((name) => ({ text: plain(name), value: name.split(" ")[0] ?? name })),
    });
  });

  app.action<BlockAction>("saved_customer", async ({ ack, action }) => {
    await ack();
    if (action.type === "external_select") seen.picked.push(action.selected_option?.value ?? "");
  });

  app.event("app_home_opened", async ({ event, client }) => {
    await client.views.publish({
      user_id: event.user,
      view: {
        type: "home",
        blocks: [
          {
            type: "actions",
            elements: [{ type: "button", action_id: "forget", value: "Nordlys", text: plain("Forget") }],
          },
        ],
      },
    });
  });

  app.action<BlockAction>("forget", async ({ ack, action, body }) => {
    await ack();
    if (action.type === "button") seen.picked.push(`forget:${action.value}:${body.view?.type}`);
  });

  app.action<BlockAction>("add_line", async ({ ack, body, client }) => {
    await ack();
    const view = body.view;
    if (!view) return;
    const form = JSON.parse(view.private_metadata) as Form;
    await client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: invoiceView({ ...form, lines: form.lines + 1 }),
    });
  });

  app.action<BlockAction>("org_number", async ({ ack, body, client, action }) => {
    await ack();
    const view = body.view;
    if (!view || action.type !== "plain_text_input") return;
    const form = JSON.parse(view.private_metadata) as Form;
    const orgHint = /^\d{9}$/.test(action.value)
      ? "Nordlys AS, Trondheim"
      : "An organisation number has 9 digits";
    await client.views.update({ view_id: view.id, hash: view.hash, view: invoiceView({ ...form, orgHint }) });
  });

  app.view("invoice", async ({ ack, view, client }) => {
    const values = view.state.values;
    seen.submissions.push(values);
    const form = JSON.parse(view.private_metadata) as Form;
    const lines = Object.keys(values).filter((blockId) => blockId.startsWith("line_"));
    const tooBig = lines.filter((blockId) => Number(values[blockId]?.amount?.value) > 100_000);
    if (tooBig.length > 0) {
      await ack({
        response_action: "errors",
        errors: Object.fromEntries(tooBig.map((blockId) => [blockId, "Above 100 000 kr needs approval"])),
      });
      return;
    }
    await ack();
    const total = lines.reduce((sum, blockId) => sum + Number(values[blockId]?.amount?.value), 0);
    await client.chat.postMessage({
      channel: form.channel,
      text: `Invoice to ${values.customer?.name?.value} sent: ${total} kr, ${values.terms?.days?.selected_option?.value} days`,
      unfurl_links: false,
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: `*Invoice to ${values.customer?.name?.value}*` } },
        {
          type: "actions",
          elements: [{ type: "button", action_id: "cancel_invoice", text: plain("Cancel invoice") }],
        },
      ],
    });
  });

  app.view({ callback_id: "invoice", type: "view_closed" }, async ({ ack, view }) => {
    await ack();
    seen.closed.push(view.id);
  });

  app.action<BlockAction>("cancel_invoice", async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, text: "Invoice cancelled" });
  });

  const server = await app.start(0);
  botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  driver = createSlackDriver({ slack: bed.sandbox, botUrl, signingSecret: SIGNING_SECRET });
});

afterEach(async () => {
  await app.stop();
  await bed.sandbox.close();
});

describe("a real Bolt app against the stand-in, driven by the driver", () => {
  it("opens a modal from /invoice, takes typed values, dispatched actions and a submission", async () => {
    const command = await driver.slashCommand({ command: "/invoice", channelId: SALES });
    expect(command).toMatchObject({ ok: true, status: 200, body: "" });
    const modal = await command.modal();
    expect(modal.view.callback_id).toBe("invoice");

    await modal.fill("customer", "name", "Nordlys AS");
    await modal.fill("terms", "days", "14");
    await modal.fill("due", "date", "2026-02-01");
    await modal.fill("line_1", "amount", "1200.50");

    // A dispatch_action input reaches the bot, which answers with views.update (using the hash).
    expect(await modal.fill("org", "org_number", "923609016")).toMatchObject({ dispatched: true, ok: true });
    await modal.waitForView((view) => JSON.stringify(view.blocks).includes("Nordlys AS, Trondheim"));

    // A button adds a line; what Kari typed survives both updates.
    expect((await modal.click("add_line")).ok).toBe(true);
    await modal.waitForView((view) => view.blocks.some((block) => block.block_id === "line_2"));
    expect(modal.value("customer", "name")).toEqual({ type: "plain_text_input", value: "Nordlys AS" });
    expect(modal.value("line_1", "amount")).toEqual({ type: "number_input", value: "1200.50" });

    // Slack's client will not send an empty required field.
    expect(await modal.submit()).toEqual({
      kind: "blocked",
      errors: { line_2: "Please complete this required field." },
    });

    // The bot's errors land under the named block; the modal stays open.
    await modal.fill("line_2", "amount", "250000");
    expect(await modal.submit()).toMatchObject({
      kind: "errors",
      errors: { line_2: "Above 100 000 kr needs approval" },
    });
    expect(modal.errors).toEqual({ line_2: "Above 100 000 kr needs approval" });

    await modal.fill("line_2", "amount", "300");
    expect(await modal.submit()).toMatchObject({ kind: "closed", delivery: { ok: true } });
    expect(modal.isOpen).toBe(false);

    const posted = await bed.sandbox.waitFor(() => bed.sandbox.workspace.messages(SALES)[0]);
    expect(posted).toMatchObject({
      text: "Invoice to Nordlys AS sent: 1500.5 kr, 14 days",
      unfurlLinks: false,
    });
    expect(seen.submissions.at(-1)).toMatchObject({
      terms: {
        days: {
          type: "static_select",
          selected_option: { text: { type: "plain_text", text: "14 days" }, value: "14" },
        },
      },
      due: { date: { type: "datepicker", selected_date: "2026-02-01" } },
      org: { org_number: { type: "plain_text_input", value: "923609016" } },
    });
  });

  it("lets the bot see expired_trigger_id when it opens the modal too late, and answer via respond()", async () => {
    const command = await driver.slashCommand({ command: "/invoice", text: "slow" });
    expect(command.ok).toBe(true);
    await bed.sandbox.waitFor(() => bed.sandbox.workspace.ephemeralsFor(KARI)[0]);
    expect(seen.openErrors).toEqual(["expired_trigger_id"]);
    expect(bed.sandbox.workspace.ephemeralsFor(KARI, SALES)).toMatchObject([
      { text: "Sorry, the invoice form took too long to open. Try again.", source: "response_url" },
    ]);
    expect(bed.sandbox.workspace.openModal(KARI)).toBeUndefined();
  });

  it("sends view_closed to the bot when Kari closes a notify_on_close modal", async () => {
    const modal = await (await driver.slashCommand({ command: "/invoice" })).modal();
    expect(await modal.close()).toMatchObject({ notified: true, delivery: { ok: true } });
    expect(seen.closed).toEqual([modal.id]);
    expect(modal.isOpen).toBe(false);
  });

  it("clicks a button in the bot's message; the bot replaces it through response_url", async () => {
    const modal = await (await driver.slashCommand({ command: "/invoice" })).modal();
    await modal.fill("customer", "name", "Fjord Fisk AS");
    await modal.fill("terms", "days", "30");
    await modal.fill("due", "date", "2026-03-01");
    await modal.fill("line_1", "amount", "990");
    await modal.submit();
    const message = await bed.sandbox.waitFor(() => bed.sandbox.workspace.messages(SALES)[0]);
    const clicked = await driver.clickMessageButton({
      channel: SALES,
      ts: message.ts,
      actionId: "cancel_invoice",
    });
    expect(clicked.ok).toBe(true);
    await bed.sandbox.waitFor(
      () => bed.sandbox.workspace.message(SALES, message.ts)?.text === "Invoice cancelled",
    );
    expect(bed.sandbox.workspace.message(SALES, message.ts)?.revisions).toHaveLength(1);
  });

  it("loads an external select's options from the bot (block_suggestion) and sends the pick", async () => {
    const command = await driver.slashCommand({ command: "/invoice", text: "picker", userId: KARI });
    const modal = await command.modal();
    await expect(modal.suggest("saved", "saved_customer", "n")).rejects.toThrow(
      "Slack asks for options only after 2 characters",
    );
    await expect(modal.fill("saved", "saved_customer", "Nordlys")).rejects.toThrow("call suggest first");
    const suggestion = await modal.suggest("saved", "saved_customer", "nord");
    expect(suggestion.problem).toBeUndefined();
    expect(suggestion.options.map((option) => option.value)).toEqual(["Nordlys"]);
    expect(seen.queries).toEqual(["nord"]);
    const picked = await modal.fill("saved", "saved_customer", "Nordlys");
    expect(picked).toMatchObject({ dispatched: true, ok: true });
    expect(seen.picked).toEqual(["Nordlys"]);
    expect(modal.value("saved", "saved_customer")?.selected_option?.value).toBe("Nordlys");
  });

  it("clicks a button in the published Home tab (block_actions from the home view)", async () => {
    expect((await driver.openAppHome({ userId: KARI })).ok).toBe(true);
    const home = await bed.sandbox.waitFor(() => bed.sandbox.workspace.home(KARI), {
      what: "Kari's Home tab",
    });
    expect(home.view.type).toBe("home");
    expect((await driver.homeAction({ userId: KARI, actionId: "forget", value: "Nordlys" })).ok).toBe(true);
    expect(seen.picked).toEqual(["forget:Nordlys:home"]);
  });

  it("is rejected by Bolt (401) when signed with another secret", async () => {
    const impostor = createSlackDriver({ slack: bed.sandbox, botUrl, signingSecret: "not-the-secret" });
    expect(await impostor.slashCommand({ command: "/invoice" })).toMatchObject({ ok: false, status: 401 });
    expect(bed.sandbox.workspace.state.modals).toHaveLength(0);
  });
});
