import type { BotDeps } from "../../deps.js";
import { messagesFor } from "../../i18n/index.js";
import { lineBlockId, lineKeyOfProductBlock, productChoiceOf } from "../../invoice-form/ids.js";
import { decodeFormMetadata } from "../../invoice-form/metadata.js";
import { readInvoiceForm } from "../../invoice-form/read.js";
import { lineFilledWith, renewLine } from "../../services/saved-products.js";
import { type ModalActionArgs, redrawInvoiceModal } from "./refresh-invoice-modal.js";

/**
 * A product (or an earlier invoice's line) was picked on a line: it fills that line's name,
 * product id, unit price and VAT rate, which stay editable; quantity and discount stay as typed.
 * The line gets a new key, so Slack shows the filled values instead of what was typed there.
 */
export function productPicked(deps: BotDeps) {
  return async (args: ModalActionArgs) => {
    await args.ack();
    const { action, body } = args;
    const view = body.view;
    if (!view || action.type !== "external_select") return;
    const choice = productChoiceOf(action.selected_option?.value);
    const lineKey = lineKeyOfProductBlock(action.block_id);
    if (!choice || !lineKey) return;
    const teamId = body.team?.id ?? view.team_id;
    const chosen =
      choice.kind === "product"
        ? await deps.products.getProduct(teamId, choice.id)
        : await deps.products.getEarlierLine(teamId, choice.id);
    const metadata = decodeFormMetadata(view.private_metadata);
    const index = metadata.lineKeys.indexOf(lineKey);
    // Deleted meanwhile, or the line was removed: nothing to fill.
    if (!chosen || index < 0) return;
    const form = readInvoiceForm(view.state.values, metadata);
    const renewed = renewLine(metadata, lineKey);
    const lines = form.lines.map((line, at) =>
      at === index ? { ...lineFilledWith(line, chosen), key: renewed.key } : line,
    );
    const t = messagesFor(await deps.locales.forPerson(teamId, body.user.id));
    const taxOffered = deps.taxRates.includes(chosen.taxRate);
    await redrawInvoiceModal(deps, args, view, {
      metadata: renewed.metadata,
      initial: { ...form, lines },
      ...(taxOffered
        ? {}
        : {
            fieldErrors: {
              [lineBlockId(renewed.key, "tax")]: t.products.taxNotOffered({
                rate: t.format.number(chosen.taxRate),
              }),
            },
          }),
    });
  };
}
