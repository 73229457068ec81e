/**
 * Every identifier the `/invoice` modal and its outcome views use, in one place, so the view
 * builders, the form reader and the listeners cannot drift apart.
 *
 * Slack keeps what a person typed across `views.update` only when an input keeps the same
 * `block_id` AND `action_id`: these ids never change while a modal is open, and product lines are
 * keyed by a stable line key (see `metadata.ts`), never by their position.
 */

/** `callback_id` of the form; `view_submission` and `view_closed` arrive with it. */
export const INVOICE_MODAL_CALLBACK_ID = "invoice_modal";

/**
 * `callback_id` of the views that replace the form after a submission (sending, created, failed,
 * unknown). They have no submit button, so only `view_closed` may arrive with it.
 */
export const SUBMISSION_CALLBACK_ID = "invoice_submission";

/** The form's fields that exist once per modal (product lines are in {@link LineField}). */
export type FormField =
  | "customerType"
  | "name"
  | "personalNumber"
  | "organizationId"
  | "email"
  | "countryCode"
  | "mobile"
  | "street"
  | "zip"
  | "city"
  | "country"
  | "preferredLanguage"
  | "invoiceOptions"
  | "invoiceMaturity"
  | "invoiceInterval"
  | "referenceNo"
  | "customerReference";

/** The customer details a person types as free text; each is required wherever its block is shown. */
export const CUSTOMER_TEXT_FIELDS = [
  "name",
  "email",
  "mobile",
  "personalNumber",
  "organizationId",
  "street",
  "zip",
  "city",
] as const satisfies readonly FormField[];

export type CustomerTextField = (typeof CUSTOMER_TEXT_FIELDS)[number];

/**
 * The `block_id` of each input block: the keys of `response_action: "errors"` and of
 * `view.state.values`. `invoiceOptions` holds two checkboxes (invoice fee, separate invoices).
 */
export const BLOCK_IDS: Readonly<Record<FormField, string>> = {
  customerType: "customer.type",
  name: "customer.name",
  personalNumber: "customer.personal_number",
  organizationId: "customer.organization_id",
  email: "customer.email",
  countryCode: "customer.country_code",
  mobile: "customer.mobile",
  street: "customer.street",
  zip: "customer.zip",
  city: "customer.city",
  country: "customer.country",
  preferredLanguage: "customer.language",
  invoiceOptions: "terms.options",
  invoiceMaturity: "terms.maturity",
  invoiceInterval: "terms.interval",
  referenceNo: "references.ours",
  customerReference: "references.customer",
};

/** The `action_id` of each input's element (unique per block; stable across updates). */
export const ACTION_IDS: Readonly<Record<FormField, string>> = {
  /** Dispatches `block_actions` on change: the listener switches the required fields live. */
  customerType: "invoice_form.customer_type",
  name: "invoice_form.name",
  personalNumber: "invoice_form.personal_number",
  organizationId: "invoice_form.organization_id",
  email: "invoice_form.email",
  countryCode: "invoice_form.country_code",
  mobile: "invoice_form.mobile",
  street: "invoice_form.street",
  zip: "invoice_form.zip",
  city: "invoice_form.city",
  country: "invoice_form.country",
  preferredLanguage: "invoice_form.language",
  invoiceOptions: "invoice_form.options",
  invoiceMaturity: "invoice_form.maturity",
  invoiceInterval: "invoice_form.interval",
  referenceNo: "invoice_form.reference_ours",
  customerReference: "invoice_form.reference_customer",
};

/**
 * The action id of `field` in a form whose customer fields the bot has filled `fills` times (from
 * Brønnøysundregistrene or a saved customer). Slack keeps what was typed into an element across
 * `views.update` while its block and action ids stay; a fill must replace it, so each fill gives
 * the customer fields new action ids. Block ids never change: error messages stay keyed by them.
 */
export function fieldActionId(field: FormField, fills = 0): string {
  const id = ACTION_IDS[field];
  return fills > 0 && BLOCK_IDS[field].startsWith("customer.") ? `${id}.${fills}` : id;
}

/** Matches `fieldActionId(field, n)` for every `n`: what a listener registers. */
export function anyFillActionId(field: FormField): RegExp {
  return new RegExp(`^${ACTION_IDS[field].replaceAll(".", "\\.")}(\\.\\d+)?$`);
}

/** Option values of the `invoiceOptions` checkboxes. */
export const INVOICE_OPTION_VALUES = {
  invoiceFee: "invoice_fee",
  separateInvoices: "separate_invoices",
} as const;

/** The inputs of one product line. */
export type LineField = "name" | "productId" | "quantity" | "rate" | "tax" | "discount";

export const LINE_FIELDS: readonly LineField[] = ["name", "productId", "quantity", "rate", "tax", "discount"];

const LINE_BLOCK_SUFFIX: Readonly<Record<LineField, string>> = {
  name: "name",
  productId: "product_id",
  quantity: "quantity",
  rate: "rate",
  tax: "tax",
  discount: "discount",
};

