import type { FormDefaults } from "../../invoice-form/defaults.js";
import type { FormMetadata } from "../../invoice-form/metadata.js";
import type { InitialFormValues } from "../../invoice-form/read.js";
import type { FormTotals } from "../../invoice-form/totals.js";

export interface InvoiceModalOptions {
  /** The form's shape: channel, customer type (which identifier field shows) and line keys. */
  metadata: FormMetadata;
  /**
   * Values to fill in: a prefill, or the form as read or as stored. Lines by position. Inputs
   * whose block and action ids are unchanged keep what the person typed whatever this says.
   * `initial.customerType` is ignored: the metadata decides.
   */
  initial?: InitialFormValues;
  /** Running totals; computed from `initial` (and the defaults) when left out. */
  totals?: FormTotals;
  /** A message at the top of the form, e.g. Front Payment's messages that fit no field. */
  notice?: string;
  /**
   * Messages shown under their input blocks, by block id: how Front Payment's 417 messages
   * return to the form after the submission was acknowledged (when `response_action: "errors"`
   * is no longer possible). Unknown block ids are ignored; each message is cut at 300 characters.
   */
  fieldErrors?: Readonly<Record<string, string>>;
  /** The VAT rates offered; Front Payment's defaults when left out. */
  taxRates?: readonly number[];
  defaults?: Partial<FormDefaults>;
  /** Today, for the due date shown under the maturity days; no date is shown when left out. */
  now?: Date;
}
