import { describe, expectTypeOf, it } from "vitest";
import type { components } from "../generated/openapi.js";
import type {
  CallbackNotification,
  CancelOrderRequest,
  InvoiceOrderCreated,
  InvoiceOrderRequest,
  OrderStatusResponse,
} from "../src/index.js";

type Schemas = components["schemas"];

// The generated types and the zod-inferred ones must describe the same values, both ways.
describe("generated types agree with the zod schemas", () => {
  it("InvoiceOrderRequest", () => {
    expectTypeOf<InvoiceOrderRequest>().toMatchTypeOf<Schemas["InvoiceOrderRequest"]>();
    expectTypeOf<Schemas["InvoiceOrderRequest"]>().toMatchTypeOf<InvoiceOrderRequest>();
  });

  it("InvoiceOrderCreated", () => {
    expectTypeOf<InvoiceOrderCreated>().toMatchTypeOf<Schemas["InvoiceOrderCreated"]>();
    expectTypeOf<Schemas["InvoiceOrderCreated"]>().toMatchTypeOf<InvoiceOrderCreated>();
  });

  it("OrderStatusResponse, CancelOrderRequest and CallbackNotification", () => {
    expectTypeOf<OrderStatusResponse>().toMatchTypeOf<Schemas["OrderStatusResponse"]>();
    expectTypeOf<Schemas["OrderStatusResponse"]>().toMatchTypeOf<OrderStatusResponse>();
    expectTypeOf<CancelOrderRequest>().toEqualTypeOf<Schemas["CancelOrderRequest"]>();
    expectTypeOf<CallbackNotification>().toMatchTypeOf<Schemas["CallbackNotification"]>();
    expectTypeOf<Schemas["CallbackNotification"]>().toMatchTypeOf<CallbackNotification>();
  });

  it("a wrong customer type is rejected by both", () => {
    // @ts-expect-error: "business" is not a customer type
    const generated: Schemas["CustomerDetails"]["type"] = "business";
    // @ts-expect-error: "business" is not a customer type
    const inferred: InvoiceOrderRequest["customerDetails"]["type"] = "business";
    expectTypeOf(generated).not.toBeAny();
    expectTypeOf(inferred).not.toBeAny();
  });
});
