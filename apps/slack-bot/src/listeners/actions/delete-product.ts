import type { BotDeps } from "../../deps.js";
import { publishHome } from "../../services/home.js";
import { mayManageProducts } from "../access.js";
import { clickedCustomer } from "./edit-customer.js";
import type { ModalActionArgs } from "./refresh-invoice-modal.js";

/** "Delete" beside a product (after Slack's confirmation): gone from the price list, and Home shows it. */
export function deleteProductClicked(deps: BotDeps) {
  return async (args: ModalActionArgs) => {
    await args.ack();
    const { customerId: productId, teamId, userId } = clickedCustomer(args);
    if (!mayManageProducts(deps.access, userId)) return;
    const deleted = await deps.products.deleteProduct(teamId, productId);
    deps.logger.info({ productId, deleted }, "product deleted from the price list");
    await publishHome(deps, args.client, { teamId, userId });
  };
}
