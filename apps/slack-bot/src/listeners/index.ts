import type { App } from "@slack/bolt";
import type { BotDeps } from "../deps.js";
import {
  ADD_LINE_ACTION_ID,
  anyFillActionId,
  CONFIRM_UNKNOWN_RETRY_ACTION_ID,
  EDIT_SUBMISSION_ACTION_ID,
  INVOICE_MODAL_CALLBACK_ID,
  OPEN_SUBMISSION_ACTION_ID,
  RECALCULATE_ACTION_IDS,
  REMOVE_LINE_ACTION_ID,
  RETRY_SUBMISSION_ACTION_ID,
  SAVED_CUSTOMER_ACTION_ID,
  SUBMISSION_CALLBACK_ID,
} from "../invoice-form/ids.js";
import { CANCEL_MODAL_CALLBACK_ID } from "../views/cancel-modal.js";
import { CUSTOMER_EDIT_CALLBACK_ID } from "../views/home/customer-edit-modal.js";
import { EDIT_CUSTOMER_ACTION_ID, FORGET_CUSTOMER_ACTION_ID } from "../views/home/customers-section.js";
import { addLineClicked } from "./actions/add-line.js";
import { customerTypeChanged } from "./actions/customer-type.js";
import { editCustomerClicked } from "./actions/edit-customer.js";
import { editSubmissionClicked } from "./actions/edit-submission.js";
import { forgetCustomerClicked } from "./actions/forget-customer.js";
import { openSubmissionClicked } from "./actions/open-submission.js";
import { organisationNumberEntered } from "./actions/organisation-number.js";
import { lineValueChanged } from "./actions/recalculate.js";
import { removeLineClicked } from "./actions/remove-line.js";
import { retrySubmissionClicked } from "./actions/retry-submission.js";
import { savedCustomerPicked } from "./actions/saved-customer.js";
import { invoiceCommand } from "./commands/invoice.js";
import { appHomeOpened } from "./events/app-home-opened.js";
import { savedCustomerSuggestions } from "./options/saved-customers.js";
import { cancelSubmission } from "./views/cancel-submission.js";
import { customerEditSubmission } from "./views/customer-edit-submission.js";
import { invoiceClosed } from "./views/invoice-closed.js";
import { invoiceSubmission } from "./views/invoice-submission.js";

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

  app.event("app_home_opened", appHomeOpened(deps));
  app.action(EDIT_CUSTOMER_ACTION_ID, editCustomerClicked(deps));
  app.action(FORGET_CUSTOMER_ACTION_ID, forgetCustomerClicked(deps));
  app.view(CUSTOMER_EDIT_CALLBACK_ID, customerEditSubmission(deps));
}
