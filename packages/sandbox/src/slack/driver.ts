/**
 * The Slack driver: acts as Slack (and as the person in Slack's client) towards the bot. It sends
 * slash commands and interaction payloads to the bot (signed, to its HTTP endpoint, or as envelopes
 * over its Socket Mode connection), with trigger ids and response URLs issued by the stand-in, and
 * applies the bot's answers to the stand-in's state.
 */
import { normalizeBlocks } from "./block-kit/normalize.js";
import { interactiveElements } from "./block-kit/walk.js";
import {
  ACK_TIMEOUT_MS,
  type BotTransport,
  type Delivery,
  deliver,
  httpTransport,
  socketTransport,
} from "./delivery.js";
import { SlackDriverError } from "./errors.js";
import { type DriverContext, type ModalHandle, modalHandle, type WaitForOptions } from "./modal-handle.js";
import {
  type Actor,
  actionFor,
  actionTs,
  appHomeOpenedPayload,
  messageBlockActionsPayload,
  slashCommandFields,
  viewBlockActionsPayload,
} from "./payloads.js";
import type { SlackSandbox } from "./sandbox.js";
import type { SlackUser } from "./types.js";
import { currentState } from "./view-state.js";
import { apiMessage } from "./web-api/chat.js";

/** Over HTTP (the default): signed POSTs to the bot's request URL. */
export interface SlackDriverHttpOptions {
  transport?: "http";
  /** The bot's Slack endpoint, e.g. `http://127.0.0.1:3000/slack/events`. */
  botUrl: string;
  signingSecret: string;
  /**
   * Time for `x-slack-request-timestamp` (ms). Bolt checks it against its own `Date.now()`, so the
   * default is the real clock even when the stand-in runs on an injected one.
   */
  clock?: () => number;
  fetch?: typeof fetch;
}

/** Over Socket Mode: envelopes on the connection the bot opened with `slack.appToken`. */
export interface SlackDriverSocketOptions {
  transport: "socket";
}

export type SlackDriverOptions = {
  slack: SlackSandbox;
  /** How long Slack waits for the bot's answer or acknowledgement (default 3000 ms, as Slack). */
  ackTimeoutMs?: number;
  /** Sent as the deprecated `token` field (default `sandbox-verification-token`). */
  verificationToken?: string;
} & (SlackDriverHttpOptions | SlackDriverSocketOptions);

export interface SlashCommandInput {
  /** e.g. `/invoice` */
  command: string;
  text?: string;
  /** Default: the workspace's first user. */
  userId?: string;
  /** Id or `#name`; default `#sales`. */
  channelId?: string;
}

export interface SlashCommandResult extends Delivery {
  triggerId: string;
  responseUrl: string;
  /** Waits until the bot opens a modal with this command's trigger, and returns its handle. */
  modal(options?: WaitForOptions): Promise<ModalHandle>;
}

export interface SlackDriver {
  slashCommand(input: SlashCommandInput): Promise<SlashCommandResult>;
  /** The modal open for `userId` (default: the first user) right now. */
  modal(userId?: string): ModalHandle;
  /** Waits for a modal to be open for `userId` (default: the first user). */
  waitForModal(options?: { userId?: string; callbackId?: string } & WaitForOptions): Promise<ModalHandle>;
  /**
   * `userId` opens the app's Home tab: the Events API's `app_home_opened` (with the view published
   * for them, if any). Resolves with the bot's answer; the bot publishes with `views.publish`.
   */
  openAppHome(userId?: string): Promise<Delivery>;
  /** Clicks a button in `userId`'s Home tab (`block_actions` with the home view); confirm dialogs are accepted. */
  clickHomeButton(input: {
    actionId: string;
    userId?: string;
    blockId?: string;
    value?: string;
  }): Promise<Delivery>;
  /** Clicks a button in a channel message (`block_actions` with the message and a `response_url`). */
  clickMessageButton(input: {
    channel: string;
    ts: string;
    actionId: string;
    userId?: string;
    blockId?: string;
    value?: string;
  }): Promise<Delivery>;
}

