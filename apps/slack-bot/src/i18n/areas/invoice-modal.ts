import { defineMessages } from "../define.js";

/** The `/invoice` modal: titles, headings, labels, hints, placeholders, options and totals. */
export const invoiceModal = defineMessages({
  en: {
    titleNew: "New invoice",
    titleEdit: "Edit invoice",
    submitNew: "Send invoice",
    submitEdit: "Send correction",
    savedCustomerPlaceholder: "Saved customer: name, org. number, e-mail or phone",
    aPerson: "A person",
    aCompany: "A company",
    atMostCharacters: (p: { max: number }) => `At most ${p.max} characters.`,
    personalNumberPlaceholder: "11 digits",
    personalNumberHint: "Fødselsnummer or D-number. Checked for typos before anything is sent.",
    organisationNumberPlaceholder: "9 digits, such as 923 609 016",
    organisationNumberHint:
      "Organisasjonsnummer. Press Enter to fill in the name and address from Brønnøysundregistrene.",
    emailHint: "Front Payment sends the invoice to this address.",
    zipHint: (p: { max: number }) => `4 digits in Norway; up to ${p.max} characters elsewhere.`,
    countryPlaceholder: "Choose or type a country",
    nordicCountries: "Nordic countries",
    invoiceLanguageHint: "The language of the customer's invoice and payment pages.",
    languageNo: "Norwegian",
    languageEn: "English",
    languageSv: "Swedish",
    languageDa: "Danish",
    languageDe: "German",
    cutNote: (p: { length: number; max: number }) =>
      `⚠️ This was ${p.length} characters; only ${p.max} fit, so the end was cut: check it.`,
    productsHeader: "Products",
    lineTitle: (p: { number: number }) => `Line ${p.number}`,
    removeLine: "Remove",
    addLine: "➕ Add line",
    tooManyLines: (p: { max: number }) =>
      `A form holds at most ${p.max} lines. Put several items on one line, or send a second invoice.`,
    productPlaceholder: "What is sold, as the invoice shows it",
    productIdHint: (p: { max: number }) =>
      `Your product number, at most ${p.max} characters (Front Payment's limit).`,
    quantityHint: "Such as 1, 1,5 or 0,25 (up to 3 decimals).",
    rateLabel: (p: { name: string }) => `${p.name} (kr, VAT included)`,
    rateHint: "Such as 1 250,50 or 1250.50. Write 1.250,50 without the dot: it could mean two things.",
    discountLabel: (p: { name: string }) => `${p.name} (on the whole line)`,
    discountHint: "In kroner (100 or 99,50) or in per cent (10 %).",
    taxOption: (p: { rate: string }) => `${p.rate} %`,
    totalLine: (p: { total: string }) => `*Total ${p.total}*`,
    tooLargeToShow: "an amount too large to show",
    totalParts: (p: { excl: string; vat: string }) => `Excl. VAT ${p.excl}  ·  VAT ${p.vat}`,
    discounts: (p: { amount: string }) => `Discounts ${p.amount}`,
    notCounted: (p: { lines: string; count: number }) =>
      `Line ${p.lines} ${p.count === 1 ? "is" : "are"} not counted until complete.`,
    noTotalYet: "*Total:* appears when a line has a quantity, a unit price and a VAT rate.",
    totalsHowTo:
      "Totals update when you press Enter in a number field, change a VAT rate, or add or remove a line.",
    termsHeader: "Terms",
    intervalHint:
      "Front Payment documents the values 0, 1 and 2 but not what they mean. Leave it empty for Front Payment's default.",
    intervalPlaceholder: "Front Payment's default",
    interval0: "0 · one invoice, sent now",
    interval0Description: "What the seed example sends; the usual choice.",
    interval1: "1 · Front Payment's interval 1",
    interval2: "2 · Front Payment's interval 2",
    intervalUndocumented: "Undocumented: use only if Front Payment told you to.",
    invoiceFeeOption: "Add Front Payment's invoice fee",
    invoiceFeeDescription: "Customer pays it on top; amount set in your Front Payment agreement.",
    separateInvoicesOption: "A separate invoice per product line",
    separateInvoicesDescription: "Otherwise all lines are on one invoice.",
    maturityHint: "Days from today until the invoice is due.",
    dueOn: (p: { date: string; days: number }) =>
      `Due ${p.date} (${p.days} ${p.days === 1 ? "day" : "days"} after today).`,
    referencesHeader: "References",
    referenceNoHint: "Shown on the invoice. Left empty, the bot's order id (FB…) is used.",
    customerReferenceHint: "The customer's order number or contact person, shown on the invoice.",
    registerFound: (p: { name: string; number: string }) =>
      `:white_check_mark: Filled in from Brønnøysundregistrene: ${p.name} (${p.number}). Check the address before sending.`,
    registerWarning: (p: { name: string; number: string; words: string }) =>
      `:warning: ${p.name} (${p.number}) is ${p.words} in Brønnøysundregistrene. The invoice may never be paid: check with the estate or the company before sending. The details were filled in.`,
    registerNotFound: (p: { number: string }) =>
      `:grey_question: ${p.number} is not in Brønnøysundregistrene (no company has it): check the number. Nothing was filled in.`,
    registerUnavailable:
      ":hourglass: Brønnøysundregistrene did not answer in time, so nothing was filled in: type the name and address yourself. What you typed is kept.",
    warningBankrupt: "bankrupt (konkurs)",
    warningDissolving: "being dissolved (under avvikling)",
    warningForcedDissolution: "under forced dissolution (tvangsavvikling eller tvangsoppløsning)",
    warningDeleted: "deleted from the register (slettet)",
    savedPerson: "person",
    savedCompany: (p: { number: string }) => `org. ${p.number}`,
    editNotice: (p: { fpOrderUuid: string }) =>
      `This corrects Front Payment order ${p.fpOrderUuid} before the customer confirms it: Front Payment updates the same order.`,
    tooManyLinesToEdit: (p: { lines: number; max: number }) =>
      `This invoice has ${p.lines} lines and the form holds ${p.max}, so editing it here would drop lines. Correct it in Front Payment instead, or cancel it and send a new one.`,
    linesLeftOut: (p: { count: number; max: number }) =>
      `The form holds ${p.max} lines: the last ${p.count === 1 ? "line" : `${p.count} lines`} of the invoice this comes from ${p.count === 1 ? "is" : "are"} not in it.`,
  },
  nb: {
    titleNew: "Ny faktura",
    titleEdit: "Endre faktura",
    submitNew: "Send faktura",
    submitEdit: "Send rettelse",
    savedCustomerPlaceholder: "Lagret kunde: navn, org.nr., e-post eller telefon",
    aPerson: "Privatperson",
    aCompany: "Bedrift",
    atMostCharacters: (p: { max: number }) => `Høyst ${p.max} tegn.`,
    personalNumberPlaceholder: "11 sifre",
    personalNumberHint: "Fødselsnummer eller D-nummer. Sjekkes for skrivefeil før noe sendes.",
    organisationNumberPlaceholder: "9 sifre, for eksempel 923 609 016",
    organisationNumberHint: "Trykk Enter for å fylle inn navn og adresse fra Brønnøysundregistrene.",
    emailHint: "Front Payment sender fakturaen til denne adressen.",
    zipHint: (p: { max: number }) => `4 sifre i Norge; opptil ${p.max} tegn ellers.`,
    countryPlaceholder: "Velg eller skriv et land",
    nordicCountries: "Norden",
    invoiceLanguageHint: "Språket på kundens faktura og betalingssider.",
    languageNo: "Norsk",
    languageEn: "Engelsk",
    languageSv: "Svensk",
    languageDa: "Dansk",
    languageDe: "Tysk",
    cutNote: (p: { length: number; max: number }) =>
      `⚠️ Dette var ${p.length} tegn; bare ${p.max} får plass, så slutten ble kuttet: sjekk det.`,
    productsHeader: "Produktlinjer",
    lineTitle: (p: { number: number }) => `Linje ${p.number}`,
    removeLine: "Fjern",
    addLine: "➕ Legg til linje",
    tooManyLines: (p: { max: number }) =>
      `Et skjema har høyst ${p.max} linjer. Samle flere varer på én linje, eller send en faktura til.`,
    productPlaceholder: "Det som selges, slik fakturaen viser det",
    productIdHint: (p: { max: number }) =>
      `Deres produktnummer, høyst ${p.max} tegn (Front Payments grense).`,
    quantityHint: "For eksempel 1, 1,5 eller 0,25 (opptil 3 desimaler).",
    rateLabel: (p: { name: string }) => `${p.name} (kr, inkl. MVA)`,
    rateHint: "For eksempel 1 250,50 eller 1250.50. Skriv 1.250,50 uten punktum: det kan bety to ting.",
    discountLabel: (p: { name: string }) => `${p.name} (på hele linjen)`,
    discountHint: "I kroner (100 eller 99,50) eller i prosent (10 %).",
    taxOption: (p: { rate: string }) => `${p.rate} %`,
    totalLine: (p: { total: string }) => `*Sum ${p.total}*`,
    tooLargeToShow: "et beløp for stort til å vises",
    totalParts: (p: { excl: string; vat: string }) => `Eks. MVA ${p.excl}  ·  MVA ${p.vat}`,
    discounts: (p: { amount: string }) => `Rabatter ${p.amount}`,
    notCounted: (p: { lines: string; count: number }) =>
      `Linje ${p.lines} telles ikke med før ${p.count === 1 ? "den" : "de"} er fylt ut.`,
    noTotalYet: "*Sum:* vises når en linje har antall, enhetspris og MVA-sats.",
    totalsHowTo:
      "Summen oppdateres når du trykker Enter i et tallfelt, endrer MVA-sats eller legger til eller fjerner en linje.",
    termsHeader: "Betingelser",
    intervalHint:
      "Front Payment dokumenterer verdiene 0, 1 og 2, men ikke hva de betyr. La feltet stå tomt for Front Payments standard.",
    intervalPlaceholder: "Front Payments standard",
    interval0: "0 · én faktura, sendes nå",
    interval0Description: "Det eksempelet sender; det vanlige valget.",
    interval1: "1 · Front Payments intervall 1",
    interval2: "2 · Front Payments intervall 2",
    intervalUndocumented: "Udokumentert: bruk bare hvis Front Payment har bedt om det.",
    invoiceFeeOption: "Legg til Front Payments fakturagebyr",
    invoiceFeeDescription: "Kunden betaler det i tillegg; beløpet står i avtalen med Front Payment.",
    separateInvoicesOption: "Egen faktura per produktlinje",
    separateInvoicesDescription: "Ellers kommer alle linjene på én faktura.",
    maturityHint: "Dager fra i dag til fakturaen forfaller.",
    dueOn: (p: { date: string; days: number }) =>
      `Forfall ${p.date} (${p.days} ${p.days === 1 ? "dag" : "dager"} fra i dag).`,
    referencesHeader: "Referanser",
    referenceNoHint: "Vises på fakturaen. Står feltet tomt, brukes botens ordre-ID (FB…).",
    customerReferenceHint: "Kundens ordrenummer eller kontaktperson, vises på fakturaen.",
    registerFound: (p: { name: string; number: string }) =>
      `:white_check_mark: Fylt inn fra Brønnøysundregistrene: ${p.name} (${p.number}). Sjekk adressen før du sender.`,
    registerWarning: (p: { name: string; number: string; words: string }) =>
      `:warning: ${p.name} (${p.number}) er ${p.words} i Brønnøysundregistrene. Fakturaen blir kanskje aldri betalt: sjekk med boet eller selskapet før du sender. Opplysningene ble fylt inn.`,
    registerNotFound: (p: { number: string }) =>
      `:grey_question: ${p.number} finnes ikke i Brønnøysundregistrene (ingen virksomhet har det): sjekk nummeret. Ingenting ble fylt inn.`,
    registerUnavailable:
      ":hourglass: Brønnøysundregistrene svarte ikke i tide, så ingenting ble fylt inn: skriv navn og adresse selv. Det du skrev, er beholdt.",
    warningBankrupt: "konkurs",
    warningDissolving: "under avvikling",
    warningForcedDissolution: "under tvangsavvikling eller tvangsoppløsning",
    warningDeleted: "slettet fra registeret",
    savedPerson: "privatperson",
    savedCompany: (p: { number: string }) => `org.nr. ${p.number}`,
    editNotice: (p: { fpOrderUuid: string }) =>
      `Dette retter Front Payment-ordre ${p.fpOrderUuid} før kunden bekrefter den: Front Payment oppdaterer den samme ordren.`,
    tooManyLinesToEdit: (p: { lines: number; max: number }) =>
      `Denne fakturaen har ${p.lines} linjer, og skjemaet har plass til ${p.max}, så å endre den her ville fjerne linjer. Rett den hos Front Payment i stedet, eller kanseller den og send en ny.`,
    linesLeftOut: (p: { count: number; max: number }) =>
      `Skjemaet har plass til ${p.max} linjer: ${p.count === 1 ? "den siste linjen" : `de siste ${p.count} linjene`} fra fakturaen dette kommer fra er ikke med.`,
  },
});
