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
  type BotRequest,
  type BotTransport,
  type Delivery,
  deliver,
  httpTransport,
  type SlackRetry,
  socketTransport,
} from "./delivery.js";
import { SlackDriverError } from "./errors.js";
import { type DriverContext, type ModalHandle, modalHandle, type WaitForOptions } from "./modal-handle.js";
import {
  type Actor,
  actionFor,
  actionTs,
  appHomeOpenedBody,
  ephemeralBlockActionsPayload,
  eventCallback,
  messageBlockActionsPayload,
  slashCommandFields,
  viewBlockActionsPayload,
} from "./payloads.js";
import type { SlackTeamSandbox } from "./sandbox.js";
import type { BlockJson, SlackInteractionRecord, SlackUser } from "./types.js";
import { currentState, offeredOptions } from "./view-state.js";
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
  slack: SlackTeamSandbox;
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
   * Someone removes the app from the workspace: its token stops working, and the bot gets the
   * `app_uninstalled` event (signed, like every request).
   */
  appUninstalled(): Promise<Delivery>;
  /** The bot's token is revoked (`tokens_revoked` with the bot's user id): it stops working. */
  tokensRevoked(): Promise<Delivery>;
  /** Clicks a button in a channel message (`block_actions` with the message and a `response_url`). */
  clickMessageButton(input: {
    channel: string;
    ts: string;
    actionId: string;
    userId?: string;
    blockId?: string;
    value?: string;
  }): Promise<Delivery>;
  /**
   * Sends the last request again as Slack's retry of it: the same body, signed anew, with the
   * retry number and reason (default 1, `http_timeout`); over HTTP, to `botUrl` if given.
   */
  retryLast(retry?: Partial<SlackRetry>): Promise<Delivery>;
  /** Opens the app's Home tab as `userId`: Slack sends `app_home_opened` (Events API). */
  openAppHome(input?: { userId?: string }): Promise<Delivery>;
  /**
   * Uses an element of `userId`'s App Home view: clicks a button (with `value`, the one with
   * that value) or picks the overflow option whose value is `value`.
   */
  homeAction(input: {
    actionId: string;
    userId?: string;
    blockId?: string;
    value?: string;
  }): Promise<Delivery>;
  /**
   * The same in an ephemeral message `userId` sees (by its ts): the payload carries a
   * `response_url` whose `replace_original` replaces that ephemeral message.
   */
  ephemeralAction(input: {
    ts: string;
    actionId: string;
    userId?: string;
    blockId?: string;
    value?: string;
  }): Promise<Delivery>;
  /** Chooses option `value` of an overflow menu in a channel message (`block_actions` with `selected_option`). */
  chooseMessageOverflow(input: {
    channel: string;
    ts: string;
    actionId: string;
    value: string;
    userId?: string;
  }): Promise<Delivery>;
}

/** The button, overflow or select `actionId` in `blocks`, and what using it with `value` sends. */
function chosenElement(
  blocks: BlockJson[],
  {
    actionId,
    blockId,
    value,
  }: { actionId: string; blockId?: string | undefined; value?: string | undefined },
  ts: string,
): Record<string, unknown> | undefined {
  for (const located of interactiveElements(blocks)) {
    const { element, block } = located;
    if (element.action_id !== actionId || (blockId !== undefined && block.block_id !== blockId)) continue;
    if (element.type === "button" && (value === undefined || element.value === value)) {
      return actionFor(located, undefined, ts);
    }
    // A select outside a modal's inputs (App Home's, a message's) acts at once, as an overflow does.
    if (element.type === "overflow" || element.type === "static_select") {
      const option = offeredOptions(element).find((candidate) => candidate.value === value);
      if (option) return actionFor(located, { selected_option: option }, ts);
    }
  }
  return undefined;
}

