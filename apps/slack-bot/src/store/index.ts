export { FpOrderMismatchError, OrderNotFoundError, OrderStateError, StoreVersionError } from "./errors.js";
export {
  DATABASE_FILE,
  openSqliteStore,
  type SqliteStoreOptions,
} from "./sqlite.js";
export type {
  InvoiceStore,
  NewSubmission,
  OrderRecord,
  OtherFpOrderNews,
  RecordedStatusChange,
  RecordStatusOutcome,
  StatusChange,
  SubmissionState,
} from "./types.js";
