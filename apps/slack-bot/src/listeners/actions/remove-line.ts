import type { BotDeps } from "../../deps.js";
import { removeLine } from "../../invoice-form/metadata.js";
import { type ModalActionArgs, refreshInvoiceModal } from "./refresh-invoice-modal.js";

/** The button's value is the line's key, so the other lines keep their blocks and values. */
export function removeLineClicked(deps: BotDeps) {
  return (args: ModalActionArgs) => {
    const key = args.action.type === "button" ? args.action.value : undefined;
    return refreshInvoiceModal(deps, args, (metadata) => (key ? removeLine(metadata, key) : metadata));
  };
}
