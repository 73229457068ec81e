import type { CustomerDetails, SavedCustomer } from "./types.js";

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

/** A saved customer's row, as both stores keep it: only how a time is encoded differs (`Time`). */
export interface CustomerRow<Time> {
  id: string;
  team_id: string;
  type: SavedCustomer["type"];
  name: string;
  organization_id: string | null;
  email: string;
  country_code: string;
  msisdn: string;
  street: string;
  zip: string;
  city: string;
  country: string;
  preferred_language: SavedCustomer["preferredLanguage"];
  created_at: Time;
  updated_at: Time;
}

/** The customer a row holds; `date` reads the store's encoding of a time. */
export function customerFromRow<Time>(row: CustomerRow<Time>, date: (time: Time) => Date): SavedCustomer {
  return {
    id: row.id,
    teamId: row.team_id,
    type: row.type,
    name: row.name,
    organizationId: row.organization_id,
    email: row.email,
    countryCode: row.country_code,
    msisdn: row.msisdn,
    street: row.street,
    zip: row.zip,
    city: row.city,
    country: row.country,
    preferredLanguage: row.preferred_language,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}
