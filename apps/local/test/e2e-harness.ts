import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import {
  DEFAULT_CHANNELS,
  type FrontPaymentSandboxOrder,
  type ModalHandle,
  type SlackDriver,
  type SlackMessage,
  type SlackTeamSandbox,
  type SlackViewObject,
  type SubmitOutcome,
  signedHeaders,
} from "@fakturabot/sandbox";
import { SEED_INVOICE_ORDER_EXAMPLE } from "@fakturabot/schema";
import {
  type CreatedOrder,
  createLogger,
  HOME_LANGUAGE_ACTION_ID,
  type OrderRecord,
} from "@fakturabot/slack-bot";
import { type CustomerInput, fillCustomer, fillLine, type LineInput, lineKeys } from "../src/fill-invoice.js";
import { LOCAL_SECRETS, type LocalStack, type LocalStackOptions, startLocalStack } from "../src/stack.js";

export type { CustomerInput, LineInput };
export { fillCustomer, fillLine, lineKeys };

/** Every log line the bot wrote, as text, for assertions about what reaches the logs. */
export interface CapturedLogs {
  lines: string[];
  text(): string;
}

export interface Harness extends LocalStack {
  dataDir: string;
  logs: CapturedLogs;
  /**
   * Closes everything and removes the data directory (unless the test brought its own). Throws
   * when Slack refused anything for breaking its limits during the test: every view and message
   * of every test is held to them.
   */
  dispose(): Promise<void>;
}

export type HarnessOptions = Partial<Omit<LocalStackOptions, "logger">> & { logs?: CapturedLogs };

/** Slack's answers to a view or message that breaks its limits. */
const LIMIT_ERRORS = new Set([
  "invalid_arguments",
  "invalid_blocks",
  "invalid_blocks_format",
  "view_too_large",
]);

/** The whole local stack (both stand-ins and the real bot over loopback HTTP) on a fresh data dir. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "fakturabot-e2e-")));
  const logs = options.logs ?? captureLogs();
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.lines.push(String(chunk));
      done();
    },
  });
  const stack = await startLocalStack({
    // The e2e tests read the bot in English unless they choose otherwise; the product's default is Norwegian.
    locales: { defaultLocale: "en" },
    ...options,
    dataDir,
    logger: createLogger({ level: "debug", destination }),
  });
  return {
    ...stack,
    dataDir,
    logs,
    async dispose() {
      const refused = stack.slack.workspace.state.calls.filter(
        (call) => call.error !== undefined && LIMIT_ERRORS.has(call.error),
      );
      await stack.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
      if (refused.length > 0) {
        throw new Error(
          `Slack refused ${refused.map((call) => `${call.method} (${call.error})`).join(", ")}: ${JSON.stringify(refused)}`,
        );
      }
    },
  };
}

export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  return { lines, text: () => lines.join("") };
}

export const KARI = "U0KARINOR";
export const OLA = "U0OLAHANS";
export const INGRID = "U0INGBERG";
export const SALES = DEFAULT_CHANNELS.sales;
export const GENERAL = DEFAULT_CHANNELS.general;
export const FINANCE = DEFAULT_CHANNELS.finance;
/** The bot's direct message with Kari. */
export const KARI_DM = "D0KARIBOT";

export const PRIVATE_CUSTOMER = {
  type: "private",
  name: "Kari Nordmann",
  email: "kari.nordmann@example.com",
  mobile: "46567468",
  personalNumber: "28038712383",
  street: "Klosterenget 144",
  zip: "7030",
  city: "Trondheim",
} as const satisfies CustomerInput;

export const CORPORATE_CUSTOMER = {
  type: "corporate",
  name: "Equinor ASA",
  email: "faktura@equinor.example",
  mobile: "46567468",
  organizationId: "923609016",
  street: "Forusbeen 50",
  zip: "4035",
  city: "Stavanger",
} as const satisfies CustomerInput;

export const CONSULTING: LineInput = { name: "Konsulenttime", quantity: "2", rate: "1250" };

/** Money is formatted with no-break spaces; compare as plain text. */
export function plain(text: string | undefined): string {
  // Zero-width spaces keep people's * _ ~ ` inert in mrkdwn (escapeMrkdwn); Slack shows none.
  return (text ?? "").replace(/\u00a0/g, " ").replace(/\u200b/g, "");
}

/** Every text of a view or message's blocks, in order, as plain text. */
export function blockText(blocks: readonly unknown[] | undefined): string {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        if (key === "text" && typeof inner === "string") texts.push(inner);
        else walk(inner);
      }
    }
  };
  walk(blocks);
  return plain(texts.join("\n"));
}

/**
 * The modal as a person uses it: after a value that Slack sends to the bot at once (the totals'
 * inputs, the customer type), they wait until the bot has redrawn the form before going on. The
 * redraw carries the view's hash, so one that lost a race with a newer one is dropped by design.
 */
