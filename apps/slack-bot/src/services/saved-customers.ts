import { randomBytes } from "node:crypto";
import type { InvoiceOrderRequest } from "@fakturabot/schema";
import type { BotDeps } from "../deps.js";
import type { Messages } from "../i18n/index.js";
import { mobileProblem, postcodeProblem } from "../invoice-form/customer-rules.js";
import {
  normaliseCountryCode,
  normaliseEmail,
  normaliseMobile,
  normaliseText,
} from "../invoice-form/normalise.js";
import type { InitialFormValues, ViewStateValues } from "../invoice-form/read.js";
import type { CustomerDetails, SavedCustomer } from "../store/types.js";
import {
  CUSTOMER_EDIT_FIELDS,
  type CustomerEditField,
  customerEditActionId,
  customerEditBlockId,
  customerEditLabels,
} from "../views/home/customer-edit-modal.js";

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

/**
 * Remembers an order's customer for the team's next invoice, once Front Payment has created the
 * order (a failed or unknown one is not remembered). A failure to save is logged: the invoice is
 * sent either way.
 */
export async function rememberCustomerIfCreated(
  deps: Pick<BotDeps, "orders" | "customers" | "logger">,
  order: { id: string; teamId: string },
  customer: InvoiceOrderRequest["customerDetails"],
): Promise<void> {
  if ((await deps.orders.get(order.id))?.state !== "created") return;
  try {
    await deps.customers.saveCustomer(customerDetailsOf(order.teamId, customer), newCustomerId());
  } catch (error) {
    deps.logger.warn({ orderId: order.id, err: error }, "could not remember the customer");
  }
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

/** What the edit modal's submission says: the new details, or messages by block id. */
export type CustomerEdit =
  | { ok: true; details: Omit<CustomerDetails, "teamId" | "type"> }
  | { ok: false; errors: Record<string, string> };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Reads and checks the saved-customer edit modal (`view.state.values`), normalised as the invoice
 * form normalises what is typed, with the same postcode and mobile rules. Never throws.
 */
export function readCustomerEdit(
  t: Messages,
  values: ViewStateValues,
  customer: SavedCustomer,
): CustomerEdit {
  const words = t.formErrors;
  const labels = customerEditLabels(t);
  const typed = (field: CustomerEditField | "country" | "preferredLanguage") => {
    const state = values[customerEditBlockId(field)]?.[customerEditActionId(field)];
    return normaliseText(state?.value ?? state?.selected_option?.value ?? undefined);
  };
  const countryCode = normaliseCountryCode(typed("countryCode"));
  const details = {
    name: typed("name"),
    organizationId: customer.organizationId,
    email: normaliseEmail(typed("email")),
    countryCode,
    msisdn: normaliseMobile(typed("msisdn"), countryCode),
    street: typed("street"),
    zip: typed("zip"),
    city: typed("city"),
    country: typed("country")?.toUpperCase() ?? customer.country,
    preferredLanguage: (typed("preferredLanguage") ??
      customer.preferredLanguage) as SavedCustomer["preferredLanguage"],
  };
  const errors: Record<string, string> = {};
  const problem = (field: CustomerEditField, message: string | undefined) => {
    if (message) errors[customerEditBlockId(field)] ??= `${labels[field]} ${message}`;
  };
  for (const field of Object.keys(CUSTOMER_EDIT_FIELDS) as CustomerEditField[])
    problem(field, details[field] === undefined ? words.isRequired : undefined);
  problem("email", details.email && !EMAIL.test(details.email) ? words.emailAddress : undefined);
  problem("countryCode", countryCode && !/^\+\d{1,4}$/.test(countryCode) ? words.diallingCode : undefined);
  problem("msisdn", details.msisdn && !/^\d{4,15}$/.test(details.msisdn) ? words.mobileDigits : undefined);
  problem("msisdn", mobileProblem(t, countryCode ?? "", details.msisdn));
  problem("zip", postcodeProblem(t, details.country, details.zip));
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // Every text field was checked present above.
  return { ok: true, details: details as Extract<CustomerEdit, { ok: true }>["details"] };
}
