/**
 * The invoice form, its field errors and App Home in Norwegian Bokmål, the product's default
 * language: the words a Norwegian seller reads, money and dates as Norwegians write them, and
 * every view still within Slack's limits.
 */
import { formatProblem, validateView } from "@fakturabot/sandbox";
import type { types } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../src/i18n/index.js";
import { BLOCK_IDS, lineBlockId } from "../src/invoice-form/ids.js";
import { addLine, newFormMetadata } from "../src/invoice-form/metadata.js";
import type { InvoiceFormValues } from "../src/invoice-form/read.js";
import { frontPaymentErrorsToBlocks, validateInvoiceForm } from "../src/invoice-form/validate.js";
import { readCustomerEdit } from "../src/services/saved-customers.js";
import type { SavedCustomer } from "../src/store/types.js";
import { appHomeView, homeLanguageSection, homeSumsSection } from "../src/views/app-home.js";
import type { ModalView } from "../src/views/block-kit.js";
import { customerEditBlockId, customerEditModal } from "../src/views/home/customer-edit-modal.js";
import { customersHomeSection } from "../src/views/home/customers-section.js";
import { dueDateHint } from "../src/views/invoice-modal/terms-section.js";
import { invoiceModal } from "../src/views/invoice-modal.js";
import { createdModal, failedModal, sendingModal, unknownModal } from "../src/views/submission.js";

const nb = messagesFor("nb");
const en = messagesFor("en");
const NBSP = "\u00a0";

const CONTEXT = {
  now: new Date("2026-12-01T09:00:00Z"),
  referenceNo: "FB01TEST",
  callback: {
    callbackUrl: "https://fakturabot.example.com/frontpayment/callback/FB01TEST",
    success: "https://fakturabot.example.com/frontpayment/return/FB01TEST/success",
    failure: "https://fakturabot.example.com/frontpayment/return/FB01TEST/failure",
  },
};

function form(overrides: Partial<InvoiceFormValues> = {}): InvoiceFormValues {
  return {
    customerType: "private",
    name: "Kari Nordmann",
    email: "kari@example.no",
    countryCode: "+47",
    mobile: "46567468",
    personalNumber: "28038712383",
    street: "Klosterenget 144",
    zip: "7030",
    city: "Trondheim",
    country: "NO",
    preferredLanguage: "no",
    lines: [{ key: "1", name: "Rådgivning", quantity: "1,5", rate: "1 250,50", tax: "25" }],
    invoiceFeeApplicable: false,
    separateInvoices: false,
    invoiceMaturity: "14",
    ...overrides,
  };
}

function errorsOf(values: InvoiceFormValues): Record<string, string> {
  const result = validateInvoiceForm(nb, values, CONTEXT);
  if (result.ok) throw new Error("expected the form to be rejected");
  return result.errors;
}

function blocksOf(view: { blocks: unknown[] }): types.KnownBlock[] {
  return view.blocks as types.KnownBlock[];
}

/** Every piece of text a person reads in the view: labels, hints, placeholders, options, sections. */
function wordsOf(view: object): string {
  const texts: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if ((record.type === "plain_text" || record.type === "mrkdwn") && typeof record.text === "string")
        texts.push(record.text);
      else Object.values(record).forEach(visit);
    }
  };
  visit(view);
  return texts.join("\n").replace(/\u00a0/g, " ");
}

function inputLabel(view: ModalView, blockId: string): string | undefined {
  const found = blocksOf(view).find((candidate) => candidate.block_id === blockId);
  return found?.type === "input" ? found.label.text : undefined;
}

