import type { InvoiceOrderRequest } from "@fakturabot/schema";

/** A zod issue, named through the schema package so the sandbox needs no zod of its own. */
type Issue = NonNullable<ReturnType<(typeof InvoiceOrderRequest)["safeParse"]>["error"]>["issues"][number];

/** Anything with zod's `safeParse`: the schema package's request schemas. */
export interface Parser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } };
}

export type Validated<T> = { ok: true; value: T } | { ok: false; messages: string[] };

/** Parses a JSON request body with `schema`, or explains in Front Payment's words what is wrong. */
export function validateBody<T>(schema: Parser<T>, rawBody: string): Validated<T> {
  let body: unknown;
  try {
    body = rawBody.trim() === "" ? {} : JSON.parse(rawBody);
  } catch {
    return { ok: false, messages: ["The request body must be a JSON object."] };
  }
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, messages: [...new Set(result.error.issues.map(laravelMessage))] };
}

/**
 * One zod issue as a sentence in the style of Front Payment's (Laravel's) validation messages:
 * "The customer details.personal number must be exactly 11 digits." The attribute is the field's
 * path with camelCase split into words, as Laravel shows it. Values are never quoted back, so a
 * personal number cannot leak into an error body.
 */
export function laravelMessage(issue: Issue): string {
  const attribute = issue.path.map((segment) =>
    typeof segment === "number" ? String(segment) : words(segment),
  );
  const the = attribute.length > 0 ? `The ${attribute.join(".")}` : undefined;
  const sentence = (predicate: string) => (the ? `${the} ${predicate}.` : `${capitalized(predicate)}.`);

  if (issue.message === "is required" || isMissing(issue)) return sentence("field is required");
  // The schema's own messages are written as predicates ("must be exactly 11 digits"); zod's
  // defaults start with a capital and are replaced below.
  if (/^[a-z]/.test(issue.message)) return sentence(issue.message);
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "boolean") return sentence("field must be true or false");
      return sentence(`must be ${withArticle(issue.expected)}`);
    case "invalid_literal":
      return sentence(`must be ${String(issue.expected)}`);
    case "invalid_enum_value":
      return sentence(`must be one of ${issue.options.join(", ")}`);
    case "invalid_union": {
      const branches = issue.unionErrors.flatMap((error) => error.issues);
      const specific = branches.find((branch) => branch.code !== "invalid_type");
      if (specific) return laravelMessage(specific);
      if (issue.unionErrors.every((error) => error.issues.some(isMissing)))
        return sentence("field is required");
      // Numeric fields are a union of number and digit string: to a reader, both are "a number".
      const expected = new Set(
        branches.map((branch) => (branch.code === "invalid_type" ? branch.expected : "")),
      );
      if (expected.has("number")) return sentence("must be a number");
      return sentence(`must be ${[...expected].map(withArticle).join(" or ")}`);
    }
    default:
      return sentence("is invalid");
  }
}

function isMissing(issue: Issue): boolean {
  return issue.code === "invalid_type" && (issue.received === "undefined" || issue.received === "null");
}

/** `personalNumber` → `personal number`, like Laravel's attribute names. */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
