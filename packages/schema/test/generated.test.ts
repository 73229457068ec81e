import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { renderOpenApiTypes } from "../scripts/openapi-types.js";
import { buildOpenApiDocument, serializeOpenApiDocument } from "../src/openapi/document.js";

const committed = (name: string) => readFile(new URL(`../generated/${name}`, import.meta.url), "utf8");

describe("generated files", () => {
  it("the committed OpenAPI document is what the schemas generate (run `pnpm generate`)", async () => {
    expect(serializeOpenApiDocument()).toBe(await committed("openapi.json"));
  });

  it("the committed types are what openapi-typescript generates from it", async () => {
    expect(await renderOpenApiTypes(await committed("openapi.json"))).toBe(await committed("openapi.d.ts"));
  });

  it("names every schema and gives every operation a summary and an operationId", () => {
    const document = buildOpenApiDocument();
    const operations = Object.values(document.paths ?? {}).flatMap((item) => Object.values(item));
    expect(operations).toHaveLength(8);
    for (const operation of operations) {
      expect(operation).toMatchObject({ summary: expect.any(String), operationId: expect.any(String) });
    }
    const request = JSON.stringify(document.components?.schemas?.InvoiceOrderRequest);
    expect(request).toContain('"$ref":"#/components/schemas/CustomerDetails"');
    expect(request).toContain('"$ref":"#/components/schemas/ProductLine"');
  });

  it("converts every schema: nothing falls through to the converter's catch-all", () => {
    // A catch-all conversion yields a schema with neither type, $ref nor composition. The one
    // intended "any value" is the content of Front Payment's undocumented error details.
    const intendedAny =
      "$.components.schemas.InternalErrorResponse.properties.errors.properties.internalErrorDetails.items";
    const untyped: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (node === null || typeof node !== "object") return;
      const record = node as Record<string, unknown>;
      if (path.endsWith(".schema") || /\.properties\.[^.]+$/.test(path) || path.endsWith(".items")) {
        const typed = ["type", "$ref", "oneOf", "anyOf", "allOf", "enum"].some((key) => key in record);
        if (!typed && path !== intendedAny) untyped.push(path);
      }
      for (const [key, value] of Object.entries(record)) visit(value, `${path}.${key}`);
    };
    visit(buildOpenApiDocument(), "$");
    expect(untyped).toEqual([]);
  });
});
