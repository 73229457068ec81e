import { FrontPaymentError } from "@fakturabot/client";
import type { BotDeps } from "../../deps.js";
import { readOverflowValue } from "../../views/order-message.js";
import { statusInWords } from "../../views/order-words.js";
import { invoiceFormFromOrder } from "./edit-clicked.js";
import { clickerWords, type MessageActionArgs, orderForAction, tellClicker } from "./order-action.js";

/** The message's overflow menu: "Refresh status" and "Copy as new invoice". */
export function moreChosen(deps: BotDeps) {
  const copy = invoiceFormFromOrder(deps, "copy");
  return async (args: MessageActionArgs) => {
    const chosen =
      args.action.type === "overflow" ? readOverflowValue(args.action.selected_option.value) : null;
    if (chosen?.action === "copy") return copy(args);
    await args.ack();
    if (chosen?.action !== "refresh") return;
    const order = await orderForAction(deps, args, "refresh");
    if (!order) return;
    const t = await clickerWords(deps, args);
    try {
      const { order: now, changed } = await deps.orders.refresh(order);
      const status = now.state === "created" ? (now.status?.status ?? null) : null;
      const words = statusInWords(t, status, {
        bankIdUrl: order.bankIdUrl,
        grandTotalOre: now.grandTotalOre,
        facts: now.state === "created" ? now.facts : undefined,
      });
      await tellClicker(
        args,
        changed ? t.commands.frontPaymentSays({ words }) : t.commands.noChange({ words }),
      );
    } catch (error) {
      if (!(error instanceof FrontPaymentError)) throw error;
      await tellClicker(args, t.commands.noStatus({ message: error.message }));
    }
  };
}
