import { FrontPaymentError, type OrderDetailsData } from "@fakturabot/client";
import type { BotDeps } from "../../deps.js";
import type { Messages } from "../../i18n/index.js";
import { updateView } from "../../services/slack-views.js";
import type { CreatedOrder } from "../../store/types.js";
import type { ModalView } from "../../views/block-kit.js";
import { noticeModal, waitingModal } from "../../views/order-action-modals.js";
import type { MessageActionArgs } from "./order-action.js";

/**
 * Opens a modal for an action on an order that needs Front Payment's details first: a "one moment"
 * view at once (the click's trigger lasts 3 s), then the modal `build` makes from Get Order Details,
 * or what went wrong asking.
 */
export async function openWithDetails(
  deps: BotDeps,
  t: Messages,
  args: MessageActionArgs,
  order: CreatedOrder,
  title: string,
  build: (details: OrderDetailsData) => ModalView | Promise<ModalView>,
): Promise<void> {
  const opened = await args.client.views.open({
    trigger_id: args.body.trigger_id,
    view: waitingModal(t, title),
  });
  const viewId = opened.view?.id;
  if (!viewId) return;
  let view: ModalView;
  try {
    view = await build(await deps.frontPayment.getOrderDetails(order.fpOrderUuid));
  } catch (error) {
    if (!(error instanceof FrontPaymentError)) throw error;
    deps.logger.warn({ orderId: order.id, err: error }, "could not get the order's details");
    view = noticeModal(t, title, t.orderActions.noDetails({ message: error.message }));
  }
  await updateView(args.client, { view_id: viewId, view });
}
