import type { BotDeps } from "../../deps.js";
import { type CustomerType, switchCustomerType } from "../../invoice-form/metadata.js";
import { type ModalActionArgs, refreshInvoiceModal } from "./refresh-invoice-modal.js";

/** Private ↔ corporate: the form shows the personal number or the organisation number. */
export function customerTypeChanged(deps: BotDeps) {
  return (args: ModalActionArgs) => {
    const action = args.action;
    const selected = action.type === "radio_buttons" ? action.selected_option?.value : undefined;
    const type: CustomerType | undefined =
      selected === "private" || selected === "corporate" ? selected : undefined;
    return refreshInvoiceModal(deps, args, (metadata) =>
      type ? switchCustomerType(metadata, type) : metadata,
    );
  };
}
