import type { SlackBotIdentity, SlackChannel, SlackTeam, SlackUser } from "./types.js";

export const DEFAULT_BOT_TOKEN = "xoxb-sandbox";
/** The app-level token for Socket Mode (`apps.connections.open`). */
export const DEFAULT_APP_TOKEN = "xapp-sandbox";

export const DEFAULT_TEAM: SlackTeam = {
  id: "T0SANDBOX",
  name: "Fakturabot Sandbox",
  domain: "fakturabot-sandbox",
};

export const DEFAULT_BOT: SlackBotIdentity = {
  userId: "U0FAKTBOT",
  botId: "B0FAKTBOT",
  appId: "A0FAKTBOT",
  name: "fakturabot",
};

/** Sales, finance and operations staff in Oslo; Emil (last) is not in #sales or #finance. */
export const DEFAULT_USERS: SlackUser[] = [
  {
    id: "U0KARINOR",
    name: "kari",
    realName: "Kari Nordmann",
    tz: "Europe/Oslo",
    email: "kari@fakturabot.invalid",
    title: "Key account manager",
  },
  {
    id: "U0OLAHANS",
    name: "ola",
    realName: "Ola Hansen",
    tz: "Europe/Oslo",
    email: "ola@fakturabot.invalid",
    title: "Sales",
  },
  {
    id: "U0INGBERG",
    name: "ingrid",
    realName: "Ingrid Berg",
    tz: "Europe/Oslo",
    email: "ingrid@fakturabot.invalid",
    title: "Finance",
  },
  {
    id: "U0EMILVIK",
    name: "emil",
    realName: "Emil Vik",
    tz: "Europe/Oslo",
    email: "emil@fakturabot.invalid",
    title: "Operations",
  },
];

/** Channel ids the default workspace uses, for tests that name them. */
export const DEFAULT_CHANNELS = {
  /** Public, the bot is a member. */
  sales: "C0SALES01",
  /** Public, the bot is not a member: `not_in_channel` until `conversations.join`. */
  general: "C0GENERAL",
  /** Private, the bot is not a member: `channel_not_found`. */
  finance: "C0FINANCE",
  /** The bot's DM with Kari. */
  kariDm: "D0KARIBOT",
} as const;

const CREATED = 1_735_689_600; // 2025-01-01T00:00:00Z

/**
 * #sales (public, bot member), #general (public, bot not member), #finance (private, bot not
 * member) and the bot's DM with the first user. The last user is left out of #sales and #finance
 * so `user_not_in_channel` can be tried.
 */
export function defaultChannels(bot: SlackBotIdentity, users: readonly SlackUser[]): SlackChannel[] {
  const everyone = users.map((user) => user.id);
  const allButLast = everyone.length > 1 ? everyone.slice(0, -1) : everyone;
  const first = users[0];
  const channel = (
    fields: Omit<SlackChannel, "archived" | "created" | "messages" | "topic" | "purpose">,
  ) => ({
    archived: false,
    created: CREATED,
    messages: [],
    topic: "",
    purpose: "",
    ...fields,
  });
  return [
    channel({
      id: DEFAULT_CHANNELS.sales,
      name: "sales",
      kind: "public",
      members: [...allButLast, bot.userId],
    }),
    channel({ id: DEFAULT_CHANNELS.general, name: "general", kind: "public", members: everyone }),
    channel({ id: DEFAULT_CHANNELS.finance, name: "finance", kind: "private", members: allButLast }),
    ...(first
      ? [
          channel({
            id: DEFAULT_CHANNELS.kariDm,
            name: first.name,
            kind: "im",
            members: [first.id, bot.userId],
            imUserId: first.id,
          }),
        ]
      : []),
  ];
}
