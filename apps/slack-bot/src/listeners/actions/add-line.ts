import type { BotDeps } from "../../deps.js";
import { addLine } from "../../invoice-form/metadata.js";
import { type ModalActionArgs, refreshInvoiceModal } from "./refresh-invoice-modal.js";

export function addLineClicked(deps: BotDeps) {
  return (args: ModalActionArgs) => refreshInvoiceModal(deps, args, addLine);
}
