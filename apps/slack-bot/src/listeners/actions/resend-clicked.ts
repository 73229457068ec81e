import type { BotDeps } from "../../deps.js";
import { personMessages } from "../../services/locales.js";
import { resendModal } from "../../views/order-action-modals.js";
import { actionLabel } from "../../views/order-message.js";
import { openWithDetails } from "./open-for-order.js";
import { type MessageActionArgs, orderForAction } from "./order-action.js";

/** "Send link again": a small form prefilled with the customer's email and mobile from Front Payment. */
export function resendClicked(deps: BotDeps) {
  return async (args: MessageActionArgs) => {
    await args.ack();
    const order = await orderForAction(deps, args, "resend");
    if (!order) return;
    const t = await personMessages(deps.locales, { teamId: order.teamId, userId: args.body.user.id });
    await openWithDetails(deps, t, args, order, actionLabel(t, "resend"), (details) =>
      resendModal(t, {
        orderId: order.id,
        customerName: order.customerName,
        email: details.customerDetails.email ?? null,
        countryCode: details.customerDetails.countryCode ?? null,
        mobile: details.customerDetails.msisdn ?? null,
      }),
    );
  };
}
