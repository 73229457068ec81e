/**
 * The Slack driver: acts as Slack (and as the person in Slack's client) towards the bot. It sends
 * signed slash commands and interaction payloads to the bot's HTTP endpoint, with trigger ids and
 * response URLs issued by the stand-in, and applies the bot's answers to the stand-in's state.
 */
import type { WaitOptions } from "../http.js";
import { normalizeBlocks } from "./block-kit/normalize.js";
import { interactiveElements, type LocatedElement } from "./block-kit/walk.js";
import { ACK_TIMEOUT_MS, type BotEndpoint, type Delivery, deliver } from "./delivery.js";
import { SlackDriverError } from "./errors.js";
import {
  type Actor,
  actionFor,
  actionTs,
  messageBlockActionsPayload,
  payloadForm,
  slashCommandForm,
  viewBlockActionsPayload,
  viewClosedPayload,
  viewSubmissionPayload,
} from "./payloads.js";
import type { SlackSandbox } from "./sandbox.js";
import { applySubmissionAnswer, type SubmitOutcome } from "./submission.js";
import type { SlackModal, SlackUser, SlackViewObject, SlackViewRecord, ViewStateValue } from "./types.js";
import {
  clientSideProblems,
  currentState,
  enteredValue,
  type FillValue,
  isStateful,
  offeredOptions,
} from "./view-state.js";
import { apiMessage } from "./web-api/chat.js";

export interface SlackDriverOptions {
  slack: SlackSandbox;
  /** The bot's Slack endpoint, e.g. `http://127.0.0.1:3000/slack/events`. */
  botUrl: string;
  signingSecret: string;
  /**
   * Time for `x-slack-request-timestamp` (ms). Bolt checks it against its own `Date.now()`, so the
   * default is the real clock even when the stand-in runs on an injected one.
   */
  clock?: () => number;
  fetch?: typeof fetch;
  /** How long Slack waits for the bot's answer (default 3000 ms, as Slack). */
  ackTimeoutMs?: number;
  /** Sent as the deprecated `token` field (default `sandbox-verification-token`). */
  verificationToken?: string;
}

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

export type FillResult = { dispatched: false } | ({ dispatched: true } & Delivery);

export type CloseOutcome = { notified: false } | { notified: true; delivery: Delivery };

export type WaitForOptions = Omit<WaitOptions, "count" | "what">;

/** A modal as the person sees it; every read is fresh from the stand-in. */
export interface ModalHandle {
  /** The root view id, which identifies the modal. */
  readonly id: string;
  readonly userId: string;
  readonly modal: SlackModal;
  readonly isOpen: boolean;
  /** The view on top of the stack, with `state.values` as the next payload will carry them. */
  readonly view: SlackViewObject;
  /** Messages shown under input blocks (by block id) after `response_action: "errors"`. */
  readonly errors: Record<string, string>;
  /** The state value of one element of the top view. */
  value(blockId: string, actionId: string): ViewStateValue | undefined;
  /**
   * Enters `value` into an element of the top view: text for text and number inputs, an option
   * value for selects and radio buttons, a list of values for checkboxes and multi-selects,
   * `YYYY-MM-DD` for date pickers, `null` to empty. Sends `block_actions` when Slack would
   * (`dispatch_action` input blocks, elements in actions blocks or section accessories).
   */
  fill(blockId: string, actionId: string, value: FillValue): Promise<FillResult>;
  /** Clicks a button of the top view; `select` picks one when several share the action id. */
  click(actionId: string, select?: { blockId?: string; value?: string }): Promise<Delivery>;
  /** Presses Submit: refused by the client when required fields are empty, else `view_submission`. */
  submit(): Promise<SubmitOutcome>;
  /** Presses Close: `view_closed` if the view asks for it, then the view (or whole modal) closes. */
  close(): Promise<CloseOutcome>;
  /** Waits until `check` holds for the top view, e.g. after a `block_actions` the bot answers with `views.update`. */
  waitForView(
    check: (view: SlackViewObject, record: SlackViewRecord) => boolean,
    options?: WaitForOptions,
  ): Promise<SlackViewObject>;
}