export function patient(modal: ModalHandle): ModalHandle {
  return Object.create(modal, {
    fill: {
      value: async (...args: Parameters<ModalHandle["fill"]>) => {
        const before = modal.view.hash;
        const result = await modal.fill(...args);
        if (result.dispatched) await modal.waitForView((view) => view.hash !== before);
        return result;
      },
    },
  }) as ModalHandle;
}

/** Types `/invoice [text]` as `userId` in `channelId` and returns the modal the bot opens. */
export async function openInvoice(
  harness: Pick<Harness, "driver">,
  {
    userId = KARI,
    channelId = SALES,
    text = "",
  }: { userId?: string; channelId?: string; text?: string } = {},
): Promise<ModalHandle> {
  const command = await harness.driver.slashCommand({ command: "/invoice", text, userId, channelId });
  if (command.status !== 200) throw new Error(`/invoice answered ${command.status}: ${command.body}`);
  return patient(await command.modal());
}

/** Fills a whole order (customer and one line per entry, adding lines as needed). */
export async function fillOrder(
  modal: ModalHandle,
  customer: CustomerInput,
  lines: readonly LineInput[] = [CONSULTING],
): Promise<void> {
  await fillCustomer(modal, customer);
  while (lineKeys(modal).length < lines.length) {
    const count = lineKeys(modal).length;
    await modal.click("invoice_form.add_line");
    await modal.waitForView(() => lineKeys(modal).length > count);
  }
  const keys = lineKeys(modal);
  for (const [index, line] of lines.entries()) await fillLine(modal, keys[index] as string, line);
}

/** Opens `/invoice`, fills the order and submits it; returns the modal and the submission's outcome. */
export async function sendOrder(
  harness: Pick<Harness, "driver">,
  customer: CustomerInput = PRIVATE_CUSTOMER,
  options: { userId?: string; channelId?: string; lines?: readonly LineInput[] } = {},
): Promise<{ modal: ModalHandle; outcome: SubmitOutcome }> {
  const modal = await openInvoice(harness, options);
  await fillOrder(modal, customer, options.lines);
  return { modal, outcome: await modal.submit() };
}

/** Waits until the modal's top view is titled `title` (the submission's outcome views). */
export function waitForTitle(modal: ModalHandle, title: string): Promise<SlackViewObject> {
  return modal.waitForView((view) => view.title?.text === title);
}

/** Waits for the order message about `customerName` in `channel`. */
export function waitForOrderMessage(
  harness: { slack: SlackTeamSandbox },
  customerName: string,
  channel: string = SALES,
): Promise<SlackMessage> {
  return harness.slack.waitFor(
    () => harness.slack.workspace.messages(channel).find((message) => message.text.includes(customerName)),
    { what: `the order message about ${customerName} in ${channel}` },
  );
}

/** Waits for a thread reply under `ts` containing `text`; returns the whole thread. */
export function waitForReply(
  harness: { slack: SlackTeamSandbox },
  channel: string,
  ts: string,
  text: string,
): Promise<SlackMessage[]> {
  return harness.slack.waitFor(
    () => {
      const thread = harness.slack.workspace.thread(channel, ts);
      return thread.some((reply) => plain(reply.text).includes(text)) ? thread : undefined;
    },
    { what: `a reply containing ${JSON.stringify(text)} under ${ts}` },
  );
}

/** The submit requests Front Payment's stand-in received: "sent exactly once" is one of them. */
export function submitRequests(harness: Harness) {
  return harness.frontPayment.requests.filter((request) => request.endpoint === "submitInvoiceOrder");
}

/** The Front Payment order behind the only submission so far. */
export function onlyOrder(harness: Harness) {
  const orders = harness.frontPayment.orders();
  if (orders.length !== 1) throw new Error(`Front Payment has ${orders.length} orders, not one`);
  return orders[0] as (typeof orders)[number];
}

/** Where Front Payment calls the bot back about `order`: `<bot>/frontpayment/callback/<our FB… reference>`. */
export function callbackUrlOf(order: FrontPaymentSandboxOrder): { callbackUrl: string; ours: string } {
  const callbackUrl = order.request.callback?.callbackUrl;
  if (!callbackUrl) throw new Error(`Order ${order.uuid} has no callback URL`);
  return { callbackUrl, ours: callbackUrl.split("/").at(-1) as string };
}

/** The ephemeral messages `userId` saw, as plain text. */
export function ephemeralTexts(harness: { slack: SlackTeamSandbox }, userId: string = KARI): string[] {
  return harness.slack.workspace.ephemeralsFor(userId).map((message) => plain(message.text));
}

