import type { ViewStateValue } from "@slack/bolt";
import {
  BLOCK_IDS,
  type FormField,
  fieldActionId,
  INVOICE_OPTION_VALUES,
  LINE_ACTION_IDS,
  LINE_FIELDS,
  lineBlockId,
} from "./ids.js";
import type { CustomerType, FormMetadata } from "./metadata.js";

/** `view.state.values`: input values by block id, then action id. */
export type ViewStateValues = Record<string, Record<string, ViewStateValue>>;

/** One product line as typed; `key` is its line key from the metadata. Empty fields are absent. */
export interface InvoiceLineValues {
  key: string;
  name?: string;
  productId?: string;
  quantity?: string;
  /** Unit price including VAT, in kroner. */
  rate?: string;
  /** VAT rate in percent, as the select's value ("25"). */
  tax?: string;
  /** Discount on the whole line, in kroner. */
  discount?: string;
}

/**
 * The form as typed: raw strings, not yet normalised or checked. A field is absent when it is
 * empty or its block is not in the view; the checkboxes are absent only when their block is.
 */
export interface InvoiceFormValues {
  customerType: CustomerType;
  name?: string;
  email?: string;
  /** Dialling code of the mobile number ("+47"). */
  countryCode?: string;
  mobile?: string;
  personalNumber?: string;
  organizationId?: string;
  street?: string;
  zip?: string;
  city?: string;
  /** ISO 3166-1 alpha-2 code, as the select's value. */
  country?: string;
  preferredLanguage?: string;
  /** In the metadata's `lineKeys` order. */
  lines: InvoiceLineValues[];
  invoiceFeeApplicable?: boolean;
  separateInvoices?: boolean;
  /** Days until the invoice is due. */
  invoiceMaturity?: string;
  invoiceInterval?: string;
  /** Our reference (sent as `referenceNo`). */
  referenceNo?: string;
  customerReference?: string;
}

/**
 * Values to start a form with (`invoiceModal`'s `initial`): any subset of the form, lines by
 * position (line `i` fills the metadata's `lineKeys[i]`). `InvoiceFormValues` read from the same
 * metadata fits as it is.
 */
export type InitialFormValues = Partial<Omit<InvoiceFormValues, "lines">> & {
  lines?: readonly Partial<InvoiceLineValues>[];
};

type TextField = Exclude<FormField, "customerType" | "invoiceOptions">;

const TEXT_FIELDS: readonly TextField[] = [
  "name",
  "email",
  "countryCode",
  "mobile",
  "personalNumber",
  "organizationId",
  "street",
  "zip",
  "city",
  "country",
  "preferredLanguage",
  "invoiceMaturity",
  "invoiceInterval",
  "referenceNo",
  "customerReference",
];

/** The element state at `blockId`/`actionId`, or undefined for anything missing or malformed. */
function elementState(
  values: unknown,
  blockId: string,
  actionId: string,
): Partial<ViewStateValue> | undefined {
  if (typeof values !== "object" || values === null) return undefined;
  const block: unknown = (values as Record<string, unknown>)[blockId];
  if (typeof block !== "object" || block === null) return undefined;
  const element: unknown = (block as Record<string, unknown>)[actionId];
  return typeof element === "object" && element !== null ? (element as Partial<ViewStateValue>) : undefined;
}

/** A text input's value or a select's / radio group's chosen value; empty is undefined. */
function textValue(values: unknown, blockId: string, actionId: string): string | undefined {
  const state = elementState(values, blockId, actionId);
  const text = typeof state?.value === "string" ? state.value : state?.selected_option?.value;
  return typeof text === "string" && text !== "" ? text : undefined;
}

/** The chosen values of a checkbox group, or undefined when the block is not there. */
function checkedValues(values: unknown, blockId: string, actionId: string): string[] | undefined {
  const state = elementState(values, blockId, actionId);
  if (!state) return undefined;
  const selected = Array.isArray(state.selected_options) ? state.selected_options : [];
  return selected.flatMap((option: unknown) => {
    const value = (option as { value?: unknown } | null)?.value;
    return typeof value === "string" ? [value] : [];
  });
}

function readLine(values: unknown, key: string): InvoiceLineValues {
  const line: InvoiceLineValues = { key };
  for (const field of LINE_FIELDS) {
    const value = textValue(values, lineBlockId(key, field), LINE_ACTION_IDS[field]);
    if (value !== undefined) line[field] = value;
  }
  return line;
}

/**
 * Reads the form from `view.state.values` (of a `view_submission` or a `block_actions` payload).
 * Never throws: missing blocks, unexpected shapes and values that are not strings are simply
 * absent. The customer type is the radio button's when it is there, else the metadata's.
 */
export function readInvoiceForm(values: ViewStateValues, metadata: FormMetadata): InvoiceFormValues {
  const fills = metadata.fills ?? 0;
  const chosenType = textValue(values, BLOCK_IDS.customerType, fieldActionId("customerType", fills));
  const form: InvoiceFormValues = {
    customerType: chosenType === "private" || chosenType === "corporate" ? chosenType : metadata.customerType,
    lines: metadata.lineKeys.map((key) => readLine(values, key)),
  };
  for (const field of TEXT_FIELDS) {
    const value = textValue(values, BLOCK_IDS[field], fieldActionId(field, fills));
    if (value !== undefined) form[field] = value;
  }
  const options = checkedValues(values, BLOCK_IDS.invoiceOptions, fieldActionId("invoiceOptions"));
  if (options) {
    form.invoiceFeeApplicable = options.includes(INVOICE_OPTION_VALUES.invoiceFee);
    form.separateInvoices = options.includes(INVOICE_OPTION_VALUES.separateInvoices);
  }
  return form;
}