describe("the invoice modal in Norwegian", () => {
  const metadata = addLine(newFormMetadata({ channelId: "C0SALES" }));
  const view = invoiceModal(nb, {
    metadata,
    initial: form({
      lines: [
        { key: "1", name: "Rådgivning", quantity: "1,5", rate: "1 250,50", tax: "25" },
        { key: "2", name: "Ruter", quantity: "1" },
      ],
    }),
    now: CONTEXT.now,
  });

  it("has Norwegian titles, headings and labels", () => {
    expect(view.title.text).toBe("Ny faktura");
    expect(view.submit?.text).toBe("Send faktura");
    expect(view.close?.text).toBe("Avbryt");
    const words = wordsOf(view);
    for (const word of ["Kunde", "Privatperson", "Bedrift", "Produktlinjer", "Betingelser", "Referanser"])
      expect(words).toContain(word);
    expect(inputLabel(view, BLOCK_IDS.personalNumber)).toBe("Fødselsnummer");
    expect(inputLabel(view, BLOCK_IDS.email)).toBe("E-post");
    expect(inputLabel(view, BLOCK_IDS.mobile)).toBe("Mobil");
    expect(inputLabel(view, BLOCK_IDS.street)).toBe("Adresse");
    expect(inputLabel(view, BLOCK_IDS.zip)).toBe("Postnummer");
    expect(inputLabel(view, BLOCK_IDS.city)).toBe("Poststed");
    expect(inputLabel(view, BLOCK_IDS.country)).toBe("Land");
    expect(inputLabel(view, BLOCK_IDS.invoiceMaturity)).toBe("Dager til forfall");
    expect(inputLabel(view, lineBlockId("1", "quantity"))).toBe("Antall");
    expect(inputLabel(view, lineBlockId("1", "rate"))).toBe("Enhetspris (kr, inkl. MVA)");
    expect(inputLabel(view, lineBlockId("1", "tax"))).toBe("MVA");
    expect(inputLabel(view, lineBlockId("1", "discount"))).toBe("Rabatt (på hele linjen)");
  });

  it("shows the totals, the due date and the countries as Norwegians write them", () => {
    const words = wordsOf(view);
    // 1,5 × 1 250,50 kr = 1 875,75 kr, VAT 25 % included.
    expect(words).toContain("*Linje 1*  ·  1 875,75 kr");
    expect(words).toContain("*Sum 1 875,75 kr*");
    expect(words).toContain("Eks. MVA 1 500,60 kr  ·  MVA 375,15 kr");
    expect(words).toContain("Linje 2 telles ikke med før den er fylt ut.");
    expect(words).toContain("Forfall tirsdag 15. desember 2026 (14 dager fra i dag).");
    expect(words).toContain("Norge (NO)");
    expect(words).not.toContain("Norway");
    expect(words).toContain("Norsk");
  });

  it("is in English for an English reader, and within Slack's limits in both", () => {
    const english = invoiceModal(en, { metadata, initial: form(), now: CONTEXT.now });
    expect(english.title.text).toBe("New invoice");
    expect(wordsOf(english)).toContain("Due Tuesday, 15 December 2026 (14 days after today).");
    expect(validateView(view, "modal").map(formatProblem)).toEqual([]);
    expect(validateView(english, "modal").map(formatProblem)).toEqual([]);
  });

  it("warns of a bankrupt company in Norwegian, naming the register's term", () => {
    const corporate = invoiceModal(nb, {
      metadata: {
        ...newFormMetadata({ channelId: "C0SALES", customerType: "corporate" }),
        register: {
          organisationNumber: "910000003",
          kind: "found",
          name: "Konkurs AS",
          warnings: ["bankrupt"],
        },
      },
    });
    expect(wordsOf(corporate)).toContain(
      ":warning: *Konkurs AS* (910 000 003) er konkurs i Brønnøysundregistrene. Fakturaen blir kanskje aldri betalt",
    );
    expect(inputLabel(corporate, BLOCK_IDS.organizationId)).toBe("Organisasjonsnummer");
    expect(inputLabel(corporate, BLOCK_IDS.name)).toBe("Firmanavn");
  });

  it("says the maturity days in words without a date to count from", () => {
    expect(dueDateHint(nb, "14", undefined)).toBe("Dager fra i dag til fakturaen forfaller.");
    expect(dueDateHint(nb, "1", CONTEXT.now)).toBe("Forfall onsdag 2. desember 2026 (1 dag fra i dag).");
  });
});

