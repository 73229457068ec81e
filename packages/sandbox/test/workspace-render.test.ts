import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { WebClient } from "@slack/web-api";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { chromiumLaunchOptions, DEFAULT_BOT_TOKEN } from "../src/index.js";
import { silentLogger } from "./slack-helpers.js";
import { option, plain, startWorkspaceBed, type WorkspaceBed } from "./workspace-fixtures.js";

/** Screenshots a person can look at after a run (gitignored). */
const ARTIFACTS = fileURLToPath(new URL("../test-artifacts/", import.meta.url));
const KARI = "U0KARINOR";
const SALES = "C0SALES01";
/** Text that would run script if the page ever parsed data as HTML. */
const XSS = `<img src=x onerror="window.__pwned=1">"'&`;

let context: BrowserContext | undefined;
let chromiumMissing: unknown;
let userDataDir: string;
let bed: WorkspaceBed;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  userDataDir = await mkdtemp(join(tmpdir(), "workspace-chromium-"));
  try {
    context = await chromium.launchPersistentContext(userDataDir, chromiumLaunchOptions());
    context.setDefaultTimeout(5000);
  } catch (error) {
    // Each test then fails (never skips) with the install hint.
    chromiumMissing = error;
  }
});
afterAll(async () => {
  await context?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  if (!context) throw chromiumMissing;
  bed = await startWorkspaceBed();
  page = await context.newPage();
  pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(bed.page.url);
  await page.getByRole("heading", { name: "#sales" }).waitFor();
});
afterEach(async () => {
  if (!context) return;
  expect(pageErrors).toEqual([]);
  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.close();
  await bed.close();
});

function botClient() {
  return new WebClient(DEFAULT_BOT_TOKEN, {
    slackApiUrl: bed.slack.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger,
  });
}

async function openModal(view: Record<string, unknown>) {
  bed.view = view;
  const composer = page.getByRole("textbox", { name: "Message #sales" });
  await composer.fill("/invoice");
  await composer.press("Enter");
  const title = (view.title as { text: string }).text;
  const dialog = page.getByRole("dialog", { name: title });
  await dialog.waitFor();
  return dialog;
}

const ACTIONS_SENT = () => bed.received.filter((request) => request.payload?.type === "block_actions");

/** A browser on a shared CI machine is slower than the default 5 s allows for. */
const BROWSER_TEST = { timeout: 30_000 };

