import type { App } from "@slack/bolt";
import type { BotDeps } from "../deps.js";
import {
  ADD_LINE_ACTION_ID,
  anyFillActionId,
  CONFIRM_UNKNOWN_RETRY_ACTION_ID,
  EDIT_SUBMISSION_ACTION_ID,
  INVOICE_MODAL_CALLBACK_ID,
  OPEN_SUBMISSION_ACTION_ID,
  PRODUCT_PICKER_ACTION_ID,
  RECALCULATE_ACTION_IDS,
  REMOVE_LINE_ACTION_ID,
  RETRY_SUBMISSION_ACTION_ID,
  SAVED_CUSTOMER_ACTION_ID,
  SUBMISSION_CALLBACK_ID,
} from "../invoice-form/ids.js";
import { HOME_LANGUAGE_ACTION_ID } from "../views/app-home.js";
import { APPROVAL_ACTION_IDS } from "../views/approval-message.js";
import { CANCEL_MODAL_CALLBACK_ID } from "../views/cancel-modal.js";
import { CUSTOMER_EDIT_CALLBACK_ID } from "../views/home/customer-edit-modal.js";
import { EDIT_CUSTOMER_ACTION_ID, FORGET_CUSTOMER_ACTION_ID } from "../views/home/customers-section.js";
import { PRODUCT_EDIT_CALLBACK_ID } from "../views/home/product-edit-modal.js";
import {
  ADD_PRODUCT_ACTION_ID,
  DELETE_PRODUCT_ACTION_ID,
  EDIT_PRODUCT_ACTION_ID,
  SAVE_EARLIER_LINE_ACTION_ID,
} from "../views/home/products-section.js";
import {
  REFUND_CONFIRM_CALLBACK_ID,
  REFUND_MODAL_CALLBACK_ID,
  RESEND_MODAL_CALLBACK_ID,
} from "../views/order-action-modals.js";
import { LIST_PAGE_ACTION_ID } from "../views/order-list.js";
import { ORDER_ACTION_IDS } from "../views/order-message.js";
import { ORDER_ROW_MENU_ACTION_ID } from "../views/order-row.js";
import { REJECT_MODAL_CALLBACK_ID } from "../views/reject-modal.js";
import { addLineClicked } from "./actions/add-line.js";
import { addProductClicked } from "./actions/add-product.js";
import { approveClicked } from "./actions/approve-clicked.js";
import { cancelClicked } from "./actions/cancel-clicked.js";
import { customerTypeChanged } from "./actions/customer-type.js";
import { deleteProductClicked } from "./actions/delete-product.js";
import { invoiceFormFromOrder } from "./actions/edit-clicked.js";
import { editCustomerClicked } from "./actions/edit-customer.js";
import { editProductClicked } from "./actions/edit-product.js";
import { editSubmissionClicked } from "./actions/edit-submission.js";
import { forgetCustomerClicked } from "./actions/forget-customer.js";
import { languageChosen } from "./actions/language-chosen.js";
import { listPageClicked } from "./actions/list-page.js";
import { moreChosen } from "./actions/more-chosen.js";
import { openSubmissionClicked } from "./actions/open-submission.js";
import { orderRowMenuChosen } from "./actions/order-row-menu.js";
import { organisationNumberEntered } from "./actions/organisation-number.js";
import { productPicked } from "./actions/product-picked.js";
import { lineValueChanged } from "./actions/recalculate.js";
import { refundClicked } from "./actions/refund-clicked.js";
import { rejectClicked } from "./actions/reject-clicked.js";
import { removeLineClicked } from "./actions/remove-line.js";
import { reopenRejectedClicked } from "./actions/reopen-rejected.js";
import { resendClicked } from "./actions/resend-clicked.js";
import { retrySubmissionClicked } from "./actions/retry-submission.js";
import { saveEarlierLineClicked } from "./actions/save-earlier-line.js";
import { savedCustomerPicked } from "./actions/saved-customer.js";
import { invoiceCommand } from "./commands/invoice.js";
import { appHomeOpened } from "./events/app-home-opened.js";
import { appUninstalled } from "./events/app-uninstalled.js";
import { tokensRevoked } from "./events/tokens-revoked.js";
import { productSuggestions } from "./options/products.js";
import { savedCustomerSuggestions } from "./options/saved-customers.js";
import { cancelSubmission } from "./views/cancel-submission.js";
import { customerEditSubmission } from "./views/customer-edit-submission.js";
import { invoiceClosed } from "./views/invoice-closed.js";
import { invoiceSubmission } from "./views/invoice-submission.js";
import { productEditSubmission } from "./views/product-edit-submission.js";
import { refundConfirmed } from "./views/refund-confirmed.js";
import { refundSubmission } from "./views/refund-submission.js";
import { rejectSubmission } from "./views/reject-submission.js";
import { resendSubmission } from "./views/resend-submission.js";

