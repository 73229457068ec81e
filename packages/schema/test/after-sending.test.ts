import { describe, expect, it } from "vitest";
import {
  OrderDetailsResponse,
  OrderStatusListQuery,
  OrderStatusListResponse,
  OrderUuidParameter,
  RefundOrderRequest,
  ResendOrderRequest,
} from "../src/index.js";
import { buildOpenApiDocument } from "../src/openapi/document.js";

function problems(
  schema: { safeParse(value: unknown): { success: boolean; error?: unknown } },
  value: unknown,
) {
  const result = schema.safeParse(value) as
    | { success: true }
    | { success: false; error: { issues: { path: (string | number)[]; message: string }[] } };
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("OrderUuidParameter", () => {
  it("accepts ODR and digits, trimmed", () => {
    expect(OrderUuidParameter.parse("ODR4286244937")).toBe("ODR4286244937");
    expect(OrderUuidParameter.parse(" ODR1 ")).toBe("ODR1");
  });

  it.each(["CSRT3419523642", "odr123", "ODR", "ODR12a", "ODR 12", "4286244937"])("refuses %j", (id) => {
    expect(problems(OrderUuidParameter, id)).toEqual([
      ": must be ODR followed by digits, such as ODR4286244937",
    ]);
  });

  it("refuses nothing at all, and what is not a string", () => {
    expect(problems(OrderUuidParameter, "  ")).toEqual([": is required"]);
    expect(problems(OrderUuidParameter, undefined)).toEqual([": is required"]);
    expect(problems(OrderUuidParameter, 42)).toEqual([": must be a string"]);
  });
});

describe("RefundOrderRequest", () => {
  const full = { type: "invoiced", grandTotal: 1250, products: [{ id: 1001, amount: 1250 }] };

  it("accepts a full refund and a partial one over several lines, numbers as strings too", () => {
    expect(problems(RefundOrderRequest, full)).toEqual([]);
    const partial = {
      type: "regular",
      grandTotal: "300.50",
      products: [
        { id: "1001", amount: "100.25" },
        { id: 1002, amount: 200.25 },
      ],
    };
    expect(problems(RefundOrderRequest, partial)).toEqual([]);
  });

  it("requires the total to be the sum of the lines, to the øre", () => {
    expect(
      problems(RefundOrderRequest, {
        ...full,
        grandTotal: 0.3,
        products: [
          { id: 1, amount: 0.1 },
          { id: 2, amount: 0.2 },
        ],
      }),
    ).toEqual([]);
    expect(problems(RefundOrderRequest, { ...full, grandTotal: 1205 })).toEqual([
      "grandTotal: must be the sum of the products' amounts (1250.00)",
    ]);
  });

  it("refuses zero, negative and sub-øre amounts, ids that are not line ids, and a line named twice", () => {
    expect(
      problems(RefundOrderRequest, {
        type: "invoiced",
        grandTotal: 10.005,
        products: [
          { id: 0, amount: 0 },
          { id: 1.5, amount: -1 },
          { id: 7, amount: 10.005 },
          { id: 7, amount: 1 },
        ],
      }),
    ).toEqual([
      "grandTotal: must have at most two decimals",
      "products.0.id: must be a whole number above 0",
      "products.0.amount: must be more than 0",
      "products.1.id: must be a whole number above 0",
      "products.1.amount: must be more than 0",
      "products.2.amount: must have at most two decimals",
      "products.3.id: names a line twice",
    ]);
    expect(
      problems(RefundOrderRequest, { ...full, products: [...full.products, { id: 1001, amount: 1 }] }),
    ).toEqual([
      "products.1.id: names a line twice",
      "grandTotal: must be the sum of the products' amounts (1251.00)",
    ]);
  });

  it("needs a known type and at least one line", () => {
    expect(problems(RefundOrderRequest, { type: "reservation", grandTotal: 1, products: [] })).toEqual([
      "type: must be regular or invoiced",
      "products: must name at least one order line",
    ]);
  });
});

describe("ResendOrderRequest", () => {
  it("wants the mobile number and its country code together, even beside an email", () => {
    expect(problems(ResendOrderRequest, { email: "kari@example.no", msisdn: "46567468" })).toEqual([
      ": give the mobile number and its country code together",
    ]);
    expect(
      problems(ResendOrderRequest, { email: "kari@example.no", countryCode: "+47", msisdn: "46567468" }),
    ).toEqual([]);
  });
});

describe("OrderDetailsResponse", () => {
  const schema = buildOpenApiDocument().components?.schemas?.OrderDetailsResponse as { example: unknown };
  const example = schema.example as { data: Record<string, unknown> };

  it("accepts its documented example, with the line ids Refund Order needs", () => {
    const parsed = OrderDetailsResponse.parse(example);
    expect(parsed.data.productList[0]?.id).toBe(1001);
  });

  it("is lenient where the docs are: optional fields missing or null", () => {
    const sparse = {
      ...example,
      data: {
        orderUuid: "ODR1",
        status: "SENT",
        invoiceNumber: null,
        productList: [
          { id: 1, name: "Router", quantity: "1", rate: "40", tax: 0, amount: 40, discount: null },
        ],
        orderSummary: { subTotal: 40, tax: 0, grandTotal: 40 },
        customerDetails: { type: "private", personalNumber: null, address: null },
      },
    };
    expect(problems(OrderDetailsResponse, sparse)).toEqual([]);
  });

  it("refuses a line without its id, which a refund could not name", () => {
    const data = example.data as { productList: Record<string, unknown>[] };
    const { id: _id, ...line } = data.productList[0] ?? {};
    expect(problems(OrderDetailsResponse, { ...example, data: { ...data, productList: [line] } })).toEqual([
      "data.productList.0.id: Required",
    ]);
  });
});

describe("Get All Order Status", () => {
  it("lists uuids with statuses, and filters by a status that is not empty", () => {
    expect(
      problems(OrderStatusListResponse, {
        status_code: 200,
        status_message: "OK",
        message: "Order Status Retrieved Successfully",
        is_data: true,
        data: [{ uuid: "ODR1", status: "PARTIAL REFUNDED" }],
      }),
    ).toEqual([]);
    expect(OrderStatusListQuery.parse({ type: " Paid " })).toEqual({ type: "Paid" });
    expect(problems(OrderStatusListQuery, { type: " " })).toEqual(["type: must not be empty"]);
  });
});

describe("the OpenAPI document's operations", () => {
  const operations = Object.entries(buildOpenApiDocument().paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { responses: Record<string, unknown> }>).map(
      ([method, operation]) => [`${method.toUpperCase()} ${path}`, operation] as const,
    ),
  );

  it("document 401, 500 and 510 on every operation, since any of them can get those", () => {
    for (const [name, operation] of operations) {
      expect(Object.keys(operation.responses), name).toEqual(expect.arrayContaining(["401", "500", "510"]));
    }
  });

  it("check order ids in the path as ODR and digits", () => {
    const parameters = operations.flatMap(
      ([, operation]) => (operation as { parameters?: { name: string; schema: unknown }[] }).parameters ?? [],
    );
    const orderIds = parameters.filter((parameter) => parameter.name === "orderUuid");
    expect(orderIds).toHaveLength(6);
    for (const parameter of orderIds) expect(parameter.schema).toMatchObject({ pattern: "^ODR\\d+$" });
  });
});
