import { unixSeconds } from "@fakturabot/schema";
import { RecordLog, type WaitOptions } from "../http.js";
import type { SlackIds } from "./ids.js";
import type {
  BlockJson,
  ModalCloseReason,
  SlackApiCall,
  SlackBotIdentity,
  SlackChannel,
  SlackEphemeralMessage,
  SlackInteractionRecord,
  SlackMessage,
  SlackMessageSource,
  SlackModal,
  SlackSandboxEvent,
  SlackTeam,
  SlackUser,
  SlackViewRecord,
  SlackWorkspaceState,
} from "./types.js";

export interface NewMessage {
  user: string;
  botId?: string;
  text: string;
  blocks: BlockJson[];
  threadTs?: string;
  replyBroadcast?: boolean;
  unfurlLinks?: boolean;
  unfurlMedia?: boolean;
  mrkdwn?: boolean;
  metadata?: unknown;
  source: SlackMessageSource;
}

/**
 * The workspace the stand-in keeps: channels with messages and threads, modals, App Home views,
 * ephemeral messages, and every Web API call and interaction. `state` is plain JSON; every change
 * is also appended to `events`, which tests and the workspace page wait on.
 */
export class SlackWorkspace {
  readonly state: SlackWorkspaceState;
  /** Every change, in order (copies taken at the time, so the log is a history). */
  readonly events = new RecordLog<SlackSandboxEvent>();
  readonly ids: SlackIds;
  readonly clock: () => number;

  constructor(
    init: { team: SlackTeam; bot: SlackBotIdentity; users: SlackUser[]; channels: SlackChannel[] },
    ids: SlackIds,
    clock: () => number,
  ) {
    this.state = {
      team: structuredClone(init.team),
      bot: structuredClone(init.bot),
      users: structuredClone(init.users),
      channels: structuredClone(init.channels),
      ephemerals: [],
      modals: [],
      homes: [],
      calls: [],
      interactions: [],
    };
    this.ids = ids;
    this.clock = clock;
  }

  get team(): SlackTeam {
    return this.state.team;
  }

  get bot(): SlackBotIdentity {
    return this.state.bot;
  }

  toJSON(): SlackWorkspaceState {
    return this.state;
  }

  /**
   * Resolves with the first truthy value `check` returns, now or after a later change; rejects
   * after `timeoutMs` (default 5000) so a test waiting for something that never happens fails.
   */
  async waitFor<T>(
    check: () => T | undefined | null | false,
    options: Omit<WaitOptions, "count"> = {},
  ): Promise<T> {
    const now = check();
    if (now) return now;
    let found: T | undefined;
    // Only the newest entry re-evaluates `check`, so each change costs one evaluation.
    await this.events.waitFor((entry) => {
      if (entry !== this.events.entries.at(-1)) return false;
      const value = check();
      if (value) found = value;
      return Boolean(value);
    }, options);
    return found as T;
  }

  emit(event: SlackSandboxEvent): void {
    this.events.push(structuredClone(event));
  }

  // Queries

  user(id: string): SlackUser | undefined {
    if (id === this.bot.userId) {
      return { id, name: this.bot.name, realName: this.bot.name, tz: "Europe/Oslo", email: "", isBot: true };
    }
    return this.state.users.find((user) => user.id === id);
  }

  /** By id, `#name` or bare name. */
  channel(reference: string): SlackChannel | undefined {
    const name = reference.startsWith("#") ? reference.slice(1) : undefined;
    return this.state.channels.find((channel) =>
      name !== undefined ? channel.name === name && channel.kind !== "im" : channel.id === reference,
    );
  }

  channelByName(name: string): SlackChannel | undefined {
    return this.state.channels.find((channel) => channel.name === name && channel.kind !== "im");
  }

  /** The bot's DM with `userId`, opened on first use as Slack does. */
  botDmWith(userId: string): SlackChannel {
    const existing = this.state.channels.find(
      (channel) => channel.kind === "im" && channel.imUserId === userId,
    );
    if (existing) return existing;
    const user = this.user(userId);
    const channel: SlackChannel = {
      id: this.ids.imId(),
      name: user?.name ?? userId,
      kind: "im",
      members: [userId, this.bot.userId],
      archived: false,
      created: unixSeconds(this.clock()),
      imUserId: userId,
      topic: "",
      purpose: "",
      messages: [],
    };
    this.state.channels.push(channel);
    return channel;
  }

