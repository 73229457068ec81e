import {
  type CheckedInvoiceOrderRequest,
  createCheckedInvoiceOrderRequestSchema,
  DEFAULT_TAX_RATES,
  type InvoiceOrderRequest,
  kronerToOre,
  priceOrder,
  unixSeconds,
} from "@fakturabot/schema";
import type { ZodIssue } from "zod";
import type { Messages } from "../i18n/index.js";
import { mobileProblem, postcodeProblem } from "./customer-rules.js";
import { type FormDefaults, formDefaults } from "./defaults.js";
import { blockForOrderPath, isFieldShown, ORDER_PATH_FIELDS, PRODUCT_PATH_FIELDS } from "./fields.js";
import { BLOCK_IDS, CUSTOMER_TEXT_FIELDS, type FormField, lineBlockId } from "./ids.js";
import { fieldName, lineFieldNames } from "./labels.js";
import {
  DEFAULT_MAX_INVOICE_TOTAL_KRONER,
  type LimitedTextField,
  NUMBER_MAX_VALUES,
  TEXT_MAX_LENGTHS,
} from "./limits.js";
import { type CheckedLine, checkLine } from "./line-check.js";
import type { FormMetadata } from "./metadata.js";
import {
  isPlainDecimal,
  normaliseCountryCode,
  normaliseDecimal,
  normaliseEmail,
  normaliseMobile,
  normaliseOrganizationNumber,
  normalisePersonalNumber,
  normaliseText,
} from "./normalise.js";
import { schemaPredicate } from "./phrases.js";
import type { InvoiceFormValues } from "./read.js";

/** What the bot adds to what was typed. */
export interface ValidationContext {
  /** The order date. */
  now: Date;
  /** Our order id: sent as `referenceNo` when the user gave no reference of their own. */
  referenceNo: string;
  /** Our notification and redirect URLs for this order. */
  callback: { callbackUrl: string; success: string; failure: string };
  /** The VAT rates the Front Payment account accepts; its default set when left out. */
  taxRates?: readonly number[];
  /** Overrides of {@link FORM_DEFAULTS}, used for fields the view did not have. */
  defaults?: Partial<FormDefaults>;
  /** The largest total an invoice may have, in øre (configuration); 10 000 000 kr when left out. */
  maxInvoiceTotalOre?: number;
}

export type FormValidation =
  | { ok: true; order: InvoiceOrderRequest; grandTotalOre: number }
  /** Messages by input block id: the `errors` of `response_action: "errors"`. */
  | { ok: false; errors: Record<string, string> };

/** Fields Slack requires (non-optional inputs) and the order requires: empty gets "is required". */
const REQUIRED_FIELDS: readonly FormField[] = CUSTOMER_TEXT_FIELDS;

/** One message for a field from a zod issue, phrased with the field's name in `t`'s language. */
function phrase(t: Messages, name: string, issue: ZodIssue): string {
  const predicate = schemaPredicate(t, issue.message);
  if (predicate !== undefined) return `${name} ${predicate}`;
  // A predicate of the schema's the catalogue does not know yet: better in English than lost.
  if (/^[a-z]/.test(issue.message)) return `${name} ${issue.message}`;
  if (issue.code === "invalid_enum_value")
    return `${name} ${t.formErrors.mustBeOneOf({ options: issue.options.join(", ") })}`;
  if (issue.code === "invalid_type" && issue.received === "undefined")
    return `${name} ${t.formErrors.isRequired}`;
  return `${name} ${t.formErrors.isNotValid}`;
}

const checkedSchemas = new Map<string, typeof CheckedInvoiceOrderRequest>();

/** `CheckedInvoiceOrderRequest` for the account's VAT rates, built once per set of rates. */
function checkedSchema(taxRates: readonly number[]): typeof CheckedInvoiceOrderRequest {
  const key = taxRates.join();
  let schema = checkedSchemas.get(key);
  if (!schema) {
    schema = createCheckedInvoiceOrderRequestSchema({ taxRates });
    checkedSchemas.set(key, schema);
  }
  return schema;
}

