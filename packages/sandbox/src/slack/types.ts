/**
 * The Slack stand-in's workspace state. Everything here is plain JSON so the state can be served
 * as-is (and rendered by the local workspace page); objects the bot sees over the wire (views,
 * state values, options) keep Slack's own snake_case shapes, sandbox bookkeeping is camelCase.
 */

/** A Block Kit block or element as the app sent it (after Slack's normalisation). */
export type BlockJson = Record<string, unknown>;

export interface PlainTextObject {
  type: "plain_text";
  text: string;
  emoji?: boolean;
}

/** An option as Slack sends it back in `selected_option(s)`. */
export interface OptionObject {
  text: { type: "plain_text" | "mrkdwn"; text: string; emoji?: boolean; verbatim?: boolean };
  value: string;
  description?: { type: "plain_text" | "mrkdwn"; text: string; emoji?: boolean };
  url?: string;
}

/** One entry of `view.state.values[blockId][actionId]`, exactly as Slack sends it. */
export interface ViewStateValue {
  type: string;
  value?: string | null;
  selected_option?: OptionObject | null;
  selected_options?: OptionObject[];
  selected_date?: string | null;
  selected_time?: string | null;
  selected_date_time?: number | null;
  selected_user?: string | null;
  selected_users?: string[];
  selected_conversation?: string | null;
  selected_conversations?: string[];
  selected_channel?: string | null;
  selected_channels?: string[];
  rich_text_value?: BlockJson | null;
  files?: BlockJson[];
}

export type ViewStateValues = Record<string, Record<string, ViewStateValue>>;

