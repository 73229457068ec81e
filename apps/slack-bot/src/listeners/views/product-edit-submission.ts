import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { messagesFor } from "../../i18n/index.js";
import type { ViewStateValues } from "../../invoice-form/read.js";
import { publishHome } from "../../services/home.js";
import { newProductId, readProductEdit } from "../../services/saved-products.js";
import { productEditBlockId } from "../../views/ids.js";
import { mayManageProducts } from "../access.js";

/**
 * The product editor is submitted: errors next to their fields (a name or product id another
 * product has included), else added or saved and Home refreshed.
 */
export function productEditSubmission(deps: BotDeps) {
  return async ({
    ack,
    body,
    view,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const teamId = body.team?.id ?? view.team_id;
    const userId = body.user.id;
    if (!mayManageProducts(deps.access, userId)) {
      await ack();
      return;
    }
    const t = messagesFor(await deps.locales.forPerson(teamId, userId));
    const edit = readProductEdit(t, view.state.values as ViewStateValues, deps.taxRates);
    if (!edit.ok) {
      await ack({ response_action: "errors", errors: edit.errors });
      return;
    }
    const productId = view.private_metadata;
    const written = productId
      ? await deps.products.updateProduct(teamId, productId, edit.details)
      : await deps.products.saveProduct({ ...edit.details, teamId }, newProductId());
    if (written && !written.ok) {
      const errors =
        written.taken === "name"
          ? { [productEditBlockId("name")]: t.products.nameTaken }
          : { [productEditBlockId("productId")]: t.products.productIdTaken };
      await ack({ response_action: "errors", errors });
      return;
    }
    // Saved, or deleted meanwhile (nothing to save).
    await ack();
    await publishHome(deps, client, { teamId, userId });
  };
}