/** The normalised customer and terms, and the problems found before the schema sees them. */
function customerAndTerms(
  t: Messages,
  form: InvoiceFormValues,
  defaults: FormDefaults,
  errors: Record<string, string>,
) {
  const type = form.customerType;
  const words = t.formErrors;
  const name = (field: FormField) => fieldName(t, field, type);
  const countryCode = normaliseCountryCode(form.countryCode) ?? defaults.countryCode;
  const values: Partial<Record<FormField, string | undefined>> = {
    name: normaliseText(form.name),
    email: normaliseEmail(form.email),
    mobile: normaliseMobile(form.mobile, countryCode),
    personalNumber: normalisePersonalNumber(form.personalNumber),
    organizationId: normaliseOrganizationNumber(form.organizationId),
    street: normaliseText(form.street),
    zip: normaliseText(form.zip),
    city: normaliseText(form.city),
  };
  for (const field of REQUIRED_FIELDS) {
    if (isFieldShown(field, type) && values[field] === undefined)
      errors[BLOCK_IDS[field]] = `${name(field)} ${words.isRequired}`;
  }
  const mobile = mobileProblem(t, countryCode, values.mobile);
  if (mobile) errors[BLOCK_IDS.mobile] = `${name("mobile")} ${mobile}`;

  const country = (form.country ?? defaults.country).toUpperCase();
  const postcode = postcodeProblem(t, country, values.zip);
  if (postcode) errors[BLOCK_IDS.zip] = `${name("zip")} ${postcode}`;

  const maturity = normaliseDecimal(form.invoiceMaturity) ?? String(defaults.invoiceMaturityDays);
  if (!/^\d+$/.test(maturity))
    errors[BLOCK_IDS.invoiceMaturity] = `${name("invoiceMaturity")} ${words.wholeNumberOfDays}`;
  else if (Number(maturity) > NUMBER_MAX_VALUES.invoiceMaturity)
    errors[BLOCK_IDS.invoiceMaturity] =
      `${name("invoiceMaturity")} ${words.atMostNumber({ max: String(NUMBER_MAX_VALUES.invoiceMaturity) })}`;
  const interval = normaliseDecimal(form.invoiceInterval);
  if (interval !== undefined && !isPlainDecimal(interval))
    errors[BLOCK_IDS.invoiceInterval] = `${name("invoiceInterval")} ${words.intervalValues}`;

  return {
    customerDetails: {
      type,
      countryCode,
      msisdn: values.mobile ?? "",
      email: values.email ?? "",
      name: values.name ?? "",
      preferredLanguage: form.preferredLanguage ?? defaults.preferredLanguage,
      // As in the seed's example: the other type's identifier is sent empty.
      personalNumber: type === "private" ? (values.personalNumber ?? "") : "",
      organizationId: type === "corporate" ? (values.organizationId ?? "") : "",
      address: {
        street: values.street ?? "",
        zip: values.zip ?? "",
        city: values.city ?? "",
        country,
      },
    },
    invoiceFeeApplicable: form.invoiceFeeApplicable ?? defaults.invoiceFeeApplicable,
    separateInvoices: form.separateInvoices ?? defaults.separateInvoices,
    invoiceMaturity: /^\d+$/.test(maturity) ? Number(maturity) : maturity,
    ...(interval === undefined
      ? {}
      : { invoiceInterval: isPlainDecimal(interval) ? Number(interval) : interval }),
  };
}

/**
 * Text longer than its input takes: Slack's client stops at `max_length`, but a signed payload
 * need not come from it. This is the first thing to fix, so it replaces any other message.
 */
function textTooLong(t: Messages, form: InvoiceFormValues, errors: Record<string, string>) {
  for (const [field, max] of Object.entries(TEXT_MAX_LENGTHS) as [LimitedTextField, number][]) {
    if ((form[field]?.length ?? 0) > max)
      errors[BLOCK_IDS[field]] =
        `${fieldName(t, field, form.customerType)} ${t.formErrors.atMostCharacters({ max })}`;
  }
}

