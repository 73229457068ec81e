import type { OrderDetailsData } from "@fakturabot/client";
import type { CustomerDetails, IsoCountryCode, PreferredLanguage } from "@fakturabot/schema";
import { ISO_COUNTRY_CODES, PREFERRED_LANGUAGES } from "@fakturabot/schema";
import type { InvoiceFacts } from "../store/types.js";
import { type FormDefaults, formDefaults } from "./defaults.js";
import type { FormSource } from "./from-order.js";

function text(value: string | null | undefined): string {
  return value ?? "";
}

function country(value: string | null | undefined): IsoCountryCode {
  return ISO_COUNTRY_CODES.find((known) => known === value?.toUpperCase()) ?? "NO";
}

function language(value: string | null | undefined): PreferredLanguage | undefined {
  return PREFERRED_LANGUAGES.find((known) => known === value);
}

/**
 * What the form needs of an order Front Payment holds (Get Order Details), for "Copy as new
 * invoice" and "Edit…": the request is not kept once an order is created, so its lines and
 * customer come from Front Payment, and its terms from what the order's facts kept (else the
 * deployment's defaults). Nothing here is stored: it only fills the modal.
 */
export function sourceFromDetails(
  details: OrderDetailsData,
  facts: InvoiceFacts | undefined,
  defaults: Partial<FormDefaults> = {},
): FormSource {
  const customer = details.customerDetails;
  const shared = {
    countryCode: text(customer.countryCode),
    msisdn: text(customer.msisdn),
    email: text(customer.email),
    name: text(customer.name),
    address: {
      street: text(customer.address?.street),
      zip: text(customer.address?.zip),
      city: text(customer.address?.city),
      country: country(customer.address?.country),
    },
    ...(language(customer.preferredLanguage)
      ? { preferredLanguage: language(customer.preferredLanguage) }
      : {}),
  };
  const customerDetails: CustomerDetails =
    customer.type === "corporate"
      ? { ...shared, type: "corporate", organizationId: text(customer.organizationId) }
      : { ...shared, type: "private", personalNumber: text(customer.personalNumber) };
  const terms = formDefaults(defaults);
  return {
    products: details.productList.map((line) => ({
      name: line.name,
      ...(line.productId ? { productId: line.productId } : {}),
      quantity: line.quantity,
      rate: line.rate,
      tax: line.tax,
      ...(line.discount === undefined || line.discount === null ? {} : { discount: line.discount }),
      amount: line.amount,
    })),
    customerDetails,
    invoiceFeeApplicable: terms.invoiceFeeApplicable,
    separateInvoices: terms.separateInvoices,
    invoiceMaturity: facts?.maturityDays ?? terms.invoiceMaturityDays,
  };
}
