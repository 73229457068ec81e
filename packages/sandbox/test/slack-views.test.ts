import type { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_USERS } from "../src/index.js";
import { modal, plain, type SlackTestBed, slackError, startSlackTestBed } from "./slack-helpers.js";

const KARI = DEFAULT_USERS[0]?.id ?? "";

let bed: SlackTestBed;
let client: WebClient;

beforeEach(async () => {
  bed = await startSlackTestBed();
  client = bed.client;
});
afterEach(() => bed.sandbox.close());

const trigger = () => bed.sandbox.controls.issueTrigger(KARI);
const open = (view: Record<string, unknown>) =>
  client.views.open({ trigger_id: trigger(), view: view as never });

const input = (blockId: string, element: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: "input",
  block_id: blockId,
  label: plain("Field"),
  element,
  ...extra,
});
const option = (value: string, text = value) => ({ text: plain(text), value });
const options = (count: number) => Array.from({ length: count }, (_, index) => option(`o${index}`));
/** The id and hash a views.* answer carries (empty when missing, which the assertions catch). */
const idsOf = (answer: { view?: { id?: string; hash?: string } }) => ({
  id: answer.view?.id ?? "",
  hash: answer.view?.hash ?? "",
});
const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

describe("views.open", () => {
  it("opens a modal for the trigger's user and answers Slack's view object", async () => {
    const answer = await open(modal({ private_metadata: "C0SALES01" }));
    expect(answer.ok).toBe(true);
    expect(answer.view).toMatchObject({
      id: expect.stringMatching(/^V[0-9A-Z]{10}$/),
      type: "modal",
      hash: expect.stringMatching(/^\d+\.[0-9a-f]{8}$/),
      callback_id: "invoice",
      private_metadata: "C0SALES01",
      title: { type: "plain_text", text: "New invoice", emoji: true },
      root_view_id: idsOf(answer).id,
      previous_view_id: null,
      app_id: bed.sandbox.workspace.bot.appId,
      bot_id: bed.sandbox.workspace.bot.botId,
      state: { values: {} },
    });
    const opened = bed.sandbox.workspace.openModal(KARI);
    expect(opened?.stack.map((record) => record.view.id)).toEqual([answer.view?.id]);
  });

  it("fills in block and action ids the app left out, as Slack does", async () => {
    const answer = await open(
      modal({ blocks: [{ type: "input", label: plain("Note"), element: { type: "plain_text_input" } }] }),
    );
    const [block] = (answer.view?.blocks ?? []) as { block_id?: string; element?: { action_id?: string } }[];
    expect(block?.block_id).toMatch(/^[A-Za-z0-9]{4}$/);
    expect(block?.element?.action_id).toMatch(/^[A-Za-z0-9]{4}$/);
  });

  it("answers Slack's own message for a title over 24 characters", async () => {
    const failure = await slackError(open(modal({ title: plain("An invoice title too long") })));
    expect(failure).toEqual({
      error: "invalid_arguments",
      messages: ["[ERROR] must be less than 25 characters [json-pointer:/view/title/text]"],
    });
  });

  // Every modal limit the stand-in enforces, each answering Slack's code and pointer.
  const limits: [string, Record<string, unknown>, string][] = [
    ["submit over 24 characters", { submit: plain("Send this invoice right now") }, "/view/submit/text"],
    ["close over 24 characters", { close: plain("Cancel and discard this one") }, "/view/close/text"],
    ["an empty title", { title: plain("") }, "/view/title/text"],
    ["a mrkdwn title", { title: { type: "mrkdwn", text: "Invoice" } }, "/view/title/type"],
    ["no title", { title: undefined }, "/view"],
    ["input blocks without submit", { submit: undefined }, "/view/blocks/0/input"],
    ["101 blocks", { blocks: Array.from({ length: 101 }, () => ({ type: "divider" })) }, "/view/blocks"],
    ["private_metadata over 3000", { private_metadata: "x".repeat(3001) }, "/view/private_metadata"],
    ["callback_id over 255", { callback_id: "c".repeat(256) }, "/view/callback_id"],
    [
      "a duplicate block_id",
      { blocks: [section("a"), { ...section("b") }].map((block) => ({ ...block, block_id: "same" })) },
      "/view/blocks/1/block_id",
    ],
    [
      "a block_id over 255",
      { blocks: [{ ...section("a"), block_id: "b".repeat(256) }] },
      "/view/blocks/0/block_id",
    ],
    [
      "a duplicate action_id in one block",
      {
        blocks: [
          {
            type: "actions",
            elements: [
              { type: "button", action_id: "go", text: plain("A") },
              { type: "button", action_id: "go", text: plain("B") },
            ],
          },
        ],
      },
      "/view/blocks/0/elements/1/action_id",
    ],
    [
      "an action_id over 255",
      { blocks: [input("b", { type: "plain_text_input", action_id: "a".repeat(256) })] },
      "/view/blocks/0/element/action_id",
    ],
    [
      "a label over 2000",
      { blocks: [input("b", { type: "plain_text_input" }, { label: plain("l".repeat(2001)) })] },
      "/view/blocks/0/label/text",
    ],
    [
      "a placeholder over 150",
      { blocks: [input("b", { type: "plain_text_input", placeholder: plain("p".repeat(151)) })] },
      "/view/blocks/0/element/placeholder/text",
    ],
    [
      "a static_select with 101 options",
      { blocks: [input("b", { type: "static_select", options: options(101) })] },
      "/view/blocks/0/element/options",
    ],
    [
      "radio buttons with 11 options",
      { blocks: [input("b", { type: "radio_buttons", options: options(11) })] },
      "/view/blocks/0/element/options",
    ],
    [
      "checkboxes with 11 options",
      { blocks: [input("b", { type: "checkboxes", options: options(11) })] },
      "/view/blocks/0/element/options",
    ],
    [
      "an option text over 75",
      { blocks: [input("b", { type: "static_select", options: [option("v", "t".repeat(76))] })] },
      "/view/blocks/0/element/options/0/text/text",
    ],
    [
      "an option value over 75",
      { blocks: [input("b", { type: "static_select", options: [option("v".repeat(76), "Text")] })] },
      "/view/blocks/0/element/options/0/value",
    ],
    [
      "a number_input without is_decimal_allowed",
      { blocks: [input("b", { type: "number_input" })] },
      "/view/blocks/0/element",
    ],
    [
      "a number_input with min above max",
      {
        blocks: [
          input("b", { type: "number_input", is_decimal_allowed: true, min_value: "10", max_value: "1" }),
        ],
      },
      "/view/blocks/0/element/min_value",
    ],
    ["section text over 3000", { blocks: [section("s".repeat(3001))] }, "/view/blocks/0/text/text"],
    ["empty section text", { blocks: [section("")] }, "/view/blocks/0/text/text"],
    [
      "11 section fields",
      { blocks: [{ type: "section", fields: Array.from({ length: 11 }, () => plain("f")) }] },
      "/view/blocks/0/fields",
    ],
    [
      "a section field over 2000",
      { blocks: [{ type: "section", fields: [plain("f".repeat(2001))] }] },
      "/view/blocks/0/fields/0/text",
    ],
    ["an unknown block type", { blocks: [{ type: "invoice_table" }] }, "/view/blocks/0/type"],
    [
      "a button in an input block",
      { blocks: [input("b", { type: "button", text: plain("Go") })] },
      "/view/blocks/0/element/type",
    ],
    [
      "an initial_option not among the options",
      { blocks: [input("b", { type: "static_select", options: options(2), initial_option: option("x") })] },
      "/view/blocks/0/element/initial_option",
    ],
    [
      "an invalid initial_date",
      { blocks: [input("b", { type: "datepicker", initial_date: "2026-02-30" })] },
      "/view/blocks/0/element/initial_date",
    ],
  ];

  it.each(limits)("rejects %s with invalid_arguments", async (_name, change, pointer) => {
    const failure = await slackError(open(modal(change)));
    expect(failure.error).toBe("invalid_arguments");
    expect(failure.messages.some((message) => message.endsWith(`[json-pointer:${pointer}]`))).toBe(true);
    expect(failure.messages.every((message) => message.startsWith("[ERROR] "))).toBe(true);
  });

  it("answers view_too_large above 250 kB", async () => {
    const blocks = Array.from({ length: 90 }, () => section("x".repeat(2900)));
    expect((await slackError(open(modal({ blocks })))).error).toBe("view_too_large");
  });

  it("does not burn the trigger when the view is rejected", async () => {
    const triggerId = trigger();
    await slackError(
      client.views.open({ trigger_id: triggerId, view: modal({ title: plain("") }) as never }),
    );
    await expect(client.views.open({ trigger_id: triggerId, view: modal() as never })).resolves.toMatchObject(
      {
        ok: true,
      },
    );
  });
});

