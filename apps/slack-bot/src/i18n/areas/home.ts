import { defineMessages } from "../define.js";

/** App Home: the sums, the invoice lists, saved customers and their editor, the language setting. */
export const home = defineMessages({
  en: {
    open: "Open",
    overdue: "Overdue",
    paidThisMonth: "Paid this month",
    sum: (p: { total: string; count: number }) => `${p.total} (${p.count})`,
    yourInvoices: "Your invoices",
    noInvoicesYet: "You haven't sent any invoices yet. Type `/invoice` in a channel.",
    teamInvoices: "Your team's invoices",
    noTeamInvoices: "No invoices you can see yet.",
    help: "Send an invoice with `/invoice` in a channel; `/invoice list` finds older ones; `/invoice help` shows everything.",
    languageLabel: "Your language in Fakturabot",
    languageWorkspace: (p: { language: string }) => `The workspace's (${p.language})`,
    languageAbout:
      "What the bot shows you: the invoice form, App Home and replies only you see. Channel messages are in the workspace's language.",
    customersHeader: "Customers",
    customersAbout:
      "Remembered when an invoice is created, for the saved-customer picker in `/invoice`. Personal numbers are never stored.",
    noCustomers: "No saved customers yet.",
    person: "Person",
    company: (p: { number: string }) => `Org. ${p.number}`,
    forget: "Forget",
    forgetTitle: "Forget this customer?",
    forgetText: (p: { name: string }) =>
      `${p.name} is erased from Fakturabot for good. Invoices already sent stay at Front Payment.`,
    keep: "Keep",
    moreCustomers: (p: { count: number }) =>
      `Showing the first ${p.count} by name. Find the others with the picker in \`/invoice\`.`,
    editTitle: "Edit customer",
    editPerson: "A person. Their personal number is not stored: it is asked for on every invoice.",
    editCompany: (p: { number: string }) =>
      `A company, organisation number ${p.number} (not editable: forget the customer to change it).`,
    name: "Name",
    statusTitle: "Invoice status",
    askingFrontPayment: "Asking Front Payment…",
  },
  nb: {
    open: "Åpne",
    overdue: "Forfalt",
    paidThisMonth: "Betalt denne måneden",
    sum: (p: { total: string; count: number }) => `${p.total} (${p.count})`,
    yourInvoices: "Dine fakturaer",
    noInvoicesYet: "Du har ikke sendt noen fakturaer ennå. Skriv `/invoice` i en kanal.",
    teamInvoices: "Teamets fakturaer",
    noTeamInvoices: "Ingen fakturaer du kan se ennå.",
    help: "Send en faktura med `/invoice` i en kanal; `/invoice list` finner eldre; `/invoice help` viser alt.",
    languageLabel: "Ditt språk i Fakturabot",
    languageWorkspace: (p: { language: string }) => `Arbeidsområdets (${p.language})`,
    languageAbout:
      "Det boten viser deg: fakturaskjemaet, App Home og svar bare du ser. Meldinger i kanaler er på arbeidsområdets språk.",
    customersHeader: "Kunder",
    customersAbout:
      "Huskes når en faktura opprettes, til kundevelgeren i `/invoice`. Fødselsnumre lagres aldri.",
    noCustomers: "Ingen lagrede kunder ennå.",
    person: "Privatperson",
    company: (p: { number: string }) => `Org.nr. ${p.number}`,
    forget: "Glem",
    forgetTitle: "Glemme denne kunden?",
    forgetText: (p: { name: string }) =>
      `${p.name} slettes fra Fakturabot for godt. Fakturaer som alt er sendt, blir liggende hos Front Payment.`,
    keep: "Behold",
    moreCustomers: (p: { count: number }) =>
      `Viser de ${p.count} første etter navn. Finn de andre med kundevelgeren i \`/invoice\`.`,
    editTitle: "Endre kunde",
    editPerson: "Privatperson. Fødselsnummeret lagres ikke: det spørres om på hver faktura.",
    editCompany: (p: { number: string }) =>
      `Bedrift, organisasjonsnummer ${p.number} (kan ikke endres: glem kunden for å endre det).`,
    name: "Navn",
    statusTitle: "Fakturastatus",
    askingFrontPayment: "Spør Front Payment …",
  },
});
