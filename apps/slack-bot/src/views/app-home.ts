import { formatNok } from "@fakturabot/schema";
import type { types } from "@slack/bolt";
import { messagesFor } from "../i18n/index.js";
import { context, header, type KnownBlock, section } from "./block-kit.js";
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

function sum(label: string, { count, totalOre }: { count: number; totalOre: number }) {
  return { type: "mrkdwn" as const, text: `*${label}*\n${formatNok(totalOre)} (${count})` };
}

/** Open, overdue and paid this month, in NOK, over what the viewer may see. */
export function homeSumsSection(sums: HomeSums): HomeSection {
  return [
    header("Fakturabot", "home.title"),
    {
      type: "section",
      block_id: "home.sums",
      fields: [
        sum("Open", sums.open),
        sum("Overdue", sums.overdue),
        sum("Paid this month", sums.paidThisMonth),
      ],
    },
  ];
}

/** A titled list of orders, each with its menu; `empty` when there are none. `id` keeps its block ids apart. */
export function homeOrdersSection(
  id: string,
  title: string,
  rows: readonly OrderRowInput[],
  empty: string,
): HomeSection {
  return [
    section(`*${title}*`, `${id}.title`),
    ...(rows.length === 0
      ? [context(empty, `${id}.empty`)]
      : rows.map((row) => orderRow(messagesFor("en"), row, id))),
  ];
}

export function homeHelpSection(): HomeSection {
  return [
    context(
      "Send an invoice with `/invoice` in a channel; `/invoice list` finds older ones; `/invoice help` shows everything.",
    ),
  ];
}

/** The Home tab: the sections in order, divided, cut to Slack's 100 blocks. */
export function appHomeView(sections: readonly HomeSection[]): types.HomeView {
  const blocks = sections
    .filter((blocks) => blocks.length > 0)
    .flatMap((blocks, index) => (index === 0 ? blocks : [{ type: "divider" } as KnownBlock, ...blocks]));
  return { type: "home", blocks: blocks.slice(0, MAX_HOME_BLOCKS) };
}