  isMember(channel: SlackChannel, userId: string): boolean {
    return channel.members.includes(userId);
  }

  /** Top-level messages of a channel (by id or `#name`), oldest first. */
  messages(channelReference: string): SlackMessage[] {
    return this.channel(channelReference)?.messages ?? [];
  }

  /** A top-level message or a thread reply. */
  message(channelReference: string, ts: string): SlackMessage | undefined {
    for (const message of this.messages(channelReference)) {
      if (message.ts === ts) return message;
      const reply = message.replies.find((candidate) => candidate.ts === ts);
      if (reply) return reply;
    }
    return undefined;
  }

  /** The replies in the thread under `ts`. */
  thread(channelReference: string, ts: string): SlackMessage[] {
    return this.messages(channelReference).find((message) => message.ts === ts)?.replies ?? [];
  }

  ephemeralsFor(userId: string, channelReference?: string): SlackEphemeralMessage[] {
    const channelId = channelReference === undefined ? undefined : this.channel(channelReference)?.id;
    return this.state.ephemerals.filter(
      (ephemeral) =>
        ephemeral.userId === userId && (channelId === undefined || ephemeral.channel === channelId),
    );
  }

  /** The modal open for `userId`, if any (a person sees one modal at a time). */
  openModal(userId: string): SlackModal | undefined {
    return this.state.modals.find((modal) => modal.userId === userId && modal.status === "open");
  }

  /** The modal holding view `viewId`, and the view. */
  findView(viewId: string): { modal: SlackModal; record: SlackViewRecord } | undefined {
    for (const modal of this.state.modals) {
      const record = modal.stack.find((candidate) => candidate.view.id === viewId);
      if (record) return { modal, record };
    }
    return undefined;
  }

  home(userId: string): SlackViewRecord | undefined {
    return this.state.homes.find((record) => record.userId === userId);
  }

  // Changes

  recordCall(call: SlackApiCall): void {
    this.state.calls.push(call);
    this.emit({ type: "api_call", call });
  }

  recordInteraction(interaction: SlackInteractionRecord): void {
    this.state.interactions.push(interaction);
    this.emit({ type: "interaction", interaction });
  }

  postMessage(channel: SlackChannel, fields: NewMessage): SlackMessage {
    const parent = fields.threadTs === undefined ? undefined : this.#threadParent(channel, fields.threadTs);
    const message: SlackMessage = {
      ts: this.ids.messageTs(),
      channel: channel.id,
      user: fields.user,
      ...(fields.botId ? { botId: fields.botId } : {}),
      text: fields.text,
      blocks: fields.blocks,
      ...(parent ? { threadTs: parent.ts } : {}),
      replies: [],
      revisions: [],
      ...(fields.replyBroadcast ? { replyBroadcast: true } : {}),
      ...(fields.unfurlLinks !== undefined ? { unfurlLinks: fields.unfurlLinks } : {}),
      ...(fields.unfurlMedia !== undefined ? { unfurlMedia: fields.unfurlMedia } : {}),
      ...(fields.mrkdwn !== undefined ? { mrkdwn: fields.mrkdwn } : {}),
      ...(fields.metadata !== undefined ? { metadata: fields.metadata } : {}),
      source: fields.source,
    };
    if (parent) parent.replies.push(message);
    else channel.messages.push(message);
    this.emit({ type: "message_posted", channel: channel.id, message });
    return message;
  }