export function createSlackDriver(options: SlackDriverOptions): SlackDriver {
  const { slack } = options;
  const { workspace, controls } = slack;
  const ackTimeoutMs = options.ackTimeoutMs ?? ACK_TIMEOUT_MS;
  const underlying: BotTransport =
    options.transport === "socket"
      ? socketTransport(slack.socketMode, ackTimeoutMs)
      : httpTransport({
          botUrl: options.botUrl,
          signingSecret: options.signingSecret,
          clock: options.clock ?? Date.now,
          fetch: options.fetch ?? globalThis.fetch,
          ackTimeoutMs,
        });
  let last: BotRequest | undefined;
  const transport: BotTransport = {
    send(request, retry) {
      if (!retry) last = request;
      return underlying.send(request, retry);
    },
  };
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

  const revoked = (reason: "uninstalled" | "tokens_revoked") => {
    controls.revokeInstallation(reason);
    const event =
      reason === "uninstalled"
        ? { type: "app_uninstalled" }
        : { type: "tokens_revoked", tokens: { oauth: [], bot: [workspace.bot.userId] } };
    const payload = eventCallback(workspace, verificationToken, event);
    const installer = workspace.state.users.find((user) => !user.isBot)?.id ?? "";
    return deliver(
      transport,
      workspace,
      { kind: "event", userId: installer },
      { type: "events_api", body: payload },
    );
  };

  let events = 0;
  return {
    appUninstalled: () => revoked("uninstalled"),
    tokensRevoked: () => revoked("tokens_revoked"),
    async openAppHome({ userId } = {}) {
      const actor = actorFor(userId);
      events += 1;
      const body = appHomeOpenedBody(actor, {
        channelId: workspace.botDmWith(actor.user.id).id,
        view: workspace.home(actor.user.id)?.view,
        // Unique across workspaces, as Slack's are: two teams' drivers must not repeat each other's.
        eventId: `Ev${String(events).padStart(8, "0")}${workspace.team.id}`,
        eventTs: actionTs(workspace.clock),
      });
      return deliver(
        transport,
        workspace,
        { kind: "event", userId: actor.user.id },
        { type: "events_api", body },
      );
    },
    async homeAction({ actionId, userId, blockId, value }) {
      const actor = actorFor(userId);
      const home = workspace.home(actor.user.id);
      if (!home) throw new SlackDriverError(`${actor.user.id} has no App Home view`);
      const action = chosenElement(home.view.blocks, { actionId, blockId, value }, actionTs(workspace.clock));
      if (!action)
        throw new SlackDriverError(`The App Home view has no ${actionId} with ${value ?? "any value"}`);
      const triggerId = controls.issueTrigger(actor.user.id, { kind: "view", viewId: home.view.id });
      return deliver(
        transport,
        workspace,
        { kind: "block_actions", userId: actor.user.id },
        { type: "interactive", payload: viewBlockActionsPayload(actor, home.view, action, triggerId) },
      );
    },
    async ephemeralAction({ ts, actionId, userId, blockId, value }) {
      const actor = actorFor(userId);
      const ephemeral = workspace.state.ephemerals.find(
        (candidate) => candidate.ts === ts && candidate.userId === actor.user.id,
      );
      const channel = ephemeral && workspace.channel(ephemeral.channel);
      if (!ephemeral || !channel)
        throw new SlackDriverError(`${actor.user.id} sees no ephemeral message ${ts}`);
      const action = chosenElement(ephemeral.blocks, { actionId, blockId, value }, actionTs(workspace.clock));
      if (!action)
        throw new SlackDriverError(`Ephemeral message ${ts} has no ${actionId} with ${value ?? "any value"}`);
      const payload = ephemeralBlockActionsPayload(actor, {
        channel,
        messageTs: ts,
        action,
        triggerId: controls.issueTrigger(actor.user.id, {
          kind: "message",
          channelId: channel.id,
          messageTs: ts,
        }),
        responseUrl: controls.issueResponseUrl({
          userId: actor.user.id,
          channelId: channel.id,
          ephemeralTs: ts,
        }),
      });
      return deliver(
        transport,
        workspace,
        { kind: "block_actions", userId: actor.user.id },
        { type: "interactive", payload },
      );
    },
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
    async clickMessageButton({ channel: channelReference, ts, actionId, userId, blockId, value }) {
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
      return actOnMessage(userId, channel, message, actionFor(button, undefined, actionTs(workspace.clock)));
    },
    async chooseMessageOverflow({ channel: channelReference, ts, actionId, value, userId }) {
      const channel = workspace.channel(channelReference);
      const message = channel ? workspace.message(channel.id, ts) : undefined;
      if (!channel || !message) throw new SlackDriverError(`No message ${ts} in ${channelReference}`);
      const overflow = interactiveElements(message.blocks).find(
        (located) => located.element.type === "overflow" && located.element.action_id === actionId,
      );
      if (!overflow) throw new SlackDriverError(`Message ${ts} has no overflow menu ${actionId}`);
      const option = offeredOptions(overflow.element).find((candidate) => candidate.value === value);
      if (!option)
        throw new SlackDriverError(`${JSON.stringify(value)} is not an option of overflow ${actionId}`);
      return actOnMessage(
        userId,
        channel,
        message,
        actionFor(overflow, { selected_option: option }, actionTs(workspace.clock)),
      );
    },
    async retryLast({ num = 1, reason = "http_timeout", botUrl } = {}) {
      if (!last) throw new SlackDriverError("Nothing was sent to the bot yet, so nothing can be retried");
      const retry = { num, reason, ...(botUrl === undefined ? {} : { botUrl }) };
      return deliver(transport, workspace, interactionOf(last), last, retry);
    },
  };

  /** `block_actions` from a message, with a fresh trigger and a response URL, as Slack sends it. */
  function actOnMessage(
    userId: string | undefined,
    channel: NonNullable<ReturnType<typeof workspace.channel>>,
    message: NonNullable<ReturnType<typeof workspace.message>>,
    action: Record<string, unknown>,
  ): Promise<Delivery> {
    const actor = actorFor(userId);
    const ts = message.ts;
    const payload = messageBlockActionsPayload(actor, {
      channel,
      message: { ...apiMessage(workspace, message), ts: message.ts },
      state: currentState(message.blocks, {}),
      action,
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
  }
}

/** Who sent a request and what kind it is, for the workspace's record of interactions. */
function interactionOf(request: BotRequest): { kind: SlackInteractionRecord["kind"]; userId: string } {
  if (request.type === "slash_commands") {
    return { kind: "slash_command", userId: request.fields.user_id ?? "" };
  }
  if (request.type === "events_api") {
    const { event } = request.body as { event?: { user?: string } };
    return { kind: "event", userId: event?.user ?? "" };
  }
  const { type, user } = request.payload as { type: SlackInteractionRecord["kind"]; user?: { id?: string } };
  return { kind: type, userId: user?.id ?? "" };
}

/** A slash command's immediate answer is shown to the person (or the channel, for `in_channel`). */
function showCommandAnswer(
  slack: SlackTeamSandbox,
  userId: string,
  channelId: string,
  delivery: Delivery,
): void {
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
