import type { IncomingHttpHeaders } from "node:http";
import { verifySlackRequest } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listen, type RunningServer, readBody } from "../src/http.js";
import {
  createSlackDriver,
  DEFAULT_CHANNELS,
  DEFAULT_USERS,
  type SlackDriver,
  TROUBLE_CONNECTING,
} from "../src/index.js";
import {
  customerInput,
  modal,
  orgNumberInput,
  plain,
  type SlackTestBed,
  startSlackTestBed,
} from "./slack-helpers.js";

const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const [KARI, , , EMIL] = DEFAULT_USERS.map((user) => user.id) as [string, string, string, string];
const { sales: SALES, finance: FINANCE } = DEFAULT_CHANNELS;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  form: Record<string, string>;
  payload?: Record<string, unknown> & { type: string };
}

/** A bare HTTP endpoint standing in for the bot: records requests, answers what the test says. */
async function startRecorder(answer: (request: Received) => { status?: number; body?: string } = () => ({})) {
  const received: Received[] = [];
  let hold: Promise<void> | undefined;
  const server: RunningServer = await listen(async (request, response) => {
    const body = await readBody(request);
    const form = Object.fromEntries(new URLSearchParams(body));
    const entry: Received = {
      headers: request.headers,
      body,
      form,
      ...(form.payload ? { payload: JSON.parse(form.payload) } : {}),
    };
    received.push(entry);
    if (hold) await hold;
    const { status = 200, body: text = "" } = answer(entry);
    response.writeHead(status, text.startsWith("{") ? { "content-type": "application/json" } : {});
    response.end(text);
  });
  return {
    received,
    url: `${server.url}/slack/events`,
    /** Makes the next answers wait until the returned function is called. */
    holdAnswers() {
      let release = () => {};
      hold = new Promise((resolve) => {
        release = resolve;
      });
      return () => {
        hold = undefined;
        release();
      };
    },
    close: () => server.close(),
  };
}

function verify(request: Received, signingSecret = SIGNING_SECRET): void {
  verifySlackRequest({
    signingSecret,
    body: request.body,
    headers: {
      "x-slack-signature": String(request.headers["x-slack-signature"]),
      "x-slack-request-timestamp": Number(request.headers["x-slack-request-timestamp"]),
    },
  });
}

let bed: SlackTestBed;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let driver: SlackDriver;

async function setUp(answer?: Parameters<typeof startRecorder>[0]) {
  recorder = await startRecorder(answer);
  driver = createSlackDriver({ slack: bed.sandbox, botUrl: recorder.url, signingSecret: SIGNING_SECRET });
}

beforeEach(async () => {
  bed = await startSlackTestBed();
});
afterEach(async () => {
  await recorder?.close();
  await bed.sandbox.close();
});

/** Opens `view` for Kari through the Web API, as the bot would. */
async function openForKari(view: Record<string, unknown>) {
  await bed.client.views.open({ trigger_id: bed.sandbox.controls.issueTrigger(KARI), view: view as never });
  return driver.modal(KARI);
}

const option = (value: string, text: string) => ({ text: plain(text), value });

