import { describe, expect, it } from "vitest";
import {
  createInvoiceOrderRequestSchema,
  InvoiceOrderRequest,
  SEED_INVOICE_ORDER_EXAMPLE,
} from "../src/index.js";

type Mutable = Record<string, unknown>;

function seedCopy(): Mutable {
  return structuredClone(SEED_INVOICE_ORDER_EXAMPLE) as unknown as Mutable;
}

function corporateCopy(): Mutable {
  const order = seedCopy();
  order.customerDetails = {
    type: "corporate",
    countryCode: "+47",
    msisdn: "46567468",
    email: "faktura@equinor.example",
    name: "Equinor ASA",
    organizationId: "923609016",
    address: { street: "Forusbeen 50", zip: "4035", city: "Stavanger", country: "NO" },
  };
  return order;
}

/** Sets (or with `undefined`, deletes) the value at a dotted path. */
function setAt(target: Mutable, path: string, value: unknown): Mutable {
  const keys = path.split(".");
  const last = keys.pop() as string;
  let node = target as Record<string, unknown>;
  for (const key of keys) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  if (value === undefined) delete node[last];
  else node[last] = value;
  return target;
}

function issuePaths(body: unknown): string[] {
  const result = InvoiceOrderRequest.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
}

describe("InvoiceOrderRequest", () => {
  it("accepts the seed's example (email fixed)", () => {
    expect(InvoiceOrderRequest.parse(SEED_INVOICE_ORDER_EXAMPLE)).toMatchObject({ orderDate: "1755150488" });
  });

  it("accepts a corporate customer", () => {
    expect(issuePaths(corporateCopy())).toEqual([]);
  });

  it("accepts the optional fields left out", () => {
    const order = seedCopy();
    for (const path of [
      "referenceNo",
      "customerReference",
      "invoiceInterval",
      "separateInvoices",
      "invoiceMaturity",
      "callback.callbackUrl",
      "customerDetails.preferredLanguage",
      "customerDetails.organizationId",
      "products.0.productId",
      "products.0.discount",
    ]) {
      setAt(order, path, undefined);
    }
    expect(
      issuePaths({ ...order, orderFrom: "PARTNER", fpgoUuid: "ODR1", settings: { secureDetails: true } }),
    ).toEqual([]);
  });

  // One case per rule of the seed's table: the violation, and the path its issue must name.
  const privateViolations: [rule: string, path: string, value: unknown][] = [
    ["products.*.name is required", "products.0.name", undefined],
    ["products.*.name is not blank", "products.0.name", "  "],
    ["products.*.productId is at most 25 characters", "products.0.productId", "P".repeat(26)],
    ["products.*.quantity is required", "products.0.quantity", undefined],
    ["products.*.quantity is numeric", "products.0.quantity", "one"],
    ["products.*.rate is required", "products.0.rate", undefined],
    ["products.*.rate is numeric", "products.0.rate", "40 kr"],
    ["products.*.discount is numeric", "products.0.discount", "10%"],
    ["products.*.tax is required", "products.0.tax", undefined],
    ["products.*.tax is one of the allowed rates", "products.0.tax", 13],
    ["products.*.tax is numeric", "products.0.tax", "MVA"],
    ["products.*.amount is required", "products.0.amount", undefined],
    ["products.*.amount is numeric", "products.0.amount", true],
    ["orderSummary.subTotal is required", "orderSummary.subTotal", undefined],
    ["orderSummary.totalTax is required", "orderSummary.totalTax", undefined],
    ["orderSummary.totalDiscount is required", "orderSummary.totalDiscount", undefined],
    ["orderSummary.grandTotal is required", "orderSummary.grandTotal", undefined],
    ["orderSummary.grandTotal is numeric", "orderSummary.grandTotal", "forty"],
    ["orderDate is required", "orderDate", undefined],
    ["orderDate is Unix seconds as digits", "orderDate", "14 Aug, 2025"],
    ["orderDate is a string", "orderDate", 1755150488],
    ["referenceNo is a string", "referenceNo", 42],
    ["customerReference is a string", "customerReference", 3500],
    ["orderFrom is only PARTNER", "orderFrom", "DAMP"],
    ["fpgoUuid is a string", "fpgoUuid", 7],
    ["invoiceInterval is 0, 1 or 2", "invoiceInterval", 3],
    ["separateInvoices is a boolean", "separateInvoices", "yes"],
    ["invoiceFeeApplicable is required", "invoiceFeeApplicable", undefined],
    ["invoiceFeeApplicable is a boolean", "invoiceFeeApplicable", "true"],
    ["invoiceMaturity is numeric", "invoiceMaturity", "ten days"],
    ["callback.callbackUrl is a URL", "callback.callbackUrl", "not a url"],
    ["callback.success is required", "callback.success", undefined],
    ["callback.success is a URL", "callback.success", "thanks.html"],
    ["callback.failure is required", "callback.failure", undefined],
    ["callback.failure is an http(s) URL", "callback.failure", "javascript:alert(1)"],
    ["settings.secureDetails is a boolean", "settings.secureDetails", "on"],
    ["customerDetails.type is private or corporate", "customerDetails.type", "business"],
    ["customerDetails.countryCode is required", "customerDetails.countryCode", undefined],
    ["customerDetails.countryCode is a dialling code", "customerDetails.countryCode", "Norway"],
    ["customerDetails.msisdn is required", "customerDetails.msisdn", undefined],
    ["customerDetails.msisdn is digits", "customerDetails.msisdn", "465 67 468"],
    ["customerDetails.email is required", "customerDetails.email", undefined],
    ["customerDetails.email is an email", "customerDetails.email", "[email protected]"],
    ["customerDetails.name is required", "customerDetails.name", undefined],
    ["customerDetails.name is not blank", "customerDetails.name", ""],
    ["customerDetails.name is not only spaces", "customerDetails.name", "   "],
    ["customerDetails.personalNumber is required for private", "customerDetails.personalNumber", undefined],
    ["customerDetails.personalNumber is 11 digits", "customerDetails.personalNumber", "2803871238"],
    ["customerDetails.personalNumber is digits only", "customerDetails.personalNumber", "280387-12383"],
    ["customerDetails.preferredLanguage is en, no, sv, da or de", "customerDetails.preferredLanguage", "fr"],
    ["customerDetails.address.street is required", "customerDetails.address.street", undefined],
    ["customerDetails.address.zip is required", "customerDetails.address.zip", undefined],
    ["customerDetails.address.city is required", "customerDetails.address.city", undefined],
    ["customerDetails.address.street is not only spaces", "customerDetails.address.street", " "],
    ["customerDetails.address.zip is not only spaces", "customerDetails.address.zip", "\t"],
    ["customerDetails.address.city is not only spaces", "customerDetails.address.city", "  "],
    ["customerDetails.address.country is required", "customerDetails.address.country", undefined],
    ["customerDetails.address.country is ISO alpha-2", "customerDetails.address.country", "XX"],
    ["customerDetails.address.country is not alpha-3", "customerDetails.address.country", "NOR"],
  ];

  it.each(privateViolations)("rejects: %s", (_rule, path, value) => {
    expect(issuePaths(setAt(seedCopy(), path, value))).toEqual([path]);
  });

  it("rejects an order without product lines", () => {
    expect(issuePaths(setAt(seedCopy(), "products", []))).toEqual(["products"]);
  });

  const corporateViolations: [rule: string, path: string, value: unknown][] = [
    ["customerDetails.organizationId is required for corporate", "customerDetails.organizationId", undefined],
    ["customerDetails.organizationId is alphanumeric", "customerDetails.organizationId", "923 609 016"],
  ];

  it.each(corporateViolations)("rejects: %s", (_rule, path, value) => {
    expect(issuePaths(setAt(corporateCopy(), path, value))).toEqual([path]);
  });

  it("says what is wrong in words a person can act on", () => {
    const result = InvoiceOrderRequest.safeParse(setAt(seedCopy(), "customerDetails.personalNumber", "123"));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("must be exactly 11 digits");
  });

  it.each([
    ["customerDetails.type", "business", "must be private or corporate"],
    ["customerDetails.countryCode", "Norway", "must be a dialling code such as +47"],
    ["customerDetails.msisdn", "465 67 468", "must be the mobile number in digits, without the country code"],
    ["customerDetails.email", "kari.example.no", "must be an email address"],
    ["customerDetails.name", "  ", "is required"],
    ["customerDetails.address.street", " ", "is required"],
    ["customerDetails.address.zip", " ", "is required"],
    ["customerDetails.address.city", " ", "is required"],
    ["customerDetails.address.country", "XX", "must be an ISO 3166-1 alpha-2 country code, such as NO"],
    ["products.0.quantity", "one", 'must be a number, such as 40 or "40.50"'],
  ])("says what is wrong with %s = %j: %s", (path, value, message) => {
    const result = InvoiceOrderRequest.safeParse(setAt(seedCopy(), path, value));
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      [path, message],
    ]);
  });

  it("keeps zod's own message when the customer is not an object at all", () => {
    const result = InvoiceOrderRequest.safeParse(setAt(seedCopy(), "customerDetails", "Kari Nordmann"));
    expect(result.error?.issues[0]?.message).toBe("Expected object, received string");
  });

  it("says an organisation number must be letters and digits", () => {
    const result = InvoiceOrderRequest.safeParse(
      setAt(corporateCopy(), "customerDetails.organizationId", "923-609"),
    );
    expect(result.error?.issues[0]?.message).toBe("must be letters and digits only");
  });

  it("keeps the customer's name and address without surrounding spaces", () => {
    const order = setAt(
      setAt(seedCopy(), "customerDetails.name", " Kari Nordmann "),
      "customerDetails.address.city",
      " Oslo ",
    );
    expect(InvoiceOrderRequest.parse(order).customerDetails).toMatchObject({
      name: "Kari Nordmann",
      address: { city: "Oslo" },
    });
  });

  it("accepts an account's own VAT rates through the factory", () => {
    const schema = createInvoiceOrderRequestSchema({ taxRates: [0, 14] });
    expect(schema.safeParse(setAt(seedCopy(), "products.0.tax", 14)).success).toBe(true);
    expect(schema.safeParse(setAt(seedCopy(), "products.0.tax", 25)).success).toBe(false);
  });
});
