import { formatProblem } from "../block-kit/checker.js";
import { normalizeBlocks } from "../block-kit/normalize.js";
import { validateMessageBlocks } from "../block-kit/validate.js";
import { SlackApiError } from "../errors.js";
import type { BlockJson, SlackChannel, SlackMessage } from "../types.js";
import type { SlackWorkspace } from "../workspace.js";
import { type ApiArgs, booleanArg, jsonArg, type MethodHandler, stringArg } from "./args.js";

/** Slack truncates longer `text` and warns `message_truncated`. */
export const MESSAGE_TEXT_LIMIT = 40_000;

/**
 * The conversation a method addresses: an id, or (where Slack allows it) `#name`/name, or a
 * user id for the bot's DM with that person. Anything else is `channel_not_found`.
 */
export function resolveChannel(
  workspace: SlackWorkspace,
  reference: string | undefined,
  { names, userIds }: { names: boolean; userIds: boolean },
): SlackChannel {
  if (!reference) throw new SlackApiError("channel_not_found");
  const channel =
    workspace.channel(reference) ??
    (names ? workspace.channelByName(reference) : undefined) ??
    (userIds && reference !== workspace.bot.userId && workspace.user(reference)
      ? workspace.botDmWith(reference)
      : undefined);
  if (!channel) throw new SlackApiError("channel_not_found");
  if (names || !reference.startsWith("#")) return channel;
  throw new SlackApiError("channel_not_found");
}

/**
 * What the bot (with `chat:write`, without `chat:write.public`) may post to: private channels and
 * DMs it is not in are invisible (`channel_not_found`), public ones answer `not_in_channel`.
 */
export function requireBotCanPost(workspace: SlackWorkspace, channel: SlackChannel): void {
  const member = workspace.isMember(channel, workspace.bot.userId);
  if (!member && channel.kind !== "public") throw new SlackApiError("channel_not_found");
  if (channel.archived) throw new SlackApiError("is_archived");
  if (!member) throw new SlackApiError("not_in_channel");
}

export interface MessageContent {
  text?: string;
  blocks?: BlockJson[];
  hasAttachments: boolean;
  warnings: string[];
}

/** `text` and `blocks` checked as Slack does (`invalid_blocks`, truncation past 40 000 characters). */
export function messageContent(workspace: SlackWorkspace, args: ApiArgs): MessageContent {
  const warnings: string[] = [];
  const rawBlocks = jsonArg(args, "blocks", "invalid_blocks_format");
  let blocks: BlockJson[] | undefined;
  if (rawBlocks !== undefined) {
    const problems = validateMessageBlocks(rawBlocks);
    if (problems.length > 0) throw new SlackApiError("invalid_blocks", problems.map(formatProblem));
    blocks = normalizeBlocks(rawBlocks as unknown[], workspace.ids);
  }
  let text = stringArg(args, "text");
  if (text !== undefined && [...text].length > MESSAGE_TEXT_LIMIT) {
    text = [...text].slice(0, MESSAGE_TEXT_LIMIT).join("");
    warnings.push("message_truncated");
  }
  const attachments = jsonArg(args, "attachments", "invalid_attachments");
  const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
  return { ...(text !== undefined ? { text } : {}), ...(blocks ? { blocks } : {}), hasAttachments, warnings };
}

function warningFields(warnings: string[]): Record<string, unknown> {
  return warnings.length > 0 ? { warning: warnings.join(","), response_metadata: { warnings } } : {};
}

/** A message as the Web API returns it. */
export function apiMessage(workspace: SlackWorkspace, message: SlackMessage): Record<string, unknown> {
  const { bot, team } = workspace;
  return {
    type: "message",
    user: message.user,
    ...(message.botId
      ? {
          bot_id: message.botId,
          app_id: bot.appId,
          bot_profile: { id: bot.botId, app_id: bot.appId, name: bot.name, deleted: false, team_id: team.id },
        }
      : {}),
    text: message.text,
    ts: message.ts,
    team: team.id,
    blocks: message.blocks,
    ...(message.threadTs ? { thread_ts: message.threadTs, parent_user_id: message.user } : {}),
    ...(message.replies.length > 0
      ? {
          thread_ts: message.ts,
          reply_count: message.replies.length,
          latest_reply: message.replies.at(-1)?.ts,
        }
      : {}),
    ...(message.edited ? { edited: message.edited } : {}),
    ...(message.metadata !== undefined ? { metadata: message.metadata } : {}),
  };
}