/**
 * The invoice's total above the deployment's maximum: a plain message on the unit price of the
 * line that adds the most, since the total has no input of its own. Returns whether it is.
 */
function totalTooLarge(
  t: Messages,
  form: InvoiceFormValues,
  lines: readonly CheckedLine[],
  maxOre: number,
  errors: Record<string, string>,
): boolean {
  const amounts = lines.map((line) => line.amountOre ?? 0);
  // Each line is at most 10^15 øre (limits.ts), so the sum of a form's lines is exact enough to compare.
  const totalOre = amounts.reduce((sum, amount) => sum + amount, 0);
  if (totalOre <= maxOre) return false;
  const largest = amounts.indexOf(Math.max(...amounts));
  errors[lineBlockId(form.lines[largest]?.key ?? "", "rate")] = t.formErrors.totalTooLarge({
    total: t.format.money(totalOre),
    max: t.format.money(maxOre),
  });
  return true;
}

/** The order's products: priced by `priceOrder` when every line can be, else unpriced placeholders. */
function products(lines: readonly CheckedLine[], overLimit: boolean) {
  const typed = lines.map((line) => ({
    name: line.name ?? "",
    ...(line.productId === undefined ? {} : { productId: line.productId }),
    quantity: line.quantity ?? "",
    rate: line.rate ?? "",
    tax: line.tax ?? "",
    ...(line.discount === undefined ? {} : { discount: line.discount }),
  }));
  if (!overLimit && lines.every((line) => line.amountOre !== null)) return priceOrder(typed);
  // Some line has problems (already reported on its blocks): the schema still checks the rest.
  return {
    products: typed.map((line) => ({ ...line, amount: 0 })),
    orderSummary: { subTotal: 0, totalTax: 0, totalDiscount: 0, grandTotal: 0 },
  };
}

/**
 * Validates a submitted form. Normalises what people type (spaces in numbers, `,` as decimal
 * separator, `47` for `+47`, email case, "NO … MVA"), prices the lines with `priceOrder`, and
 * parses the order with `CheckedInvoiceOrderRequest` (the schema plus Norwegian check digits).
 * Every problem is a message next to the input block a person sees, keyed by block id; the
 * first problem of a block wins.
 *
 * Throws when the schema rejects something the bot computed (orderSummary, amounts, orderDate,
 * callback): that is a programming or configuration error, not the user's.
 */
export function validateInvoiceForm(
  t: Messages,
  form: InvoiceFormValues,
  context: ValidationContext,
): FormValidation {
  const defaults = formDefaults(context.defaults);
  const taxRates = context.taxRates ?? DEFAULT_TAX_RATES;
  const errors: Record<string, string> = {};

  const lines = form.lines.map((line) => checkLine(t, line, taxRates));
  lines.forEach((line, index) => {
    const key = form.lines[index]?.key ?? "";
    if (line.name === undefined) line.problems.name = `${lineFieldNames(t).name} ${t.formErrors.isRequired}`;
    for (const [field, message] of Object.entries(line.problems)) {
      errors[lineBlockId(key, field as keyof typeof line.problems)] = message;
    }
  });

  const terms = customerAndTerms(t, form, defaults, errors);
  const maxTotalOre = context.maxInvoiceTotalOre ?? DEFAULT_MAX_INVOICE_TOTAL_KRONER * 100;
  const priced = products(lines, totalTooLarge(t, form, lines, maxTotalOre, errors));
  const ourReference = normaliseText(form.referenceNo);
  const customerReference = normaliseText(form.customerReference);
  const candidate = {
    ...priced,
    orderDate: String(unixSeconds(context.now)),
    referenceNo: ourReference ?? context.referenceNo,
    ...(customerReference === undefined ? {} : { customerReference }),
    ...terms,
    callback: context.callback,
  };

  const result = checkedSchema(taxRates).safeParse(candidate);
  if (!result.success) {
    const layout = { customerType: form.customerType, lineKeys: form.lines.map((line) => line.key) };
    const computed: string[] = [];
    for (const issue of result.error.issues) {
      const block = blockForOrderPath(t, issue.path, layout);
      if (block) errors[block.blockId] ??= phrase(t, block.name, issue);
      else computed.push(`${issue.path.join(".")} ${issue.message}`);
    }
    if (computed.length > 0)
      throw new Error(`The invoice form built an invalid order: ${computed.join("; ")}`);
  }
  textTooLong(t, form, errors);
  if (Object.keys(errors).length > 0 || !result.success) return { ok: false, errors };
  return {
    ok: true,
    order: result.data,
    grandTotalOre: kronerToOre(result.data.orderSummary.grandTotal),
  };
}

