import { startFrontPaymentSandbox } from "@fakturabot/sandbox";
import { type InvoiceOrderRequest, priceOrder, SEED_INVOICE_ORDER_EXAMPLE } from "@fakturabot/schema";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../src/i18n/index.js";
import { formFromOrder } from "../src/invoice-form/from-order.js";
import { BLOCK_IDS, LINE_ACTION_IDS, lineBlockId } from "../src/invoice-form/ids.js";
import {
  addLine,
  decodeFormMetadata,
  encodeFormMetadata,
  type FormMetadata,
  FormMetadataError,
  MAX_LINES,
  newFormMetadata,
  removeLine,
  switchCustomerType,
} from "../src/invoice-form/metadata.js";
import { normaliseDecimal } from "../src/invoice-form/normalise.js";
import { type InvoiceFormValues, readInvoiceForm, type ViewStateValues } from "../src/invoice-form/read.js";
import { formTotals } from "../src/invoice-form/totals.js";
import { frontPaymentErrorsToBlocks, validateInvoiceForm } from "../src/invoice-form/validate.js";
import { invoiceModal } from "../src/views/invoice-modal.js";

/** These tests read the bot in English. */
const t = messagesFor("en");

const CONTEXT = {
  now: new Date("2025-08-14T06:28:08Z"),
  referenceNo: "FB01TEST",
  callback: {
    callbackUrl: "https://fakturabot.example.com/frontpayment/callback/FB01TEST",
    success: "https://fakturabot.example.com/frontpayment/return/FB01TEST/success",
    failure: "https://fakturabot.example.com/frontpayment/return/FB01TEST/failure",
  },
};

/** A valid fødselsnummer (the seed's) and organisasjonsnummer. */
const PERSONAL_NUMBER = "28038712383";
const ORGANIZATION_NUMBER = "923609016";

/** Metadata with lines "1", "2", "3", then line "1" removed: the form's lines are "2" and "3". */
function metadataAfterRemovingFirstLine(): FormMetadata {
  return removeLine(addLine(addLine(newFormMetadata({ channelId: "C0SALES" }))), "1");
}

function privateForm(overrides: Partial<InvoiceFormValues> = {}): InvoiceFormValues {
  return {
    customerType: "private",
    name: "Kari Nordmann",
    email: "kari@example.no",
    countryCode: "+47",
    mobile: "46567468",
    personalNumber: PERSONAL_NUMBER,
    street: "Klosterenget 144",
    zip: "7030",
    city: "Trondheim",
    country: "NO",
    preferredLanguage: "no",
    lines: [
      { key: "2", name: "Consulting", quantity: "2", rate: "1250", tax: "25" },
      { key: "3", name: "Router", productId: "R_1", quantity: "1", rate: "4500", tax: "12" },
    ],
    invoiceFeeApplicable: true,
    separateInvoices: false,
    invoiceMaturity: "14",
    ...overrides,
  };
}

function corporateForm(overrides: Partial<InvoiceFormValues> = {}): InvoiceFormValues {
  const { personalNumber: _, ...form } = privateForm();
  return {
    ...form,
    customerType: "corporate",
    name: "Fjordkraft AS",
    organizationId: ORGANIZATION_NUMBER,
    ...overrides,
  };
}

function withLine(form: InvoiceFormValues, index: number, line: Partial<InvoiceFormValues["lines"][number]>) {
  return {
    ...form,
    lines: form.lines.map((existing, at) => (at === index ? { ...existing, ...line } : existing)),
  };
}

function errorsOf(form: InvoiceFormValues, context: Parameters<typeof validateInvoiceForm>[2] = CONTEXT) {
  const result = validateInvoiceForm(t, form, context);
  if (result.ok) throw new Error("expected the form to be rejected");
  return result.errors;
}

function inputBlockIds(form: InvoiceFormValues): Set<string> {
  const metadata: FormMetadata = {
    ...newFormMetadata({ channelId: "C0SALES", customerType: form.customerType }),
    lineKeys: form.lines.map((line) => line.key),
    lastLineNumber: 9,
  };
  return new Set(
    invoiceModal(t, { metadata }).blocks.flatMap((block) =>
      block.type === "input" && block.block_id ? [block.block_id] : [],
    ),
  );
}

