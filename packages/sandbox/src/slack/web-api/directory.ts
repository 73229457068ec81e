/**
 * auth.test, users.info, users.conversations, conversations.info, conversations.join, and a
 * conversation's messages: conversations.history and conversations.replies.
 */
import { SlackApiError } from "../errors.js";
import type { SlackChannel, SlackMessage, SlackUser } from "../types.js";
import type { SlackWorkspace } from "../workspace.js";
import { booleanArg, type MethodHandler, stringArg } from "./args.js";
import { apiMessage } from "./chat.js";

const authTest: MethodHandler = (_args, { workspace }) => {
  const { team, bot } = workspace;
  return {
    url: `https://${team.domain}.slack.com/`,
    team: team.name,
    user: bot.name,
    team_id: team.id,
    user_id: bot.userId,
    bot_id: bot.botId,
    is_enterprise_install: false,
  };
};

/** The zone's UTC offset (seconds) and long name at `at`, as Slack reports `tz_offset` and `tz_label`. */
function zoneAt(tz: string, at: number): { offset: number; label: string } {
  const part = (timeZoneName: "longOffset" | "long") =>
    new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName })
      .formatToParts(at)
      .find((item) => item.type === "timeZoneName")?.value ?? "";
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part("longOffset"));
  const offset = match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60) : 0;
  return { offset, label: part("long") };
}

function apiUser(workspace: SlackWorkspace, user: SlackUser): Record<string, unknown> {
  const zone = zoneAt(user.tz, workspace.clock());
  return {
    id: user.id,
    team_id: workspace.team.id,
    name: user.name,
    deleted: false,
    real_name: user.realName,
    tz: user.tz,
    tz_label: zone.label,
    tz_offset: zone.offset,
    profile: {
      real_name: user.realName,
      real_name_normalized: user.realName,
      display_name: user.name,
      display_name_normalized: user.name,
      email: user.email,
      title: user.title ?? "",
      team: workspace.team.id,
    },
    is_admin: false,
    is_owner: false,
    is_bot: user.isBot === true,
    is_app_user: false,
  };
}

const usersInfo: MethodHandler = (args, { workspace }) => {
  const user = workspace.user(stringArg(args, "user") ?? "");
  if (!user) throw new SlackApiError("user_not_found");
  return { user: apiUser(workspace, user) };
};

export function apiChannel(
  workspace: SlackWorkspace,
  channel: SlackChannel,
  includeMemberCount = false,
): Record<string, unknown> {
  if (channel.kind === "im") {
    return {
      id: channel.id,
      created: channel.created,
      is_im: true,
      is_org_shared: false,
      context_team_id: workspace.team.id,
      user: channel.imUserId,
      is_user_deleted: false,
      priority: 0,
    };
  }
  return {
    id: channel.id,
    name: channel.name,
    is_channel: channel.kind === "public",
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: channel.kind === "private",
    created: channel.created,
    is_archived: channel.archived,
    is_general: channel.name === "general",
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    context_team_id: workspace.team.id,
    is_member: workspace.isMember(channel, workspace.bot.userId),
    topic: { value: channel.topic, creator: "", last_set: 0 },
    purpose: { value: channel.purpose, creator: "", last_set: 0 },
    previous_names: [],
    ...(includeMemberCount ? { num_members: channel.members.length } : {}),
  };
}

/** A conversation the bot can see: public ones, and private ones and DMs it is in. */
function visibleChannel(workspace: SlackWorkspace, reference: string | undefined): SlackChannel {
  const channel = reference ? workspace.channel(reference) : undefined;
  if (!channel || reference?.startsWith("#")) throw new SlackApiError("channel_not_found");
  if (channel.kind !== "public" && !workspace.isMember(channel, workspace.bot.userId)) {
    throw new SlackApiError("channel_not_found");
  }
  return channel;
}

const conversationsInfo: MethodHandler = (args, { workspace }) => {
  const channel = visibleChannel(workspace, stringArg(args, "channel"));
  return { channel: apiChannel(workspace, channel, booleanArg(args, "include_num_members") === true) };
};

const conversationsJoin: MethodHandler = (args, { workspace }) => {
  const channel = visibleChannel(workspace, stringArg(args, "channel"));
  if (channel.kind === "im") throw new SlackApiError("method_not_supported_for_channel_type");
  if (channel.archived) throw new SlackApiError("is_archived");
  if (workspace.isMember(channel, workspace.bot.userId)) {
    return {
      channel: apiChannel(workspace, channel),
      warning: "already_in_channel",
      response_metadata: { warnings: ["already_in_channel"] },
    };
  }
  workspace.setMembership(channel, workspace.bot.userId, true);
  return { channel: apiChannel(workspace, channel) };
};

/**
 * A thread: its parent, then its replies, oldest first (one page: threads here are short). Only
 * where the bot is a member, as Slack answers `not_in_channel` otherwise.
 */
const conversationsReplies: MethodHandler = (args, { workspace }) => {
  const channel = visibleChannel(workspace, stringArg(args, "channel"));
  if (!workspace.isMember(channel, workspace.bot.userId)) throw new SlackApiError("not_in_channel");
  const ts = stringArg(args, "ts");
  const parent = ts === undefined ? undefined : workspace.message(channel.id, ts);
  if (!parent) throw new SlackApiError("thread_not_found");
  const asApi = (message: typeof parent) => ({
    type: "message",
    ts: message.ts,
    user: message.user,
    ...(message.botId ? { bot_id: message.botId } : {}),
    text: message.text,
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
  });
  return {
    messages: [asApi(parent), ...parent.replies.map(asApi)],
    has_more: false,
    response_metadata: { next_cursor: "" },
  };
};

