import type { types } from "@slack/bolt";
import { LOCALES, type Locale, type Messages, messagesFor } from "../i18n/index.js";
import { context, header, type KnownBlock, option, plainText, section } from "./block-kit.js";
import { FOLLOW_WORKSPACE, HOME_LANGUAGE_ACTION_ID } from "./ids.js";
import { type OrderRowInput, orderRow } from "./order-row.js";

/**
 * App Home is a list of sections, each a pure function giving its blocks: the view joins them
 * with dividers. A new section (saved customers, saved products) is one more function.
 */
export type HomeSection = KnownBlock[];

/** Slack allows 100 blocks in a Home view. */
const MAX_HOME_BLOCKS = 100;

export interface HomeSums {
  open: { count: number; totalOre: number };
  overdue: { count: number; totalOre: number };
  paidThisMonth: { count: number; totalOre: number };
}

function sum(t: Messages, label: string, { count, totalOre }: { count: number; totalOre: number }) {
  return {
    type: "mrkdwn" as const,
    text: `*${label}*\n${t.home.sum({ total: t.format.money(totalOre), count })}`,
  };
}

/** Open, overdue and paid this month, in NOK, over what the viewer may see. */
export function homeSumsSection(t: Messages, sums: HomeSums): HomeSection {
  return [
    header("Fakturabot", "home.title"),
    {
      type: "section",
      block_id: "home.sums",
      fields: [
        sum(t, t.home.open, sums.open),
        sum(t, t.home.overdue, sums.overdue),
        sum(t, t.home.paidThisMonth, sums.paidThisMonth),
      ],
    },
  ];
}

/** A titled list of orders, each with its menu; `empty` when there are none. `id` keeps its block ids apart. */
export function homeOrdersSection(
  t: Messages,
  id: string,
  title: string,
  rows: readonly OrderRowInput[],
  empty: string,
): HomeSection {
  return [
    section(`*${title}*`, `${id}.title`),
    ...(rows.length === 0 ? [context(empty, `${id}.empty`)] : rows.map((row) => orderRow(t, row, id))),
  ];
}

export function homeHelpSection(t: Messages): HomeSection {
  return [context(t.home.help)];
}

/**
 * The person's own language: the workspace's (until they choose), Norsk bokmål or English, each
 * named in its own language so anyone finds theirs.
 */
export function homeLanguageSection(
  t: Messages,
  { chosen, workspaceLocale }: { chosen: Locale | null; workspaceLocale: Locale },
): HomeSection {
  const follow = option(
    t.home.languageWorkspace({ language: messagesFor(workspaceLocale).common.languageName }),
    FOLLOW_WORKSPACE,
  );
  const languages = LOCALES.map((locale) => option(messagesFor(locale).common.languageName, locale));
  return [
    {
      type: "section",
      block_id: "home.language",
      text: { type: "mrkdwn", text: `*${t.home.languageLabel}*` },
      accessory: {
        type: "static_select",
        action_id: HOME_LANGUAGE_ACTION_ID,
        placeholder: plainText(t.common.language),
        options: [follow, ...languages],
        initial_option: languages.find((language) => language.value === chosen) ?? follow,
      },
    },
    context(t.home.languageAbout, "home.language.about"),
  ];
}

/** The Home tab: the sections in order, divided, cut to Slack's 100 blocks. */
export function appHomeView(sections: readonly HomeSection[]): types.HomeView {
  const blocks = sections
    .filter((blocks) => blocks.length > 0)
    .flatMap((blocks, index) => (index === 0 ? blocks : [{ type: "divider" } as KnownBlock, ...blocks]));
  return { type: "home", blocks: blocks.slice(0, MAX_HOME_BLOCKS) };
}
