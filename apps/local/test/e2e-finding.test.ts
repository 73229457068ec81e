/**
 * Finding invoices after sending them: `/invoice list` (filters, search, pages, who sees what),
 * App Home (sums and rows with their menus), `/invoice status` with everything worth knowing, and
 * help instead of a blank form for a mistyped subcommand. Through the real bot and both stand-ins.
 */

import type { SlackEphemeralMessage } from "@fakturabot/sandbox";
import { SEED_INVOICE_ORDER_EXAMPLE, unixSeconds } from "@fakturabot/schema";
import { type CreatedOrder, LIST_PAGE_ACTION_ID, ORDER_ROW_MENU_ACTION_ID } from "@fakturabot/slack-bot";
import { afterEach, describe, expect, it } from "vitest";
import {
  blockText,
  ephemeralTexts,
  FINANCE,
  GENERAL,
  type Harness,
  type HarnessOptions,
  INGRID,
  KARI,
  OLA,
  onlyOrder,
  PRIVATE_CUSTOMER,
  plain,
  SALES,
  sendOrder,
  startHarness,
  waitForEphemeral,
  waitForOrderMessage,
  waitForReply,
} from "./e2e-harness.js";

const EMIL = "U0EMILVIK";
const DAY_S = 24 * 60 * 60;
/** The bot's clock runs this far ahead of the real one; each seeded order moves it a minute. */
let ahead = 0;
const now = () => new Date(Date.now() + ahead);
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

async function start(options: HarnessOptions = {}): Promise<Harness> {
  ahead = 0;
  harness = await startHarness({ now, ...options });
  return harness;
}

let seeded = 0;

/** An order created at Front Payment, put straight into the store, a minute after the last one. */
async function seed(
  h: Harness,
  fields: {
    userId?: string;
    channelId?: string;
    customerName?: string;
    customerType?: "private" | "corporate";
    customerIdentifier?: string;
    grandTotalOre?: number;
    status?: string;
    statusAt?: number;
    dueDate?: string;
    teamId?: string;
  } = {},
): Promise<CreatedOrder> {
  seeded += 1;
  ahead += 60_000;
  const id = `FB0FIND${String(seeded).padStart(7, "0")}`;
  const { order } = await h.store.beginSubmission({
    id,
    submissionKey: `find:${id}`,
    teamId: fields.teamId ?? h.slack.workspace.team.id,
    channelId: fields.channelId ?? SALES,
    userId: fields.userId ?? KARI,
    customerType: fields.customerType ?? "private",
    customerName: fields.customerName ?? "Kari Nordmann",
    customerIdentifier: fields.customerIdentifier ?? "280387*****",
    preferredLanguage: "no",
    grandTotalOre: fields.grandTotalOre ?? 100_000,
    request: { ...SEED_INVOICE_ORDER_EXAMPLE, referenceNo: id },
    dueDate: fields.dueDate ?? "2999-01-01",
  });
  const created: CreatedOrder = {
    ...order,
    state: "created",
    fpOrderUuid: `ODR7770${String(seeded).padStart(6, "0")}`,
    fpCustomerUuid: null,
    bankIdUrl: null,
    status: { status: fields.status ?? "INVOICED", at: fields.statusAt ?? unixSeconds(now()) },
    version: order.version + 1,
  };
  const written = await h.store.saveOrder(created);
  if (!written.written) throw new Error(`could not seed ${id}`);
  return written.value as CreatedOrder;
}

/** Types `/invoice list …` and returns the ephemeral answer. */
async function list(
  h: Harness,
  text: string,
  userId: string = KARI,
  channelId: string = SALES,
): Promise<SlackEphemeralMessage> {
  const before = h.slack.workspace.ephemeralsFor(userId).length;
  await h.driver.slashCommand({ command: "/invoice", text: `list ${text}`.trim(), userId, channelId });
  return h.slack.waitFor(() => h.slack.workspace.ephemeralsFor(userId)[before], {
    what: `the answer to /invoice list ${text}`,
  });
}

/** The orders a listing (or one section of App Home) shows, by our id, in order. */
function rowIds(blocks: readonly unknown[], section = "order_row"): string[] {
  return (blocks as { block_id?: string }[])
    .map((block) => block.block_id ?? "")
    .filter((blockId) => blockId.startsWith(`${section}.FB`))
    .map((blockId) => blockId.slice(section.length + 1));
}

