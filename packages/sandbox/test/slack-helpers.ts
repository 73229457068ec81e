import { type Logger, LogLevel, WebClient, type WebClientOptions } from "@slack/web-api";
import {
  DEFAULT_BOT_TOKEN,
  type SlackSandbox,
  type SlackSandboxOptions,
  startSlackSandbox,
} from "../src/index.js";

/** A clock tests move by hand: triggers and response URLs expire only when a test says so. */
export function manualClock(start = Date.UTC(2026, 0, 15, 9, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** Keeps WebClient's own logging (it logs every `[ERROR]` Slack sends back) out of test output. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

export interface SlackTestBed {
  sandbox: SlackSandbox;
  clock: ReturnType<typeof manualClock>;
  /** A real WebClient on the stand-in, retries off. */
  client: WebClient;
  webClient(options?: WebClientOptions, token?: string): WebClient;
}

export async function startSlackTestBed(options: SlackSandboxOptions = {}): Promise<SlackTestBed> {
  const clock = manualClock();
  const sandbox = await startSlackSandbox({ clock: clock.now, ...options });
  const webClient = (clientOptions: WebClientOptions = {}, token = DEFAULT_BOT_TOKEN) =>
    new WebClient(token, {
      slackApiUrl: sandbox.apiUrl,
      retryConfig: { retries: 0 },
      logger: silentLogger,
      ...clientOptions,
    });
  return { sandbox, clock, client: webClient(), webClient };
}

/** The Slack error code (and messages) a failed WebClient call carries. */
export async function slackError(call: Promise<unknown>): Promise<{ error: string; messages: string[] }> {
  try {
    await call;
  } catch (error) {
    const data = (error as { data?: { error?: string; response_metadata?: { messages?: string[] } } }).data;
    if (data?.error) return { error: data.error, messages: data.response_metadata?.messages ?? [] };
    throw error;
  }
  throw new Error("expected the call to fail with a Slack error");
}

export const plain = (text: string) => ({ type: "plain_text" as const, text });

/** The customer name input that test modals start with. */
export function customerInput() {
  return {
    type: "input",
    block_id: "customer",
    label: plain("Customer"),
    element: { type: "plain_text_input", action_id: "name" },
  };
}

/** An optional organisation number input that sends `block_actions` as it is typed. */
export function orgNumberInput(hint?: string) {
  return {
    type: "input",
    block_id: "org",
    optional: true,
    dispatch_action: true,
    label: plain("Organisation number"),
    ...(hint ? { hint: plain(hint) } : {}),
    element: { type: "plain_text_input", action_id: "org_number" },
  };
}

/** A small valid modal; tests change one thing at a time. */
export function modal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "modal",
    callback_id: "invoice",
    title: plain("New invoice"),
    submit: plain("Send"),
    close: plain("Cancel"),
    blocks: [customerInput()],
    ...overrides,
  };
}