/** `block_id` of a line's input, e.g. `line.l3.quantity`: stable while the line exists. */
export function lineBlockId(lineKey: string, field: LineField): string {
  return `line.${lineKey}.${LINE_BLOCK_SUFFIX[field]}`;
}

/** `block_id` of the section that heads a line (its number, amount and remove button). */
export function lineHeaderBlockId(lineKey: string): string {
  return `line.${lineKey}`;
}

/**
 * The `action_id` of a line's inputs: the same in every line (block ids tell lines apart).
 * Quantity, unit price, VAT rate and discount dispatch `block_actions` so the listener can
 * refresh the running totals.
 */
export const LINE_ACTION_IDS: Readonly<Record<LineField, string>> = {
  name: "invoice_form.line_name",
  productId: "invoice_form.line_product_id",
  quantity: "invoice_form.line_quantity",
  rate: "invoice_form.line_rate",
  tax: "invoice_form.line_tax",
  discount: "invoice_form.line_discount",
};

/**
 * Every dispatching input whose `block_actions` should refresh the running totals: register one
 * listener for each (`app.action(id, …)`), read the form and `views.update` with the view hash.
 */
export const RECALCULATE_ACTION_IDS: readonly string[] = [
  LINE_ACTION_IDS.quantity,
  LINE_ACTION_IDS.rate,
  LINE_ACTION_IDS.tax,
  LINE_ACTION_IDS.discount,
  // The due date shown under it follows the days.
  ACTION_IDS.invoiceMaturity,
];

/** Block ids of the form's non-input blocks. */
export const LAYOUT_BLOCK_IDS = {
  notice: "notice",
  customerHeader: "customer",
  linesHeader: "lines",
  addLine: "lines.add",
  totals: "lines.totals",
  termsHeader: "terms",
  referencesHeader: "references",
  /** What Brønnøysundregistrene said about the organisation number (filled, warnings, no answer). */
  register: "customer.register",
  /** The saved-customer picker at the top of the form. */
  savedCustomer: "customer.saved",
} as const;

/**
 * The saved-customer picker (an `external_select`): its options come from a `block_suggestion`
 * request (search as you type), its choice fills the customer fields. The option value is the
 * customer's id.
 */
export const SAVED_CUSTOMER_ACTION_ID = "invoice_form.saved_customer";

/** "Add line" button. */
export const ADD_LINE_ACTION_ID = "invoice_form.add_line";

/** A line's "Remove" button; its `value` is the line key. */
export const REMOVE_LINE_ACTION_ID = "invoice_form.remove_line";

/**
 * "Send again" on the failed view: the order certainly was not created, so it may be sent again
 * (store transition from `failed`). The button's `value` is our order id.
 */
export const RETRY_SUBMISSION_ACTION_ID = "invoice_submission.retry";

/**
 * "Send anyway" on the unknown-outcome view, behind a Slack `confirm` dialog that states the
 * risk of a duplicate (store transition from `unknown`). The button's `value` is our order id.
 */
export const CONFIRM_UNKNOWN_RETRY_ACTION_ID = "invoice_submission.send_anyway";

/**
 * "Open" in the direct message that tells someone who closed the modal how their submission went:
 * opens the outcome view again (Send again, Edit, Send anyway). The button's `value` is our order id.
 */
export const OPEN_SUBMISSION_ACTION_ID = "invoice_submission.open";

/**
 * "Edit" on the failed view: back to the form, filled in from the stored request
 * (`formFromOrder`). The button's `value` is our order id.
 */
export const EDIT_SUBMISSION_ACTION_ID = "invoice_submission.edit";

/**
 * A line's product picker (an `external_select`, search as you type): its options come from a
 * `block_suggestion`, its choice fills the line's name, product id, unit price and VAT rate. The
 * option value is {@link productOptionValue}'s.
 */
export const PRODUCT_PICKER_ACTION_ID = "invoice_form.line_product";

/** `block_id` of a line's product picker, e.g. `line.l3.product`: which line a choice fills. */
export function lineProductBlockId(lineKey: string): string {
  return `line.${lineKey}.product`;
}

/** The line key in a product picker's block id, or undefined for any other block. */
export function lineKeyOfProductBlock(blockId: string): string | undefined {
  return /^line\.([0-9a-z]{1,4})\.product$/.exec(blockId)?.[1];
}

/** What a product picker's option stands for: a product of the price list, or an earlier line. */
export type ProductChoice = { kind: "product" | "earlier"; id: string };

export function productOptionValue({ kind, id }: ProductChoice): string {
  return `${kind === "product" ? "p" : "l"}:${id}`;
}

/** The choice behind a product picker's option value, or undefined for anything else. */
export function productChoiceOf(value: string | undefined): ProductChoice | undefined {
  const match = /^([pl]):([A-Z0-9]{1,40})$/.exec(value ?? "");
  if (!match?.[2]) return undefined;
  return { kind: match[1] === "p" ? "product" : "earlier", id: match[2] };
}
