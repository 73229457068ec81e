import type { InvoiceOrderRequest } from "@fakturabot/schema";
import type { components } from "@fakturabot/schema/openapi-types";
import { assertType, describe, expectTypeOf, it } from "vitest";
import {
  type CallbackVerification,
  createFrontPaymentClient,
  type FrontPaymentClient,
  verifyCallback,
} from "../src/index.js";
import { ORDER } from "./helpers.js";

type Schemas = components["schemas"];
declare const client: FrontPaymentClient;

describe("the methods are typed from the schema", () => {
  it("return the generated response types' data", () => {
    expectTypeOf(client.submitInvoiceOrder).returns.resolves.toEqualTypeOf<{
      orderUuid: string;
      customerUuid: string;
      bankIdUrl?: string | null | undefined;
    }>();
    expectTypeOf(client.submitInvoiceOrder).returns.resolves.toMatchTypeOf<
      Schemas["InvoiceOrderCreated"]["data"]
    >();
    expectTypeOf(client.getOrderStatus).returns.resolves.toMatchTypeOf<
      Schemas["OrderStatusResponse"]["data"]
    >();
    expectTypeOf(client.getInvoiceNumber).returns.resolves.toMatchTypeOf<
      Schemas["InvoiceNumberResponse"]["data"]
    >();
    expectTypeOf(client.cancelOrder).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(client.resendOrder).returns.resolves.toEqualTypeOf<void>();
  });

  it("take the schema's order type, which is the generated request body", () => {
    expectTypeOf(client.submitInvoiceOrder).parameter(0).toEqualTypeOf<InvoiceOrderRequest>();
    expectTypeOf<InvoiceOrderRequest>().toMatchTypeOf<Schemas["InvoiceOrderRequest"]>();
  });

  it("reject a wrong body at compile time", () => {
    // @ts-expect-error: customerDetails is required
    client.submitInvoiceOrder({ ...ORDER, customerDetails: undefined });
    // @ts-expect-error: the customer type is "private" or "corporate"
    client.submitInvoiceOrder({ ...ORDER, customerDetails: { ...ORDER.customerDetails, type: "person" } });
    // @ts-expect-error: products are objects, not names
    client.submitInvoiceOrder({ ...ORDER, products: ["Router"] });
    // @ts-expect-error: a cancellation needs its note
    client.cancelOrder("ODR1");
    // @ts-expect-error: resend takes contact details, not a string
    client.resendOrder("ODR1", "kari@example.no");
  });
});

describe("raw typed access", () => {
  it("knows the paths, their parameters and bodies", () => {
    assertType(
      client.GET("/api/v1/connect/orders/status/{orderUuid}", { params: { path: { orderUuid: "ODR1" } } }),
    );
    // @ts-expect-error: the path parameter is required
    client.GET("/api/v1/connect/orders/status/{orderUuid}", {});
    // @ts-expect-error: no such path
    client.GET("/api/v1/connect/orders/everything");
    // @ts-expect-error: submit is a POST
    client.GET("/api/v1/connect/orders/invoice/submit");
    // @ts-expect-error: a wrong body does not compile
    client.POST("/api/v1/connect/orders/invoice/submit", { body: { products: "Router" } });
    assertType(client.POST("/api/v1/connect/orders/invoice/submit", { body: ORDER }));
  });

  it("types the parsed answer", async () => {
    const { data } = await client.GET("/api/v1/connect/orders/invoice-number/{orderUuid}", {
      params: { path: { orderUuid: "ODR1" } },
    });
    expectTypeOf(data).toEqualTypeOf<Schemas["InvoiceNumberResponse"] | undefined>();
  });
});

describe("options and callbacks", () => {
  it("environment is demo or production", () => {
    // @ts-expect-error: no staging environment
    createFrontPaymentClient({ token: "t", environment: "staging" });
    // @ts-expect-error: the token is required
    createFrontPaymentClient({});
  });

  it("verifyCallback's result narrows on ok", () => {
    const result = verifyCallback("/cb?x=1", "secret");
    expectTypeOf(result).toEqualTypeOf<CallbackVerification>();
    if (result.ok) expectTypeOf(result.notification.orderUuid).toEqualTypeOf<string>();
    else expectTypeOf(result.reason).toEqualTypeOf<string>();
  });
});
