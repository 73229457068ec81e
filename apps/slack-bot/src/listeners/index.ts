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
import {
  ADD_PRODUCT_ACTION_ID,
  APPROVAL_ACTION_IDS,
  CANCEL_MODAL_CALLBACK_ID,
  CUSTOMER_EDIT_CALLBACK_ID,
  DELETE_PRODUCT_ACTION_ID,
  EDIT_CUSTOMER_ACTION_ID,
  EDIT_PRODUCT_ACTION_ID,
  FORGET_CUSTOMER_ACTION_ID,
  HOME_LANGUAGE_ACTION_ID,
  LIST_PAGE_ACTION_ID,
  ORDER_ROW_MENU_ACTION_ID,
  PRODUCT_EDIT_CALLBACK_ID,
  REFUND_CONFIRM_CALLBACK_ID,
  REFUND_MODAL_CALLBACK_ID,
  REJECT_MODAL_CALLBACK_ID,
  RESEND_MODAL_CALLBACK_ID,
  SAVE_EARLIER_LINE_ACTION_ID,
} from "../views/ids.js";
import { ORDER_ACTION_IDS } from "../views/order-message.js";
import { onFirstUse } from "./on-first-use.js";

/** Every Slack listener of the bot, one file each, each imported on its first request. */
export function registerListeners(app: App, deps: BotDeps): void {
  app.command(
    "/invoice",
    onFirstUse(async () => (await import("./commands/invoice.js")).invoiceCommand(deps)),
  );

  app.action(
    anyFillActionId("customerType"),
    onFirstUse(async () => (await import("./actions/customer-type.js")).customerTypeChanged(deps)),
  );
  app.action(
    anyFillActionId("organizationId"),
    onFirstUse(async () =>
      (await import("./actions/organisation-number.js")).organisationNumberEntered(deps),
    ),
  );
  app.options(
    SAVED_CUSTOMER_ACTION_ID,
    onFirstUse(async () => (await import("./options/saved-customers.js")).savedCustomerSuggestions(deps)),
  );
  app.action(
    SAVED_CUSTOMER_ACTION_ID,
    onFirstUse(async () => (await import("./actions/saved-customer.js")).savedCustomerPicked(deps)),
  );
  app.action(
    ADD_LINE_ACTION_ID,
    onFirstUse(async () => (await import("./actions/add-line.js")).addLineClicked(deps)),
  );
  app.action(
    REMOVE_LINE_ACTION_ID,
    onFirstUse(async () => (await import("./actions/remove-line.js")).removeLineClicked(deps)),
  );
  for (const actionId of RECALCULATE_ACTION_IDS)
    app.action(
      actionId,
      onFirstUse(async () => (await import("./actions/recalculate.js")).lineValueChanged(deps)),
    );
  app.action(
    RETRY_SUBMISSION_ACTION_ID,
    onFirstUse(async () =>
      (await import("./actions/retry-submission.js")).retrySubmissionClicked(deps, "send-again"),
    ),
  );
  app.action(
    CONFIRM_UNKNOWN_RETRY_ACTION_ID,
    onFirstUse(async () =>
      (await import("./actions/retry-submission.js")).retrySubmissionClicked(deps, "send-anyway"),
    ),
  );
  app.action(
    EDIT_SUBMISSION_ACTION_ID,
    onFirstUse(async () => (await import("./actions/edit-submission.js")).editSubmissionClicked(deps)),
  );
  app.action(
    OPEN_SUBMISSION_ACTION_ID,
    onFirstUse(async () => (await import("./actions/open-submission.js")).openSubmissionClicked(deps)),
  );

  app.view(
    INVOICE_MODAL_CALLBACK_ID,
    onFirstUse(async () => (await import("./views/invoice-submission.js")).invoiceSubmission(deps)),
  );
  app.view(
    { callback_id: INVOICE_MODAL_CALLBACK_ID, type: "view_closed" },
    onFirstUse(async () => (await import("./views/invoice-closed.js")).invoiceClosed(deps)),
  );
  app.view(
    { callback_id: SUBMISSION_CALLBACK_ID, type: "view_closed" },
    onFirstUse(async () => (await import("./views/invoice-closed.js")).invoiceClosed(deps)),
  );
  app.view(
    CANCEL_MODAL_CALLBACK_ID,
    onFirstUse(async () => (await import("./views/cancel-submission.js")).cancelSubmission(deps)),
  );

  app.action(
    LIST_PAGE_ACTION_ID,
    onFirstUse(async () => (await import("./actions/list-page.js")).listPageClicked(deps)),
  );
  app.action(
    ORDER_ROW_MENU_ACTION_ID,
    onFirstUse(async () => (await import("./actions/order-row-menu.js")).orderRowMenuChosen(deps)),
  );
  app.event(
    "app_home_opened",
    onFirstUse(async () => (await import("./events/app-home-opened.js")).appHomeOpened(deps)),
  );
  app.event(
    "app_uninstalled",
    onFirstUse(async () => (await import("./events/app-uninstalled.js")).appUninstalled(deps)),
  );
  app.event(
    "tokens_revoked",
    onFirstUse(async () => (await import("./events/tokens-revoked.js")).tokensRevoked(deps)),
  );
  // App Home's saved customers.
  app.action(
    EDIT_CUSTOMER_ACTION_ID,
    onFirstUse(async () => (await import("./actions/edit-customer.js")).editCustomerClicked(deps)),
  );
  app.action(
    FORGET_CUSTOMER_ACTION_ID,
    onFirstUse(async () => (await import("./actions/forget-customer.js")).forgetCustomerClicked(deps)),
  );
  app.action(
    HOME_LANGUAGE_ACTION_ID,
    onFirstUse(async () => (await import("./actions/language-chosen.js")).languageChosen(deps)),
  );
  app.view(
    CUSTOMER_EDIT_CALLBACK_ID,
    onFirstUse(async () =>
      (await import("./views/customer-edit-submission.js")).customerEditSubmission(deps),
    ),
  );
  // Saved products: each line's picker, and the price list in App Home.
  app.options(
    PRODUCT_PICKER_ACTION_ID,
    onFirstUse(async () => (await import("./options/products.js")).productSuggestions(deps)),
  );
  app.action(
    PRODUCT_PICKER_ACTION_ID,
    onFirstUse(async () => (await import("./actions/product-picked.js")).productPicked(deps)),
  );
  app.action(
    ADD_PRODUCT_ACTION_ID,
    onFirstUse(async () => (await import("./actions/add-product.js")).addProductClicked(deps)),
  );
  app.action(
    EDIT_PRODUCT_ACTION_ID,
    onFirstUse(async () => (await import("./actions/edit-product.js")).editProductClicked(deps)),
  );
  app.action(
    DELETE_PRODUCT_ACTION_ID,
    onFirstUse(async () => (await import("./actions/delete-product.js")).deleteProductClicked(deps)),
  );
  app.action(
    SAVE_EARLIER_LINE_ACTION_ID,
    onFirstUse(async () => (await import("./actions/save-earlier-line.js")).saveEarlierLineClicked(deps)),
  );
  app.view(
    PRODUCT_EDIT_CALLBACK_ID,
    onFirstUse(async () => (await import("./views/product-edit-submission.js")).productEditSubmission(deps)),
  );
  // The order message's controls.
  app.action(
    ORDER_ACTION_IDS.resend,
    onFirstUse(async () => (await import("./actions/resend-clicked.js")).resendClicked(deps)),
  );
  app.action(
    ORDER_ACTION_IDS.edit,
    onFirstUse(async () => (await import("./actions/edit-clicked.js")).invoiceFormFromOrder(deps, "edit")),
  );
  app.action(
    ORDER_ACTION_IDS.refund,
    onFirstUse(async () => (await import("./actions/refund-clicked.js")).refundClicked(deps)),
  );
  app.action(
    ORDER_ACTION_IDS.cancel,
    onFirstUse(async () => (await import("./actions/cancel-clicked.js")).cancelClicked(deps)),
  );
  app.action(
    ORDER_ACTION_IDS.more,
    onFirstUse(async () => (await import("./actions/more-chosen.js")).moreChosen(deps)),
  );
  app.view(
    RESEND_MODAL_CALLBACK_ID,
    onFirstUse(async () => (await import("./views/resend-submission.js")).resendSubmission(deps)),
  );
  app.view(
    REFUND_MODAL_CALLBACK_ID,
    onFirstUse(async () => (await import("./views/refund-submission.js")).refundSubmission(deps)),
  );
  app.view(
    REFUND_CONFIRM_CALLBACK_ID,
    onFirstUse(async () => (await import("./views/refund-confirmed.js")).refundConfirmed(deps)),
  );
  // Approval above the threshold: the approvers' messages, and the creator's after a rejection.
  app.action(
    APPROVAL_ACTION_IDS.approve,
    onFirstUse(async () => (await import("./actions/approve-clicked.js")).approveClicked(deps)),
  );
  app.action(
    APPROVAL_ACTION_IDS.reject,
    onFirstUse(async () => (await import("./actions/reject-clicked.js")).rejectClicked(deps)),
  );
  app.view(
    REJECT_MODAL_CALLBACK_ID,
    onFirstUse(async () => (await import("./views/reject-submission.js")).rejectSubmission(deps)),
  );
  app.action(
    APPROVAL_ACTION_IDS.reopen,
    onFirstUse(async () => (await import("./actions/reopen-rejected.js")).reopenRejectedClicked(deps)),
  );
}
