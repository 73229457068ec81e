import { generateSchema } from "@anatine/zod-openapi";
import type { SchemaObject } from "openapi3-ts/oas31";
import type { ZodTypeAny } from "zod";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keys that may differ between a named schema and a field that uses it (`.openapi({ description })`). */
const FIELD_LEVEL_KEYS = new Set(["description", "example", "examples"]);

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, inner]) => [key, sortedKeys(inner)]),
  );
}

/** A key-order-independent form of a schema, without its field-level keys. */
function shapeKey(schema: object): string {
  const fieldFree = Object.fromEntries(Object.entries(schema).filter(([key]) => !FIELD_LEVEL_KEYS.has(key)));
  return JSON.stringify(sortedKeys(fieldFree));
}

/** `["object"]` → `"object"`: both are OpenAPI 3.1, and tools such as openapi-typescript's
 * discriminator check only understand the plain form. */
function singleType(type: Json): Json {
  return Array.isArray(type) && type.length === 1 ? (type[0] as Json) : type;
}

function isObject(value: Json): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** @anatine/zod-openapi turns `z.null()` into `{ type: ["string", "null"], enum: ["null"] }`. */
function isMisconvertedNull(node: { [key: string]: Json }): boolean {
  return Array.isArray(node.enum) && node.enum.length === 1 && node.enum[0] === "null";
}

function nullSchema({ type: _type, enum: _enum, ...rest }: { [key: string]: Json }): Json {
  return { type: "null", ...rest };
}

/**
 * Converts named zod schemas to OpenAPI schemas and replaces every inlined copy of a named schema
 * with a `$ref`. @anatine/zod-openapi converts one schema at a time and inlines everything, so a
 * copy is recognised by its generated form (which includes its `title`); a field's own
 * description is kept beside the `$ref`.
 */
export function createSchemaRefs(named: Record<string, ZodTypeAny>) {
  const generated = new Map<string, SchemaObject>();
  const byShape = new Map<string, string>();
  for (const [name, schema] of Object.entries(named)) {
    const object = generateSchema(schema, false, "3.1") as SchemaObject;
    if (object.title !== name)
      throw new Error(`Named schema ${name} must have title "${name}", not "${object.title}"`);
    generated.set(name, object);
    byShape.set(shapeKey(object), name);
  }

  function ref(name: string) {
    return `#/components/schemas/${name}`;
  }

  /** Replaces named sub-schemas of `node` with `$ref`s; `self` is not replaced at the root. */
  function withRefs(node: Json, self?: string): Json {
    if (Array.isArray(node)) return node.map((item) => withRefs(item));
    if (node === null || typeof node !== "object") return node;
    if (isMisconvertedNull(node)) return nullSchema(node);
    const name = byShape.get(shapeKey(node));
    if (name !== undefined && name !== self) {
      const named = generated.get(name) as Json as Record<string, Json>;
      const description = node.description;
      return description !== undefined && description !== named.description
        ? { $ref: ref(name), description }
        : { $ref: ref(name) };
    }
    return Object.fromEntries(
      // A `type` that is an object is a property named "type", not the keyword.
      Object.entries(node).map(([key, value]) => [
        key,
        key === "type" && !isObject(value) ? singleType(value) : withRefs(value),
      ]),
    );
  }

  return {
    /** `components.schemas`, sorted by name. */
    components(): Record<string, SchemaObject> {
      return Object.fromEntries(
        [...generated.keys()]
          .sort()
          .map((name) => [name, withRefs(generated.get(name) as Json, name) as SchemaObject]),
      );
    },
    /** The schema for a zod schema used in an operation: a `$ref` when it is named. */
    schema(schema: ZodTypeAny): SchemaObject {
      return withRefs(generateSchema(schema, false, "3.1") as Json) as SchemaObject;
    },
  };
}