/** Front Payment's 417 messages, placed on the form. */
export interface MappedFrontPaymentErrors {
  /** Messages by input block id, phrased for the field ("Personal number must be exactly 11 digits"). */
  byBlock: Record<string, string>;
  /** Messages about no field the form shows, for a general notice. */
  unmatched: string[];
}

/** A Laravel attribute as Front Payment writes it: `customerDetails.personalNumber` → "customer details.personal number". */
function laravelAttribute(path: string): string {
  return path
    .split(".")
    .map((segment) => segment.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase())
    .join(".");
}

/** Every order path a person types, as Laravel names it; longest first, so the most specific wins. */
const ATTRIBUTES: readonly { attribute: string; path: string[] }[] = [...ORDER_PATH_FIELDS.keys()]
  .map((path) => ({ attribute: laravelAttribute(path), path: path.split(".") }))
  .sort((a, b) => b.attribute.length - a.attribute.length);

const PRODUCT_ATTRIBUTE = new RegExp(
  `^the products\\.(\\d+)\\.(${[...PRODUCT_PATH_FIELDS.keys()].map(laravelAttribute).join("|")}) `,
  "i",
);

/** The order path a Laravel sentence is about, and the rest of the sentence. */
function parseSentence(sentence: string): { path: (string | number)[]; predicate: string } | undefined {
  const product = PRODUCT_ATTRIBUTE.exec(sentence);
  if (product) {
    const [whole, index = "", attribute = ""] = product;
    const field = [...PRODUCT_PATH_FIELDS.keys()].find(
      (key) => laravelAttribute(key) === attribute.toLowerCase(),
    );
    return field
      ? { path: ["products", Number(index), field], predicate: sentence.slice(whole.length) }
      : undefined;
  }
  const lower = sentence.toLowerCase();
  const match = ATTRIBUTES.find(({ attribute }) => lower.startsWith(`the ${attribute} `));
  return match
    ? { path: match.path, predicate: sentence.slice(`the ${match.attribute} `.length) }
    : undefined;
}

/**
 * Places Front Payment's 417 messages ("The customer details.personal number must be exactly 11
 * digits.") next to the fields they name, rephrased with the field's name; a message about a
 * field the form does not show, or no field at all, is returned in `unmatched`.
 */
export function frontPaymentErrorsToBlocks(
  t: Messages,
  messages: readonly string[],
  metadata: FormMetadata,
): MappedFrontPaymentErrors {
  const byBlock: Record<string, string> = {};
  const unmatched: string[] = [];
  for (const message of messages) {
    const parsed = parseSentence(message.trim());
    const block = parsed && blockForOrderPath(t, parsed.path, metadata);
    if (!parsed || !block) {
      unmatched.push(message);
      continue;
    }
    const predicate = parsed.predicate.replace(/^field /, "").replace(/\.$/, "");
    const text = t.formErrors.frontPaymentSays({ name: block.name, predicate });
    byBlock[block.blockId] = byBlock[block.blockId] ? `${byBlock[block.blockId]}; ${text}` : text;
  }
  return { byBlock, unmatched };
}