describe("field errors in Norwegian", () => {
  it("accepts 1 250,50 × 1,5 as the totals read them", () => {
    const result = validateInvoiceForm(nb, form(), CONTEXT);
    expect(result.ok && result.grandTotalOre).toBe(187_575);
  });

  it("names each field as its label does, with the problem in Norwegian", () => {
    const errors = errorsOf(
      form({
        personalNumber: "28038712384",
        email: "kari@",
        mobile: "4656746",
        zip: "abc",
        name: undefined,
        invoiceMaturity: "1,5",
        lines: [
          { key: "1", name: "Rådgivning", quantity: "0", rate: "1.250,50", tax: "25", discount: "120 %" },
        ],
      }),
    );
    expect(errors).toEqual({
      [BLOCK_IDS.personalNumber]: "Fødselsnummer har feil kontrollsifre; se etter en skrivefeil",
      [BLOCK_IDS.email]: "E-post må være en adresse som kari@example.no",
      [BLOCK_IDS.mobile]: "Mobil må være 8 sifre for +47",
      [BLOCK_IDS.zip]: "Postnummer må være 4 sifre i Norge, for eksempel 7030",
      [BLOCK_IDS.name]: "Fullt navn må fylles ut",
      [BLOCK_IDS.invoiceMaturity]: "Dager til forfall må være et helt tall, for eksempel 14",
      [lineBlockId("1", "quantity")]: "Antall må være mer enn 0",
      [lineBlockId("1", "rate")]: `Enhetspris: 1.250,50 kan bety 1${NBSP}250,50 eller 1,25050: skriv 1250,50`,
      [lineBlockId("1", "discount")]: "Rabatt: En rabatt kan ikke være mer enn 100 %",
    });
  });

  it("says every number problem in Norwegian, as the same parser finds it in English", () => {
    const rate = (typed: string, words = nb) => {
      const result = validateInvoiceForm(
        words,
        form({ lines: [{ key: "1", name: "Rådgivning", quantity: "1", rate: typed, tax: "25" }] }),
        CONTEXT,
      );
      return result.ok ? undefined : result.errors[lineBlockId("1", "rate")];
    };
    expect(rate("abc")).toBe("Enhetspris: Ikke et tall: skriv det som 1250 eller 1 250,50");
    expect(rate("abc", en)).toBe("Unit price: Not a number: write it like 1250 or 1 250,50");
    expect(rate("1.250.000")).toBe(
      `Enhetspris: Bruk mellomrom mellom tusener, ikke punktum: skriv 1${NBSP}250${NBSP}000`,
    );
    expect(rate("12 50")).toBe("Enhetspris: Mellomrom skal bare stå mellom grupper på tre sifre: skriv 1250");
    expect(rate("-5")).toBe("Enhetspris: Kan ikke være negativt");
    expect(rate("1,005")).toBe("Enhetspris: Høyst 2 desimaler");
    expect(rate("10 000 000,01")).toBe(`Enhetspris kan være høyst 10${NBSP}000${NBSP}000 kr`);
  });

  it("says a total above the maximum in Norwegian kroner", () => {
    const errors = errorsOf(
      form({ lines: [{ key: "1", name: "Bil", quantity: "2", rate: "6 000 000", tax: "25" }] }),
    );
    expect(errors[lineBlockId("1", "rate")]).toBe(
      `Fakturaens sum, 12${NBSP}000${NBSP}000,00${NBSP}kr, er mer enn de 10${NBSP}000${NBSP}000,00${NBSP}kr en faktura kan ha: del den opp i flere fakturaer`,
    );
  });

  it("puts Front Payment's own words next to the Norwegian field name", () => {
    const mapped = frontPaymentErrorsToBlocks(
      nb,
      ["The customer details.personal number must be exactly 11 digits.", "Something else went wrong."],
      newFormMetadata({ channelId: "C0SALES" }),
    );
    expect(mapped.byBlock).toEqual({
      [BLOCK_IDS.personalNumber]: "Fødselsnummer: Front Payment sier «must be exactly 11 digits»",
    });
    expect(mapped.unmatched).toEqual(["Something else went wrong."]);
  });
});

