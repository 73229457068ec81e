// `pnpm demo`: with no credentials, both stand-ins and the real bot run on loopback; the Slack
// driver types `/invoice` and fills the modal for a private and a corporate customer, and the
// customers confirm and pay in the Front Payment stand-in. It prints what a Slack user sees.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ModalHandle, SlackViewObject } from "@fakturabot/sandbox";
import { DEFAULT_CHANNELS } from "@fakturabot/sandbox";
import { ADD_LINE_ACTION_ID, createLogger } from "@fakturabot/slack-bot";
import { type CustomerInput, fillCustomer, fillLine, type LineInput, lineKeys } from "./fill-invoice.js";
import { type LocalStack, startLocalStack } from "./stack.js";
import { blocksAsText, plainMrkdwn } from "./transcript.js";

const SALES = DEFAULT_CHANNELS.sales;

// biome-ignore lint/suspicious/noConsole: the transcript is this command's output
const say = (text = "") => console.log(text);

function heading(text: string) {
  say();
  say(`━━ ${text} ${"━".repeat(Math.max(0, 72 - text.length))}`);
}

/** What the person typed, by block and action id, as they would read it. */
function typedValues(view: SlackViewObject): Record<string, Record<string, string>> {
  const values: Record<string, Record<string, string>> = {};
  for (const [blockId, actions] of Object.entries(view.state?.values ?? {})) {
    for (const [actionId, state] of Object.entries(actions)) {
      const shown =
        state.value ??
        state.selected_option?.text.text ??
        state.selected_options?.map((option) => option.text.text).join(", ") ??
        undefined;
      if (shown) values[blockId] = { ...values[blockId], [actionId]: shown };
    }
  }
  return values;
}

function showView(title: string, view: SlackViewObject) {
  say(`  ┌ ${title}: "${view.title?.text ?? ""}"`);
  say(blocksAsText(view.blocks, { values: typedValues(view), indent: "  │ " }));
  say(`  └${view.submit ? ` [ ${view.submit.text} ]` : ""}${view.close ? ` [ ${view.close.text} ]` : ""}`);
}

function showMessage(stack: LocalStack, ts: string) {
  const message = stack.slack.workspace.message(SALES, ts);
  if (!message) return;
  const names = (id: string) => stack.slack.workspace.user(id)?.name ?? id;
  say(`  #sales · fakturabot${message.edited ? " (edited)" : ""}`);
  say(blocksAsText(message.blocks, { names, indent: "  │ " }));
  for (const reply of stack.slack.workspace.thread(SALES, ts))
    say(`  │   ↳ ${plainMrkdwn(reply.text, names)}`);
}

interface DemoOrder {
  who: string;
  commandText: string;
  customer: CustomerInput;
  lines: LineInput[];
}

async function sendInvoice(stack: LocalStack, order: DemoOrder): Promise<string> {
  heading(`${order.who}: /invoice ${order.commandText}`);
  const command = await stack.driver.slashCommand({
    command: "/invoice",
    text: order.commandText,
    channelId: SALES,
  });
  const modal: ModalHandle = await command.modal();
  for (let index = 1; index < order.lines.length; index++) {
    const count = lineKeys(modal).length;
    await modal.click(ADD_LINE_ACTION_ID);
    await modal.waitForView(() => lineKeys(modal).length > count);
  }
  await fillCustomer(modal, order.customer);
  const keys = lineKeys(modal);
  for (const [index, line] of order.lines.entries()) await fillLine(modal, keys[index] as string, line);
  showView("Modal, filled in", modal.view);

  const outcome = await modal.submit();
  if (outcome.kind !== "updated") throw new Error(`The modal did not move on after submit: ${outcome.kind}`);
  showView("After Submit", modal.view);
  const created = await modal.waitForView((view) => view.title?.text === "Invoice created", {
    timeoutMs: 10_000,
  });
  showView("Then", created);

  const message = await stack.slack.waitFor(() =>
    stack.slack.workspace
      .messages(SALES)
      .find((candidate) => candidate.text.includes(order.customer.name ?? "")),
  );
  heading("In #sales");
  showMessage(stack, message.ts);
  return message.ts;
}

async function followToPaid(stack: LocalStack, ts: string, paymentMethod: string) {
  const order = stack.frontPayment.orders().at(-1);
  if (!order) throw new Error("Front Payment has no order");
  if (order.bankIdUrl) {
    heading("The customer opens the BankID link and approves");
    const page = await fetch(order.bankIdUrl);
    say(`  GET ${order.bankIdUrl} → ${page.status}`);
    stack.frontPayment.approveBankId(order.uuid);
    const landing = await fetch(order.request.callback.success);
    const title = /<h1[^>]*>([^<]*)<\/h1>/.exec(await landing.text())?.[1];
    say(`  Redirected to the return page → ${landing.status} "${title}"`);
    await stack.slack.waitFor(() =>
      stack.slack.workspace.thread(SALES, ts).find((reply) => reply.text.includes("Invoiced")),
    );
  }
  heading(`The customer pays (${paymentMethod})`);
  stack.frontPayment.markPaid(order.uuid, { paymentMethod });
  await stack.slack.waitFor(() =>
    stack.slack.workspace.thread(SALES, ts).find((reply) => reply.text.includes("Paid")),
  );
  showMessage(stack, ts);
}

async function demo() {
  const dataDir = await mkdtemp(join(tmpdir(), "fakturabot-demo-"));
  const stack = await startLocalStack({ dataDir, logger: createLogger({ level: "warn" }) });
  try {
    say("Fakturabot demo: Slack and Front Payment are local stand-ins; the bot is the real one.");
    const privateTs = await sendInvoice(stack, {
      who: "Kari in #sales",
      commandText: "kari.nordmann@example.com",
      customer: {
        name: "Kari Nordmann",
        mobile: "46567468",
        personalNumber: "28038712383",
        street: "Klosterenget 144",
        zip: "7030",
        city: "Trondheim",
      },
      lines: [
        { name: "Konsulenttime", quantity: "7.5", rate: "1250" },
        { name: "Reisekostnader", rate: "480", tax: "12" },
      ],
    });
    await followToPaid(stack, privateTs, "Visa");

    const corporateTs = await sendInvoice(stack, {
      who: "Kari in #sales",
      commandText: "",
      customer: {
        type: "corporate",
        name: "Nordlys AS",
        email: "faktura@nordlys.example",
        mobile: "98765432",
        organizationId: "923609016",
        street: "Storgata 1",
        zip: "0155",
        city: "Oslo",
      },
      lines: [{ name: "Årslisens", rate: "24990" }],
    });
    await followToPaid(stack, corporateTs, "Bank transfer");
    heading("Done: two invoices sent exactly once and followed to PAID");
  } finally {
    await stack.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

demo().catch((error: unknown) => {
  // biome-ignore lint/suspicious/noConsole: a failed demo says why
  console.error(error);
  process.exit(1);
});
