import type { FormField, LineField } from "./ids.js";
import type { CustomerType } from "./metadata.js";

/**
 * What each field is called, in the modal's labels and in the messages about it ("Personal
 * number has wrong check digits"), so the two always agree.
 */
export const FIELD_NAMES: Readonly<Record<Exclude<FormField, "name">, string>> = {
  customerType: "Customer type",
  personalNumber: "Personal number",
  organizationId: "Organisation number",
  email: "Email",
  countryCode: "Country code",
  mobile: "Mobile number",
  street: "Street address",
  zip: "Postcode",
  city: "City",
  country: "Country",
  preferredLanguage: "Invoice language",
  invoiceOptions: "Invoice options",
  invoiceMaturity: "Days until due",
  invoiceInterval: "Invoice interval",
  referenceNo: "Our reference",
  customerReference: "Customer's reference",
};

/** The customer's name field is a person's or a company's name. */
export function nameFieldName(customerType: CustomerType): string {
  return customerType === "private" ? "Full name" : "Company name";
}

export function fieldName(field: FormField, customerType: CustomerType): string {
  return field === "name" ? nameFieldName(customerType) : FIELD_NAMES[field];
}

export const LINE_FIELD_NAMES: Readonly<Record<LineField, string>> = {
  name: "Product",
  productId: "Product id",
  quantity: "Quantity",
  rate: "Unit price",
  tax: "VAT rate",
  discount: "Discount",
};
