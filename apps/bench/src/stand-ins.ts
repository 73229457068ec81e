import {
  createSlackDriver,
  DEFAULT_CHANNELS,
  type FrontPaymentSandbox,
  type ModalHandle,
  type SlackDriver,
  type SlackSandbox,
  startFrontPaymentSandbox,
  startSlackSandbox,
} from "@fakturabot/sandbox";
import { ACTION_IDS, BLOCK_IDS, LINE_ACTION_IDS } from "@fakturabot/slack-bot";

export const SECRETS = {
  signingSecret: "bench-signing-secret",
  callbackSecret: "bench-callback-secret",
  frontPaymentToken: "bench-token",
} as const;

export const SALES = DEFAULT_CHANNELS.sales;

/**
 * The outside world both the candidate and the baselines talk to: the Slack and Front Payment
 * stand-ins, in the bench's own process, and the moments things appear in them (a modal opened
 * for a trigger, a top-level channel message) so latencies end where a person would see them.
 */
export interface StandIns {
  slack: SlackSandbox;
  frontPayment: FrontPaymentSandbox;
  /** Acts as Slack towards the app at `url` (signed requests). */
  driverFor(url: string): SlackDriver;
  /** Resolves when the modal for `triggerId` has been opened, with the moment it was (performance.now()). */
  modalOpened(triggerId: string): Promise<number>;
  /** Resolves with the moment the next top-level message appears in `channel`. */
  nextMessage(channel: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * Slack's 3 s limits (a trigger's lifetime, the wait for an acknowledgement) are stretched: 200
 * requests at once on a loaded machine can take longer, and the bench measures how long, rather
 * than failing. The stand-in's clock runs at a tenth of real time; requests are signed with the real one.
 */
const SLACK_TIME_STRETCH = 10;
const ACK_TIMEOUT_MS = 30_000;

export async function startStandIns(): Promise<StandIns> {
  const origin = Date.now();
  const slack = await startSlackSandbox({
    clock: () => origin + (Date.now() - origin) / SLACK_TIME_STRETCH,
  });
  // Callbacks of its own would add load the bench does not control: the bench sends its own.
  const frontPayment = await startFrontPaymentSandbox({
    callbackSecret: SECRETS.callbackSecret,
    tokens: [SECRETS.frontPaymentToken],
    callbackRetry: { attempts: 1, delaysMs: [] },
  });
  const opened = new Map<string, number>();
  const openWaiters = new Map<string, (at: number) => void>();
  const messageWaiters = new Map<string, ((at: number) => void)[]>();
  slack.events.subscribe((event) => {
    const at = performance.now();
    if (event.type === "modal_opened") {
      const waiter = openWaiters.get(event.modal.triggerId);
      if (waiter) {
        openWaiters.delete(event.modal.triggerId);
        waiter(at);
      } else opened.set(event.modal.triggerId, at);
    } else if (event.type === "message_posted" && event.message.threadTs === undefined) {
      for (const waiter of messageWaiters.get(event.channel)?.splice(0) ?? []) waiter(at);
    }
  });
  return {
    slack,
    frontPayment,
    driverFor: (url) =>
      createSlackDriver({
        slack,
        botUrl: `${url}/slack/events`,
        signingSecret: SECRETS.signingSecret,
        ackTimeoutMs: ACK_TIMEOUT_MS,
      }),
    modalOpened(triggerId) {
      const at = opened.get(triggerId);
      if (at !== undefined) {
        opened.delete(triggerId);
        return Promise.resolve(at);
      }
      return new Promise((resolve) => openWaiters.set(triggerId, resolve));
    },
    nextMessage(channel) {
      return new Promise((resolve) => {
        const waiters = messageWaiters.get(channel) ?? [];
        waiters.push(resolve);
        messageWaiters.set(channel, waiters);
      });
    },
    async close() {
      await Promise.all([slack.close(), frontPayment.close()]);
    },
  };
}

/** Types `/invoice` in #sales; resolves with the ms until the modal opened. */
export async function timeInvoiceCommand(standIns: StandIns, driver: SlackDriver): Promise<number> {
  const startedAt = performance.now();
  const command = await driver.slashCommand({ command: "/invoice", channelId: SALES });
  if (!command.ok) throw new Error(`/invoice was not answered: ${command.status} ${command.body}`);
  return (await withTimeout(standIns.modalOpened(command.triggerId), "the modal")) - startedAt;
}

/** The order a person types into the modal, field by field (Kari Nordmann, one line). */
const CUSTOMER_FIELDS: readonly (readonly [keyof typeof BLOCK_IDS, string])[] = [
  ["name", "Kari Nordmann"],
  ["email", "kari.nordmann@example.com"],
  ["mobile", "46567468"],
  ["personalNumber", "28038712383"],
  ["street", "Klosterenget 144"],
  ["zip", "7030"],
  ["city", "Trondheim"],
];
const LINE_FIELDS: readonly (readonly [keyof typeof LINE_ACTION_IDS, string])[] = [
  ["name", "Konsulenttime"],
  ["quantity", "2"],
  ["rate", "1250"],
];

/**
 * Opens `/invoice` and fills in an order. `redraws`: the app answers the inputs Slack sends at
 * once (the totals) with a new view, which the person waits for; a bare baseline does not.
 */
export async function openFilledModal(
  driver: SlackDriver,
  { redraws }: { redraws: boolean },
): Promise<ModalHandle> {
  const command = await driver.slashCommand({ command: "/invoice", channelId: SALES });
  if (!command.ok) throw new Error(`/invoice was not answered: ${command.status} ${command.body}`);
  const modal = await command.modal();
  for (const [field, value] of CUSTOMER_FIELDS) await modal.fill(BLOCK_IDS[field], ACTION_IDS[field], value);
  for (const [field, value] of LINE_FIELDS) {
    const actionId = LINE_ACTION_IDS[field];
    const block = modal.view.blocks.find((candidate) =>
      JSON.stringify(candidate).includes(`"action_id":"${actionId}"`),
    );
    const blockId = block?.block_id;
    if (typeof blockId !== "string") throw new Error(`The modal has no ${field} input for the first line`);
    const before = modal.view.hash;
    const filled = await modal.fill(blockId, actionId, value);
    if (redraws && filled.dispatched) await modal.waitForView((view) => view.hash !== before);
  }
  return modal;
}

/** Presses Submit; resolves with the ms until the order's message is in #sales. */
export async function timeSubmission(standIns: StandIns, modal: ModalHandle): Promise<number> {
  const startedAt = performance.now();
  const posted = standIns.nextMessage(SALES);
  const outcome = await modal.submit();
  if (outcome.kind === "blocked" || outcome.kind === "errors")
    throw new Error(`The order was not accepted: ${JSON.stringify(outcome.errors)}`);
  return (await withTimeout(posted, "the channel message")) - startedAt;
}

/** Rejects after 30 s: a lost modal or message fails the run instead of hanging it. */
function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not appear within 30 s`)), ACK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
