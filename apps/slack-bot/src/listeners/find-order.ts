import type { InvoiceStore, OrderRecord } from "../store/types.js";

/** An order, and which of its Front Payment orders a person means (a second one, sent again, too). */
export interface FoundOrder {
  order: OrderRecord;
  /** Front Payment's order meant: the one named, or the order's own; null if never created. */
  fpOrderUuid: string | null;
}

/**
 * The order a person means by `ODR…` (Front Payment's id: the order's own, or a second order sent
 * for it after an unknown outcome) or `FB…` (ours).
 */
export async function findOrder(store: InvoiceStore, reference: string): Promise<FoundOrder | null> {
  if (!reference.startsWith("ODR")) {
    const order = await store.get(reference);
    return order ? { order, fpOrderUuid: order.fpOrderUuid } : null;
  }
  const order = (await store.getByFpOrderUuid(reference)) ?? (await store.getByOtherFpOrderUuid(reference));
  return order ? { order, fpOrderUuid: reference } : null;
}
