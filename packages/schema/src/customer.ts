import { ISO_COUNTRY_CODES } from "./countries.js";
import { z } from "./zod.js";

export const PREFERRED_LANGUAGES = ["en", "no", "sv", "da", "de"] as const;
export const PreferredLanguage = z.enum(PREFERRED_LANGUAGES).openapi({
  title: "PreferredLanguage",
  description: "Language of the customer's messages and pages. Front Payment uses `no` when it is left out.",
});
export type PreferredLanguage = z.infer<typeof PreferredLanguage>;

export const Address = z
  .object({
    street: z.string().trim().min(1, "is required").openapi({ description: "Street and house number." }),
    zip: z.string().trim().min(1, "is required").openapi({ description: "Postal code.", example: "7030" }),
    city: z
      .string()
      .trim()
      .min(1, "is required")
      .openapi({ description: "Town or city.", example: "Trondheim" }),
    country: z
      .enum(ISO_COUNTRY_CODES, {
        errorMap: () => ({ message: "must be an ISO 3166-1 alpha-2 country code, such as NO" }),
      })
      .openapi({ description: "ISO 3166-1 alpha-2 country code.", example: "NO" }),
  })
  .openapi({ title: "Address", description: "The customer's billing address." });
export type Address = z.infer<typeof Address>;

/** Fields every customer has, whatever its type. */
const customerFields = {
  countryCode: z
    .string()
    .regex(/^\+\d{1,4}$/, "must be a dialling code such as +47")
    .openapi({ description: "Dialling code of the customer's mobile number.", example: "+47" }),
  msisdn: z
    .string()
    .regex(/^\d{4,15}$/, "must be the mobile number in digits, without the country code")
    .openapi({ description: "Mobile number without the dialling code.", example: "46567468" }),
  email: z
    .string()
    .email("must be an email address")
    .openapi({ description: "Where Front Payment sends the invoice.", example: "kari@example.no" }),
  name: z
    .string()
    .trim()
    .min(1, "is required")
    .openapi({ description: "The person's full name, or the company's name." }),
  preferredLanguage: PreferredLanguage.optional(),
  address: Address,
};

const PERSONAL_NUMBER = z
  .string()
  .regex(/^\d{11}$/, "must be exactly 11 digits")
  .openapi({
    description: "Norwegian personal number (fødselsnummer or D-number): 11 digits.",
    example: "28038712383",
  });

const ORGANIZATION_ID = z
  .string()
  .regex(/^[A-Za-z0-9]+$/, "must be letters and digits only")
  .openapi({
    description: "Organisation number; for Norwegian companies the 9-digit organisasjonsnummer.",
    example: "923609016",
  });

export const PrivateCustomer = z
  .object({
    type: z.literal("private").openapi({ description: "A person." }),
    ...customerFields,
    personalNumber: PERSONAL_NUMBER,
    organizationId: z
      .string()
      .optional()
      .openapi({ description: "Not used for private customers; may be empty." }),
  })
  .openapi({ title: "PrivateCustomer", description: "A person, identified by an 11-digit personal number." });
export type PrivateCustomer = z.infer<typeof PrivateCustomer>;

export const CorporateCustomer = z
  .object({
    type: z.literal("corporate").openapi({ description: "A company or organisation." }),
    ...customerFields,
    organizationId: ORGANIZATION_ID,
    personalNumber: z
      .string()
      .optional()
      .openapi({ description: "Not used for corporate customers; may be empty." }),
  })
  .openapi({ title: "CorporateCustomer", description: "A company, identified by its organisation number." });
export type CorporateCustomer = z.infer<typeof CorporateCustomer>;

export const CustomerDetails = z
  .discriminatedUnion("type", [PrivateCustomer, CorporateCustomer], {
    errorMap: (issue, ctx) =>
      issue.code === "invalid_union_discriminator"
        ? { message: "must be private or corporate" }
        : { message: ctx.defaultError },
  })
  .openapi({
    title: "CustomerDetails",
    description: "Who is invoiced: a private person or a company.",
    // Without a mapping, tools take the schema names as the discriminator's values.
    discriminator: {
      propertyName: "type",
      mapping: {
        private: "#/components/schemas/PrivateCustomer",
        corporate: "#/components/schemas/CorporateCustomer",
      },
    },
  });
export type CustomerDetails = z.infer<typeof CustomerDetails>;