/** A `ts` bound of `conversations.history` (`oldest`, `latest`) as a number; Slack's error when it is none. */
function tsBound(args: Record<string, unknown>, name: "oldest" | "latest"): number | undefined {
  const value = stringArg(args, name);
  if (value === undefined || value === "") return undefined;
  const bound = Number(value);
  if (!Number.isFinite(bound)) throw new SlackApiError(`invalid_ts_${name}`);
  return bound;
}

/** Slack's default page of `conversations.history`, and the most it gives at once. */
const HISTORY_LIMIT = { default: 100, max: 999 } as const;

/** The cursor of the page after `ts` (opaque to callers, as Slack's are). */
const historyCursor = (ts: string) => Buffer.from(`next_ts:${ts}`).toString("base64");

/**
 * A conversation's messages, newest first: the top-level ones and replies also sent to the channel
 * (`reply_broadcast`), between `oldest` and `latest` (exclusive unless `inclusive`), `limit` a page
 * with a `next_cursor` while more are left. Message metadata only with `include_all_metadata`.
 * Only where the bot is a member, as Slack answers `not_in_channel` otherwise.
 */
const conversationsHistory: MethodHandler = (args, { workspace }) => {
  const channel = visibleChannel(workspace, stringArg(args, "channel"));
  if (!workspace.isMember(channel, workspace.bot.userId)) throw new SlackApiError("not_in_channel");
  const oldest = tsBound(args, "oldest") ?? 0;
  const latest = tsBound(args, "latest") ?? Number.POSITIVE_INFINITY;
  const inclusive = booleanArg(args, "inclusive") === true;
  const asked = Number(stringArg(args, "limit") ?? HISTORY_LIMIT.default);
  const limit =
    Number.isFinite(asked) && asked >= 1
      ? Math.min(Math.floor(asked), HISTORY_LIMIT.max)
      : HISTORY_LIMIT.default;
  const cursor = stringArg(args, "cursor");
  let before = Number.POSITIVE_INFINITY;
  if (cursor) {
    const decoded = /^next_ts:(\d+\.\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
    if (!decoded?.[1]) throw new SlackApiError("invalid_cursor");
    before = Number(decoded[1]);
  }
  const within = (message: SlackMessage) => {
    const ts = Number(message.ts);
    const afterOldest = inclusive ? ts >= oldest : ts > oldest;
    const beforeLatest = inclusive ? ts <= latest : ts < latest;
    return afterOldest && beforeLatest && ts < before;
  };
  const shown = channel.messages
    .flatMap((message) => [message, ...message.replies.filter((reply) => reply.replyBroadcast)])
    .filter(within)
    .sort((a, b) => Number(b.ts) - Number(a.ts));
  const page = shown.slice(0, limit);
  const hasMore = shown.length > limit;
  const withMetadata = booleanArg(args, "include_all_metadata") === true;
  const asApi = (message: SlackMessage) => {
    const { metadata, ...rest } = apiMessage(workspace, message);
    return withMetadata && metadata !== undefined ? { ...rest, metadata } : rest;
  };
  return {
    messages: page.map(asApi),
    has_more: hasMore,
    pin_count: 0,
    channel_actions_ts: null,
    channel_actions_count: 0,
    ...(hasMore ? { response_metadata: { next_cursor: historyCursor(page.at(-1)?.ts ?? "") } } : {}),
  };
};

const CONVERSATION_TYPES = { public_channel: "public", private_channel: "private", im: "im" } as const;

/**
 * The conversations `user` is a member of that the bot can see (public ones, and private ones and
 * DMs it is in), of the `types` asked for (default `public_channel`). One page: the workspace is small.
 */
const usersConversations: MethodHandler = (args, { workspace }) => {
  const userId = stringArg(args, "user") ?? workspace.bot.userId;
  if (!workspace.user(userId)) throw new SlackApiError("user_not_found");
  const asked = (stringArg(args, "types") ?? "public_channel").split(",").map((type) => type.trim());
  const kinds = new Set<string>();
  for (const type of asked) {
    if (!Object.hasOwn(CONVERSATION_TYPES, type)) {
      if (type === "mpim") continue;
      throw new SlackApiError("invalid_types");
    }
    kinds.add(CONVERSATION_TYPES[type as keyof typeof CONVERSATION_TYPES]);
  }
  const excludeArchived = booleanArg(args, "exclude_archived") === true;
  const channels = workspace.state.channels.filter(
    (channel) =>
      kinds.has(channel.kind) &&
      workspace.isMember(channel, userId) &&
      (channel.kind === "public" || workspace.isMember(channel, workspace.bot.userId)) &&
      !(excludeArchived && channel.archived),
  );
  return {
    channels: channels.map((channel) => apiChannel(workspace, channel)),
    response_metadata: { next_cursor: "" },
  };
};

export const directoryMethods = {
  "users.conversations": usersConversations,
  "auth.test": authTest,
  "users.info": usersInfo,
  "conversations.info": conversationsInfo,
  "conversations.join": conversationsJoin,
  "conversations.replies": conversationsReplies,
  "conversations.history": conversationsHistory,
} satisfies Record<string, MethodHandler>;
