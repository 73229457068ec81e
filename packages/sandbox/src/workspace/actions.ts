/**
 * What a person does on the workspace page, carried out through the Slack driver (so the bot gets
 * exactly what Slack would send) and the Front Payment stand-in's controls. Every action is a JSON
 * POST; the answer says what happened, or why nothing did.
 */
import { FrontPaymentSandboxError } from "../frontpayment/orders.js";
import type { FrontPaymentSandbox } from "../frontpayment/sandbox.js";
import type { Delivery } from "../slack/delivery.js";
import type { SlackDriver } from "../slack/driver.js";
import { SlackDriverError } from "../slack/errors.js";
import type { SlackTeamSandbox } from "../slack/sandbox.js";
import { type SubmitOutcome, TROUBLE_CONNECTING } from "../slack/submission.js";
import type { FillValue } from "../slack/view-state.js";

export interface WorkspaceActionContext {
  slack: SlackTeamSandbox;
  driver: SlackDriver;
  frontPayment: FrontPaymentSandbox;
  commands: readonly string[];
}

/** A request the page cannot carry out as sent: answered with `status` and the message. */
export class WorkspaceActionError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;
type Action = (body: Body, context: WorkspaceActionContext) => Promise<unknown>;

function text(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== "string" || value === "")
    throw new WorkspaceActionError(400, `${field} must be a non-empty string`);
  return value;
}

function optionalText(body: Body, field: string): string | undefined {
  return body[field] === undefined ? undefined : text(body, field);
}

function fillValue(body: Body): FillValue {
  const { value } = body;
  if (value === null || typeof value === "string" || typeof value === "number") return value;
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value;
  throw new WorkspaceActionError(400, "value must be a string, a number, a list of strings or null");
}

/** How Slack's client reports a command the app did not answer well. */
function commandFailure(command: string, delivery: Delivery): string | undefined {
  if (delivery.ok) return undefined;
  const reason = delivery.status === "timeout" ? "operation_timeout" : "dispatch_failed";
  return `${command} failed with the error "${reason}"`;
}

/** The outcome without the raw HTTP exchange, which the page has no use for. */
function submitOutcome(outcome: SubmitOutcome) {
  const { kind } = outcome;
  switch (outcome.kind) {
    case "blocked":
    case "errors":
      return { kind, errors: outcome.errors };
    case "failed":
      // The person sees Slack's words; the reason is for whoever debugs the bot.
      return { kind, message: TROUBLE_CONNECTING, reason: outcome.reason, messages: outcome.messages ?? [] };
    default:
      return { kind };
  }
}

/** Types a line in a channel: a slash command goes to the app, anything else is posted. */
const sendMessage: Action = async (body, { slack, driver, commands }) => {
  const userId = text(body, "userId");
  const channelId = text(body, "channelId");
  const line = text(body, "text").trim();
  const { workspace } = slack;
  const channel = workspace.channel(channelId);
  if (!channel) throw new WorkspaceActionError(404, `There is no channel ${channelId}.`);
  if (!workspace.isMember(channel, userId))
    throw new WorkspaceActionError(409, `${userId} is not a member of #${channel.name}.`);
  const command = /^(\/\S+)\s*([\s\S]*)$/.exec(line);
  if (!command) {
    workspace.postMessage(channel, { user: userId, text: line, blocks: [], source: "client" });
    return { posted: true };
  }
  const [, name = "", rest = ""] = command;
  if (!commands.includes(name)) {
    throw new WorkspaceActionError(
      400,
      `${name} is not a valid command. This workspace's app has ${commands.join(", ")}.`,
    );
  }
  const delivery = await driver.slashCommand({ command: name, text: rest, userId, channelId: channel.id });
  const failure = commandFailure(name, delivery);
  return failure ? { delivered: false, error: failure } : { delivered: true };
};

