import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { formFromOrder } from "../../invoice-form/from-order.js";
import { decodeFormMetadata, MAX_LINES, newFormMetadata } from "../../invoice-form/metadata.js";
import { getInTeam } from "../../orders/team-scope.js";
import { personMessages } from "../../services/locales.js";
import { updateView } from "../../services/slack-views.js";
import { invoiceModal } from "../../views/invoice-modal.js";

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** "Edit" after a failed submission: back to the form, filled in from what was sent. */
export function editSubmissionClicked(deps: BotDeps) {
  return async ({ ack, body, action, client }: Args) => {
    await ack();
    const orderId = action.type === "button" ? action.value : undefined;
    const view = body.view;
    if (!orderId || !view) return;
    const order = await getInTeam(deps.orders, body.team?.id ?? body.view?.team_id, orderId);
    if (!order || order.state === "created" || order.state === "expired" || order.userId !== body.user.id)
      return;
    const base = view.private_metadata
      ? decodeFormMetadata(view.private_metadata)
      : newFormMetadata({ channelId: order.channelId });
    const { metadata, values, linesLeftOut } = formFromOrder(order.request, base, { orderId: order.id });
    const t = await personMessages(deps.locales, { teamId: order.teamId, userId: body.user.id });
    await updateView(client, {
      view_id: view.id,
      view: invoiceModal(t, {
        metadata,
        initial: values,
        ...(linesLeftOut > 0
          ? { notice: t.invoiceModal.linesLeftOut({ count: linesLeftOut, max: MAX_LINES }) }
          : {}),
        taxRates: deps.taxRates,
        defaults: deps.formDefaults,
        now: deps.now(),
      }),
    });
  };
}
