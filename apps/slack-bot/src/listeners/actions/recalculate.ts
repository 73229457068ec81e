import type { BotDeps } from "../../deps.js";
import { type ModalActionArgs, refreshInvoiceModal } from "./refresh-invoice-modal.js";

/** A quantity, price, VAT rate or discount changed: fresh running totals. */
export function lineValueChanged(deps: BotDeps) {
  return (args: ModalActionArgs) => refreshInvoiceModal(deps, args);
}
