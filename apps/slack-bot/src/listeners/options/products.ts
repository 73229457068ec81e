import type { AllMiddlewareArgs, BlockSuggestion, SlackOptionsMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { messagesFor } from "../../i18n/index.js";
import { productChoices } from "../../services/saved-products.js";
import { productPickerOptions } from "../../views/invoice-modal/product-picker.js";

/** Search as you type in a line's product picker: the workspace's products, then its earlier lines. */
export function productSuggestions(deps: BotDeps) {
  return async ({ ack, body }: SlackOptionsMiddlewareArgs<"block_suggestion"> & AllMiddlewareArgs) => {
    const suggestion = body as BlockSuggestion;
    const teamId = suggestion.team?.id ?? suggestion.view?.team_id ?? "";
    const [choices, locale] = await Promise.all([
      productChoices(deps, teamId, suggestion.value ?? ""),
      deps.locales.forPerson(teamId, suggestion.user.id),
    ]);
    await ack(productPickerOptions(messagesFor(locale), choices.products, choices.earlier));
  };
}