describe("trigger_id", () => {
  it("is usable for 3 s by the sandbox clock, then expired_trigger_id", async () => {
    const early = trigger();
    const late = trigger();
    bed.clock.advance(2999);
    await expect(client.views.open({ trigger_id: early, view: modal() as never })).resolves.toMatchObject({
      ok: true,
    });
    bed.clock.advance(1);
    expect(await slackError(client.views.open({ trigger_id: late, view: modal() as never }))).toEqual({
      error: "expired_trigger_id",
      messages: [],
    });
  });

  it("is single use: a second exchange answers exchanged_trigger_id", async () => {
    const triggerId = trigger();
    await client.views.open({ trigger_id: triggerId, view: modal() as never });
    const failure = await slackError(client.views.open({ trigger_id: triggerId, view: modal() as never }));
    expect(failure.error).toBe("exchanged_trigger_id");
  });

  it("rejects a trigger the stand-in never issued", async () => {
    const failure = await slackError(client.views.open({ trigger_id: "1.2.nope", view: modal() as never }));
    expect(failure).toEqual({
      error: "invalid_arguments",
      messages: ["[ERROR] invalid `trigger_id` [json-pointer:/trigger_id]"],
    });
  });
});

describe("views.update", () => {
  it("replaces the view, keeps its id and issues a new hash each time", async () => {
    const opened = await open(modal());
    const first = await client.views.update({
      view_id: idsOf(opened).id,
      hash: idsOf(opened).hash,
      view: modal({ title: plain("Checking…") }) as never,
    });
    expect(first.view?.id).toBe(opened.view?.id);
    expect(first.view?.hash).not.toBe(opened.view?.hash);
    expect(bed.sandbox.workspace.openModal(KARI)?.stack[0]?.view.title?.text).toBe("Checking…");
    const second = await client.views.update({ view_id: idsOf(opened).id, view: modal() as never });
    expect(second.view?.hash).not.toBe(first.view?.hash);
  });

  it("answers hash_conflict for a stale hash", async () => {
    const opened = await open(modal());
    await client.views.update({
      view_id: idsOf(opened).id,
      hash: idsOf(opened).hash,
      view: modal() as never,
    });
    const failure = await slackError(
      client.views.update({ view_id: idsOf(opened).id, hash: idsOf(opened).hash, view: modal() as never }),
    );
    expect(failure.error).toBe("hash_conflict");
  });

  it("finds the view by external_id", async () => {
    await open(modal({ external_id: "order-17" }));
    const updated = await client.views.update({
      external_id: "order-17",
      view: modal({ external_id: "order-17" }) as never,
    });
    expect(updated.view?.external_id).toBe("order-17");
  });

  it("answers not_found for unknown and closed views", async () => {
    expect(
      (await slackError(client.views.update({ view_id: "V0000000999", view: modal() as never }))).error,
    ).toBe("not_found");
    const opened = await open(modal());
    await open(modal()); // Kari's next modal replaces the first
    const failure = await slackError(
      client.views.update({ view_id: idsOf(opened).id, view: modal() as never }),
    );
    expect(failure.error).toBe("not_found");
  });

  it("refuses view_id and external_id together, in Slack's words", async () => {
    const opened = await open(modal());
    const failure = await slackError(
      client.views.update({ view_id: idsOf(opened).id, external_id: "x", view: modal() as never } as never),
    );
    expect(failure).toEqual({
      error: "invalid_arguments",
      messages: ["[ERROR] Cannot provide both `view_id` and `external_id`"],
    });
  });

  it("holds updates to the same limits as views.open", async () => {
    const opened = await open(modal());
    const failure = await slackError(
      client.views.update({
        view_id: idsOf(opened).id,
        view: modal({ private_metadata: "m".repeat(3001) }) as never,
      }),
    );
    expect(failure).toEqual({
      error: "invalid_arguments",
      messages: ["[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]"],
    });
  });

  it("answers duplicate_external_id when another open view has it", async () => {
    await open(modal({ external_id: "order-17" }));
    const other = bed.sandbox.controls.issueTrigger(DEFAULT_USERS[1]?.id ?? "");
    const failure = await slackError(
      client.views.open({ trigger_id: other, view: modal({ external_id: "order-17" }) as never }),
    );
    expect(failure.error).toBe("duplicate_external_id");
  });
});

