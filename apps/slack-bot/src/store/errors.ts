import type { SubmissionState } from "./types.js";

/** No order has this id. */
export class OrderNotFoundError extends Error {
  override readonly name = "OrderNotFoundError";
  constructor(readonly orderId: string) {
    super(`No order ${orderId} in the store`);
  }
}

/** The order is not in a state that allows this change (a bug in the caller, never user input). */
export class OrderStateError extends Error {
  override readonly name = "OrderStateError";
  constructor(
    readonly orderId: string,
    readonly state: SubmissionState,
    readonly change: string,
  ) {
    super(`Order ${orderId} is ${state}, so it cannot be ${change}`);
  }
}

/**
 * Front Payment reported a different order for one of ours than the one we know: both attempts of
 * an order whose first outcome was unknown reached Front Payment. Nothing was recorded.
 */
export class FpOrderMismatchError extends Error {
  override readonly name = "FpOrderMismatchError";
  constructor(
    readonly orderId: string,
    readonly knownFpOrderUuid: string,
    readonly otherFpOrderUuid: string,
  ) {
    super(`Order ${orderId} is Front Payment's ${knownFpOrderUuid}, not ${otherFpOrderUuid}`);
  }
}

/** The database was written by a newer Fakturabot, whose schema this version does not know. */
export class StoreVersionError extends Error {
  override readonly name = "StoreVersionError";
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `The database has schema version ${found}, but this Fakturabot knows versions up to ${known}: upgrade it`,
    );
  }
}