  /** A reply's ts stands for its thread, as Slack allows; an unknown ts returns undefined. */
  #threadParent(channel: SlackChannel, ts: string): SlackMessage | undefined {
    return channel.messages.find(
      (message) => message.ts === ts || message.replies.some((reply) => reply.ts === ts),
    );
  }

  threadExists(channel: SlackChannel, ts: string): boolean {
    return this.#threadParent(channel, ts) !== undefined;
  }

  updateMessage(
    channel: SlackChannel,
    message: SlackMessage,
    change: { text: string; blocks: BlockJson[]; editedBy: string },
  ): SlackMessage {
    const editTs = this.ids.messageTs();
    message.revisions.push({ text: message.text, blocks: message.blocks, replacedAt: editTs });
    message.text = change.text;
    message.blocks = change.blocks;
    message.edited = { user: change.editedBy, ts: editTs };
    this.emit({ type: "message_updated", channel: channel.id, message });
    return message;
  }

  deleteMessage(channel: SlackChannel, ts: string): boolean {
    const before = channel.messages.length;
    channel.messages = channel.messages.filter((message) => message.ts !== ts);
    for (const message of channel.messages)
      message.replies = message.replies.filter((reply) => reply.ts !== ts);
    const deleted = channel.messages.length !== before;
    if (deleted) this.emit({ type: "channel_changed", channel });
    return deleted;
  }

  postEphemeral(fields: Omit<SlackEphemeralMessage, "ts">): SlackEphemeralMessage {
    const ephemeral: SlackEphemeralMessage = { ts: this.ids.messageTs(), ...fields };
    this.state.ephemerals.push(ephemeral);
    this.emit({ type: "ephemeral_posted", ephemeral });
    return ephemeral;
  }

  /** Replaces an ephemeral message in place, as `replace_original` on its `response_url` does. */
  replaceEphemeral(
    ts: string,
    change: { text: string; blocks: BlockJson[] },
  ): SlackEphemeralMessage | undefined {
    const ephemeral = this.state.ephemerals.find((candidate) => candidate.ts === ts);
    if (!ephemeral) return undefined;
    ephemeral.text = change.text;
    ephemeral.blocks = change.blocks;
    this.emit({ type: "ephemeral_updated", ephemeral });
    return ephemeral;
  }

  setMembership(channel: SlackChannel, userId: string, member: boolean): void {
    const isMember = channel.members.includes(userId);
    if (member === isMember) return;
    channel.members = member ? [...channel.members, userId] : channel.members.filter((id) => id !== userId);
    this.emit({ type: "channel_changed", channel });
  }

  setArchived(channel: SlackChannel, archived: boolean): void {
    channel.archived = archived;
    this.emit({ type: "channel_changed", channel });
  }

  /** Opens a modal; one the person already had open is replaced, as the client shows one at a time. */
  openModalWith(record: SlackViewRecord, triggerId: string): SlackModal {
    const previous = this.openModal(record.userId);
    if (previous) this.closeModal(previous, "replaced");
    const modal: SlackModal = {
      id: record.view.id,
      userId: record.userId,
      triggerId,
      stack: [record],
      status: "open",
    };
    this.state.modals.push(modal);
    this.emit({ type: "modal_opened", modal });
    return modal;
  }

  pushView(modal: SlackModal, record: SlackViewRecord): void {
    modal.stack.push(record);
    this.emit({ type: "view_pushed", modal, view: record });
  }

  replaceView(modal: SlackModal, record: SlackViewRecord): void {
    const index = modal.stack.findIndex((candidate) => candidate.view.id === record.view.id);
    if (index < 0) throw new Error(`view ${record.view.id} is not in modal ${modal.id}`);
    modal.stack[index] = record;
    this.emit({ type: "view_updated", modal, view: record });
  }

  /** Closes the top view; the modal closes with its last view. */
  popView(modal: SlackModal, reason: ModalCloseReason): void {
    if (modal.stack.length <= 1) {
      this.closeModal(modal, reason);
      return;
    }
    const popped = modal.stack.pop() as SlackViewRecord;
    this.emit({ type: "view_popped", modal, view: popped });
  }

  closeModal(modal: SlackModal, reason: ModalCloseReason): void {
    modal.status = "closed";
    modal.closeReason = reason;
    this.emit({ type: "modal_closed", modal });
  }

  viewChanged(modal: SlackModal, record: SlackViewRecord, kind: "view_errors" | "view_input"): void {
    this.emit({ type: kind, modal, view: record });
  }

  publishHome(record: SlackViewRecord): void {
    this.state.homes = [...this.state.homes.filter((home) => home.userId !== record.userId), record];
    this.emit({ type: "home_published", view: record });
  }
}
