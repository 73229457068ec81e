import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { messagesFor } from "../../i18n/index.js";
import { decodeListRequest } from "../../views/order-list.js";
import { orderListPage } from "../commands/list.js";

/** Previous / Next under `/invoice list`: the ephemeral message is replaced with that page. */
export function listPageClicked(deps: BotDeps) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ack();
    const request = decodeListRequest(action.value);
    if (!request) return;
    const who = {
      teamId: body.team?.id ?? body.user.team_id ?? "",
      userId: body.user.id,
      channelId: body.channel?.id ?? "",
    };
    const t = messagesFor(await deps.locales.forPerson(who.teamId, who.userId));
    const message = await orderListPage(t, deps, client, who, request);
    await respond({ replace_original: true, ...message });
  };
}