describe("workspace page: the modal from Block Kit", BROWSER_TEST, () => {
  const view = {
    type: "modal",
    callback_id: "everything",
    title: plain("Every element"),
    submit: plain("Send"),
    close: plain("Cancel"),
    blocks: [
      { type: "header", text: plain(`Customer ${XSS}`) },
      { type: "section", text: { type: "mrkdwn", text: "*Bold* and _italic_ :white_check_mark:" } },
      { type: "divider" },
      {
        type: "input",
        block_id: "name",
        label: plain("Name"),
        hint: plain("As on the invoice"),
        element: { type: "plain_text_input", action_id: "value", placeholder: plain("Kari Nordmann") },
      },
      {
        type: "input",
        block_id: "notes",
        optional: true,
        label: plain("Notes"),
        element: { type: "plain_text_input", action_id: "value", multiline: true, initial_value: XSS },
      },
      {
        type: "input",
        block_id: "rate",
        dispatch_action: true,
        label: plain("Unit price"),
        element: { type: "number_input", action_id: "value", is_decimal_allowed: true },
      },
      {
        type: "input",
        block_id: "email",
        optional: true,
        label: plain("Email"),
        element: { type: "email_text_input", action_id: "value" },
      },
      {
        type: "input",
        block_id: "country",
        dispatch_action: true,
        label: plain("Country"),
        element: {
          type: "static_select",
          action_id: "value",
          option_groups: [
            {
              label: plain("Nordic countries"),
              options: [option("NO", "Norway (NO)"), option("SE", "Sweden (SE)")],
            },
            { label: plain("G"), options: [option("DE", "Germany (DE)")] },
          ],
          initial_option: option("NO", "Norway (NO)"),
        },
      },
      {
        type: "input",
        block_id: "kind",
        label: plain("Customer type"),
        element: {
          type: "radio_buttons",
          action_id: "value",
          options: [option("private", "A person"), option("corporate", "A company")],
          initial_option: option("private", "A person"),
        },
      },
      {
        type: "input",
        block_id: "extras",
        optional: true,
        label: plain("Invoice options"),
        element: { type: "checkboxes", action_id: "value", options: [option("fee", "Add the invoice fee")] },
      },
      {
        type: "video",
        title: plain("A block the page does not know"),
        alt_text: "x",
        video_url: "https://x",
      },
      {
        type: "actions",
        block_id: "lines",
        elements: [
          { type: "button", action_id: "add_line", text: plain("➕ Add line"), style: "primary" },
          {
            type: "button",
            action_id: "remove_all",
            text: plain("Remove all"),
            style: "danger",
            confirm: {
              title: plain("Remove every line?"),
              text: plain("This cannot be undone."),
              confirm: plain("Remove"),
              deny: plain("Keep them"),
              style: "danger",
            },
          },
        ],
      },
      { type: "context", elements: [{ type: "mrkdwn", text: "Totals update when you press Enter." }] },
    ],
  };

  it("renders every element the bot uses, labelled, with values, hints and an unknown block shown as such", async () => {
    const modal = await openModal(view);
    await modal.getByRole("heading", { name: `Customer ${XSS}` }).waitFor();
    expect(await modal.locator("strong").first().textContent()).toBe("Bold");
    expect(await modal.locator("em").first().textContent()).toBe("italic");
    expect(await modal.textContent()).toContain("italic ✅");
    const name = modal.getByRole("textbox", { name: "Name" });
    expect(await name.getAttribute("placeholder")).toBe("Kari Nordmann");
    expect(await name.getAttribute("aria-required")).toBe("true");
    expect(await modal.getByText("As on the invoice").isVisible()).toBe(true);
    expect(await modal.getByText("(optional)").count()).toBe(3);
    expect(await modal.getByRole("textbox", { name: "Notes (optional)" }).inputValue()).toBe(XSS);
    expect(
      await modal.getByRole("textbox", { name: "Notes (optional)" }).evaluate((node) => node.tagName),
    ).toBe("TEXTAREA");
    expect(await modal.getByRole("textbox", { name: "Unit price" }).getAttribute("inputmode")).toBe(
      "decimal",
    );
    expect(await modal.getByRole("textbox", { name: "Email (optional)" }).getAttribute("type")).toBe("email");
    const country = modal.getByRole("combobox", { name: "Country" });
    expect(await country.inputValue()).toBe("NO");
    expect(
      await country.locator("optgroup").evaluateAll((groups) => groups.map((g) => g.getAttribute("label"))),
    ).toEqual(["Nordic countries", "G"]);
    expect(await modal.getByRole("radio", { name: "A person" }).isChecked()).toBe(true);
    expect(await modal.getByRole("checkbox", { name: "Add the invoice fee" }).isChecked()).toBe(false);
    expect(await modal.getByRole("note").textContent()).toContain("Unsupported block: video");
    expect(await modal.getByRole("button", { name: "➕ Add line" }).getAttribute("class")).toBe(
      "button primary",
    );
    await modal.getByText("Totals update when you press Enter.").waitFor();
    await modal.screenshot({ path: join(ARTIFACTS, "workspace-every-element.png") });
    await modal.getByRole("button", { name: "➕ Add line" }).scrollIntoViewIfNeeded();
    await modal.screenshot({ path: join(ARTIFACTS, "workspace-every-element-end.png") });
  });

  it("sends actions when Slack would: Enter in a dispatch input, a changed select, a confirmed button", async () => {
    const modal = await openModal(view);
    const rate = modal.getByRole("textbox", { name: "Unit price" });
    await rate.fill("1250");
    await rate.press("Tab"); // typed and moved on: kept, not sent
    await bed.slack.waitFor(() => bed.driver.modal(KARI).value("rate", "value")?.value === "1250");
    expect(ACTIONS_SENT()).toEqual([]);
    await rate.press("Enter");
    await bed.slack.waitFor(() => ACTIONS_SENT().length === 1);
    await modal.getByRole("combobox", { name: "Country" }).selectOption("DE");
    await bed.slack.waitFor(() => ACTIONS_SENT().length === 2);
    await modal.getByRole("checkbox", { name: "Add the invoice fee" }).check(); // not a dispatch input
    await bed.slack.waitFor(
      () => bed.driver.modal(KARI).value("extras", "value")?.selected_options?.length === 1,
    );

    await modal.getByRole("button", { name: "Remove all" }).click();
    const confirm = page.getByRole("dialog", { name: "Remove every line?" });
    await confirm.getByRole("button", { name: "Keep them" }).click();
    await confirm.waitFor({ state: "detached" });
    await modal.getByRole("button", { name: "Remove all" }).click();
    await confirm.getByRole("button", { name: "Remove" }).click();
    await bed.slack.waitFor(() => ACTIONS_SENT().length === 3);

    expect(
      ACTIONS_SENT().map(
        (request) => ((request.payload?.actions ?? []) as { block_id: string }[])[0]?.block_id,
      ),
    ).toEqual(["rate", "country", "lines"]);
    expect(ACTIONS_SENT()[2]?.payload?.view).toMatchObject({
      state: {
        values: {
          rate: { value: { value: "1250" } },
          country: { value: { selected_option: { value: "DE" } } },
          extras: { value: { selected_options: [{ value: "fee" }] } },
        },
      },
    });
  });

  it("shows Slack's own errors for empty required fields, then the app's errors under the fields", async () => {
    const modal = await openModal(view);
    await modal.getByRole("button", { name: "Send" }).click();
    const name = modal.getByRole("textbox", { name: "Name" });
    await modal.locator('[aria-invalid="true"]').first().waitFor();
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    expect(await modal.getByText("Please complete this required field.").count()).toBe(2);
    expect(bed.received.filter((request) => request.payload?.type === "view_submission")).toEqual([]);

    await name.fill("Nordlys AS");
    await modal.getByRole("textbox", { name: "Unit price" }).fill("10");
    bed.submissionAnswer = JSON.stringify({
      response_action: "errors",
      errors: { name: `Not a customer ${XSS}` },
    });
    await modal.getByRole("button", { name: "Send" }).click();
    await modal.getByText(`Not a customer ${XSS}`).waitFor();
    expect(await name.evaluate((node) => node === node.ownerDocument.activeElement)).toBe(true);
    expect(await modal.getByText("Please complete this required field.").count()).toBe(0);

    bed.submissionAnswer = "not json";
    await modal.getByRole("button", { name: "Send" }).click();
    await modal.getByRole("alert").getByText("We had some trouble connecting. Try again?").waitFor();
    bed.submissionAnswer = "";
    await modal.getByRole("button", { name: "Send" }).click();
    await modal.waitFor({ state: "hidden" });
  });

  it("closes with Escape, telling the app when the view asks for it", async () => {
    const modal = await openModal({ ...view, notify_on_close: true });
    await page.keyboard.press("Escape");
    await modal.waitFor({ state: "hidden" });
    expect(bed.received.at(-1)?.payload?.type).toBe("view_closed");
  });
});