export interface SlackDriver {
  slashCommand(input: SlashCommandInput): Promise<SlashCommandResult>;
  /** The modal open for `userId` (default: the first user) right now. */
  modal(userId?: string): ModalHandle;
  /** Waits for a modal to be open for `userId` (default: the first user). */
  waitForModal(options?: { userId?: string; callbackId?: string } & WaitForOptions): Promise<ModalHandle>;
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
  const endpoint: BotEndpoint = {
    botUrl: options.botUrl,
    signingSecret: options.signingSecret,
    clock: options.clock ?? Date.now,
    fetch: options.fetch ?? globalThis.fetch,
    ackTimeoutMs: options.ackTimeoutMs ?? ACK_TIMEOUT_MS,
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

  const modalById = (id: string): SlackModal => {
    const modal = workspace.state.modals.find((candidate) => candidate.id === id);
    if (!modal) throw new SlackDriverError(`No modal ${id}`);
    return modal;
  };

  const handleFor = (modalId: string): ModalHandle => {
    const open = () => {
      const modal = modalById(modalId);
      if (modal.status !== "open")
        throw new SlackDriverError(`Modal ${modalId} is closed (${modal.closeReason})`);
      return { modal, record: modal.stack.at(-1) as SlackViewRecord };
    };
    const locate = (record: SlackViewRecord, blockId: string, actionId: string): LocatedElement => {
      const found = interactiveElements(record.view.blocks).find(
        (located) => located.block.block_id === blockId && located.element.action_id === actionId,
      );
      if (!found) {
        const known = interactiveElements(record.view.blocks)
          .map((located) => `${String(located.block.block_id)}/${String(located.element.action_id)}`)
          .join(", ");
        throw new SlackDriverError(
          `View ${record.view.id} has no element ${blockId}/${actionId}; it has ${known}`,
        );
      }
      return found;
    };
    const dispatch = async (
      record: SlackViewRecord,
      located: LocatedElement,
      chosen: Parameters<typeof actionFor>[1],
    ) => {
      const actor = actorFor(record.userId);
      const triggerId = controls.issueTrigger(record.userId, { kind: "view", viewId: record.view.id });
      const action = actionFor(located, chosen, actionTs(workspace.clock));
      const payload = viewBlockActionsPayload(actor, structuredClone(record.view), action, triggerId);
      return deliver(
        endpoint,
        workspace,
        { kind: "block_actions", userId: record.userId },
        payloadForm(payload),
      );
    };

    return {
      id: modalId,
      get userId() {
        return modalById(modalId).userId;
      },
      get modal() {
        return modalById(modalId);
      },
      get isOpen() {
        return modalById(modalId).status === "open";
      },
      get view() {
        return open().record.view;
      },
      get errors() {
        return open().record.errors;
      },
      value(blockId, actionId) {
        return open().record.view.state.values[blockId]?.[actionId];
      },
      async fill(blockId, actionId, value) {
        const { modal, record } = open();
        const located = locate(record, blockId, actionId);
        if (located.element.type === "overflow") {
          const option = offeredOptions(located.element).find((candidate) => candidate.value === value);
          if (!option)
            throw new SlackDriverError(
              `${JSON.stringify(value)} is not an option of overflow ${blockId}/${actionId}`,
            );
          return { dispatched: true, ...(await dispatch(record, located, { selected_option: option })) };
        }
        if (!isStateful(located.element)) {
          throw new SlackDriverError(
            `${String(located.element.type)} ${blockId}/${actionId} cannot be filled; click it`,
          );
        }
        const entered = enteredValue(located.element, blockId, value);
        record.entered = {
          ...record.entered,
          [blockId]: { ...record.entered[blockId], [actionId]: entered },
        };
        record.view.state.values = currentState(record.view.blocks, record.entered);
        workspace.viewChanged(modal, record, "view_input");
        const dispatches = located.place !== "input" || located.block.dispatch_action === true;
        if (!dispatches) return { dispatched: false };
        return { dispatched: true, ...(await dispatch(record, located, entered)) };
      },
      async click(actionId, select = {}) {
        const { record } = open();
        const buttons = interactiveElements(record.view.blocks).filter(
          (located) =>
            located.element.type === "button" &&
            located.element.action_id === actionId &&
            (select.blockId === undefined || located.block.block_id === select.blockId) &&
            (select.value === undefined || located.element.value === select.value),
        );
        const [button] = buttons;
        if (!button)
          throw new SlackDriverError(
            `View ${record.view.id} has no button ${actionId} matching ${JSON.stringify(select)}`,
          );
        if (buttons.length > 1) {
          throw new SlackDriverError(
            `${buttons.length} buttons have action id ${actionId}; pass blockId or value`,
          );
        }
        return dispatch(record, button, undefined);
      },
      async submit() {
        const { record } = open();
        const blocked = clientSideProblems(record.view.blocks, record.view.state.values);
        if (Object.keys(blocked).length > 0) return { kind: "blocked", errors: blocked };
        // Errors from an earlier answer go away when the person submits again.
        record.errors = {};
        const actor = actorFor(record.userId);
        const triggerId = controls.issueTrigger(record.userId, { kind: "view", viewId: record.view.id });
        const payload = viewSubmissionPayload(actor, structuredClone(record.view), triggerId);
        const delivery = await deliver(
          endpoint,
          workspace,
          { kind: "view_submission", userId: record.userId },
          payloadForm(payload),
        );
        // The bot may have changed the view while answering; apply the answer to what is there now.
        const current = workspace.findView(record.view.id);
        if (current?.modal.status !== "open") {
          return {
            kind: "failed",
            reason: `view ${record.view.id} was closed before the answer arrived`,
            delivery,
          };
        }
        return applySubmissionAnswer(workspace, current.modal, current.record, delivery);
      },
      async close() {
        const { modal, record } = open();
        const clearsAll = record.view.clear_on_close || modal.stack.length === 1;
        let outcome: CloseOutcome = { notified: false };
        if (record.view.notify_on_close) {
          const payload = viewClosedPayload(
            actorFor(record.userId),
            structuredClone(record.view),
            record.view.clear_on_close,
          );
          const delivery = await deliver(
            endpoint,
            workspace,
            { kind: "view_closed", userId: record.userId },
            payloadForm(payload),
          );
          outcome = { notified: true, delivery };
        }
        if (clearsAll) workspace.closeModal(modal, "closed_by_user");
        else workspace.popView(modal, "closed_by_user");
        return outcome;
      },
      async waitForView(check, waitOptions = {}) {
        return slack.waitFor(
          () => {
            const modal = modalById(modalId);
            const record = modal.stack.at(-1);
            return modal.status === "open" && record && check(record.view, record) ? record.view : undefined;
          },
          { ...waitOptions, what: `a change to modal ${modalId}` },
        );
      },
    };
  };

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
    return handleFor(modal.id);
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
      const form = slashCommandForm(actor, { command, text, channel, triggerId, responseUrl });
      const delivery = await deliver(
        endpoint,
        workspace,
        { kind: "slash_command", userId: actor.user.id },
        form,
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
          return handleFor(modal.id);
        },
      };
    },
    modal(userId) {
      const user = userOf(userId);
      const modal = workspace.openModal(user.id);
      if (!modal) throw new SlackDriverError(`${user.id} has no modal open`);
      return handleFor(modal.id);
    },
    waitForModal,
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
        endpoint,
        workspace,
        { kind: "block_actions", userId: actor.user.id },
        payloadForm(payload),
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
