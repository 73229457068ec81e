import { listen, readBody } from "../src/http.js";
import {
  createSlackDriver,
  DEFAULT_BOT_TOKEN,
  type FrontPaymentSandbox,
  type SlackDriver,
  type SlackSandbox,
  startFrontPaymentSandbox,
  startSlackSandbox,
  startWorkspacePage,
  type WorkspacePage,
} from "../src/index.js";

/** What the stand-in bot got: the form of a slash command, or an interaction's payload. */
export interface BotRequest {
  form: Record<string, string>;
  payload?: Record<string, unknown> & { type: string };
}

export interface WorkspaceBed {
  slack: SlackSandbox;
  frontPayment: FrontPaymentSandbox;
  driver: SlackDriver;
  page: WorkspacePage;
  /** Every request the bot got, in order. */
  received: BotRequest[];
  /** The view `/invoice` opens; tests set it before typing the command. */
  view: Record<string, unknown>;
  /** What the bot answers to `view_submission` (default: an empty 200, which closes the view). */
  submissionAnswer: string;
  close(): Promise<void>;
}

/**
 * The workspace page over both stand-ins and a small bot: `/invoice` opens `bed.view` with the
 * command's trigger (as a real app does, through `views.open`), everything else is answered 200.
 */
export async function startWorkspaceBed(): Promise<WorkspaceBed> {
  const slack = await startSlackSandbox();
  const frontPayment = await startFrontPaymentSandbox({ callbackSecret: "workspace-secret" });
  const bot = await listen(async (request, response) => {
    const form = Object.fromEntries(new URLSearchParams(await readBody(request)));
    const payload = form.payload ? JSON.parse(form.payload) : undefined;
    bed.received.push({ form, ...(payload ? { payload } : {}) });
    if (form.command === "/invoice") {
      await fetch(`${slack.apiUrl}views.open`, {
        method: "POST",
        headers: { authorization: `Bearer ${DEFAULT_BOT_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ trigger_id: form.trigger_id, view: bed.view }),
      });
    }
    const body = payload?.type === "view_submission" ? bed.submissionAnswer : "";
    response.writeHead(200, body ? { "content-type": "application/json" } : {});
    response.end(body);
  });
  const driver = createSlackDriver({ slack, botUrl: `${bot.url}/slack/events`, signingSecret: "workspace" });
  const page = await startWorkspacePage({ slack, driver, frontPayment });
  const bed: WorkspaceBed = {
    slack,
    frontPayment,
    driver,
    page,
    received: [],
    view: {},
    submissionAnswer: "",
    async close() {
      await page.close();
      await Promise.all([bot.close(), slack.close(), frontPayment.close()]);
    },
  };
  return bed;
}

/** POSTs an action to the page as its script does. */
export async function act(bed: WorkspaceBed, path: string, body: unknown) {
  const response = await fetch(`${bed.page.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });
export const option = (value: string, text: string) => ({ text: plain(text), value });