/** Every Slack listener of the bot, one file each. */
export function registerListeners(app: App, deps: BotDeps): void {
  app.command("/invoice", invoiceCommand(deps));

  app.action(anyFillActionId("customerType"), customerTypeChanged(deps));
  app.action(anyFillActionId("organizationId"), organisationNumberEntered(deps));
  app.options(SAVED_CUSTOMER_ACTION_ID, savedCustomerSuggestions(deps));
  app.action(SAVED_CUSTOMER_ACTION_ID, savedCustomerPicked(deps));
  app.action(ADD_LINE_ACTION_ID, addLineClicked(deps));
  app.action(REMOVE_LINE_ACTION_ID, removeLineClicked(deps));
  for (const actionId of RECALCULATE_ACTION_IDS) app.action(actionId, lineValueChanged(deps));
  app.action(RETRY_SUBMISSION_ACTION_ID, retrySubmissionClicked(deps, "send-again"));
  app.action(CONFIRM_UNKNOWN_RETRY_ACTION_ID, retrySubmissionClicked(deps, "send-anyway"));
  app.action(EDIT_SUBMISSION_ACTION_ID, editSubmissionClicked(deps));
  app.action(OPEN_SUBMISSION_ACTION_ID, openSubmissionClicked(deps));

  app.view(INVOICE_MODAL_CALLBACK_ID, invoiceSubmission(deps));
  app.view({ callback_id: INVOICE_MODAL_CALLBACK_ID, type: "view_closed" }, invoiceClosed(deps));
  app.view({ callback_id: SUBMISSION_CALLBACK_ID, type: "view_closed" }, invoiceClosed(deps));
  app.view(CANCEL_MODAL_CALLBACK_ID, cancelSubmission(deps));

  app.action(LIST_PAGE_ACTION_ID, listPageClicked(deps));
  app.action(ORDER_ROW_MENU_ACTION_ID, orderRowMenuChosen(deps));
  app.event("app_home_opened", appHomeOpened(deps));
  app.event("app_uninstalled", appUninstalled(deps));
  app.event("tokens_revoked", tokensRevoked(deps));
  // App Home's saved customers.
  app.action(EDIT_CUSTOMER_ACTION_ID, editCustomerClicked(deps));
  app.action(FORGET_CUSTOMER_ACTION_ID, forgetCustomerClicked(deps));
  app.action(HOME_LANGUAGE_ACTION_ID, languageChosen(deps));
  app.view(CUSTOMER_EDIT_CALLBACK_ID, customerEditSubmission(deps));
  // Saved products: each line's picker, and the price list in App Home.
  app.options(PRODUCT_PICKER_ACTION_ID, productSuggestions(deps));
  app.action(PRODUCT_PICKER_ACTION_ID, productPicked(deps));
  app.action(ADD_PRODUCT_ACTION_ID, addProductClicked(deps));
  app.action(EDIT_PRODUCT_ACTION_ID, editProductClicked(deps));
  app.action(DELETE_PRODUCT_ACTION_ID, deleteProductClicked(deps));
  app.action(SAVE_EARLIER_LINE_ACTION_ID, saveEarlierLineClicked(deps));
  app.view(PRODUCT_EDIT_CALLBACK_ID, productEditSubmission(deps));
  // The order message's controls.
  app.action(ORDER_ACTION_IDS.resend, resendClicked(deps));
  app.action(ORDER_ACTION_IDS.edit, invoiceFormFromOrder(deps, "edit"));
  app.action(ORDER_ACTION_IDS.refund, refundClicked(deps));
  app.action(ORDER_ACTION_IDS.cancel, cancelClicked(deps));
  app.action(ORDER_ACTION_IDS.more, moreChosen(deps));
  app.view(RESEND_MODAL_CALLBACK_ID, resendSubmission(deps));
  app.view(REFUND_MODAL_CALLBACK_ID, refundSubmission(deps));
  app.view(REFUND_CONFIRM_CALLBACK_ID, refundConfirmed(deps));
  // Approval above the threshold: the approvers' messages, and the creator's after a rejection.
  app.action(APPROVAL_ACTION_IDS.approve, approveClicked(deps));
  app.action(APPROVAL_ACTION_IDS.reject, rejectClicked(deps));
  app.view(REJECT_MODAL_CALLBACK_ID, rejectSubmission(deps));
  app.action(APPROVAL_ACTION_IDS.reopen, reopenRejectedClicked(deps));
}