/** Waits for an ephemeral message to `userId` containing `text`. */
export function waitForEphemeral(
  harness: { slack: SlackTeamSandbox },
  text: string,
  userId: string = KARI,
): Promise<string> {
  return harness.slack.waitFor(
    () => ephemeralTexts(harness, userId).find((message) => message.includes(text)),
    {
      what: `an ephemeral message to ${userId} containing ${JSON.stringify(text)}`,
    },
  );
}

/** The titles modal `modalId` showed, in order: opened, then each replacement. */
export function viewTitles(harness: Harness, modalId: string): (string | undefined)[] {
  return harness.slack.events.entries.flatMap((event) => {
    if (event.type === "modal_opened" && event.modal.id === modalId)
      return [event.modal.stack.at(-1)?.view.title?.text];
    if (event.type === "view_updated" && event.modal.id === modalId) return [event.view.view.title?.text];
    return [];
  });
}

let seeded = 0;

/**
 * An order the store knows as created at Front Payment, put there directly (for pages that only
 * need one to exist, in a given language): written through the store's own conditional write.
 */
export async function seedCreatedOrder(
  harness: Harness,
  { preferredLanguage = "no" }: { preferredLanguage?: OrderRecord["preferredLanguage"] } = {},
): Promise<CreatedOrder> {
  seeded += 1;
  const id = `FB0SEED${String(seeded).padStart(7, "0")}`;
  const { order } = await harness.store.beginSubmission({
    id,
    submissionKey: `seed:${id}`,
    teamId: "T0LOCAL",
    channelId: SALES,
    userId: KARI,
    customerType: "private",
    customerName: "Kari Nordmann",
    customerIdentifier: "280387*****",
    preferredLanguage,
    grandTotalOre: 4000,
    request: { ...SEED_INVOICE_ORDER_EXAMPLE, referenceNo: id },
  });
  const created: CreatedOrder = {
    ...order,
    state: "created",
    fpOrderUuid: `ODR55500${String(seeded).padStart(5, "0")}`,
    fpCustomerUuid: null,
    bankIdUrl: null,
    status: { status: "SENT", at: 1_755_150_000 },
    version: order.version + 1,
  };
  const written = await harness.store.saveOrder(created);
  if (!written.written) throw new Error(`could not seed order ${id}: ${written.reason}`);
  return written.value as CreatedOrder;
}

/**
 * A `view_submission` of `modal` with `values` in place of what was typed, signed with the bot's
 * secret and posted straight to it: what a client that ignores the inputs' `max_length` and
 * `max_value` (or anyone holding a valid signature) can send. Returns the bot's answer as JSON.
 */
export async function submitTampered(
  harness: Harness,
  modal: ModalHandle,
  values: (current: SlackViewObject["state"]["values"]) => SlackViewObject["state"]["values"],
): Promise<{ status: number; answer: { response_action?: string; errors?: Record<string, string> } }> {
  const { team, bot } = harness.slack.workspace;
  const view = structuredClone(modal.view);
  view.state.values = values(view.state.values);
  const payload = {
    type: "view_submission",
    user: { id: modal.userId, username: modal.userId, name: modal.userId, team_id: team.id },
    api_app_id: bot.appId,
    token: "tampered",
    trigger_id: "1.2.tampered",
    team: { id: team.id, domain: team.domain },
    enterprise: null,
    is_enterprise_install: false,
    view,
    response_urls: [],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const response = await fetch(`${harness.running.url}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...signedHeaders(LOCAL_SECRETS.signingSecret, Math.floor(Date.now() / 1000), body),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, answer: text ? JSON.parse(text) : {} };
}

/** Every order the store holds, whatever its state. */
export async function allOrders(harness: Harness): Promise<OrderRecord[]> {
  const states = [
    "sending",
    "created",
    "failed",
    "unknown",
    "expired",
    "awaiting_approval",
    "rejected",
  ] as const;
  return (await Promise.all(states.map((state) => harness.store.listByState(state)))).flat();
}

/** `userId`'s App Home once it shows `text`. */
export async function homeShowing(slack: SlackTeamSandbox, userId: string, text: string) {
  return slack.waitFor(
    () => {
      const home = slack.workspace.home(userId);
      return home && blockText(home.view.blocks).includes(text) ? home.view : undefined;
    },
    { what: `${userId}'s Home tab showing ${text}` },
  );
}

/** Chooses `value` (a locale, or the workspace's) in `userId`'s App Home language select. */
export async function chooseLanguage(
  where: { slack: SlackTeamSandbox; driver: SlackDriver },
  userId: string,
  value: string,
) {
  await where.driver.openAppHome({ userId });
  await homeShowing(where.slack, userId, "Fakturabot");
  const chosen = await where.driver.homeAction({ userId, actionId: HOME_LANGUAGE_ACTION_ID, value });
  if (!chosen.ok) throw new Error(`${userId} could not choose ${value} in App Home`);
}