describe("slash commands", () => {
  it("are signed so that Bolt's verifySlackRequest accepts them, and only with the right secret", async () => {
    await setUp();
    const result = await driver.slashCommand({
      command: "/invoice",
      text: "Nordlys AS 1200",
      channelId: SALES,
    });
    expect(result).toMatchObject({ ok: true, status: 200 });
    const [request] = recorder.received;
    if (!request) throw new Error("the bot got nothing");
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(() => verify(request)).not.toThrow();
    expect(() => verify(request, "another-secret")).toThrow("signature mismatch");
    expect(() => verify({ ...request, body: request.body.replace("1200", "9999") })).toThrow(
      "signature mismatch",
    );
  });

  it("can be sent again as Slack's retry: the same body, signed anew, with the retry headers", async () => {
    await setUp(() => ({ body: "" }));
    await expect(driver.retryLast()).rejects.toThrow("Nothing was sent to the bot yet");
    await driver.slashCommand({ command: "/invoice", text: "Nordlys AS", channelId: SALES });
    const retried = await driver.retryLast({ num: 2, reason: "http_error" });
    expect(retried).toMatchObject({ ok: true, status: 200 });
    const [first, second] = recorder.received;
    if (!first || !second) throw new Error("the bot did not get both deliveries");
    expect(second.body).toBe(first.body);
    expect(() => verify(second)).not.toThrow();
    expect(first.headers["x-slack-retry-num"]).toBeUndefined();
    expect(second.headers).toMatchObject({ "x-slack-retry-num": "2", "x-slack-retry-reason": "http_error" });
    expect(await driver.retryLast()).toMatchObject({ ok: true });
    expect(recorder.received[2]?.headers).toMatchObject({
      "x-slack-retry-num": "1",
      "x-slack-retry-reason": "http_timeout",
    });
    expect(recorder.received[2]?.body).toBe(first.body);
    expect(bed.sandbox.workspace.state.interactions.map((each) => [each.kind, each.userId])).toEqual([
      ["slash_command", KARI],
      ["slash_command", KARI],
      ["slash_command", KARI],
    ]);
  });

  it("carry Slack's fields, with a trigger and a response URL issued by the stand-in", async () => {
    await setUp();
    const result = await driver.slashCommand({
      command: "/invoice",
      text: "Nordlys AS",
      channelId: "#sales",
    });
    const { team, bot } = bed.sandbox.workspace;
    expect(Object.keys(recorder.received[0]?.form ?? {})).toEqual([
      "token",
      "team_id",
      "team_domain",
      "channel_id",
      "channel_name",
      "user_id",
      "user_name",
      "command",
      "text",
      "api_app_id",
      "is_enterprise_install",
      "response_url",
      "trigger_id",
    ]);
    expect(recorder.received[0]?.form).toMatchObject({
      team_id: team.id,
      team_domain: team.domain,
      channel_id: SALES,
      channel_name: "sales",
      user_id: KARI,
      user_name: "kari",
      command: "/invoice",
      text: "Nordlys AS",
      api_app_id: bot.appId,
      trigger_id: result.triggerId,
      response_url: result.responseUrl,
    });
    expect(result.responseUrl.startsWith(`${bed.sandbox.url}/commands/${team.id}/`)).toBe(true);
    // The trigger is real: the bot can open a modal with it.
    await expect(
      bed.client.views.open({ trigger_id: result.triggerId, view: modal() as never }),
    ).resolves.toMatchObject({
      ok: true,
    });
  });

  it("show an immediate text answer to the person only", async () => {
    await setUp(() => ({ body: "Opening the invoice form…" }));
    await driver.slashCommand({ command: "/invoice" });
    expect(bed.sandbox.workspace.ephemeralsFor(KARI, SALES)).toMatchObject([
      { text: "Opening the invoice form…", source: "command_ack" },
    ]);
  });

  it("cannot be typed where the person is not a member", async () => {
    await setUp();
    await expect(
      driver.slashCommand({ command: "/invoice", userId: EMIL, channelId: FINANCE }),
    ).rejects.toThrow("is not in");
  });

  it("report a bot that does not answer within Slack's 3 s as a timeout", async () => {
    await setUp();
    driver = createSlackDriver({
      slack: bed.sandbox,
      botUrl: recorder.url,
      signingSecret: SIGNING_SECRET,
      ackTimeoutMs: 50,
    });
    const release = recorder.holdAnswers();
    const result = await driver.slashCommand({ command: "/invoice" });
    release();
    expect(result).toMatchObject({ ok: false, status: "timeout" });
    expect(bed.sandbox.workspace.state.interactions.at(-1)).toMatchObject({
      kind: "slash_command",
      status: "timeout",
    });
  });
});

