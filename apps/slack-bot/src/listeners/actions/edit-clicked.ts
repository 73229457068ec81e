import type { BotDeps } from "../../deps.js";
import { sourceFromDetails } from "../../invoice-form/from-details.js";
import { formFromOrder } from "../../invoice-form/from-order.js";
import { MAX_LINES, newFormMetadata } from "../../invoice-form/metadata.js";
import { personMessages } from "../../services/locales.js";
import { invoiceModal } from "../../views/invoice-modal.js";
import { noticeModal } from "../../views/order-action-modals.js";
import { openWithDetails } from "./open-for-order.js";
import { type MessageActionArgs, orderForAction } from "./order-action.js";

/**
 * "Edit…" while the customer has not verified (SENT), and "Copy as new invoice": the invoice form
 * filled from the order as Front Payment holds it. An edit's form updates the same order.
 */
export function invoiceFormFromOrder(deps: BotDeps, action: "edit" | "copy") {
  return async (args: MessageActionArgs) => {
    await args.ack();
    const order = await orderForAction(deps, args, action);
    if (!order) return;
    const t = await personMessages(deps.locales, { teamId: order.teamId, userId: args.body.user.id });
    await openWithDetails(
      deps,
      t,
      args,
      order,
      action === "edit" ? t.invoiceModal.titleEdit : t.invoiceModal.titleNew,
      (details) => {
        const source = sourceFromDetails(details, order.facts, deps.formDefaults);
        const base = newFormMetadata({
          channelId: order.channelId,
          customerType: source.customerDetails.type,
        });
        const { metadata, values, linesLeftOut } = formFromOrder(
          source,
          action === "edit" ? { ...base, editOf: order.id } : base,
        );
        const lines = { lines: source.products.length, count: linesLeftOut, max: MAX_LINES };
        // An edit replaces the order's lines with the form's: one left out would be dropped.
        if (action === "edit" && linesLeftOut > 0)
          return noticeModal(t, t.invoiceModal.titleEdit, t.invoiceModal.tooManyLinesToEdit(lines));
        return invoiceModal(t, {
          metadata,
          initial: values,
          taxRates: deps.taxRates,
          defaults: deps.formDefaults,
          ...(action === "edit"
            ? {
                // The notice is plain text (escaped whole), so the order id is not put in a code span.
                notice: t.invoiceModal.editNotice({ fpOrderUuid: order.fpOrderUuid }),
              }
            : linesLeftOut > 0
              ? { notice: t.invoiceModal.linesLeftOut(lines) }
              : {}),
        });
      },
    );
  };
}