describe("/invoice list", () => {
  it("filters by mine, open, overdue and paid, searches by name, number or id, newest first, within the team", async () => {
    const h = await start();
    const equinor = await seed(h, {
      customerName: "Equinor ASA",
      customerType: "corporate",
      customerIdentifier: "923609016",
    });
    const overdue = await seed(h, { dueDate: "2020-01-02" });
    const paid = await seed(h, { customerName: "Bjørn Ærlig", status: "PAID" });
    const olas = await seed(h, { userId: OLA, status: "SENT" });
    await seed(h, { teamId: "T0ANOTHER" });
    const ids = async (text: string) => rowIds((await list(h, text)).blocks);

    expect(await ids("")).toEqual([olas.id, paid.id, overdue.id, equinor.id]);
    expect(await ids("mine")).toEqual([paid.id, overdue.id, equinor.id]);
    expect(await ids("open")).toEqual([olas.id, overdue.id, equinor.id]);
    expect(await ids("overdue")).toEqual([overdue.id]);
    expect(await ids("paid")).toEqual([paid.id]);
    expect(await ids("mine open equinor")).toEqual([equinor.id]);
    expect(await ids("923 609 016")).toEqual([equinor.id]);
    expect(await ids("bjørn")).toEqual([paid.id]);
    expect(await ids(equinor.fpOrderUuid.toLowerCase())).toEqual([equinor.id]);

    const row = blockText((await list(h, "overdue")).blocks);
    expect(row).toContain("*Kari Nordmann* · NOK 1,000.00");
    expect(row).toContain("due 2 Jan 2020 *(overdue)*");
    expect(plain((await list(h, "paid Equinor")).text)).toBe(
      "Invoices you can see (paid) matching “Equinor”, newest first: none. Try `/invoice list` without filters.",
    );
    await h.driver.slashCommand({
      command: "/invoice",
      text: "list open paid",
      userId: KARI,
      channelId: SALES,
    });
    expect(await waitForEphemeral(h, "Pick one of")).toBe(
      "Pick one of `open`, `paid`: an invoice is only ever one of them. Try `/invoice list mine open`.",
    );
  });

  it("pages with Next and Previous, replacing its own ephemeral message", async () => {
    const h = await start();
    const made: string[] = [];
    for (let index = 0; index < 12; index += 1) made.push((await seed(h)).id);
    const newestFirst = [...made].reverse();
    const first = await list(h, "");
    expect(rowIds(first.blocks)).toEqual(newestFirst.slice(0, 10));
    const page = () => h.slack.workspace.ephemeralsFor(KARI).find((ephemeral) => ephemeral.ts === first.ts);

    await h.driver.ephemeralAction({ ts: first.ts, actionId: LIST_PAGE_ACTION_ID });
    await h.slack.waitFor(() => rowIds(page()?.blocks ?? []).length === 2, { what: "the second page" });
    expect(rowIds(page()?.blocks ?? [])).toEqual(newestFirst.slice(10));
    expect(blockText(page()?.blocks)).toContain("Previous");
    expect(blockText(page()?.blocks)).not.toContain("Next");

    await h.driver.ephemeralAction({ ts: first.ts, actionId: LIST_PAGE_ACTION_ID });
    await h.slack.waitFor(() => rowIds(page()?.blocks ?? []).length === 10, { what: "the first page again" });
    expect(rowIds(page()?.blocks ?? [])).toEqual(newestFirst.slice(0, 10));
    expect(blockText(page()?.blocks)).not.toContain("Previous");
    expect(h.slack.workspace.ephemeralsFor(KARI)).toHaveLength(1);
  });

  it("shows each person only what they may see: their own, their channels', everything to an admin", async () => {
    const h = await start({ access: { allowedUserIds: [], allowedChannelIds: [], adminUserIds: [INGRID] } });
    const inSales = await seed(h, { userId: KARI, channelId: SALES });
    const inGeneral = await seed(h, { userId: OLA, channelId: GENERAL });
    const inFinance = await seed(h, { userId: OLA, channelId: FINANCE });
    const emils = await seed(h, { userId: EMIL, channelId: GENERAL, customerName: "Emils kunde" });

    // Emil is in #general only: not #sales, not #finance.
    const seen = await list(h, "", EMIL, GENERAL);
    expect(rowIds(seen.blocks)).toEqual([emils.id, inGeneral.id]);
    // A search finds only what he may see, too: the #sales order is also to Kari Nordmann.
    expect(await list(h, "Kari", EMIL, GENERAL).then((answer) => rowIds(answer.blocks))).toEqual([
      inGeneral.id,
    ]);
    // Ola made the #finance one; Ingrid is an admin.
    expect(rowIds((await list(h, "", OLA, SALES)).blocks)).toEqual([
      emils.id,
      inFinance.id,
      inGeneral.id,
      inSales.id,
    ]);
    expect(rowIds((await list(h, "", INGRID, GENERAL)).blocks)).toEqual([
      emils.id,
      inFinance.id,
      inGeneral.id,
      inSales.id,
    ]);

    // A row's "Show status" passes the same check: Emil may see the #general one.
    await h.driver.ephemeralAction({
      ts: seen.ts,
      userId: EMIL,
      actionId: ORDER_ROW_MENU_ACTION_ID,
      value: `status:${inGeneral.id}`,
    });
    expect(await waitForEphemeral(h, inGeneral.fpOrderUuid, EMIL)).toBe(
      `Front Payment has no order \`${inGeneral.fpOrderUuid}\`.`,
    );
    // Cancelling is for the creator or an admin: Emil's rows offer it only on his own order.
    const menus = JSON.stringify(seen.blocks);
    expect(menus).toContain(`cancel:${emils.id}`);
    expect(menus).not.toContain(`cancel:${inGeneral.id}`);
  });
});