const postMessage: MethodHandler = (args, { workspace }) => {
  const channel = resolveChannel(workspace, stringArg(args, "channel"), { names: true, userIds: true });
  requireBotCanPost(workspace, channel);
  const content = messageContent(workspace, args);
  if (!content.text && !content.blocks?.length && !content.hasAttachments) throw new SlackApiError("no_text");
  const threadTs = stringArg(args, "thread_ts");
  if (threadTs && !workspace.threadExists(channel, threadTs)) throw new SlackApiError("thread_not_found");
  const message = workspace.postMessage(channel, {
    user: workspace.bot.userId,
    botId: workspace.bot.botId,
    text: content.text ?? "",
    blocks: content.blocks ?? [],
    ...(threadTs ? { threadTs } : {}),
    replyBroadcast: booleanArg(args, "reply_broadcast") === true,
    unfurlLinks: booleanArg(args, "unfurl_links"),
    unfurlMedia: booleanArg(args, "unfurl_media"),
    mrkdwn: booleanArg(args, "mrkdwn"),
    metadata: jsonArg(args, "metadata", "invalid_metadata_format"),
    source: "web_api",
  });
  return {
    channel: channel.id,
    ts: message.ts,
    message: apiMessage(workspace, message),
    ...warningFields(content.warnings),
  };
};

const update: MethodHandler = (args, { workspace }) => {
  // chat.update takes a conversation id; for DMs the D… id, not a user id.
  const channel = resolveChannel(workspace, stringArg(args, "channel"), { names: false, userIds: false });
  requireBotCanPost(workspace, channel);
  const ts = stringArg(args, "ts");
  const message = ts ? workspace.message(channel.id, ts) : undefined;
  if (!message) throw new SlackApiError("message_not_found");
  if (message.user !== workspace.bot.userId) throw new SlackApiError("cant_update_message");
  const content = messageContent(workspace, args);
  if (content.text === undefined && content.blocks === undefined && !content.hasAttachments) {
    throw new SlackApiError("no_text");
  }
  // Left-out blocks are kept (pass [] to remove them); left-out text is kept too.
  const updated = workspace.updateMessage(channel, message, {
    text: content.text ?? message.text,
    blocks: content.blocks ?? message.blocks,
    editedBy: workspace.bot.userId,
  });
  return {
    channel: channel.id,
    ts: updated.ts,
    text: updated.text,
    message: apiMessage(workspace, updated),
    ...warningFields(content.warnings),
  };
};

const postEphemeral: MethodHandler = (args, { workspace }) => {
  const channel = resolveChannel(workspace, stringArg(args, "channel"), { names: true, userIds: false });
  requireBotCanPost(workspace, channel);
  const userId = stringArg(args, "user");
  if (!userId || !workspace.user(userId)) throw new SlackApiError("user_not_found");
  if (!workspace.isMember(channel, userId)) throw new SlackApiError("user_not_in_channel");
  const content = messageContent(workspace, args);
  if (!content.text && !content.blocks?.length && !content.hasAttachments) throw new SlackApiError("no_text");
  const threadTs = stringArg(args, "thread_ts");
  const ephemeral = workspace.postEphemeral({
    channel: channel.id,
    userId,
    text: content.text ?? "",
    blocks: content.blocks ?? [],
    ...(threadTs ? { threadTs } : {}),
    source: "chat.postEphemeral",
  });
  return { message_ts: ephemeral.ts, ...warningFields(content.warnings) };
};

/**
 * A link to a message or thread reply, in Slack's shape `https://<domain>.slack.com/archives/<channel>/p<ts
 * without the dot>` (a reply adds `?thread_ts=…&cid=…`). Any message the bot can see, in channels it is in
 * or public ones.
 */
const getPermalink: MethodHandler = (args, { workspace }) => {
  const channel = resolveChannel(workspace, stringArg(args, "channel"), { names: false, userIds: false });
  if (channel.kind !== "public" && !workspace.isMember(channel, workspace.bot.userId)) {
    throw new SlackApiError("channel_not_found");
  }
  const ts = stringArg(args, "message_ts");
  const message = ts ? workspace.message(channel.id, ts) : undefined;
  if (!message) throw new SlackApiError("message_not_found");
  const base = `https://${workspace.team.domain}.slack.com/archives/${channel.id}/p${message.ts.replace(".", "")}`;
  return {
    channel: channel.id,
    permalink: message.threadTs ? `${base}?thread_ts=${message.threadTs}&cid=${channel.id}` : base,
  };
};

export const chatMethods = {
  "chat.getPermalink": getPermalink,
  "chat.postMessage": postMessage,
  "chat.update": update,
  "chat.postEphemeral": postEphemeral,
} satisfies Record<string, MethodHandler>;
