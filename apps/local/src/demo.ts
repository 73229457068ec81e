// `pnpm demo`: with no credentials, both stand-ins and the real bot run on loopback; the Slack
// driver types `/invoice` and fills the modal for a private and a corporate customer, and the
// customers confirm and pay in the Front Payment stand-in; Kari sends a link again, refunds part of
// a paid invoice and lists her invoices. It prints what a Slack user sees.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ModalHandle, SlackViewObject } from "@fakturabot/sandbox";
import { DEFAULT_CHANNELS, DEFAULT_USERS } from "@fakturabot/sandbox";
import {
  ADD_LINE_ACTION_ID,
  createLogger,
  ORDER_ACTION_IDS,
  REFUND_IDS,
  refundLineBlockId,
} from "@fakturabot/slack-bot";
import { type CustomerInput, fillCustomer, fillLine, type LineInput, lineKeys } from "./fill-invoice.js";
import { type LocalStack, startLocalStack } from "./stack.js";
import { blocksAsText, plainMrkdwn } from "./transcript.js";

const SALES = DEFAULT_CHANNELS.sales;
/** Kari, who sends the invoices: the driver's default user. */
const KARI = DEFAULT_USERS[0]?.id ?? "";

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

/** Waits for a thread reply under `ts` containing `text`. */
function waitForReply(stack: LocalStack, ts: string, text: string) {
  return stack.slack.waitFor(
    () => stack.slack.workspace.thread(SALES, ts).find((reply) => reply.text.includes(text)),
    { what: `a reply containing ${JSON.stringify(text)}` },
  );
}

/** Kari clicks a button on the message; the bot opens "one moment", then the form titled `title`. */
async function clickForModal(
  stack: LocalStack,
  ts: string,
  action: "resend" | "refund",
  title: string,
): Promise<ModalHandle> {
  await stack.driver.clickMessageButton({ channel: SALES, ts, actionId: ORDER_ACTION_IDS[action] });
  await stack.slack.waitFor(
    () => {
      const view = stack.slack.workspace.openModal(KARI)?.stack.at(-1)?.view;
      return view?.title?.text === title && Boolean(view.callback_id);
    },
    { what: `the form ${title}` },
  );
  return stack.driver.modal(KARI);
}

async function submitAndShow(modal: ModalHandle, title: string): Promise<SlackViewObject> {
  await modal.submit();
  const shown = await modal.waitForView((view) => view.title?.text === title, { timeoutMs: 10_000 });
  showView("Then", shown);
  return shown;
}

async function sendLinkAgain(stack: LocalStack, ts: string) {
  heading("Kari clicks “Send link again”: the customer lost the email");
  const modal = await clickForModal(stack, ts, "resend", "Send link again");
  showView("Modal, prefilled from Front Payment", modal.view);
  await submitAndShow(modal, "Link sent again");
  await modal.close();
  await waitForReply(stack, ts, "sent the payment link again");
  showMessage(stack, ts);
}

async function refundPart(stack: LocalStack, ts: string, fpOrderUuid: string, amount: string) {
  heading(`Kari clicks “Refund…” and refunds ${amount} kr of the first line`);
  const modal = await clickForModal(stack, ts, "refund", "Refund");
  const lineId = stack.frontPayment.order(fpOrderUuid)?.lineIds[0];
  if (lineId === undefined) throw new Error("Front Payment has no line to refund");
  await modal.fill(REFUND_IDS.scope.block, REFUND_IDS.scope.action, "lines");
  await modal.fill(refundLineBlockId(lineId), REFUND_IDS.lineAction, amount);
  showView("Modal, filled in", modal.view);
  await submitAndShow(modal, "Confirm refund");
  await submitAndShow(modal, "Refunded");
  await modal.close();
  await waitForReply(stack, ts, "refunded");
  // The message is rewritten after the write (the outbox): wait until it tells the refund.
  await stack.slack.waitFor(
    () => JSON.stringify(stack.slack.workspace.message(SALES, ts)?.blocks).includes("Refunded"),
    { what: "the message to tell the refund" },
  );
  showMessage(stack, ts);
}

async function listInvoices(stack: LocalStack) {
  heading("Kari: /invoice list");
  const before = stack.slack.workspace.ephemeralsFor(KARI).length;
  await stack.driver.slashCommand({ command: "/invoice", text: "list", channelId: SALES });
  const answer = await stack.slack.waitFor(() => stack.slack.workspace.ephemeralsFor(KARI)[before], {
    what: "the answer to /invoice list",
  });
  const names = (id: string) => stack.slack.workspace.user(id)?.name ?? id;
  say("  #sales · only visible to you");
  say(blocksAsText(answer.blocks, { names, indent: "  │ " }));
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

  // Answered without a BankID link, the bot asks Front Payment for the status at once: the message
  // is posted with it, or rewritten with it a moment after an earlier post (the outbox's own round
  // may come first). Shown once it says so, with its ⚡ "invoiced directly" line.
  const directly = !stack.frontPayment.orders().at(-1)?.bankIdUrl;
  const message = await stack.slack.waitFor(
    () =>
      stack.slack.workspace
        .messages(SALES)
        .find(
          (candidate) =>
            candidate.text.includes(order.customer.name ?? "") &&
            (!directly || JSON.stringify(candidate.blocks).includes(":zap:")),
        ),
    { what: `the channel message to ${order.customer.name}` },
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
    await waitForReply(stack, ts, "Invoiced");
  }
  heading(`The customer pays (${paymentMethod})`);
  stack.frontPayment.markPaid(order.uuid, { paymentMethod });
  await waitForReply(stack, ts, "Paid");
  showMessage(stack, ts);
  return order.uuid;
}

async function demo() {
  const dataDir = await mkdtemp(join(tmpdir(), "fakturabot-demo-"));
  // In English, as its transcript and test read it (local mode itself speaks Norwegian).
  const stack = await startLocalStack({
    dataDir,
    logger: createLogger({ level: "warn" }),
    locales: { defaultLocale: "en" },
  });
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
    await sendLinkAgain(stack, privateTs);
    const paidUuid = await followToPaid(stack, privateTs, "Visa");
    await refundPart(stack, privateTs, paidUuid, "1000");

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
    await listInvoices(stack);
    heading(
      "Done: two invoices sent exactly once, followed to PAID, one link sent again, one partly refunded",
    );
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
