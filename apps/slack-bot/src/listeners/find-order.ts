import type { InvoiceStore, OrderRecord } from "../store/types.js";

/** The order a person means by `ODR…` (Front Payment's id) or `FB…` (ours). */
export function findOrder(store: InvoiceStore, reference: string): Promise<OrderRecord | null> {
  return reference.startsWith("ODR") ? store.getByFpOrderUuid(reference) : store.get(reference);
}
