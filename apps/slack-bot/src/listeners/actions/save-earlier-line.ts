import type { BotDeps } from "../../deps.js";
import { messagesFor } from "../../i18n/index.js";
import { publishHome } from "../../services/home.js";
import { draftValues } from "../../services/saved-products.js";
import { productEditModal } from "../../views/home/product-edit-modal.js";
import { mayManageProducts } from "../access.js";
import { clickedCustomer } from "./edit-customer.js";
import type { ModalActionArgs } from "./refresh-invoice-modal.js";

/** "Save as product" beside an earlier invoice's line in App Home: a new product's editor, filled from it. */
export function saveEarlierLineClicked(deps: BotDeps) {
  return async (args: ModalActionArgs) => {
    await args.ack();
    const { customerId: lineId, teamId, userId } = clickedCustomer(args);
    if (!mayManageProducts(deps.access, userId)) return;
    const line = await deps.products.getEarlierLine(teamId, lineId);
    if (!line) {
      await publishHome(deps, args.client, { teamId, userId });
      return;
    }
    const t = messagesFor(await deps.locales.forPerson(teamId, userId));
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: productEditModal(t, { values: draftValues(line) }, deps.taxRates),
    });
  };
}
