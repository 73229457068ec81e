import type { PreferredLanguage } from "@fakturabot/schema";

/**
 * What the form starts with, and what the validation assumes for a field the view did not have.
 * A deployment may override them (configuration), e.g. another maturity or an invoice fee.
 */
export interface FormDefaults {
  /** Dialling code of the customer's mobile number. */
  countryCode: string;
  /** ISO 3166-1 alpha-2 country of the customer's address. */
  country: string;
  preferredLanguage: PreferredLanguage;
  /** A new line's quantity. */
  quantity: string;
  /** A new line's VAT rate, in percent; the first allowed rate when it is not allowed. */
  taxRate: number;
  /** Days until the invoice is due. */
  invoiceMaturityDays: number;
  invoiceFeeApplicable: boolean;
  separateInvoices: boolean;
}

export const FORM_DEFAULTS: Readonly<FormDefaults> = {
  countryCode: "+47",
  country: "NO",
  preferredLanguage: "no",
  quantity: "1",
  taxRate: 25,
  invoiceMaturityDays: 14,
  invoiceFeeApplicable: false,
  separateInvoices: false,
};

/** The defaults with a deployment's overrides applied. */
export function formDefaults(overrides: Partial<FormDefaults> = {}): FormDefaults {
  return { ...FORM_DEFAULTS, ...overrides };
}