const ACTIONS: Record<string, Action> = {
  "/api/messages": sendMessage,
  "/api/messages/click": async (body, { driver }) => {
    const blockId = optionalText(body, "blockId");
    const value = optionalText(body, "value");
    const delivery = await driver.clickMessageButton({
      userId: text(body, "userId"),
      channel: text(body, "channelId"),
      ts: text(body, "ts"),
      actionId: text(body, "actionId"),
      ...(blockId === undefined ? {} : { blockId }),
      ...(value === undefined ? {} : { value }),
    });
    return { delivered: delivery.ok };
  },
  "/api/ephemerals/action": async (body, { driver }) => {
    const blockId = optionalText(body, "blockId");
    const value = optionalText(body, "value");
    const delivery = await driver.ephemeralAction({
      userId: text(body, "userId"),
      ts: text(body, "ts"),
      actionId: text(body, "actionId"),
      ...(blockId === undefined ? {} : { blockId }),
      ...(value === undefined ? {} : { value }),
    });
    return { delivered: delivery.ok };
  },
  "/api/home/open": async (body, { driver }) => ({
    delivered: (await driver.openAppHome({ userId: text(body, "userId") })).ok,
  }),
  "/api/home/action": async (body, { driver }) => {
    const blockId = optionalText(body, "blockId");
    const value = optionalText(body, "value");
    const delivery = await driver.homeAction({
      userId: text(body, "userId"),
      actionId: text(body, "actionId"),
      ...(blockId === undefined ? {} : { blockId }),
      ...(value === undefined ? {} : { value }),
    });
    return { delivered: delivery.ok };
  },
  "/api/modal/fill": async (body, { driver }) => {
    const result = await driver
      .modal(text(body, "userId"))
      .fill(text(body, "blockId"), text(body, "actionId"), fillValue(body), {
        pressEnter: body.pressEnter === true,
      });
    return { dispatched: result.dispatched };
  },
  "/api/modal/suggest": async (body, { driver }) => {
    const answer = await driver
      .modal(text(body, "userId"))
      .suggest(
        text(body, "blockId"),
        text(body, "actionId"),
        typeof body.query === "string" ? body.query : "",
      );
    return { options: answer.options, ...(answer.problem ? { problem: answer.problem } : {}) };
  },
  "/api/modal/click": async (body, { driver }) => {
    const blockId = optionalText(body, "blockId");
    const value = optionalText(body, "value");
    const delivery = await driver.modal(text(body, "userId")).click(text(body, "actionId"), {
      ...(blockId === undefined ? {} : { blockId }),
      ...(value === undefined ? {} : { value }),
    });
    return { delivered: delivery.ok };
  },
  "/api/modal/submit": async (body, { driver }) => ({
    outcome: submitOutcome(await driver.modal(text(body, "userId")).submit()),
  }),
  "/api/modal/close": async (body, { driver }) => {
    const outcome = await driver.modal(text(body, "userId")).close();
    return { notified: outcome.notified };
  },
};

const ORDER_CONTROLS: Record<string, (frontPayment: FrontPaymentSandbox, uuid: string) => unknown> = {
  approve: (frontPayment, uuid) => frontPayment.approveBankId(uuid),
  reject: (frontPayment, uuid) => frontPayment.rejectBankId(uuid),
  pay: (frontPayment, uuid) => frontPayment.markPaid(uuid),
  expire: (frontPayment, uuid) => frontPayment.expire(uuid),
};

/** Carries out the action at `path`; throws {@link WorkspaceActionError} for the page to show. */
export async function runAction(path: string, body: Body, context: WorkspaceActionContext): Promise<unknown> {
  try {
    const order = /^\/api\/frontpayment\/orders\/([^/]+)\/(\w+)$/.exec(path);
    if (order) {
      const control = ORDER_CONTROLS[order[2] ?? ""];
      if (!control) throw new WorkspaceActionError(404, `There is no order control ${order[2]}.`);
      control(context.frontPayment, decodeURIComponent(order[1] ?? ""));
      return {};
    }
    const action = ACTIONS[path];
    if (!action) throw new WorkspaceActionError(404, `There is no action ${path}.`);
    return await action(body, context);
  } catch (error) {
    if (error instanceof SlackDriverError) throw new WorkspaceActionError(409, error.message);
    if (error instanceof FrontPaymentSandboxError)
      throw new WorkspaceActionError(error.code === "order_not_found" ? 404 : 409, error.message);
    throw error;
  }
}
