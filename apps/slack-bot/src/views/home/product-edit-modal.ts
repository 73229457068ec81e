import type { Messages } from "../../i18n/index.js";
import { LINE_TEXT_MAX_LENGTHS } from "../../invoice-form/limits.js";
import type { LineDetails } from "../../store/types.js";
import { type InputBlock, type ModalView, option, plainText, truncate } from "../block-kit.js";
import { PRODUCT_EDIT_CALLBACK_ID, type ProductEditField, productEditBlockId } from "../ids.js";
import { vatText } from "../invoice-modal/product-picker.js";

/** The editor's limits: a line's, as the invoice form has them. */
export const PRODUCT_NAME_MAX_LENGTH = LINE_TEXT_MAX_LENGTHS.name;
export const PRODUCT_ID_MAX_LENGTH = LINE_TEXT_MAX_LENGTHS.productId;
/** Room for `10 000 000,00`; the reader says what is too large. */
const PRICE_MAX_LENGTH = 30;

/** What the editor starts with: a product, an earlier line (Save as product), or nothing. */
export interface ProductDraft {
  /** The product's id when editing one; absent for a new product. */
  id?: string;
  /** As typed or stored; the price in øre when it comes from the store. */
  values: Partial<Omit<LineDetails, "unitPriceOre"> & { price: string }>;
}

/** The modal that adds or edits a product of the price list. Pure; never throws. */
export function productEditModal(
  t: Messages,
  draft: ProductDraft,
  taxRates: readonly number[],
  errors: Readonly<Record<string, string>> = {},
): ModalView {
  const hint = (field: ProductEditField, otherwise: string | undefined) => {
    const error = errors[productEditBlockId(field)];
    const text = error ? `⚠️ ${error}` : otherwise;
    return text ? { hint: plainText(truncate(text, 2000)) } : {};
  };
  const text = (
    field: "name" | "productId" | "price",
    label: string,
    maxLength: number,
    value: string | null | undefined,
    about: string | undefined,
    optional = false,
  ): InputBlock => ({
    type: "input",
    block_id: productEditBlockId(field),
    label: plainText(label),
    ...(optional ? { optional: true } : {}),
    ...hint(field, about),
    element: {
      type: "plain_text_input",
      action_id: productEditBlockId(field),
      max_length: maxLength,
      ...(value ? { initial_value: value.slice(0, maxLength) } : {}),
    },
  });
  const taxOptions = taxRates.map((rate) => option(vatText(t, rate), String(rate)));
  const taxChosen = taxOptions.find((choice) => choice.value === String(draft.values.taxRate));
  return {
    type: "modal",
    callback_id: PRODUCT_EDIT_CALLBACK_ID,
    private_metadata: draft.id ?? "",
    title: plainText(draft.id ? t.products.editTitle : t.products.newTitle),
    submit: plainText(t.common.save),
    close: plainText(t.common.cancel),
    blocks: [
      text(
        "name",
        t.products.nameLabel,
        PRODUCT_NAME_MAX_LENGTH,
        draft.values.name,
        t.products.nameHint({ max: PRODUCT_NAME_MAX_LENGTH }),
      ),
      text(
        "productId",
        t.products.productIdLabel,
        PRODUCT_ID_MAX_LENGTH,
        draft.values.productId,
        t.products.productIdHint({ max: PRODUCT_ID_MAX_LENGTH }),
        true,
      ),
      text("price", t.products.priceLabel, PRICE_MAX_LENGTH, draft.values.price, t.products.priceHint),
      {
        type: "input",
        block_id: productEditBlockId("tax"),
        label: plainText(t.products.taxLabel),
        ...hint("tax", undefined),
        element: {
          type: "static_select",
          action_id: productEditBlockId("tax"),
          options: taxOptions,
          ...(taxChosen ? { initial_option: taxChosen } : {}),
        },
      },
    ],
  };
}