describe("workspace page: messages", BROWSER_TEST, () => {
  it("renders the bot's mrkdwn, mentions, links and emoji, and never runs what the text holds", async () => {
    await botClient().chat.postMessage({
      channel: SALES,
      text: "fallback",
      blocks: [
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: [
              "*Invoice to Nordlys* · _draft_ · ~old~ · `FB123` :zap:",
              "• first line",
              "• second line",
              "&gt; quoted",
              "<https://frontpayment.example/bankid/ODR1|open the BankID verification> · <javascript:alert(1)|bad link>",
              `Sent by <@${KARI}> in <#${SALES}> · ${XSS.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}`,
              "```line one\nline two```",
              // Escaped as the bot escapes people's text: each marker followed by a zero-width space.
              "Kari (280387*\u200b*\u200b*\u200b*\u200b*\u200b) _\u200bnot italic_\u200b",
            ].join("\n"),
          },
        },
        { type: "carousel", elements: [] },
      ],
    });
    await bed.slack.workspace.postEphemeral({
      channel: SALES,
      userId: KARI,
      text: "Only Kari sees this :eyes:",
      blocks: [],
      source: "chat.postEphemeral",
    });
    const message = page.getByRole("log", { name: "#sales" }).locator("article").first();
    await message.getByText("Invoice to Nordlys").waitFor();
    expect(await message.locator("strong").first().textContent()).toBe("Invoice to Nordlys");
    expect(await message.locator("strong").count()).toBe(1);
    expect((await message.textContent())?.replace(/\u200b/g, "")).toContain(
      "Kari (280387*****) _not italic_",
    );
    expect(await message.locator("em").textContent()).toBe("draft");
    expect(await message.locator("s").textContent()).toBe("old");
    expect(await message.locator("code").first().textContent()).toBe("FB123");
    expect(await message.locator("li").allTextContents()).toEqual(["first line", "second line"]);
    expect(await message.locator("blockquote").textContent()).toBe("quoted");
    expect(await message.locator("pre").textContent()).toBe("line one\nline two");
    const link = message.getByRole("link", { name: "open the BankID verification" });
    expect(await link.getAttribute("href")).toBe("https://frontpayment.example/bankid/ODR1");
    expect(await link.getAttribute("target")).toBe("_blank");
    expect(await message.getByRole("link").count()).toBe(1);
    const text = (await message.textContent()) ?? "";
    expect(text).toContain("bad link");
    expect(text).toContain("⚡");
    expect(text).toContain("Sent by @Kari Nordmann in #sales");
    expect(text).toContain(XSS);
    expect(await message.getByRole("note").textContent()).toContain("Unsupported block: carousel");
    const ephemeral = page.locator("article.ephemeral");
    await ephemeral.getByText("Only visible to you").waitFor();
    expect(await ephemeral.textContent()).toContain("Only Kari sees this 👀");

    await page.getByRole("combobox", { name: "You are" }).selectOption("U0OLAHANS");
    await ephemeral.waitFor({ state: "detached" });
  });

  it("posts what a person types, and says why a command the app lacks is refused", async () => {
    const composer = page.getByRole("textbox", { name: "Message #sales" });
    await composer.fill("Hei, *alle*");
    await composer.press("Enter");
    const message = page.getByRole("log", { name: "#sales" }).locator("article").filter({ hasText: "Hei" });
    await message.locator("strong").getByText("alle").waitFor();
    expect(await message.locator(".author").textContent()).toBe("Kari Nordmann");
    await composer.fill("/refund 12");
    await composer.press("Enter");
    await page.getByText("/refund is not a valid command. This workspace's app has /invoice.").waitFor();
    expect(await composer.inputValue()).toBe("/refund 12");
  });
});
