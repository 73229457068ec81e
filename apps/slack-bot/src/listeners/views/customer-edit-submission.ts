import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import type { ViewStateValues } from "../../invoice-form/read.js";
import { publishHome } from "../../services/home.js";
import { personMessages } from "../../services/locales.js";
import { readCustomerEdit } from "../../services/saved-customers.js";
import { mayManageCustomers } from "../access.js";

/** The saved-customer editor is submitted: errors next to their fields, else saved and Home refreshed. */
export function customerEditSubmission(deps: BotDeps) {
  return async ({
    ack,
    body,
    view,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const teamId = body.team?.id ?? view.team_id;
    const userId = body.user.id;
    const customer = mayManageCustomers(deps.access, userId)
      ? await deps.customers.getCustomer(teamId, view.private_metadata)
      : null;
    if (!customer) {
      // Forgotten meanwhile (or not theirs to change): nothing to save.
      await ack();
      return;
    }
    const t = await personMessages(deps.locales, { teamId, userId });
    const edit = readCustomerEdit(t, view.state.values as ViewStateValues, customer);
    if (!edit.ok) {
      await ack({ response_action: "errors", errors: edit.errors });
      return;
    }
    await deps.customers.updateCustomer(teamId, customer.id, edit.details);
    await ack();
    await publishHome(deps, client, { teamId, userId });
  };
}