describe("modals", () => {
  const form = () =>
    modal({
      notify_on_close: true,
      private_metadata: '{"channel":"C0SALES01"}',
      blocks: [
        customerInput(),
        orgNumberInput(),
        {
          type: "input",
          block_id: "amount",
          label: plain("Amount"),
          element: { type: "number_input", action_id: "kr", is_decimal_allowed: true, min_value: "1" },
        },
        {
          type: "input",
          block_id: "terms",
          label: plain("Terms"),
          element: {
            type: "static_select",
            action_id: "days",
            options: [option("10", "10 days"), option("14", "14 days")],
            initial_option: option("14", "14 days"),
          },
        },
        {
          type: "input",
          block_id: "extras",
          optional: true,
          label: plain("Extras"),
          element: {
            type: "checkboxes",
            action_id: "picked",
            options: [option("fee", "Invoice fee"), option("ehf", "EHF")],
          },
        },
        {
          type: "input",
          block_id: "due",
          optional: true,
          label: plain("Due"),
          element: { type: "datepicker", action_id: "date" },
        },
        {
          type: "input",
          block_id: "kind",
          label: plain("Customer type"),
          element: {
            type: "radio_buttons",
            action_id: "type",
            options: [option("private", "Private"), option("corporate", "Company")],
          },
        },
        {
          type: "input",
          block_id: "email",
          optional: true,
          label: plain("Email"),
          element: { type: "email_text_input", action_id: "address" },
        },
        {
          type: "actions",
          block_id: "lines",
          elements: [{ type: "button", action_id: "add_line", text: plain("Add line"), value: "1" }],
        },
      ],
    });

  it("keep view.state.values in Slack's exact shapes, including untouched elements", async () => {
    await setUp();
    const handle = await openForKari(form());
    await handle.fill("customer", "name", "Nordlys AS");
    await handle.fill("amount", "kr", 1200.5);
    await handle.fill("extras", "picked", ["fee", "ehf"]);
    await handle.fill("due", "date", "2026-02-01");
    await handle.fill("kind", "type", "corporate");
    expect(handle.view.state.values).toEqual({
      customer: { name: { type: "plain_text_input", value: "Nordlys AS" } },
      org: { org_number: { type: "plain_text_input", value: null } },
      amount: { kr: { type: "number_input", value: "1200.5" } },
      terms: {
        days: {
          type: "static_select",
          selected_option: { text: { type: "plain_text", text: "14 days", emoji: true }, value: "14" },
        },
      },
      extras: {
        picked: {
          type: "checkboxes",
          selected_options: [
            { text: { type: "plain_text", text: "Invoice fee", emoji: true }, value: "fee" },
            { text: { type: "plain_text", text: "EHF", emoji: true }, value: "ehf" },
          ],
        },
      },
      due: { date: { type: "datepicker", selected_date: "2026-02-01" } },
      kind: {
        type: {
          type: "radio_buttons",
          selected_option: { text: { type: "plain_text", text: "Company", emoji: true }, value: "corporate" },
        },
      },
      email: { address: { type: "email_text_input", value: null } },
    });
    expect(recorder.received).toHaveLength(0); // plain inputs do not dispatch
  });

  it("refuse what Slack's client would not let a person enter", async () => {
    await setUp();
    const handle = await openForKari(form());
    await expect(handle.fill("terms", "days", "30")).rejects.toThrow('"30" is not an option');
    await expect(handle.fill("due", "date", "01.02.2026")).rejects.toThrow("YYYY-MM-DD");
    await expect(handle.fill("customer", "nope", "x")).rejects.toThrow("has no element customer/nope");
    await expect(handle.fill("lines", "add_line", "x")).rejects.toThrow("click it");
  });

  it("send a typed value in a dispatch_action input only on Enter, unless the input asks for every character", async () => {
    await setUp();
    const view = form();
    const blocks = view.blocks as Record<string, unknown>[];
    blocks.push({
      type: "input",
      block_id: "search",
      optional: true,
      dispatch_action: true,
      label: plain("Search"),
      element: {
        type: "plain_text_input",
        action_id: "query",
        dispatch_action_config: { trigger_actions_on: ["on_character_entered"] },
      },
    });
    const handle = await openForKari(view);
    expect(await handle.fill("org", "org_number", "923609016", { pressEnter: false })).toEqual({
      dispatched: false,
    });
    expect(handle.value("org", "org_number")).toEqual({ type: "plain_text_input", value: "923609016" });
    expect(recorder.received).toHaveLength(0);
    expect(await handle.fill("search", "query", "Nord", { pressEnter: false })).toMatchObject({
      dispatched: true,
    });
    expect(await handle.fill("org", "org_number", "923609016")).toMatchObject({ dispatched: true });
    expect(recorder.received.map((request) => request.payload?.actions)).toEqual([
      [expect.objectContaining({ block_id: "search", value: "Nord" })],
      [expect.objectContaining({ block_id: "org", value: "923609016" })],
    ]);
  });

  it("send block_actions for dispatch_action inputs and buttons, signed, with view, hash and a fresh trigger", async () => {
    await setUp();
    const handle = await openForKari(form());
    await handle.fill("customer", "name", "Nordlys AS");
    const typed = await handle.fill("org", "org_number", "923609016");
    expect(typed).toMatchObject({ dispatched: true, ok: true });
    const clicked = await handle.click("add_line");
    expect(clicked.ok).toBe(true);
    const [orgAction, buttonAction] = recorder.received;
    for (const request of recorder.received) expect(() => verify(request)).not.toThrow();
    expect(orgAction?.payload).toMatchObject({
      type: "block_actions",
      user: { id: KARI, username: "kari", team_id: bed.sandbox.workspace.team.id },
      api_app_id: bed.sandbox.workspace.bot.appId,
      container: { type: "view", view_id: handle.id },
      team: { id: bed.sandbox.workspace.team.id, domain: bed.sandbox.workspace.team.domain },
      view: {
        id: handle.id,
        hash: handle.view.hash,
        callback_id: "invoice",
        private_metadata: '{"channel":"C0SALES01"}',
        state: { values: { customer: { name: { type: "plain_text_input", value: "Nordlys AS" } } } },
      },
      actions: [
        {
          type: "plain_text_input",
          block_id: "org",
          action_id: "org_number",
          value: "923609016",
          action_ts: expect.any(String),
        },
      ],
    });
    expect(buttonAction?.payload?.actions).toEqual([
      {
        type: "button",
        block_id: "lines",
        action_id: "add_line",
        text: { type: "plain_text", text: "Add line", emoji: true },
        value: "1",
        action_ts: expect.any(String),
      },
    ]);
    // Each interaction carries its own trigger, good for one views.push onto this modal.
    const triggerId = String(buttonAction?.payload?.trigger_id);
    expect(triggerId).not.toBe(orgAction?.payload?.trigger_id);
    await bed.client.views.push({
      trigger_id: triggerId,
      view: modal({ title: plain("Line details") }) as never,
    });
    expect(bed.sandbox.workspace.openModal(KARI)?.stack).toHaveLength(2);
  });

  it("keep what was typed through views.update only where block and action ids stay the same", async () => {
    await setUp();
    const handle = await openForKari(form());
    await handle.fill("customer", "name", "Nordlys AS");
    await handle.fill("amount", "kr", "1200");
    const renamed = form();
    const blocks = renamed.blocks as Record<string, unknown>[];
    blocks[2] = { ...blocks[2], block_id: "amount_v2" };
    await bed.client.views.update({ view_id: handle.id, hash: handle.view.hash, view: renamed as never });
    expect(handle.value("customer", "name")).toEqual({ type: "plain_text_input", value: "Nordlys AS" });
    expect(handle.value("amount_v2", "kr")).toEqual({ type: "number_input", value: null });
  });

  it("submit as view_submission and apply an empty answer by closing the modal", async () => {
    await setUp();
    const handle = await openForKari(form());
    await handle.fill("customer", "name", "Nordlys AS");
    await handle.fill("amount", "kr", "1200");
    await handle.fill("kind", "type", "private");
    const outcome = await handle.submit();
    expect(outcome).toMatchObject({ kind: "closed", delivery: { ok: true } });
    expect(handle.isOpen).toBe(false);
    const [submission] = recorder.received;
    if (!submission) throw new Error("no submission");
    expect(() => verify(submission)).not.toThrow();
    expect(submission.payload).toMatchObject({
      type: "view_submission",
      trigger_id: expect.any(String),
      response_urls: [],
      view: {
        id: handle.id,
        callback_id: "invoice",
        state: { values: { amount: { kr: { value: "1200" } } } },
      },
    });
  });

  it("are refused by the client while required fields are empty or out of bounds", async () => {
    await setUp();
    const handle = await openForKari(form());
    await handle.fill("amount", "kr", "0");
    await handle.fill("email", "address", "kari@");
    expect(await handle.submit()).toEqual({
      kind: "blocked",
      errors: {
        customer: "Please complete this required field.",
        amount: "Please enter a number that is 1 or more.",
        kind: "Please complete this required field.",
        email: "Please enter a valid email address.",
      },
    });
    expect(recorder.received).toHaveLength(0);
  });

  describe("apply the bot's response_action as Slack does", () => {
    const filled = async () => {
      const handle = await openForKari(form());
      await handle.fill("customer", "name", "Nordlys AS");
      await handle.fill("amount", "kr", "1200");
      await handle.fill("kind", "type", "corporate");
      return handle;
    };

    it("errors: shown under the named input blocks, modal stays open", async () => {
      await setUp(() => ({
        body: JSON.stringify({
          response_action: "errors",
          errors: { org: "Organisation numbers have 9 digits" },
        }),
      }));
      const handle = await filled();
      expect(await handle.submit()).toMatchObject({
        kind: "errors",
        errors: { org: "Organisation numbers have 9 digits" },
      });
      expect(handle.isOpen).toBe(true);
      expect(handle.errors).toEqual({ org: "Organisation numbers have 9 digits" });
    });

    it("errors naming a block that is not an input block: Slack's generic failure", async () => {
      await setUp(() => ({ body: JSON.stringify({ response_action: "errors", errors: { lines: "No" } }) }));
      const handle = await filled();
      const outcome = await handle.submit();
      expect(outcome).toMatchObject({
        kind: "failed",
        reason: expect.stringContaining("not an input block"),
      });
      expect(handle.isOpen).toBe(true);
      expect(TROUBLE_CONNECTING).toBe("We had some trouble connecting. Try again?");
    });

    it("update: replaces the view, held to the view limits", async () => {
      await setUp(() => ({
        body: JSON.stringify({ response_action: "update", view: modal({ title: plain("Sending…") }) }),
      }));
      const handle = await filled();
      expect(await handle.submit()).toMatchObject({
        kind: "updated",
        view: { id: handle.id, title: { text: "Sending…" } },
      });
      expect(handle.view.title?.text).toBe("Sending…");
    });

    it("update with a view Slack would reject: failed, with Slack's messages", async () => {
      await setUp(() => ({
        body: JSON.stringify({
          response_action: "update",
          view: modal({ title: plain("Sending your invoice now…") }),
        }),
      }));
      const handle = await filled();
      expect(await handle.submit()).toMatchObject({
        kind: "failed",
        reason: "invalid_arguments",
        messages: ["[ERROR] must be less than 25 characters [json-pointer:/view/title/text]"],
      });
      expect(handle.view.title?.text).toBe("New invoice");
    });

    it("push: stacks a view; clear: closes them all", async () => {
      let answer = JSON.stringify({ response_action: "push", view: modal({ title: plain("Confirm") }) });
      await setUp(() => ({ body: answer }));
      const handle = await filled();
      expect(await handle.submit()).toMatchObject({ kind: "pushed", view: { previous_view_id: handle.id } });
      expect(handle.modal.stack).toHaveLength(2);
      answer = JSON.stringify({ response_action: "clear" });
      await handle.fill("customer", "name", "Nordlys AS");
      expect(await handle.submit()).toMatchObject({ kind: "cleared" });
      expect(handle.modal).toMatchObject({ status: "closed", closeReason: "cleared" });
    });

    it("a non-200 answer: failed, modal stays open", async () => {
      await setUp(() => ({ status: 500 }));
      const handle = await filled();
      expect(await handle.submit()).toMatchObject({ kind: "failed", reason: "the app answered HTTP 500" });
      expect(handle.isOpen).toBe(true);
    });
  });

  it("close sends view_closed when the view asks for it, then closes the modal", async () => {
    await setUp();
    const handle = await openForKari(form());
    const outcome = await handle.close();
    expect(outcome).toMatchObject({ notified: true, delivery: { ok: true } });
    expect(recorder.received[0]?.payload).toMatchObject({
      type: "view_closed",
      is_cleared: false,
      view: { id: handle.id },
    });
    expect(handle.modal).toMatchObject({ status: "closed", closeReason: "closed_by_user" });
  });

  it("close without notify_on_close sends nothing", async () => {
    await setUp();
    const handle = await openForKari(modal());
    expect(await handle.close()).toEqual({ notified: false });
    expect(recorder.received).toHaveLength(0);
  });
});

