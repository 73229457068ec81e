import type { AllMiddlewareArgs, BlockSuggestion, SlackOptionsMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { personMessages } from "../../services/locales.js";
import { savedCustomerOptions } from "../../views/invoice-modal/saved-customer-picker.js";

/** How many matches the picker offers; more means the person should type more. */
const MATCHES_OFFERED = 20;

/** Search as you type in the saved-customer picker: the workspace's customers that match. */
export function savedCustomerSuggestions(deps: BotDeps) {
  return async ({ ack, body }: SlackOptionsMiddlewareArgs<"block_suggestion"> & AllMiddlewareArgs) => {
    const suggestion = body as BlockSuggestion;
    const teamId = suggestion.team?.id ?? suggestion.view?.team_id ?? "";
    const [t, customers] = await Promise.all([
      personMessages(deps.locales, { teamId, userId: suggestion.user?.id }),
      deps.customers.searchCustomers(teamId, suggestion.value ?? "", MATCHES_OFFERED),
    ]);
    await ack({ options: savedCustomerOptions(t, customers) });
  };
}