describe("App Home", () => {
  it("sums open, overdue and paid this month in NOK over what the viewer may see", async () => {
    const h = await start();
    await seed(h, { grandTotalOre: 100_000 });
    await seed(h, { grandTotalOre: 50_000, dueDate: "2020-01-02" });
    await seed(h, { userId: OLA, grandTotalOre: 30_000, status: "PAID" });
    await seed(h, { grandTotalOre: 70_000, status: "PAID", statusAt: unixSeconds(now()) - 40 * DAY_S });
    await seed(h, { grandTotalOre: 90_000, status: "CANCELLED" });
    const emils = await seed(h, { userId: EMIL, channelId: GENERAL, grandTotalOre: 5_000 });

    const home = async (userId: string) => {
      const before = h.slack.workspace.home(userId)?.view.hash;
      await h.driver.openAppHome({ userId });
      const record = await h.slack.waitFor(() => {
        const published = h.slack.workspace.home(userId);
        return published && published.view.hash !== before ? published : undefined;
      });
      return record.view;
    };
    const sums = (view: { blocks: unknown[] }) =>
      plain(
        JSON.stringify(
          (view.blocks as { block_id?: string }[]).find((block) => block.block_id === "home.sums"),
        ),
      );

    const karis = await home(KARI);
    expect(sums(karis)).toContain("*Open*\\nNOK 1,550.00 (3)");
    expect(sums(karis)).toContain("*Overdue*\\nNOK 500.00 (1)");
    expect(sums(karis)).toContain("*Paid this month*\\nNOK 300.00 (1)");
    expect(rowIds(karis.blocks, "home.mine")).toHaveLength(4);
    expect(rowIds(karis.blocks, "home.team")).toHaveLength(6);

    const emilsHome = await home(EMIL);
    expect(sums(emilsHome)).toContain("*Open*\\nNOK 50.00 (1)");
    expect(sums(emilsHome)).toContain("*Overdue*\\nNOK 0.00 (0)");
    expect(sums(emilsHome)).toContain("*Paid this month*\\nNOK 0.00 (0)");
    expect(rowIds(emilsHome.blocks, "home.mine")).toEqual([emils.id]);
    expect(rowIds(emilsHome.blocks, "home.team")).toEqual([emils.id]);

    // Paid now: the sums move the next time Home is opened.
    await seed(h, { grandTotalOre: 1_000, status: "PAID" });
    expect(sums(await home(KARI))).toContain("*Paid this month*\\nNOK 310.00 (2)");
  });

  it("offers each row's status and cancelling from its menu, with the commands' own flows", async () => {
    const h = await start();
    const { modal } = await sendOrder(h);
    await waitForOrderMessage(h, PRIVATE_CUSTOMER.name);
    await modal.close();
    const ours = onlyOrder(h).request.referenceNo as string;
    await h.driver.openAppHome({ userId: KARI });
    await h.slack.waitFor(() =>
      rowIds(h.slack.workspace.home(KARI)?.view.blocks ?? [], "home.mine").includes(ours),
    );

    await h.driver.homeAction({ userId: KARI, actionId: ORDER_ROW_MENU_ACTION_ID, value: `status:${ours}` });
    const status = await h.driver.waitForModal({ userId: KARI });
    await status.waitForView((view) => blockText(view.blocks).includes("Waiting for the customer to verify"));
    expect(status.view.title?.text).toBe("Invoice status");
    await status.close();

    await h.driver.homeAction({ userId: KARI, actionId: ORDER_ROW_MENU_ACTION_ID, value: `cancel:${ours}` });
    const dialog = await h.driver.waitForModal({ userId: KARI, callbackId: "cancel_order" });
    expect(blockText(dialog.view.blocks)).toContain(
      "Cancel the invoice to *Kari Nordmann* for *NOK 2,500.00*",
    );

    // Emil is not in #sales: his Home does not show it.
    await h.driver.openAppHome({ userId: EMIL });
    const emils = await h.slack.waitFor(() => h.slack.workspace.home(EMIL));
    expect(rowIds(emils.view.blocks, "home.team")).toEqual([]);
    expect(blockText(emils.view.blocks)).toContain("You haven't sent any invoices yet.");
  });
});

