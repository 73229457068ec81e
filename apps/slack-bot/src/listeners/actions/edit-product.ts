import type { BotDeps } from "../../deps.js";
import { messagesFor } from "../../i18n/index.js";
import { publishHome } from "../../services/home.js";
import { draftValues } from "../../services/saved-products.js";
import { productEditModal } from "../../views/home/product-edit-modal.js";
import { mayManageProducts } from "../access.js";
import { clickedCustomer } from "./edit-customer.js";
import type { ModalActionArgs } from "./refresh-invoice-modal.js";

/** "Edit" beside a product in App Home: opens the editor filled with what is saved. */
export function editProductClicked(deps: BotDeps) {
  return async (args: ModalActionArgs) => {
    await args.ack();
    // A Home button's value, team and user, as for a customer's.
    const { customerId: productId, teamId, userId } = clickedCustomer(args);
    if (!mayManageProducts(deps.access, userId)) return;
    const product = await deps.products.getProduct(teamId, productId);
    if (!product) {
      await publishHome(deps, args.client, { teamId, userId });
      return;
    }
    const t = messagesFor(await deps.locales.forPerson(teamId, userId));
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: productEditModal(t, { id: product.id, values: draftValues(product) }, deps.taxRates),
    });
  };
}
