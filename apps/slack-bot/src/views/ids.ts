// The views' block, action and callback ids, apart from the views: the listeners register on them
// (listeners/index.ts) and drivers send them back (src/index.ts) without loading a view before
// its first use.

// App Home (app-home.ts).
/** The language select in App Home; its value is a locale, or {@link FOLLOW_WORKSPACE}. */
export const HOME_LANGUAGE_ACTION_ID = "home.language";
/** The language select's value for "read the workspace's language". */
export const FOLLOW_WORKSPACE = "workspace";

// The approval message (approval-message.ts).
/** The approval message's buttons; each carries the order's id as its value. */
export const APPROVAL_ACTION_IDS = {
  approve: "approval.approve",
  reject: "approval.reject",
  /** In the creator's direct message after a rejection: the form again, filled in. */
  reopen: "approval.reopen",
} as const;
/** The block that says how the approval ended, once it has. */
export const APPROVAL_OUTCOME_BLOCK_ID = "approval.outcome";

// The reject modal (reject-modal.ts).
export const REJECT_MODAL_CALLBACK_ID = "approval.reject_modal";
export const REJECT_REASON_BLOCK_ID = "approval.reason";
export const REJECT_REASON_ACTION_ID = "approval.reason_input";

// The cancel modal (cancel-modal.ts).
export const CANCEL_MODAL_CALLBACK_ID = "cancel_order";
export const CANCEL_NOTE_BLOCK_ID = "cancellation_note";
export const CANCEL_NOTE_ACTION_ID = "note";

// The order message's modals: Send link again, Refund… (order-action-modals.ts).
export const RESEND_MODAL_CALLBACK_ID = "resend_link";
export const REFUND_MODAL_CALLBACK_ID = "refund_order";
export const REFUND_CONFIRM_CALLBACK_ID = "refund_confirm";
export const RESEND_IDS = {
  email: { block: "resend.email", action: "email" },
  countryCode: { block: "resend.country_code", action: "country_code" },
  mobile: { block: "resend.mobile", action: "mobile" },
} as const;
export const REFUND_IDS = {
  scope: { block: "refund.scope", action: "scope" },
  /** Each line's amount: block `refund.line.<line id>`. */
  lineAction: "amount",
} as const;
/** The block of a line's refund amount. */
export function refundLineBlockId(lineId: number): string {
  return `refund.line.${lineId}`;
}

// `/invoice list` (order-list.ts).
export const LIST_PAGE_ACTION_ID = "order_list.page";

// A row of a list (order-row.ts).
export const ORDER_ROW_MENU_ACTION_ID = "order_row.menu";

// App Home's saved customers (home/customers-section.ts).
/** "Edit" beside a saved customer in App Home; its `value` is the customer's id. */
export const EDIT_CUSTOMER_ACTION_ID = "home.customers.edit";
/** "Forget" beside a saved customer in App Home (behind a confirmation); its `value` is the customer's id. */
export const FORGET_CUSTOMER_ACTION_ID = "home.customers.forget";

// The saved-customer editor (home/customer-edit-modal.ts).
/** `callback_id` of the saved-customer edit modal; its `private_metadata` is the customer's id. */
export const CUSTOMER_EDIT_CALLBACK_ID = "customer_edit";

// App Home's price list (home/products-section.ts).
/** "Add product" above the price list in App Home. */
export const ADD_PRODUCT_ACTION_ID = "home.products.add";
/** "Edit" beside a product in App Home; its `value` is the product's id. */
export const EDIT_PRODUCT_ACTION_ID = "home.products.edit";
/** "Delete" beside a product (behind a confirmation); its `value` is the product's id. */
export const DELETE_PRODUCT_ACTION_ID = "home.products.delete";
/** "Save as product" beside a line of an earlier invoice; its `value` is the earlier line's id. */
export const SAVE_EARLIER_LINE_ACTION_ID = "home.products.save_earlier";

// The product editor (home/product-edit-modal.ts).
/**
 * `callback_id` of the product editor (App Home); its `private_metadata` is the product's id, or
 * empty for a new product.
 */
export const PRODUCT_EDIT_CALLBACK_ID = "product_edit";
export type ProductEditField = "name" | "productId" | "price" | "tax";
/** Every input's block id is its action id: one element per block. */
export function productEditBlockId(field: ProductEditField): string {
  return `product_edit.${field}`;
}