export function createSlackDriver(options: SlackDriverOptions): SlackDriver {
  const { slack } = options;
  const { workspace, controls } = slack;
  const ackTimeoutMs = options.ackTimeoutMs ?? ACK_TIMEOUT_MS;
  const transport: BotTransport =
    options.transport === "socket"
      ? socketTransport(slack.socketMode, ackTimeoutMs)
      : httpTransport({
          botUrl: options.botUrl,
          signingSecret: options.signingSecret,
          clock: options.clock ?? Date.now,
          fetch: options.fetch ?? globalThis.fetch,
          ackTimeoutMs,
        });
  const verificationToken = options.verificationToken ?? "sandbox-verification-token";

  const userOf = (userId: string | undefined): SlackUser => {
    const user = userId ? workspace.user(userId) : workspace.state.users[0];
    if (!user || user.isBot)
      throw new SlackDriverError(`No person ${userId ?? "(first user)"} in the sandbox workspace`);
    return user;
  };
  const actorFor = (userId: string | undefined): Actor => ({
    workspace,
    user: userOf(userId),
    verificationToken,
  });
  const context: DriverContext = { slack, transport, actorFor };
  let eventCount = 0;

  const waitForModal: SlackDriver["waitForModal"] = async ({ userId, callbackId, ...waitOptions } = {}) => {
    const user = userOf(userId);
    const modal = await slack.waitFor(
      () => {
        const open = workspace.openModal(user.id);
        return open && (callbackId === undefined || open.stack.at(-1)?.view.callback_id === callbackId)
          ? open
          : undefined;
      },
      {
        ...waitOptions,
        what: `a modal for ${user.id}${callbackId ? ` with callback_id ${callbackId}` : ""}`,
      },
    );
    return modalHandle(context, modal.id);
  };

  return {
    async slashCommand({ command, text = "", userId, channelId = "#sales" }) {
      const actor = actorFor(userId);
      const channel = workspace.channel(channelId);
      if (!channel) throw new SlackDriverError(`No channel ${channelId} in the sandbox workspace`);
      if (!workspace.isMember(channel, actor.user.id)) {
        throw new SlackDriverError(
          `${actor.user.id} is not in ${channel.id}, so cannot type a command there`,
        );
      }
      const triggerId = controls.issueTrigger(actor.user.id, {
        kind: "slash_command",
        channelId: channel.id,
      });
      const responseUrl = controls.issueResponseUrl({ userId: actor.user.id, channelId: channel.id });
      const fields = slashCommandFields(actor, { command, text, channel, triggerId, responseUrl });
      const delivery = await deliver(
        transport,
        workspace,
        { kind: "slash_command", userId: actor.user.id },
        { type: "slash_commands", fields },
      );
      showCommandAnswer(slack, actor.user.id, channel.id, delivery);
      return {
        ...delivery,
        triggerId,
        responseUrl,
        modal: async (waitOptions = {}) => {
          const modal = await slack.waitFor(
            () => workspace.state.modals.find((candidate) => candidate.triggerId === triggerId),
            { ...waitOptions, what: `a modal opened with the trigger of ${command}` },
          );
          return modalHandle(context, modal.id);
        },
      };
    },
    modal(userId) {
      const user = userOf(userId);
      const modal = workspace.openModal(user.id);
      if (!modal) throw new SlackDriverError(`${user.id} has no modal open`);
      return modalHandle(context, modal.id);
    },
    waitForModal,
    async openAppHome(userId) {
      const actor = actorFor(userId);
      const home = workspace.home(actor.user.id);
      eventCount += 1;
      const payload = appHomeOpenedPayload(actor, {
        channelId: workspace.botDmWith(actor.user.id).id,
        view: home ? structuredClone(home.view) : undefined,
        eventTs: actionTs(workspace.clock),
        eventId: `Ev${String(eventCount).padStart(9, "0")}`,
      });
      return deliver(
        transport,
        workspace,
        { kind: "event", userId: actor.user.id },
        { type: "events_api", payload },
      );
    },
    async clickHomeButton({ actionId, userId, blockId, value }) {
      const actor = actorFor(userId);
      const home = workspace.home(actor.user.id);
      if (!home) throw new SlackDriverError(`${actor.user.id} has no Home tab published`);
      const matching = interactiveElements(home.view.blocks).filter(
        (located) =>
          located.element.type === "button" &&
          located.element.action_id === actionId &&
          (blockId === undefined || located.block.block_id === blockId) &&
          (value === undefined || located.element.value === value),
      );
      const [button] = matching;
      if (!button)
        throw new SlackDriverError(`The Home tab has no button ${actionId} matching ${value ?? ""}`);
      if (matching.length > 1)
        throw new SlackDriverError(
          `${matching.length} buttons have action id ${actionId}; pass blockId or value`,
        );
      const triggerId = controls.issueTrigger(actor.user.id, { kind: "view", viewId: home.view.id });
      const payload = viewBlockActionsPayload(
        actor,
        structuredClone(home.view),
        actionFor(button, undefined, actionTs(workspace.clock)),
        triggerId,
      );
      return deliver(
        transport,
        workspace,
        { kind: "block_actions", userId: actor.user.id },
        { type: "interactive", payload },
      );
    },
    async clickMessageButton({ channel: channelReference, ts, actionId, userId, blockId, value }) {
      const actor = actorFor(userId);
      const channel = workspace.channel(channelReference);
      const message = channel ? workspace.message(channel.id, ts) : undefined;
      if (!channel || !message) throw new SlackDriverError(`No message ${ts} in ${channelReference}`);
      const button = interactiveElements(message.blocks).find(
        (located) =>
          located.element.type === "button" &&
          located.element.action_id === actionId &&
          (blockId === undefined || located.block.block_id === blockId) &&
          (value === undefined || located.element.value === value),
      );
      if (!button) throw new SlackDriverError(`Message ${ts} has no button ${actionId}`);
      const payload = messageBlockActionsPayload(actor, {
        channel,
        message: { ...apiMessage(workspace, message), ts: message.ts },
        state: currentState(message.blocks, {}),
        action: actionFor(button, undefined, actionTs(workspace.clock)),
        triggerId: controls.issueTrigger(actor.user.id, {
          kind: "message",
          channelId: channel.id,
          messageTs: ts,
        }),
        responseUrl: controls.issueResponseUrl({
          userId: actor.user.id,
          channelId: channel.id,
          messageTs: ts,
        }),
      });
      return deliver(
        transport,
        workspace,
        { kind: "block_actions", userId: actor.user.id },
        { type: "interactive", payload },
      );
    },
  };
}

/** A slash command's immediate answer is shown to the person (or the channel, for `in_channel`). */
function showCommandAnswer(slack: SlackSandbox, userId: string, channelId: string, delivery: Delivery): void {
  const { workspace } = slack;
  const channel = workspace.channel(channelId);
  if (!delivery.ok || delivery.body.trim() === "" || !channel) return;
  let answer: { text?: unknown; blocks?: unknown; response_type?: unknown } = { text: delivery.body };
  try {
    const parsed: unknown = JSON.parse(delivery.body);
    if (typeof parsed === "object" && parsed !== null) answer = parsed;
  } catch {
    // Plain text answers are shown as they are.
  }
  const text = typeof answer.text === "string" ? answer.text : "";
  const blocks = Array.isArray(answer.blocks) ? normalizeBlocks(answer.blocks, workspace.ids) : [];
  if (answer.response_type === "in_channel") {
    workspace.postMessage(channel, {
      user: workspace.bot.userId,
      botId: workspace.bot.botId,
      text,
      blocks,
      source: "command_ack",
    });
  } else {
    workspace.postEphemeral({ channel: channel.id, userId, text, blocks, source: "command_ack" });
  }
}
