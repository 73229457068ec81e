import type { WebClient } from "@slack/web-api";
import type { BotDeps } from "../deps.js";
import { listingVisibility, mayCancel } from "../listeners/access.js";
import type { Viewer } from "../orders/listing.js";
import type { OrderRecord } from "../store/types.js";
import type { RowAction } from "../views/order-row.js";

/** Slack hands out at most this many pages of a person's channels; more is not a sales team. */
const MAX_PAGES = 10;

/**
 * The conversations `userId` is in that the bot can see (`users.conversations`): the channels
 * whose orders they may see. `alsoIn` is where they are typing, which they are certainly in.
 */
export async function memberChannelIds(
  client: WebClient,
  userId: string,
  alsoIn?: string,
): Promise<string[]> {
  const ids = new Set<string>(alsoIn ? [alsoIn] : []);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await client.users.conversations({
      user: userId,
      types: "public_channel,private_channel,im",
      exclude_archived: false,
      limit: 999,
      ...(cursor ? { cursor } : {}),
    });
    for (const channel of answer.channels ?? []) if (channel.id) ids.add(channel.id);
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return [...ids];
}

/** Who is looking, and what they may see of their team's orders. */
export async function viewerOf(
  deps: BotDeps,
  client: WebClient,
  who: { teamId: string; userId: string; channelId?: string },
): Promise<Viewer & { memberOf: string[] }> {
  const memberOf = await memberChannelIds(client, who.userId, who.channelId);
  const visibleTo = listingVisibility(deps.access, who.userId, memberOf);
  return { teamId: who.teamId, userId: who.userId, memberOf, ...(visibleTo ? { visibleTo } : {}) };
}

/** What a row's menu offers `userId` for `order`: its status always; cancelling when they may and it can be. */
export function rowActions(deps: BotDeps, userId: string, order: OrderRecord): RowAction[] {
  const cancellable =
    mayCancel(deps.access, userId, order) &&
    deps.orders.cancellation(order, order.state === "created" ? order.fpOrderUuid : null) === null;
  return cancellable ? ["status", "cancel"] : ["status"];
}