describe("views.push", () => {
  it("stacks at most three views: push_limit_reached after two pushes", async () => {
    const opened = await open(modal());
    const rootId = idsOf(opened).id;
    const pushTrigger = () => bed.sandbox.controls.issueTrigger(KARI, { kind: "view", viewId: rootId });
    const second = await client.views.push({
      trigger_id: pushTrigger(),
      view: modal({ title: plain("Line 2") }) as never,
    });
    expect(second.view).toMatchObject({ root_view_id: rootId, previous_view_id: rootId });
    await client.views.push({ trigger_id: pushTrigger(), view: modal({ title: plain("Line 3") }) as never });
    const failure = await slackError(
      client.views.push({ trigger_id: pushTrigger(), view: modal() as never }),
    );
    expect(failure.error).toBe("push_limit_reached");
    expect(bed.sandbox.workspace.openModal(KARI)?.stack).toHaveLength(3);
  });

  it("needs a trigger from an open modal", async () => {
    const failure = await slackError(client.views.push({ trigger_id: trigger(), view: modal() as never }));
    expect(failure.error).toBe("invalid_arguments");
  });
});

describe("views.publish", () => {
  const home = (blocks: unknown[]) => ({ type: "home", blocks });

  it("publishes a Home tab per user and checks its hash", async () => {
    const published = await client.views.publish({
      user_id: KARI,
      view: home([section("Hei Kari")]) as never,
    });
    expect(bed.sandbox.workspace.home(KARI)?.view.id).toBe(published.view?.id);
    const stale = idsOf(published).hash;
    await client.views.publish({ user_id: KARI, hash: stale, view: home([section("Oppdatert")]) as never });
    const failure = await slackError(
      client.views.publish({ user_id: KARI, hash: stale, view: home([]) as never }),
    );
    expect(failure.error).toBe("hash_conflict");
  });

  it("holds Home tabs to 100 blocks", async () => {
    const blocks = Array.from({ length: 101 }, () => ({ type: "divider" }));
    const failure = await slackError(client.views.publish({ user_id: KARI, view: home(blocks) as never }));
    expect(failure).toEqual({
      error: "invalid_arguments",
      messages: ["[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]"],
    });
  });

  it("answers user_not_found for someone not in the workspace", async () => {
    expect(
      (await slackError(client.views.publish({ user_id: "U0NOBODY", view: home([]) as never }))).error,
    ).toBe("user_not_found");
  });
});