describe("/invoice status, in full", () => {
  it("shows the BankID link while pending, the due date and a link to the message; the invoice number once invoiced", async () => {
    const h = await start();
    await sendOrder(h);
    const message = await waitForOrderMessage(h, PRIVATE_CUSTOMER.name);
    const order = onlyOrder(h);
    const status = async () => {
      const before = ephemeralTexts(h).length;
      await h.driver.slashCommand({
        command: "/invoice",
        text: `status ${order.uuid}`,
        userId: KARI,
        channelId: SALES,
      });
      return h.slack.waitFor(() => ephemeralTexts(h)[before]);
    };
    const due = new Date();
    due.setUTCDate(due.getUTCDate() + 14);
    const pending = await status();
    expect(pending).toContain(
      `:bust_in_silhouette: Waiting for the customer to verify: <${order.bankIdUrl}|the BankID verification>`,
    );
    expect(pending).toMatch(/:calendar: Due \d{1,2} [A-Z][a-z]{2} \d{4}\n/);
    expect(pending).toContain(
      `:speech_balloon: See <https://${h.slack.workspace.team.domain}.slack.com/archives/${SALES}/p${message.ts.replace(".", "")}|the invoice's message>`,
    );
    expect(pending).not.toContain("Invoice number");

    h.frontPayment.approveBankId(order.uuid);
    await waitForReply(h, SALES, message.ts, "Invoiced");
    const invoiced = await status();
    expect(invoiced).toMatch(/:receipt: Invoice number \d+/);
    expect(invoiced).not.toContain("BankID verification");
  });
});

describe("unknown subcommands", () => {
  it("get help with what was probably meant, never a blank form", async () => {
    const h = await start();
    const ask = (text: string) =>
      h.driver.slashCommand({ command: "/invoice", text, userId: KARI, channelId: SALES });
    await ask("stauts ODR4286244937");
    await ask("resnd");
    await ask("lsit mine");
    await ask("refund");
    const [stauts, resnd, lsit, refund] = ephemeralTexts(h);
    expect(stauts?.split("\n")[0]).toBe("`/invoice stauts` isn't a command. Did you mean `/invoice status`?");
    expect(resnd?.split("\n")[0]).toBe(
      "`/invoice resnd` isn't a command. Did you mean _resend_? That is the *Send link again* button on the invoice's message in the channel.",
    );
    expect(lsit?.split("\n")[0]).toBe("`/invoice lsit` isn't a command. Did you mean `/invoice list`?");
    expect(refund?.split("\n")[0]).toBe(
      "`/invoice refund` isn't a command. That is the *Refund…* button on the invoice's message in the channel.",
    );
    expect(h.slack.workspace.openModal(KARI)).toBeUndefined();

    // Text that starts an invoice still opens the form, filled in.
    const command = await ask("Lise Hansen 500");
    expect((await command.modal()).view.title?.text).toBe("New invoice");
  });

  it("/invoice help lists every command and every button", async () => {
    const h = await start();
    await h.driver.slashCommand({ command: "/invoice", text: "help", userId: KARI, channelId: SALES });
    const help = await h.slack.waitFor(() => h.slack.workspace.ephemeralsFor(KARI)[0]);
    const text = blockText(help.blocks);
    for (const command of [
      "/invoice list [mine|open|overdue|paid] [customer]",
      "/invoice status <order>",
      "/invoice cancel <order> [note]",
      "/invoice help",
    ]) {
      expect(text).toContain(command);
    }
    for (const button of [
      "Send link again",
      "Refresh status",
      "Cancel…",
      "Refund…",
      "Copy as new invoice",
      "Edit…",
      "Show status",
      "Previous",
      "Next",
      "Send again",
      "Send anyway",
    ]) {
      expect(text).toContain(`*${button}*`);
    }
    expect(text).toContain("*Home* tab");
  });
});
