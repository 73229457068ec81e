import type { CustomerDetails } from "./types.js";

/**
 * What makes two saves the same customer of a team: a company's organisation number, a person's
 * name and email (ignoring case). Every store implementation keys customers by it.
 */
export function customerMatchKey(
  details: Pick<CustomerDetails, "type" | "name" | "email" | "organizationId">,
) {
  return details.type === "corporate"
    ? `corporate:${details.organizationId ?? ""}`
    : `private:${details.name.toLocaleLowerCase("nb")}|${details.email.toLocaleLowerCase("nb")}`;
}

/** The text a search looks in: name, organisation number, email and mobile, lower-cased, one a line. */
export function customerSearchText(details: CustomerDetails): string {
  return [
    details.name,
    details.organizationId ?? "",
    details.email,
    details.msisdn,
    `${details.countryCode}${details.msisdn}`,
  ]
    .join("\n")
    .toLocaleLowerCase("nb");
}

/**
 * What a search looks for in {@link customerSearchText}: the query lower-cased, and the same
 * without spaces, dots and dashes (`465 67 468` finds `46567468`); undefined for an empty query.
 */
export function searchNeedles(query: string): [string, string] | undefined {
  const text = query.trim().toLocaleLowerCase("nb");
  if (text === "") return undefined;
  return [text, text.replace(/[\s.-]/g, "")];
}
