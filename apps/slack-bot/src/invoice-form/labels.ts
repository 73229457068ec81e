import type { Messages } from "../i18n/index.js";
import type { FormField, LineField } from "./ids.js";
import type { CustomerType } from "./metadata.js";

/**
 * What each field is called, in the modal's labels and in the messages about it ("Personal
 * number has wrong check digits"), so the two always agree: the catalogue's `formErrors` area.
 */
export function fieldNames(t: Messages): Readonly<Record<Exclude<FormField, "name">, string>> {
  const words = t.formErrors;
  return {
    customerType: words.customerType,
    personalNumber: words.personalNumber,
    organizationId: words.organizationId,
    email: t.common.email,
    countryCode: t.common.countryCode,
    mobile: words.mobile,
    street: words.street,
    zip: words.zip,
    city: words.city,
    country: words.country,
    preferredLanguage: words.preferredLanguage,
    invoiceOptions: words.invoiceOptions,
    invoiceMaturity: words.invoiceMaturity,
    invoiceInterval: words.invoiceInterval,
    referenceNo: words.referenceNo,
    customerReference: words.customerReference,
  };
}

/** The customer's name field is a person's or a company's name. */
export function nameFieldName(t: Messages, customerType: CustomerType): string {
  return customerType === "private" ? t.formErrors.nameOfPerson : t.formErrors.nameOfCompany;
}

export function fieldName(t: Messages, field: FormField, customerType: CustomerType): string {
  return field === "name" ? nameFieldName(t, customerType) : fieldNames(t)[field];
}

export function lineFieldNames(t: Messages): Readonly<Record<LineField, string>> {
  const words = t.formErrors;
  return {
    name: words.lineName,
    productId: words.lineProductId,
    quantity: words.lineQuantity,
    rate: words.lineRate,
    tax: words.lineTax,
    discount: words.lineDiscount,
  };
}
