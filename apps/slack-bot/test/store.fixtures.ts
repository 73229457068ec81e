import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SEED_INVOICE_ORDER_EXAMPLE } from "@fakturabot/schema";
import { commitEvent } from "../src/orders/lifecycle.js";
import { newOrderId } from "../src/orders/order-id.js";
import type { OrderEvent } from "../src/orders/transitions.js";
import type { CustomerDetails, InvoiceStore, NewSubmission, StatusChange } from "../src/store/types.js";

export const PERSONAL_NUMBER = "28038712383";

/** A fresh directory under the system's temp dir, and a function that removes it. */
export function temporaryDataDir(): { dataDir: string; remove: () => void } {
  const dataDir = mkdtempSync(join(tmpdir(), "fakturabot-store-"));
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** A submission of the seed page's example order, as the service records it. */
export function submission(overrides: Partial<NewSubmission> = {}): NewSubmission {
  const id = overrides.id ?? newOrderId();
  return {
    id,
    submissionKey: `V${id}`,
    teamId: "T0TEAM",
    channelId: "C0SALES",
    userId: "U0KARI",
    customerType: "private",
    customerName: "Zahidul",
    customerIdentifier: "280387*****",
    preferredLanguage: "en",
    grandTotalOre: 4000,
    request: { ...SEED_INVOICE_ORDER_EXAMPLE, referenceNo: id },
    ...overrides,
  };
}

/** Front Payment's 201 for an order, as the lifecycle's event. */
export function created(fpOrderUuid: string): OrderEvent {
  return {
    type: "created",
    fpOrderUuid,
    fpCustomerUuid: "CSRT3419523642",
    bankIdUrl: `https://auth.current.bankid.no/precheck/auth?state=${fpOrderUuid}`,
    at: 1_755_150_000,
  };
}

/** Applies `event` to the order as the lifecycle does: decide, then store it naming the version read. */
export function advance(store: InvoiceStore, id: string, event: OrderEvent) {
  return commitEvent(store, id, event);
}

/** A status notification, applied as the lifecycle does. */
export function notify(store: InvoiceStore, id: string, change: StatusChange) {
  return commitEvent(store, id, { type: "notified", change });
}

/** A verified callback from Front Payment. */
export function callback(
  fpOrderUuid: string,
  status: string,
  sentAt: number | null,
  extra: Partial<StatusChange> = {},
): StatusChange {
  return {
    fpOrderUuid,
    status,
    sentAt,
    paymentMethod: null,
    amount: "40",
    source: "callback",
    receivedAt: new Date((sentAt ?? 1_755_150_000) * 1000 + 500),
    ...extra,
  };
}

/** A private customer whose address the erasure tests look for on disk after forgetting them. */
export const FORGOTTEN_CUSTOMER: CustomerDetails = {
  teamId: "T0TEAM",
  type: "private",
  name: "Ingrid Forgetme",
  organizationId: null,
  email: "ingrid.forgetme@example.no",
  countryCode: "+47",
  msisdn: "98765432",
  street: "Glemselsveien 7",
  zip: "0150",
  city: "Oslo",
  country: "NO",
  preferredLanguage: "no",
};
