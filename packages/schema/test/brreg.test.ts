import { describe, expect, it } from "vitest";
import { BrregEntity, BrregRemovedEntity } from "../src/index.js";

/** An answer in the register's shape, with fields the schema does not know. */
const ANSWER = {
  organisasjonsnummer: "921876548",
  navn: "FJORDLYS KONSULT AS",
  organisasjonsform: { kode: "AS", beskrivelse: "Aksjeselskap", _links: { self: { href: "…" } } },
  registreringsdatoEnhetsregisteret: "2015-04-20",
  registrertIMvaregisteret: true,
  naeringskode1: { kode: "70.220", beskrivelse: "Bedriftsrådgivning" },
  antallAnsatte: 14,
  forretningsadresse: {
    land: "Norge",
    landkode: "NO",
    postnummer: "5013",
    poststed: "BERGEN",
    adresse: ["Strandgaten 12"],
    kommune: "BERGEN",
    kommunenummer: "4601",
  },
  konkurs: false,
  underAvvikling: false,
  underTvangsavviklingEllerTvangsopplosning: false,
  maalform: "Bokmål",
  _links: { self: { href: "https://data.brreg.no/enhetsregisteret/api/enheter/921876548" } },
};

describe("BrregEntity", () => {
  it("reads the fields an invoice uses and drops the rest", () => {
    const parsed = BrregEntity.parse(ANSWER);
    expect(parsed).toEqual({
      organisasjonsnummer: "921876548",
      navn: "FJORDLYS KONSULT AS",
      organisasjonsform: { kode: "AS", beskrivelse: "Aksjeselskap" },
      registrertIMvaregisteret: true,
      forretningsadresse: ANSWER.forretningsadresse,
      konkurs: false,
      underAvvikling: false,
      underTvangsavviklingEllerTvangsopplosning: false,
    });
  });

  it("allows what the register leaves out", () => {
    expect(BrregEntity.parse({ organisasjonsnummer: "921876548", navn: "X", postadresse: {} })).toEqual({
      organisasjonsnummer: "921876548",
      navn: "X",
      postadresse: {},
    });
  });

  it.each([
    ["no name", { ...ANSWER, navn: undefined }, ["navn"]],
    ["a flag that is text", { ...ANSWER, konkurs: "ja" }, ["konkurs"]],
    [
      "address lines that are not a list",
      { ...ANSWER, postadresse: { adresse: "Gate 1" } },
      ["postadresse", "adresse"],
    ],
  ])("rejects %s", (_, answer, path) => {
    const result = BrregEntity.safeParse(answer);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});

describe("BrregRemovedEntity", () => {
  it("reads the small body of a 410", () => {
    const body = {
      organisasjonsnummer: "993123455",
      navn: "GAMLE BRYGGEN HANDEL AS",
      organisasjonsform: { kode: "AS", beskrivelse: "Aksjeselskap" },
      slettedato: "2024-03-15",
      _links: {},
    };
    const { _links, ...known } = body;
    expect(BrregRemovedEntity.parse(body)).toEqual(known);
    expect(BrregRemovedEntity.safeParse({ slettedato: "2024-03-15" }).success).toBe(false);
  });
});
