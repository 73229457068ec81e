import type { BotDeps } from "../../deps.js";
import { publishHome } from "../../services/home.js";
import { mayManageCustomers } from "../access.js";
import { clickedCustomer } from "./edit-customer.js";
import type { ModalActionArgs } from "./refresh-invoice-modal.js";

/** "Forget" (after Slack's confirmation): the customer is erased, and the Home tab shows it. */
export function forgetCustomerClicked(deps: BotDeps) {
  return async (args: ModalActionArgs) => {
    await args.ack();
    const { customerId, teamId, userId } = clickedCustomer(args);
    if (!mayManageCustomers(deps.access, userId)) return;
    const forgotten = await deps.customers.forgetCustomer(teamId, customerId);
    deps.logger.info({ customerId, forgotten }, "saved customer forgotten");
    await publishHome(deps, args.client, { teamId, userId });
  };
}