/** A view object as Slack returns it from `views.*` and sends it in interaction payloads. */
export interface SlackViewObject {
  id: string;
  team_id: string;
  type: "modal" | "home";
  title?: PlainTextObject;
  close: PlainTextObject | null;
  submit: PlainTextObject | null;
  blocks: BlockJson[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: ViewStateValues };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  submit_disabled?: boolean;
  root_view_id: string | null;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

/** A view the stand-in holds: Slack's object plus what the person on the other side sees. */
export interface SlackViewRecord {
  /** The view with `state.values` kept current (what the next payload carries). */
  view: SlackViewObject;
  /** The person the view is shown to. */
  userId: string;
  /** Messages shown under input blocks after `response_action: "errors"`, by block id. */
  errors: Record<string, string>;
  /** What the person entered, by block and action id; survives updates that keep both ids. */
  entered: ViewStateValues;
  /**
   * The options the app last answered a `block_suggestion` with, by block and action id: what an
   * `external_select` offers to pick from. Gone when the view is updated, as in Slack's client.
   */
  suggested?: Record<string, Record<string, OptionObject[]>>;
}

export type ModalCloseReason = "submitted" | "cleared" | "closed_by_user" | "replaced";

/** A modal: a stack of at most three views, bottom first. */
export interface SlackModal {
  /** The root view's id. */
  id: string;
  userId: string;
  /** The `trigger_id` that opened it. */
  triggerId: string;
  stack: SlackViewRecord[];
  status: "open" | "closed";
  closeReason?: ModalCloseReason;
}

export interface SlackTeam {
  id: string;
  name: string;
  domain: string;
}

export interface SlackUser {
  id: string;
  /** The handle, e.g. `kari`. */
  name: string;
  realName: string;
  /** IANA zone, e.g. `Europe/Oslo`. */
  tz: string;
  email: string;
  title?: string;
  isBot?: boolean;
}

/** The app's identity in the workspace. */
export interface SlackBotIdentity {
  userId: string;
  botId: string;
  appId: string;
  name: string;
}

export type SlackChannelKind = "public" | "private" | "im";

export interface SlackChannel {
  id: string;
  /** Without `#`; for a DM, the other person's handle. */
  name: string;
  kind: SlackChannelKind;
  /** User ids, the bot's user id included when the bot is a member. */
  members: string[];
  archived: boolean;
  /** Unix seconds. */
  created: number;
  /** For a DM: the person the bot talks to. */
  imUserId?: string;
  topic: string;
  purpose: string;
  /** Top-level messages, oldest first; thread replies hang under their parent. */
  messages: SlackMessage[];
}

/** How a message got there; `client` is a person typing in the local workspace page. */
export type SlackMessageSource = "web_api" | "response_url" | "command_ack" | "client";

export interface SlackMessageRevision {
  text: string;
  blocks: BlockJson[];
  /** When this revision was replaced, as a Slack ts. */
  replacedAt: string;
}

export interface SlackMessage {
  ts: string;
  channel: string;
  /** Author's user id (the bot's user id for the app's messages). */
  user: string;
  /** Set when the app posted it. */
  botId?: string;
  text: string;
  blocks: BlockJson[];
  /** The parent's ts, for thread replies. */
  threadTs?: string;
  /** Thread replies, oldest first (top-level messages only). */
  replies: SlackMessage[];
  replyBroadcast?: boolean;
  edited?: { user: string; ts: string };
  /** Earlier versions, oldest first, kept for assertions. */
  revisions: SlackMessageRevision[];
  unfurlLinks?: boolean;
  unfurlMedia?: boolean;
  mrkdwn?: boolean;
  metadata?: unknown;
  source: SlackMessageSource;
}

/** A message only one person sees (chat.postEphemeral, ephemeral respond, command ack). */
export interface SlackEphemeralMessage {
  ts: string;
  channel: string;
  /** Who sees it. */
  userId: string;
  text: string;
  blocks: BlockJson[];
  threadTs?: string;
  source: SlackMessageSource | "chat.postEphemeral";
}

/** One Web API request as the stand-in saw it (the token is never recorded). */
export interface SlackApiCall {
  method: string;
  /** Arguments after decoding (JSON-encoded fields parsed), without `token`. */
  args: Record<string, unknown>;
  /** HTTP status the stand-in answered with. */
  status: number;
  ok: boolean;
  error?: string;
  /** Clock time, ms. */
  at: number;
}

/** A request the stand-in (through the driver) sent to the bot, and what came back. */
export interface SlackInteractionRecord {
  kind: "slash_command" | "block_actions" | "block_suggestion" | "view_submission" | "view_closed" | "event";
  userId: string;
  /** HTTP status, or `"timeout"` when the bot did not answer within Slack's 3 s. */
  status: number | "timeout";
  body: string;
  at: number;
}

export interface SlackWorkspaceState {
  team: SlackTeam;
  bot: SlackBotIdentity;
  users: SlackUser[];
  channels: SlackChannel[];
  ephemerals: SlackEphemeralMessage[];
  modals: SlackModal[];
  /** Published App Home views, one per user. */
  homes: SlackViewRecord[];
  calls: SlackApiCall[];
  interactions: SlackInteractionRecord[];
}

/** What happened in the workspace, in order; tests and the workspace page wait on these. */
export type SlackSandboxEvent =
  | { type: "api_call"; call: SlackApiCall }
  | { type: "message_posted"; channel: string; message: SlackMessage }
  | { type: "message_updated"; channel: string; message: SlackMessage }
  | { type: "ephemeral_posted"; ephemeral: SlackEphemeralMessage }
  /** An ephemeral message replaced through the `response_url` of an action on it. */
  | { type: "ephemeral_updated"; ephemeral: SlackEphemeralMessage }
  | { type: "modal_opened"; modal: SlackModal }
  | { type: "view_updated"; modal: SlackModal; view: SlackViewRecord }
  | { type: "view_pushed"; modal: SlackModal; view: SlackViewRecord }
  | { type: "view_popped"; modal: SlackModal; view: SlackViewRecord }
  | { type: "view_errors"; modal: SlackModal; view: SlackViewRecord }
  | { type: "view_input"; modal: SlackModal; view: SlackViewRecord }
  | { type: "modal_closed"; modal: SlackModal }
  | { type: "home_published"; view: SlackViewRecord }
  | { type: "channel_changed"; channel: SlackChannel }
  | { type: "interaction"; interaction: SlackInteractionRecord };
