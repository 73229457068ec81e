import { randomInt } from "node:crypto";

/**
 * Front Payment's identifiers: `ODR` and `CSRT` followed by 10 digits (docs/front-payment.md §14), unique within
 * one sandbox, invoice numbers as 8-digit strings like the docs' `99900753`, in sequence, and
 * numeric order-line ids (what Refund Order names), in sequence.
 */
export function createIdGenerator() {
  const issued = new Set<string>();
  let lastInvoiceNumber = 99_900_000;
  let lastLineId = 1000;

  function unique(prefix: string): string {
    for (;;) {
      const id = `${prefix}${String(randomInt(1_000_000_000, 10_000_000_000))}`;
      if (issued.has(id)) continue;
      issued.add(id);
      return id;
    }
  }

  return {
    orderUuid: () => unique("ODR"),
    customerUuid: () => unique("CSRT"),
    invoiceNumber: () => String(++lastInvoiceNumber),
    lineId: () => ++lastLineId,
  };
}

export type IdGenerator = ReturnType<typeof createIdGenerator>;
