import { z } from "./zod.js";

/**
 * The fields of Brønnøysundregistrene's Enhetsregisteret (`GET /enhetsregisteret/api/enheter/{orgnr}`,
 * operation `hentEnhet`) that an invoice form uses. Lenient: unknown fields are dropped, absent
 * ones are allowed, since the register omits what it does not hold. Not part of Front Payment's
 * OpenAPI document.
 */

export const BrregAddress = z.object({
  /** Street lines, e.g. `["Klosterenget 144"]` or `["c/o Regnskap AS", "Postboks 12"]`. */
  adresse: z.array(z.string()).optional(),
  postnummer: z.string().optional(),
  poststed: z.string().optional(),
  kommune: z.string().optional(),
  kommunenummer: z.string().optional(),
  land: z.string().optional(),
  /** ISO 3166-1 alpha-2, e.g. `NO`. */
  landkode: z.string().optional(),
});
export type BrregAddress = z.infer<typeof BrregAddress>;

export const BrregOrganisationForm = z.object({
  /** e.g. `AS`, `ENK`, `NUF`. */
  kode: z.string(),
  beskrivelse: z.string().optional(),
});

/** A 200 answer: the entity. */
export const BrregEntity = z.object({
  organisasjonsnummer: z.string(),
  navn: z.string(),
  organisasjonsform: BrregOrganisationForm.optional(),
  forretningsadresse: BrregAddress.optional(),
  postadresse: BrregAddress.optional(),
  registrertIMvaregisteret: z.boolean().optional(),
  konkurs: z.boolean().optional(),
  underAvvikling: z.boolean().optional(),
  underTvangsavviklingEllerTvangsopplosning: z.boolean().optional(),
  /** The date it was deleted (`YYYY-MM-DD`), when it was. */
  slettedato: z.string().optional(),
});
export type BrregEntity = z.infer<typeof BrregEntity>;

/** A 410 Gone answer ("Enheten er fjernet"): what is left of a deleted entity. */
export const BrregRemovedEntity = z.object({
  organisasjonsnummer: z.string(),
  navn: z.string().optional(),
  organisasjonsform: BrregOrganisationForm.optional(),
  slettedato: z.string().optional(),
});
export type BrregRemovedEntity = z.infer<typeof BrregRemovedEntity>;
