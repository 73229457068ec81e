// The bot's public surface: what @fakturabot/local (local mode, the demo and the end-to-end tests)
// and @fakturabot/bench need to run the bot and to act as Slack towards it.
export { type Bot, type BotOptions, createBot, type RunningBot } from "./app.js";
export { type Config, ConfigError, LOG_LEVELS, loadConfig } from "./config.js";
export { startConfiguredBot } from "./configured-bot.js";
export { fixedLocale, type Locale, type LocaleChoice } from "./i18n/index.js";
// The modal's block and action ids and metadata: what Slack, or a driver acting as Slack, sends back.
export {
  ACTION_IDS,
  ADD_LINE_ACTION_ID,
  BLOCK_IDS,
  CONFIRM_UNKNOWN_RETRY_ACTION_ID,
  CUSTOMER_TEXT_FIELDS,
  type CustomerTextField,
  EDIT_SUBMISSION_ACTION_ID,
  fieldActionId,
  LAYOUT_BLOCK_IDS,
  LINE_ACTION_IDS,
  lineBlockId,
  lineHeaderBlockId,
  lineProductBlockId,
  OPEN_SUBMISSION_ACTION_ID,
  PRODUCT_PICKER_ACTION_ID,
  REMOVE_LINE_ACTION_ID,
  RETRY_SUBMISSION_ACTION_ID,
  SAVED_CUSTOMER_ACTION_ID,
} from "./invoice-form/ids.js";
export { type CustomerType, decodeFormMetadata, MAX_LINES } from "./invoice-form/metadata.js";
export { type InvoiceFormValues, readInvoiceForm, type ViewStateValues } from "./invoice-form/read.js";
export type { AccessRules } from "./listeners/access.js";
export { createLogger, type Logger, type LogLevel } from "./logger.js";
// Approval above a threshold: the rule, the approval message's buttons and the reject modal.
export type { ApprovalPolicy } from "./orders/approval.js";
export { runUntilSignal, type Stoppable } from "./run-until-signal.js";
export {
  openSqliteStore,
  openStore,
  type PostgresStoreOptions,
  type SqliteStoreOptions,
  type StoreConfig,
  StoreConnectionError,
} from "./store/index.js";
export type * from "./store/types.js";
// The views' ids: App Home's language setting (a person's own language, or their workspace's) and
// customers and price list, approval's buttons and reject modal, the order message's modals,
// `/invoice list`'s page button and a row's menu.
export {
  ADD_PRODUCT_ACTION_ID,
  APPROVAL_ACTION_IDS,
  APPROVAL_OUTCOME_BLOCK_ID,
  CANCEL_NOTE_ACTION_ID,
  CANCEL_NOTE_BLOCK_ID,
  DELETE_PRODUCT_ACTION_ID,
  EDIT_CUSTOMER_ACTION_ID,
  EDIT_PRODUCT_ACTION_ID,
  FOLLOW_WORKSPACE,
  FORGET_CUSTOMER_ACTION_ID,
  HOME_LANGUAGE_ACTION_ID,
  LIST_PAGE_ACTION_ID,
  ORDER_ROW_MENU_ACTION_ID,
  PRODUCT_EDIT_CALLBACK_ID,
  productEditBlockId,
  REFUND_IDS,
  REJECT_MODAL_CALLBACK_ID,
  REJECT_REASON_ACTION_ID,
  REJECT_REASON_BLOCK_ID,
  RESEND_IDS,
  refundLineBlockId,
  SAVE_EARLIER_LINE_ACTION_ID,
} from "./views/ids.js";
// The order message's controls.
export { ORDER_ACTION_IDS, overflowValue } from "./views/order-message.js";
