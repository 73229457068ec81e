import type { BotDeps } from "../../deps.js";
import { messagesFor } from "../../i18n/index.js";
import { productEditModal } from "../../views/home/product-edit-modal.js";
import { mayManageProducts } from "../access.js";
import { clickedCustomer } from "./edit-customer.js";
import type { ModalActionArgs } from "./refresh-invoice-modal.js";

/** "Add product" in App Home: opens an empty product editor. */
export function addProductClicked(deps: BotDeps) {
  return async (args: ModalActionArgs) => {
    await args.ack();
    const { teamId, userId } = clickedCustomer(args);
    if (!mayManageProducts(deps.access, userId)) return;
    const t = messagesFor(await deps.locales.forPerson(teamId, userId));
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: productEditModal(t, { values: {} }, deps.taxRates),
    });
  };
}
