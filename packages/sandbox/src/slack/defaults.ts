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
export function defaultChannels(
  bot: SlackBotIdentity,
  users: readonly SlackUser[],
  ids: { [K in keyof typeof DEFAULT_CHANNELS]: string } = DEFAULT_CHANNELS,
): SlackChannel[] {
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
      id: ids.sales,
      name: "sales",
      kind: "public",
      members: [...allButLast, bot.userId],
    }),
    channel({ id: ids.general, name: "general", kind: "public", members: everyone }),
    channel({ id: ids.finance, name: "finance", kind: "private", members: allButLast }),
    ...(first
      ? [
          channel({
            id: ids.kariDm,
            name: first.name,
            kind: "im",
            members: [first.id, bot.userId],
            imUserId: first.id,
          }),
        ]
      : []),
  ];
}

/**
 * A second workspace (another company using the same app), for multi-workspace tests: its own
 * team, bot user, people and channel ids; the app (`appId`) is the same, as in Slack.
 */
export const SECOND_TEAM: SlackTeam = {
  id: "T0NORDLYS",
  name: "Nordlys Regnskap",
  domain: "nordlys-regnskap",
};

export const SECOND_BOT: SlackBotIdentity = {
  userId: "U0FAKTNRD",
  botId: "B0FAKTNRD",
  appId: DEFAULT_BOT.appId,
  name: "fakturabot",
};

/** Sigrid (sales) and Jonas (finance) in Tromsø; Jonas (last) is not in #sales or #finance. */
export const SECOND_USERS: SlackUser[] = [
  {
    id: "U0SIGRIDL",
    name: "sigrid",
    realName: "Sigrid Lie",
    tz: "Europe/Oslo",
    email: "sigrid@nordlys.invalid",
    title: "Sales",
  },
  {
    id: "U0JONASAA",
    name: "jonas",
    realName: "Jonas Aas",
    tz: "Europe/Oslo",
    email: "jonas@nordlys.invalid",
    title: "Finance",
  },
];

/** The second workspace's channels: the same four kinds as the first's, with their own ids. */
export const SECOND_CHANNELS = {
  sales: "C1SALES01",
  general: "C1GENERAL",
  finance: "C1FINANCE",
  kariDm: "D1SIGRBOT",
} as const;