describe("the submission's outcome in Norwegian", () => {
  it("says sending, created, failed and unknown in Norwegian, with kroner", () => {
    expect(wordsOf(sendingModal(nb, { customerName: "Kari", grandTotalOre: 125_050 }))).toContain(
      "*Sender til Front Payment …*\nFakturaen til *Kari* på *1 250,50 kr*.",
    );
    const created = createdModal(nb, {
      orderId: "FB01TEST",
      fpOrderUuid: "ODR1",
      bankIdUrl: "https://bankid.example/1",
      status: "SENT",
      customerName: "Kari",
      grandTotalOre: 125_050,
    });
    expect(created.title.text).toBe("Faktura opprettet");
    expect(wordsOf(created)).toContain(
      "Kunden bekrefter ordren med BankID: <https://bankid.example/1|BankID-lenke>",
    );
    expect(failedModal(nb, { orderId: "FB01TEST", reason: "" }).title.text).toBe("Faktura ikke sendt");
    expect(wordsOf(failedModal(nb, { orderId: "FB01TEST", reason: "" }))).toContain("Send på nytt");
    expect(wordsOf(unknownModal(nb, { orderId: "FB01TEST", reason: "Tidsavbrudd" }))).toContain(
      "Send likevel",
    );
  });
});

const SAVED: SavedCustomer = {
  id: "CU0000000000000001",
  teamId: "T0TEAM",
  type: "corporate",
  name: "Fjordkraft AS",
  organizationId: "923609016",
  email: "faktura@fjordkraft.no",
  countryCode: "+47",
  msisdn: "46567468",
  street: "Folke Bernadottes vei 38",
  zip: "5147",
  city: "Fyllingsdalen",
  country: "NO",
  preferredLanguage: "no",
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

describe("App Home in Norwegian", () => {
  const zero = { count: 0, totalOre: 0 };
  const view = appHomeView([
    homeSumsSection(nb, { open: { count: 2, totalOre: 125_050 }, overdue: zero, paidThisMonth: zero }),
    homeLanguageSection(nb, { chosen: null, workspaceLocale: "nb" }),
    customersHomeSection(nb, [SAVED], { mayManage: true }),
  ]);

  it("shows the sums, the customers and the language setting in Norwegian", () => {
    const words = wordsOf(view);
    expect(words).toContain("*Åpne*\n1 250,50 kr (2)");
    expect(words).toContain("*Forfalt*");
    expect(words).toContain("*Betalt denne måneden*");
    expect(words).toContain("Kunder");
    expect(words).toContain("Org.nr. 923 609 016");
    expect(words).toContain("Endre");
    expect(words).toContain("Glem");
    expect(words).toContain("Ditt språk i Fakturabot");
    expect(validateView(view, "home").map(formatProblem)).toEqual([]);
  });

  it("offers the workspace's language, Norsk bokmål and English, each named in its own language", () => {
    const [languageBlock] = homeLanguageSection(nb, { chosen: "en", workspaceLocale: "nb" });
    const select = languageBlock?.type === "section" ? languageBlock.accessory : undefined;
    if (select?.type !== "static_select") throw new Error("no language select");
    expect(select.options?.map((option) => option.text.text)).toEqual([
      "Arbeidsområdets (Norsk bokmål)",
      "Norsk bokmål",
      "English",
    ]);
    expect(select.initial_option?.value).toBe("en");
    const [following] = homeLanguageSection(en, { chosen: null, workspaceLocale: "nb" });
    expect(
      following?.type === "section" && following.accessory?.type === "static_select"
        ? following.accessory.initial_option?.text.text
        : undefined,
    ).toBe("The workspace's (Norsk bokmål)");
  });

  it("edits a saved customer in Norwegian, with the field errors in Norwegian", () => {
    const modal = customerEditModal(nb, SAVED);
    expect(modal.title.text).toBe("Endre kunde");
    expect(modal.submit?.text).toBe("Lagre");
    expect(wordsOf(modal)).toContain("Bedrift, organisasjonsnummer 923 609 016");
    expect(validateView(modal, "modal").map(formatProblem)).toEqual([]);
    const typed = (field: string, value: string) => ({
      [customerEditBlockId(field as "zip")]: {
        [customerEditBlockId(field as "zip")]: { type: "plain_text_input", value },
      },
    });
    const edit = readCustomerEdit(nb, { ...typed("name", "Fjordkraft AS"), ...typed("zip", "51") }, SAVED);
    expect(edit.ok ? {} : edit.errors).toMatchObject({
      [customerEditBlockId("zip")]: "Postnummer må være 4 sifre i Norge, for eksempel 7030",
      [customerEditBlockId("email")]: "E-post må fylles ut",
    });
  });
});