describe("form metadata", () => {
  it("adds lines with new keys and removes a middle line without touching the others' keys", () => {
    const three = addLine(addLine(newFormMetadata({ channelId: "C0SALES" })));
    expect(three.lineKeys).toEqual(["1", "2", "3"]);
    const removed = removeLine(three, "2");
    expect(removed.lineKeys).toEqual(["1", "3"]);
    expect(addLine(removed).lineKeys).toEqual(["1", "3", "4"]);
  });

  it("never removes the last line, ignores unknown keys and stops adding at MAX_LINES", () => {
    const one = newFormMetadata({ channelId: "C0SALES" });
    expect(removeLine(one, "1")).toBe(one);
    expect(removeLine(addLine(one), "x")).toEqual(addLine(one));
    let full = one;
    for (let i = 0; i < MAX_LINES + 3; i++) full = addLine(full);
    expect(full.lineKeys).toHaveLength(MAX_LINES);
    expect(new Set(full.lineKeys).size).toBe(MAX_LINES);
  });

  it("switches the customer type and keeps the lines and channel", () => {
    const metadata = addLine(newFormMetadata({ channelId: "C0SALES" }));
    const corporate = switchCustomerType(metadata, "corporate");
    expect(corporate).toEqual({ ...metadata, customerType: "corporate" });
    expect(switchCustomerType(corporate, "corporate")).toBe(corporate);
  });

  it("round-trips through private_metadata far below Slack's 3000 characters", () => {
    let metadata = newFormMetadata({ channelId: "C0SALES", customerType: "corporate" });
    for (let i = 1; i < MAX_LINES; i++) metadata = addLine(metadata);
    const encoded = encodeFormMetadata(metadata);
    expect(decodeFormMetadata(encoded)).toEqual(metadata);
    expect(encoded.length).toBeLessThan(300);
  });

  it.each([
    ["empty", ""],
    ["not JSON", "{channel: C0SALES"],
    ["JSON null", "null"],
    ["an array", "[1,2]"],
    ["another version", '{"v":2,"c":"C0SALES","t":"private","l":["1"],"n":1}'],
    ["a bad channel id", '{"v":1,"c":"not a channel","t":"private","l":["1"],"n":1}'],
    ["a bad customer type", '{"v":1,"c":"C0SALES","t":"alien","l":["1"],"n":1}'],
    ["no lines", '{"v":1,"c":"C0SALES","t":"private","l":[],"n":1}'],
    ["repeated line keys", '{"v":1,"c":"C0SALES","t":"private","l":["1","1"],"n":1}'],
    ["a line key with markup", '{"v":1,"c":"C0SALES","t":"private","l":["<b>"],"n":1}'],
    [
      "too many lines",
      `{"v":1,"c":"C0SALES","t":"private","l":${JSON.stringify([...Array(11).keys()].map(String))},"n":11}`,
    ],
    ["a line key from the future", '{"v":1,"c":"C0SALES","t":"private","l":["9"],"n":1}'],
    ["an unknown field", '{"v":1,"c":"C0SALES","t":"private","l":["1"],"n":1,"admin":true}'],
    [
      "a response URL that is not https",
      '{"v":1,"c":"C0SALES","t":"private","l":["1"],"n":1,"r":"javascript:alert(1)"}',
    ],
    ["more than Slack allows", "x".repeat(3001)],
  ])("rejects %s with a FormMetadataError that does not echo the input", (_, garbage) => {
    let thrown: unknown;
    try {
      decodeFormMetadata(garbage);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FormMetadataError);
    expect((thrown as Error).message).toMatch(/^The form's metadata /);
    if (garbage.length > 20) expect((thrown as Error).message).not.toContain(garbage);
  });
});

describe("readInvoiceForm", () => {
  const metadata = metadataAfterRemovingFirstLine();
  const state: ViewStateValues = {
    [BLOCK_IDS.customerType]: {
      "invoice_form.customer_type": {
        type: "radio_buttons",
        selected_option: { text: { type: "plain_text", text: "A company" }, value: "corporate" },
      },
    },
    [BLOCK_IDS.name]: { "invoice_form.name": { type: "plain_text_input", value: "  Fjordkraft AS " } },
    [BLOCK_IDS.email]: { "invoice_form.email": { type: "email_text_input", value: null } },
    [BLOCK_IDS.invoiceOptions]: {
      "invoice_form.options": {
        type: "checkboxes",
        selected_options: [{ text: { type: "plain_text", text: "Fee" }, value: "invoice_fee" }],
      },
    },
    [lineBlockId("3", "quantity")]: { [LINE_ACTION_IDS.quantity]: { type: "number_input", value: "2.5" } },
    [lineBlockId("3", "tax")]: {
      [LINE_ACTION_IDS.tax]: {
        type: "static_select",
        selected_option: { text: { type: "plain_text", text: "25 %" }, value: "25" },
      },
    },
    // A line that is no longer in the form is not read.
    [lineBlockId("1", "name")]: { [LINE_ACTION_IDS.name]: { type: "plain_text_input", value: "Removed" } },
  };

  it("reads raw values in the metadata's line order; empty and missing fields are absent", () => {
    expect(readInvoiceForm(state, metadata)).toEqual({
      customerType: "corporate",
      name: "  Fjordkraft AS ",
      lines: [{ key: "2" }, { key: "3", quantity: "2.5", tax: "25" }],
      invoiceFeeApplicable: true,
      separateInvoices: false,
    });
  });

  it("never throws on missing blocks or values of the wrong shape", () => {
    const garbage = {
      [BLOCK_IDS.name]: { "invoice_form.name": { type: "plain_text_input", value: 42 } },
      [BLOCK_IDS.email]: null,
      [BLOCK_IDS.invoiceOptions]: { "invoice_form.options": { type: "checkboxes", selected_options: "all" } },
      [lineBlockId("2", "rate")]: "1500",
    } as unknown as ViewStateValues;
    expect(readInvoiceForm(garbage, metadata)).toEqual({
      customerType: "private",
      lines: [{ key: "2" }, { key: "3" }],
      invoiceFeeApplicable: false,
      separateInvoices: false,
    });
    expect(readInvoiceForm({}, metadata)).toEqual({
      customerType: "private",
      lines: [{ key: "2" }, { key: "3" }],
    });
  });
});

describe("validateInvoiceForm", () => {
  it("builds the order Front Payment expects, priced by priceOrder", () => {
    const result = validateInvoiceForm(t, privateForm(), CONTEXT);
    expect(result).toEqual({
      ok: true,
      grandTotalOre: 700000,
      order: {
        products: [
          { name: "Consulting", quantity: 2, rate: 1250, tax: 25, discount: 0, amount: 2500 },
          { name: "Router", productId: "R_1", quantity: 1, rate: 4500, tax: 12, discount: 0, amount: 4500 },
        ],
        orderSummary: { subTotal: 6017.86, totalTax: 982.14, totalDiscount: 0, grandTotal: 7000 },
        orderDate: "1755152888",
        referenceNo: "FB01TEST",
        customerDetails: {
          type: "private",
          countryCode: "+47",
          msisdn: "46567468",
          email: "kari@example.no",
          name: "Kari Nordmann",
          preferredLanguage: "no",
          personalNumber: PERSONAL_NUMBER,
          organizationId: "",
          address: { street: "Klosterenget 144", zip: "7030", city: "Trondheim", country: "NO" },
        },
        invoiceFeeApplicable: true,
        separateInvoices: false,
        invoiceMaturity: 14,
        callback: CONTEXT.callback,
      } satisfies InvoiceOrderRequest,
    });
  });

  it("normalises what people type", () => {
    const result = validateInvoiceForm(
      t,
      corporateForm({
        name: "  Fjordkraft   AS ",
        email: " Post@Fjordkraft.NO ",
        countryCode: "0047",
        mobile: "+47 465 67 468",
        organizationId: "NO 923 609 016 MVA",
        country: "no",
        lines: [{ key: "1", name: "Hours", quantity: "2,5", rate: "1 000,50", tax: "25", discount: "0,50" }],
        invoiceMaturity: undefined,
        referenceNo: " PO-77 ",
        customerReference: "Ola",
        invoiceInterval: "1",
      }),
      CONTEXT,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.order.customerDetails).toMatchObject({
      type: "corporate",
      name: "Fjordkraft AS",
      email: "post@fjordkraft.no",
      countryCode: "+47",
      msisdn: "46567468",
      organizationId: ORGANIZATION_NUMBER,
      personalNumber: "",
      address: { country: "NO" },
    });
    expect(result.order.products).toEqual([
      { name: "Hours", quantity: 2.5, rate: 1000.5, tax: 25, discount: 0.5, amount: 2500.75 },
    ]);
    expect(result.grandTotalOre).toBe(250075);
    expect(result.order).toMatchObject({
      invoiceMaturity: 14,
      referenceNo: "PO-77",
      customerReference: "Ola",
      invoiceInterval: 1,
    });
  });

  it.each([
    [
      "personal number typo",
      privateForm({ personalNumber: "28038712384" }),
      BLOCK_IDS.personalNumber,
      "Personal number has wrong check digits; look for a typo",
    ],
    [
      "personal number too short",
      privateForm({ personalNumber: "2803 8712 38" }),
      BLOCK_IDS.personalNumber,
      "Personal number must be exactly 11 digits",
    ],
    [
      "personal number missing",
      privateForm({ personalNumber: undefined }),
      BLOCK_IDS.personalNumber,
      "Personal number is required",
    ],
    [
      "impossible birth date",
      privateForm({ personalNumber: "32138712383" }),
      BLOCK_IDS.personalNumber,
      "Personal number does not start with a valid birth date",
    ],
    [
      "organisation number typo",
      corporateForm({ organizationId: "923 609 017" }),
      BLOCK_IDS.organizationId,
      "Organisation number has a wrong check digit; look for a typo",
    ],
    [
      "organisation number with letters in Norway",
      corporateForm({ organizationId: "ABC123" }),
      BLOCK_IDS.organizationId,
      "Organisation number must be exactly 9 digits",
    ],
    [
      "bad email",
      privateForm({ email: "kari(at)example.no" }),
      BLOCK_IDS.email,
      "Email must be an address such as kari@example.no",
    ],
    ["missing name", privateForm({ name: "   " }), BLOCK_IDS.name, "Full name is required"],
    ["missing company name", corporateForm({ name: undefined }), BLOCK_IDS.name, "Company name is required"],
    [
      "country code",
      privateForm({ countryCode: "Norway" }),
      BLOCK_IDS.countryCode,
      "Country code must be a dialling code such as +47",
    ],
    [
      "Norwegian mobile of 7 digits",
      privateForm({ mobile: "465 67 46" }),
      BLOCK_IDS.mobile,
      "Mobile number must be 8 digits for +47",
    ],
    [
      "mobile with letters",
      privateForm({ countryCode: "+46", mobile: "070-CALL-ME" }),
      BLOCK_IDS.mobile,
      "Mobile number must be digits only, without the country code",
    ],
    ["missing street", privateForm({ street: undefined }), BLOCK_IDS.street, "Street address is required"],
    ["missing postcode", privateForm({ zip: "" }), BLOCK_IDS.zip, "Postcode is required"],
    ["missing city", privateForm({ city: undefined }), BLOCK_IDS.city, "City is required"],
    [
      "unknown country",
      privateForm({ country: "XX" }),
      BLOCK_IDS.country,
      "Country must be an ISO 3166-1 alpha-2 country code, such as NO",
    ],
    [
      "unknown language",
      privateForm({ preferredLanguage: "fr" }),
      BLOCK_IDS.preferredLanguage,
      "Invoice language must be one of en, no, sv, da, de",
    ],
    [
      "fractional maturity",
      privateForm({ invoiceMaturity: "1.5" }),
      BLOCK_IDS.invoiceMaturity,
      "Days until due must be a whole number, such as 14",
    ],
    [
      "interval 3",
      privateForm({ invoiceInterval: "3" }),
      BLOCK_IDS.invoiceInterval,
      "Invoice interval must be 0, 1 or 2",
    ],
    [
      "bad quantity on line 2 after line 1 was removed",
      withLine(privateForm(), 1, { quantity: "0" }),
      lineBlockId("3", "quantity"),
      "Quantity must be more than 0",
    ],
    [
      "quantity that is no number",
      withLine(privateForm(), 0, { quantity: "two" }),
      lineBlockId("2", "quantity"),
      "Quantity: Not a number: write it like 1250 or 1 250,50",
    ],
    [
      "missing quantity",
      withLine(privateForm(), 0, { quantity: undefined }),
      lineBlockId("2", "quantity"),
      "Quantity is required",
    ],
    [
      "VAT rate not allowed",
      withLine(privateForm(), 1, { tax: "13" }),
      lineBlockId("3", "tax"),
      "VAT rate must be one of 0, 12, 15, 25 %",
    ],
    [
      "discount larger than the line",
      withLine(privateForm(), 0, { discount: "2500.01" }),
      lineBlockId("2", "discount"),
      "Discount is larger than the line's total (NOK\u00a02,500.00)",
    ],
    [
      "negative discount",
      withLine(privateForm(), 0, { discount: "-5" }),
      lineBlockId("2", "discount"),
      "Discount: Can't be negative",
    ],
    [
      "unit price in fractions of øre",
      withLine(privateForm(), 1, { rate: "99,999" }),
      lineBlockId("3", "rate"),
      "Unit price: At most 2 decimals",
    ],
    [
      "unit price that is no number",
      withLine(privateForm(), 1, { rate: "a lot" }),
      lineBlockId("3", "rate"),
      "Unit price: Not a number: write it like 1250 or 1 250,50",
    ],
    [
      "an ambiguous unit price, with both readings",
      withLine(privateForm(), 1, { rate: "1.250,50" }),
      lineBlockId("3", "rate"),
      "Unit price: 1.250,50 could mean 1\u00a0250,50 or 1,25050: write 1250,50",
    ],
    [
      "a discount over 100 %",
      withLine(privateForm(), 0, { discount: "120 %" }),
      lineBlockId("2", "discount"),
      "Discount: A discount can't be more than 100 %",
    ],
    [
      "a Norwegian postcode that is not 4 digits",
      { ...privateForm(), zip: "abc" },
      BLOCK_IDS.zip,
      "Postcode must be 4 digits for Norway, such as 7030",
    ],
    [
      "missing product name",
      withLine(privateForm(), 1, { name: " " }),
      lineBlockId("3", "name"),
      "Product is required",
    ],
    [
      "product id over 25 characters",
      withLine(privateForm(), 0, { productId: "P".repeat(26) }),
      lineBlockId("2", "productId"),
      "Product id must be at most 25 characters",
    ],
  ])("puts %s on its block", (_, form, blockId, message) => {
    const errors = errorsOf(form);
    expect(errors).toEqual({ [blockId]: message });
    // Every key is an input block of the modal the person sees, as response_action errors requires.
    expect(inputBlockIds(form).has(blockId)).toBe(true);
  });

  it("reports every problem at once, each on its own block, never echoing a personal number", () => {
    const form = withLine(privateForm({ personalNumber: "28038712384", email: "kari", zip: undefined }), 1, {
      quantity: "-1",
    });
    const errors = errorsOf(form);
    expect(Object.keys(errors).sort()).toEqual(
      [BLOCK_IDS.personalNumber, BLOCK_IDS.email, BLOCK_IDS.zip, lineBlockId("3", "quantity")].sort(),
    );
    for (const message of Object.values(errors)) expect(message).not.toMatch(/\d{6}/);
  });

  it("checks only the schema's 11 digits for customers outside Norway", () => {
    const result = validateInvoiceForm(
      t,
      privateForm({ personalNumber: "12345678901", country: "SE" }),
      CONTEXT,
    );
    expect(result.ok).toBe(true);
  });

  it("uses the account's VAT rates, with the check digits still applied", () => {
    const context = { ...CONTEXT, taxRates: [0, 6, 25] };
    expect(validateInvoiceForm(t, withLine(privateForm(), 1, { tax: "6" }), context).ok).toBe(true);
    expect(errorsOf(withLine(privateForm(), 1, { tax: "12" }), context)).toEqual({
      [lineBlockId("3", "tax")]: "VAT rate must be one of 0, 6, 25 %",
    });
    expect(
      errorsOf(withLine(privateForm({ personalNumber: "28038712384" }), 1, { tax: "6" }), context),
    ).toEqual({
      [BLOCK_IDS.personalNumber]: "Personal number has wrong check digits; look for a typo",
    });
  });

  it("fills in defaults for fields the view did not have", () => {
    const form = privateForm({ countryCode: undefined, country: undefined, preferredLanguage: undefined });
    const { invoiceFeeApplicable: _, separateInvoices: __, invoiceMaturity: ___, ...withoutTerms } = form;
    const result = validateInvoiceForm(t, withoutTerms, {
      ...CONTEXT,
      defaults: { invoiceMaturityDays: 30 },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.order).toMatchObject({
      invoiceFeeApplicable: false,
      separateInvoices: false,
      invoiceMaturity: 30,
      customerDetails: { countryCode: "+47", preferredLanguage: "no", address: { country: "NO" } },
    });
  });

  it("throws when what the bot computed is invalid: a programming or configuration error", () => {
    const context = { ...CONTEXT, callback: { ...CONTEXT.callback, success: "not a url" } };
    expect(() => validateInvoiceForm(t, privateForm(), context)).toThrow(
      /callback\.success must be an http or https URL/,
    );
  });
});

describe("frontPaymentErrorsToBlocks", () => {
  const metadata = metadataAfterRemovingFirstLine();

  it("places Front Payment's sentences on the fields they name and returns the rest", () => {
    const mapped = frontPaymentErrorsToBlocks(
      t,
      [
        "The customer details.personal number must be exactly 11 digits.",
        "The products.1.quantity must be a number.",
        "The products.0.product id must be at most 25 characters.",
        "The customer details.email field is required.",
        "The customer details.address.country must be an ISO 3166-1 alpha-2 country code, such as NO.",
        "The customer details.address.city field is required.",
        "The customer details.address.city may not be greater than 50 characters.",
        "The order summary.grand total must be a number.",
        "The products.4.name field is required.",
        "The customer details.organization id must be letters and digits only.",
        "Something went wrong.",
      ],
      metadata,
    );
    expect(mapped.byBlock).toEqual({
      [BLOCK_IDS.personalNumber]: "Personal number must be exactly 11 digits",
      [lineBlockId("3", "quantity")]: "Quantity must be a number",
      [lineBlockId("2", "productId")]: "Product id must be at most 25 characters",
      [BLOCK_IDS.email]: "Email is required",
      [BLOCK_IDS.country]: "Country must be an ISO 3166-1 alpha-2 country code, such as NO",
      [BLOCK_IDS.city]: "City is required; City may not be greater than 50 characters",
    });
    expect(mapped.unmatched).toEqual([
      "The order summary.grand total must be a number.",
      "The products.4.name field is required.",
      // The form shows a private customer: there is no organisation number field to put it on.
      "The customer details.organization id must be letters and digits only.",
      "Something went wrong.",
    ]);
  });

  it("maps the 417 the Front Payment sandbox sends for a payload it rejects", async () => {
    const sandbox = await startFrontPaymentSandbox({ callbackSecret: "test-secret" });
    try {
      const seed = SEED_INVOICE_ORDER_EXAMPLE;
      const rejected = {
        ...seed,
        orderDate: "yesterday",
        products: [...seed.products, { name: "Cable", quantity: "many", rate: 10, tax: 25, amount: 10 }],
        customerDetails: {
          ...seed.customerDetails,
          name: "",
          personalNumber: "2803871238",
          address: { ...seed.customerDetails.address, country: "XX" },
        },
      };
      const response = await fetch(`${sandbox.url}/api/v1/connect/orders/invoice/submit`, {
        method: "POST",
        headers: { authorization: "Bearer sandbox-token", "content-type": "application/json" },
        body: JSON.stringify(rejected),
      });
      expect(response.status).toBe(417);
      const { errors } = (await response.json()) as { errors: string[] };

      const mapped = frontPaymentErrorsToBlocks(t, errors, { ...metadata, lineKeys: ["2", "3"] });
      expect(Object.keys(mapped.byBlock).sort()).toEqual(
        [BLOCK_IDS.personalNumber, BLOCK_IDS.country, BLOCK_IDS.name, lineBlockId("3", "quantity")].sort(),
      );
      expect(mapped.byBlock[BLOCK_IDS.personalNumber]).toBe("Personal number must be exactly 11 digits");
      expect(mapped.byBlock[BLOCK_IDS.name]).toBe("Full name is required");
      expect(mapped.unmatched).toHaveLength(1);
      expect(mapped.unmatched[0]).toMatch(/^The order date /);
    } finally {
      await sandbox.close();
    }
  });
});

describe("formTotals", () => {
  it("totals the complete lines exactly as priceOrder, and skips half-typed ones", () => {
    const totals = formTotals({
      lines: [
        { key: "1", quantity: "2", rate: "1250", tax: "25", discount: "100" },
        { key: "2", quantity: "abc", rate: "10", tax: "25" },
        { key: "3", quantity: "1", rate: "4 500", tax: "12" },
        { key: "4", quantity: "1", rate: "10", tax: "25", discount: "11" },
        { key: "5" },
      ],
    });
    const priced = priceOrder([
      { quantity: "2", rate: "1250", tax: "25", discount: "100" },
      { quantity: "1", rate: "4500", tax: "12" },
    ]).orderSummary;
    expect(totals).toEqual({
      lineAmountsOre: [240000, null, 450000, null, null],
      subTotalOre: Math.round(priced.subTotal * 100),
      totalTaxOre: Math.round(priced.totalTax * 100),
      totalDiscountOre: 10000,
      grandTotalOre: 690000,
    });
  });

  it.each([["-"], [""], ["1e5"], ["Infinity"], ["NaN"], ["1,2,3"], ["1.2.3"], ["0"], ["-1"], ["٣"]])(
    "never throws on a quantity of %j",
    (quantity) => {
      expect(formTotals({ lines: [{ key: "1", quantity, rate: "10", tax: "25" }] }).grandTotalOre).toBe(0);
    },
  );
});

describe("normaliseDecimal", () => {
  it.each([
    ["1500", "1500"],
    ["1 500,50", "1500.50"],
    ["1\u00a0500,50", "1500.50"],
    ["kr 1500", "1500"],
    ["1500 kr", "1500"],
    ["NOK 99,90", "99.90"],
    ["1500,-", "1500"],
    ["1.500,50", "1500.50"],
    ["1,500.50", "1500.50"],
    ["1.000.000", "1000000"],
    ["1,2,3", "1,2,3"],
    ["1.50.000,5", "1.50.000,5"],
    ["2,5", "2.5"],
    ["", undefined],
    ["abc", "abc"],
  ])("%j → %j", (typed, expected) => {
    expect(normaliseDecimal(typed)).toBe(expected);
  });
});

describe("formFromOrder", () => {
  it("gives back a form that validates to the same order, keeping line keys where it can", () => {
    const first = validateInvoiceForm(
      t,
      privateForm({ referenceNo: undefined, customerReference: "Ola" }),
      CONTEXT,
    );
    if (!first.ok) throw new Error("expected a valid form");
    const metadata = metadataAfterRemovingFirstLine();
    const { metadata: shaped, values } = formFromOrder(first.order, metadata, {
      orderId: CONTEXT.referenceNo,
    });
    expect(shaped.lineKeys).toEqual(["2", "3"]);
    expect(values.referenceNo).toBeUndefined();
    expect(validateInvoiceForm(t, values, CONTEXT)).toEqual(first);
  });

  it("reshapes the metadata to the order's customer type and line count", () => {
    const one = newFormMetadata({ channelId: "C0SALES" });
    const order = structuredClone(SEED_INVOICE_ORDER_EXAMPLE);
    order.products.push({ ...order.products[0], name: "Cable" } as InvoiceOrderRequest["products"][number]);
    const { metadata, values } = formFromOrder(order, switchCustomerType(one, "corporate"));
    expect(metadata).toMatchObject({ customerType: "private", lineKeys: ["1", "2"] });
    expect(values.lines.map((line) => [line.key, line.name])).toEqual([
      ["1", "Router"],
      ["2", "Cable"],
    ]);
    expect(values).toMatchObject({
      personalNumber: "28038712383",
      referenceNo: "Dhaka",
      invoiceInterval: "0",
    });
  });

  it("says how many lines of a longer order the form cannot hold, instead of dropping them silently", () => {
    const order = structuredClone(SEED_INVOICE_ORDER_EXAMPLE);
    const line = order.products[0] as InvoiceOrderRequest["products"][number];
    order.products = Array.from({ length: MAX_LINES + 1 }, (_, index) => ({
      ...line,
      name: `Line ${index}`,
    }));
    const long = formFromOrder(order, newFormMetadata({ channelId: "C0SALES" }));
    expect(long.linesLeftOut).toBe(1);
    expect(long.values.lines).toHaveLength(MAX_LINES);
    order.products = order.products.slice(0, MAX_LINES);
    expect(formFromOrder(order, newFormMetadata({ channelId: "C0SALES" })).linesLeftOut).toBe(0);
  });
});

describe("numbers as Norwegians type them", () => {
  const norwegian = (line: Partial<InvoiceFormValues["lines"][number]>) =>
    privateForm({ lines: [{ key: "2", name: "Rådgivning", tax: "25", ...line }] });

  it.each([
    ["1 250,50", "1,5", undefined, 187575, "1250.5", "1.5", undefined],
    ["1\u00a0250,50", "1,5", undefined, 187575, "1250.5", "1.5", undefined],
    ["1250.50", "1.5", "100", 177575, "1250.5", "1.5", "100"],
    ["1 000", "3", "10 %", 270000, "1000", "3", "300"],
    ["99,99", "3", "12,5 %", 26247, "99.99", "3", "37.50"],
  ])(
    "rate %s × quantity %s less %s: totalled live as validated (%i øre)",
    (rate, quantity, discount, ore, sentRate, sentQuantity, sentDiscount) => {
      const form = norwegian({ rate, quantity, ...(discount ? { discount } : {}) });
      expect(formTotals(form).grandTotalOre).toBe(ore);
      const validation = validateInvoiceForm(t, form, CONTEXT);
      if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
      expect(validation.grandTotalOre).toBe(ore);
      const [product] = validation.order.products;
      expect(Number(product?.rate)).toBe(Number(sentRate));
      expect(Number(product?.quantity)).toBe(Number(sentQuantity));
      expect(Number(product?.discount ?? 0)).toBe(Number(sentDiscount ?? 0));
    },
  );

  it("counts an ambiguous price as nothing live and refuses it on send, with both readings", () => {
    const form = norwegian({ rate: "1.250,50", quantity: "1" });
    expect(formTotals(form).lineAmountsOre).toEqual([null]);
    expect(errorsOf(form)[lineBlockId("2", "rate")]).toBe(
      "Unit price: 1.250,50 could mean 1\u00a0250,50 or 1,25050: write 1250,50",
    );
  });

  it.each([
    ["quantity", { quantity: "1 000 000,001", rate: "1" }, "Quantity must be at most 1,000,000"],
    ["quantity", { quantity: "9007199254740993", rate: "1" }, "Quantity must be at most 1,000,000"],
    ["rate", { quantity: "1", rate: "10 000 000,01" }, "Unit price must be at most NOK\u00a010,000,000"],
    ["rate", { quantity: "1", rate: "999999999999999" }, "Unit price must be at most NOK\u00a010,000,000"],
    [
      "discount",
      { quantity: "1", rate: "1", discount: "10 000 000 001" },
      "Discount must be at most NOK\u00a010,000,000,000",
    ],
  ] as const)(
    "holds the %s to its bound in limits.ts, as a number input's max_value would",
    (field, line, message) => {
      const form = norwegian(line);
      expect(formTotals(form).lineAmountsOre).toEqual([null]);
      expect(errorsOf(form)[lineBlockId("2", field)]).toBe(message);
    },
  );

  it("accepts every number at its bound", () => {
    const discounted = norwegian({ quantity: "1 000 000", rate: "10,00", discount: "10 000 000" });
    expect(formTotals(discounted).lineAmountsOre).toEqual([0]);
    const priciest = norwegian({ quantity: "1", rate: "10 000 000" });
    expect(formTotals(priciest).lineAmountsOre).toEqual([1_000_000_000]);
    expect(validateInvoiceForm(t, priciest, CONTEXT).ok).toBe(true);
  });
});
