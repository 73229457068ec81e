import type { BotDeps } from "../../deps.js";
import { publishHome } from "../../services/home.js";
import { personMessages } from "../../services/locales.js";
import { customerEditModal } from "../../views/home/customer-edit-modal.js";
import { mayManageCustomers } from "../access.js";
import type { ModalActionArgs } from "./refresh-invoice-modal.js";

/** The saved customer a Home tab button names, and who clicked it in which team. */
export function clickedCustomer({ action, body }: ModalActionArgs) {
  return {
    customerId: action.type === "button" ? (action.value ?? "") : "",
    teamId: body.team?.id ?? body.view?.team_id ?? "",
    userId: body.user.id,
  };
}

/** "Edit" beside a saved customer in App Home: opens the editor filled with what is saved. */
export function editCustomerClicked(deps: BotDeps) {
  return async (args: ModalActionArgs) => {
    await args.ack();
    const { customerId, teamId, userId } = clickedCustomer(args);
    if (!mayManageCustomers(deps.access, userId)) return;
    const customer = await deps.customers.getCustomer(teamId, customerId);
    if (!customer) {
      await publishHome(deps, args.client, { teamId, userId });
      return;
    }
    const t = await personMessages(deps.locales, { teamId, userId });
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: customerEditModal(t, customer) });
  };
}
