import type { WebClient } from "@slack/web-api";
import type { BotDeps } from "../../deps.js";
import type { Messages } from "../../i18n/index.js";
import { osloDay } from "../../orders/due-date.js";
import { listingFilter } from "../../orders/listing.js";
import { rowActions, viewerOf } from "../../services/viewer.js";
import { LIST_PAGE_SIZE, type ListRequest, orderListMessage } from "../../views/order-list.js";

/**
 * A page of `/invoice list` for the person asking: only what they may see (`mayView`: theirs,
 * their channels', everything for an admin), newest first.
 */
export async function orderListPage(
  t: Messages,
  deps: BotDeps,
  client: WebClient,
  who: { teamId: string; userId: string; channelId: string },
  request: ListRequest,
) {
  const viewer = await viewerOf(deps, client, who);
  const today = osloDay(deps.now());
  const page = await deps.orders.list(listingFilter(viewer, request.filters, request.search, today), {
    limit: LIST_PAGE_SIZE,
    ...(request.after ? { after: request.after } : {}),
    ...(request.before ? { before: request.before } : {}),
  });
  return orderListMessage(t, {
    page,
    request,
    rows: page.orders.map((order) => ({ order, today, actions: rowActions(deps, who.userId, order) })),
  });
}
