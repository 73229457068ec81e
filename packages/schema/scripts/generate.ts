// Writes the committed OpenAPI document and the TypeScript types generated from it.
import { writeFile } from "node:fs/promises";
import { serializeOpenApiDocument } from "../src/openapi/document.js";
import { renderOpenApiTypes } from "./openapi-types.js";

const document = serializeOpenApiDocument();
await writeFile(new URL("../generated/openapi.json", import.meta.url), document);
await writeFile(new URL("../generated/openapi.d.ts", import.meta.url), await renderOpenApiTypes(document));
