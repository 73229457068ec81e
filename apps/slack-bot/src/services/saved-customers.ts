import { randomBytes } from "node:crypto";
import type { InvoiceOrderRequest } from "@fakturabot/schema";
import type { CustomerDirectory } from "../deps.js";
import type { InitialFormValues } from "../invoice-form/read.js";
import type { CustomerDetails, SavedCustomer } from "../store/types.js";

/** A new saved customer's id: `CU` and 16 hex characters. */
export function newCustomerId(): string {
  return `CU${randomBytes(8).toString("hex").toUpperCase()}`;
}

/**
 * What is remembered of an invoice's customer: contact details and address, and a company's
 * organisation number. A person's personal number never: it is asked for again each time.
 */
export function customerDetailsOf(
  teamId: string,
  customer: InvoiceOrderRequest["customerDetails"],
): CustomerDetails {
  return {
    teamId,
    type: customer.type,
    name: customer.name,
    organizationId: customer.type === "corporate" ? (customer.organizationId ?? "") : null,
    email: customer.email,
    countryCode: customer.countryCode,
    msisdn: customer.msisdn,
    street: customer.address.street,
    zip: customer.address.zip,
    city: customer.address.city,
    country: customer.address.country,
    preferredLanguage: customer.preferredLanguage ?? "no",
  };
}

/** Remembers the customer of an invoice just created, for the team's next invoice. */
export function rememberCustomer(
  customers: CustomerDirectory,
  teamId: string,
  customer: InvoiceOrderRequest["customerDetails"],
): Promise<SavedCustomer> {
  return customers.saveCustomer(customerDetailsOf(teamId, customer), newCustomerId());
}

/** The form's customer fields as a saved customer fills them (the personal number stays empty). */
export function customerFormValues(customer: SavedCustomer): InitialFormValues {
  return {
    customerType: customer.type,
    name: customer.name,
    email: customer.email,
    countryCode: customer.countryCode,
    mobile: customer.msisdn,
    street: customer.street,
    zip: customer.zip,
    city: customer.city,
    country: customer.country,
    preferredLanguage: customer.preferredLanguage,
    ...(customer.organizationId === null ? {} : { organizationId: customer.organizationId }),
  };
}
