/** A path parameter of a Bolt custom route (typed `string | string[]` for repeated segments). */
export function routeParam(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}
