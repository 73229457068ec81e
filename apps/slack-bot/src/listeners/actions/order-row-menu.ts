import type { AllMiddlewareArgs, BlockAction, OverflowAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { personMessages } from "../../services/locales.js";
import { memberChannelIds } from "../../services/viewer.js";
import { infoModal } from "../../views/info-modal.js";
import { parseRowActionValue } from "../../views/order-row.js";
import { openCancelDialog } from "../commands/cancel.js";
import { orderStatusText } from "../commands/status.js";

/**
 * A row's menu in `/invoice list` or App Home: "Show status" is `/invoice status`, "Cancel…" is
 * `/invoice cancel`, with the same checks. From App Home (no channel to answer in) the answer is
 * a modal, opened at once while the trigger is fresh and filled in when the answer is there.
 */
export function orderRowMenuChosen(deps: BotDeps) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<OverflowAction>> & AllMiddlewareArgs) => {
    await ack();
    const chosen = parseRowActionValue(action.selected_option.value);
    if (!chosen) return;
    const userId = body.user.id;
    const teamId = body.team?.id ?? body.view?.team_id ?? "";
    const inHome = body.container?.type === "view";
    const t = await personMessages(deps.locales, { teamId, userId });
    if (chosen.action === "cancel") {
      const refusal = await openCancelDialog(t, deps, client, {
        reference: chosen.orderId,
        note: "",
        userId,
        teamId,
        triggerId: body.trigger_id,
      });
      if (!refusal) return;
      if (inHome)
        await client.views.open({
          trigger_id: body.trigger_id,
          view: infoModal(t, t.orderActions.cancelTitle, refusal),
        });
      else await respond({ response_type: "ephemeral", replace_original: false, text: refusal });
      return;
    }
    const opened = inHome
      ? await client.views.open({
          trigger_id: body.trigger_id,
          view: infoModal(t, t.home.statusTitle, t.home.askingFrontPayment),
        })
      : undefined;
    const channelId = body.channel?.id ?? "";
    const text = await orderStatusText(t, deps, client, chosen.orderId, {
      teamId,
      userId,
      channelId,
      memberOf: await memberChannelIds(client, userId, channelId || undefined),
    });
    if (opened?.view?.id) {
      await client.views.update({ view_id: opened.view.id, view: infoModal(t, t.home.statusTitle, text) });
    } else {
      await respond({ response_type: "ephemeral", replace_original: false, text });
    }
  };
}
