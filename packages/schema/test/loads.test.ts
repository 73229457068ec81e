import { expect, it } from "vitest";

// The OpenAPI entry point checks the schemas while it loads (a named schema must carry its name
// as its title). Imported here inside a test, a broken check fails this test instead of stopping
// every test file from loading, which mutation testing would miss (stryker-js issue 6150).
it("loads, every named schema carrying its name as its title", async () => {
  const openapi = await import("../src/openapi/document.js");
  expect(Object.keys(openapi.buildOpenApiDocument().components?.schemas ?? {})).toContain("Numeric");
});