describe("choosing from an overflow menu in a message", () => {
  it("sends block_actions with the chosen option, a trigger and a response_url; refuses options not offered", async () => {
    await setUp();
    const { ts } = await bed.client.chat.postMessage({
      channel: SALES,
      text: "Invoice",
      blocks: [
        {
          type: "actions",
          block_id: "controls",
          elements: [
            {
              type: "overflow",
              action_id: "more",
              options: [
                { text: { type: "plain_text", text: "Refresh status" }, value: "refresh:FB1" },
                { text: { type: "plain_text", text: "Copy" }, value: "copy:FB1" },
              ],
            },
          ],
        },
      ],
    });
    const chosen = await driver.chooseMessageOverflow({
      channel: SALES,
      ts: ts as string,
      actionId: "more",
      value: "copy:FB1",
    });
    expect(chosen.ok).toBe(true);
    const payload = recorder.received[0]?.payload as unknown as Record<string, unknown> & {
      actions: unknown[];
    };
    expect(payload).toMatchObject({
      type: "block_actions",
      container: { type: "message", message_ts: ts },
      channel: { id: SALES },
      user: { id: KARI },
    });
    expect(payload.actions).toEqual([
      expect.objectContaining({
        type: "overflow",
        block_id: "controls",
        action_id: "more",
        selected_option: expect.objectContaining({ value: "copy:FB1" }),
      }),
    ]);
    expect(typeof payload.trigger_id).toBe("string");
    expect(typeof payload.response_url).toBe("string");
    await expect(
      driver.chooseMessageOverflow({
        channel: SALES,
        ts: ts as string,
        actionId: "more",
        value: "launch:FB1",
      }),
    ).rejects.toThrow('"launch:FB1" is not an option of overflow more');
    await expect(
      driver.chooseMessageOverflow({
        channel: SALES,
        ts: ts as string,
        actionId: "other",
        value: "copy:FB1",
      }),
    ).rejects.toThrow("has no overflow menu other");
  });
});
