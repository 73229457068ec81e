import type { BrregEntity } from "@fakturabot/schema";

/**
 * An entity as the stand-in holds it: the fields the schema knows, plus any others the real
 * register sends (`naeringskode1`, `antallAnsatte`…), answered as they are.
 */
export type BrregSandboxEntity = BrregEntity & Record<string, unknown>;

/**
 * The organisation numbers of the default entities, one per case a form must handle. Names are
 * made up; the numbers only pass the check digits and may belong to real entities, so never
 * look them up in the real register and draw conclusions.
 */
export const BRREG_SANDBOX_NUMBERS = {
  /** An active AS, VAT-registered, with a business and a postal address. */
  active: "921876548",
  bankrupt: "931456784",
  dissolving: "918765433",
  forcedDissolution: "926543210",
  /** Deleted: answered 410 Gone. */
  deleted: "993123455",
  /** A sole proprietorship with only a postal address, not VAT-registered. */
  postalOnly: "987654325",
  /** Valid check digits, but in no register: 404. */
  unknown: "922334455",
} as const;

const AS = { kode: "AS", beskrivelse: "Aksjeselskap" };

function address(line: string, postnummer: string, poststed: string, kommune: string, kommunenummer: string) {
  return { land: "Norge", landkode: "NO", postnummer, poststed, adresse: [line], kommune, kommunenummer };
}

function activeAs(organisasjonsnummer: string, navn: string, fields: Partial<BrregSandboxEntity> = {}) {
  return {
    organisasjonsnummer,
    navn,
    organisasjonsform: AS,
    registreringsdatoEnhetsregisteret: "2015-04-20",
    registrertIMvaregisteret: true,
    registrertIForetaksregisteret: true,
    konkurs: false,
    underAvvikling: false,
    underTvangsavviklingEllerTvangsopplosning: false,
    maalform: "Bokmål",
    ...fields,
  } satisfies BrregSandboxEntity;
}

/** The stand-in's entities unless `startBrregSandbox` is given others. */
export const BRREG_SANDBOX_ENTITIES: readonly BrregSandboxEntity[] = [
  activeAs(BRREG_SANDBOX_NUMBERS.active, "FJORDLYS KONSULT AS", {
    forretningsadresse: address("Strandgaten 12", "5013", "BERGEN", "BERGEN", "4601"),
    postadresse: {
      ...address("Postboks 341 Sentrum", "5804", "BERGEN", "BERGEN", "4601"),
      adresse: ["c/o Fjordlys Regnskap", "Postboks 341 Sentrum"],
    },
    naeringskode1: { kode: "70.220", beskrivelse: "Bedriftsrådgivning og annen administrativ rådgivning" },
    antallAnsatte: 14,
  }),
  activeAs(BRREG_SANDBOX_NUMBERS.bankrupt, "NORDKAPP TRELAST AS", {
    forretningsadresse: address("Havnegata 3", "9750", "HONNINGSVÅG", "NORDKAPP", "5633"),
    konkurs: true,
  }),
  activeAs(BRREG_SANDBOX_NUMBERS.dissolving, "SOLBAKKEN REGNSKAP AS", {
    forretningsadresse: address("Solbakkvegen 8", "2815", "GJØVIK", "GJØVIK", "3407"),
    underAvvikling: true,
  }),
  activeAs(BRREG_SANDBOX_NUMBERS.forcedDissolution, "HAVBRIS EIENDOM AS", {
    forretningsadresse: address("Kaiveien 21", "4614", "KRISTIANSAND S", "KRISTIANSAND", "4204"),
    registrertIMvaregisteret: false,
    underTvangsavviklingEllerTvangsopplosning: true,
  }),
  activeAs(BRREG_SANDBOX_NUMBERS.deleted, "GAMLE BRYGGEN HANDEL AS", {
    forretningsadresse: address("Bryggen 40", "5003", "BERGEN", "BERGEN", "4601"),
    slettedato: "2024-03-15",
  }),
  {
    organisasjonsnummer: BRREG_SANDBOX_NUMBERS.postalOnly,
    navn: "VIDDA SNEKKERI Kari Fjellheim",
    organisasjonsform: { kode: "ENK", beskrivelse: "Enkeltpersonforetak" },
    postadresse: address("Fjellheimvegen 5", "3580", "GEILO", "HOL", "3330"),
    registreringsdatoEnhetsregisteret: "2021-09-01",
    registrertIMvaregisteret: false,
    konkurs: false,
    underAvvikling: false,
    underTvangsavviklingEllerTvangsopplosning: false,
  },
];
