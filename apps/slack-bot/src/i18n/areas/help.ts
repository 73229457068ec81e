import { defineMessages } from "../define.js";

/** `/invoice help`, "did you mean …?", and the word for someone the allowlists leave out. */
export const help = defineMessages({
  en: {
    usageNew:
      "`/invoice` opens a new invoice. Add an email or an amount to fill them in: `/invoice kari@example.no 1500`",
    usageList:
      "`/invoice list [mine|open|overdue|paid] [customer]` lists the invoices you can see, newest first (a name, an organisation number or an `ODR…`/`FB…` id)",
    usageStatus: "`/invoice status <order>` shows where an order is (`ODR…` or our `FB…` reference)",
    usageCancel: "`/invoice cancel <order> [note]` cancels an unpaid order (its creator or an admin)",
    usageHelp: "`/invoice help` shows this",
    buttonResend:
      "sends the BankID or payment link to the customer again, to the email and mobile you check first",
    buttonRefresh: "asks Front Payment for the order's status now",
    buttonCancel: "cancels an unpaid order, after you confirm (its creator or an admin)",
    buttonRefund:
      "refunds a paid order in full or chosen lines, never more than was paid, after you confirm the amount",
    buttonCopy: "opens a new invoice filled in from this one",
    buttonEdit: "corrects an order the customer has not verified yet (the same Front Payment order)",
    rowMenu: (p: { status: string; cancel: string }) =>
      `*${p.status}* and *${p.cancel}* in the menu of each row of \`/invoice list\` and the Home tab do what \`/invoice status\` and \`/invoice cancel\` do`,
    pages: (p: { previous: string; next: string }) =>
      `*${p.previous}* and *${p.next}* under \`/invoice list\` turn its pages`,
    formButtons:
      "*Send again* and *Edit* in the form when Front Payment certainly did not create the invoice; *Send anyway* when it is not known whether it did (after you confirm, since the customer could get two)",
    homeTab:
      "Fakturabot's *Home* tab lists your invoices and the team's that you may see, with the sums open, overdue and paid this month.",
    intro: "*Fakturabot* sends Front Payment Go invoices from Slack.",
    commandsHeading: "Commands",
    buttonsHeading: "Buttons on an invoice's message",
    otherButtonsHeading: "Other buttons",
    notACommand: (p: { typed: string }) => `${p.typed} isn't a command.`,
    didYouMeanWord: (p: { word: string }) => `Did you mean _${p.word}_?`,
    thatIsAButton: (p: { label: string }) =>
      `That is the *${p.label}* button on the invoice's message in the channel.`,
    didYouMean: (p: { command: string }) => `Did you mean ${p.command}?`,
    hereIsWhatICanDo: "Here is what I can do:",
    notAllowedUser: "Sorry, you can't send invoices with Fakturabot yet. Ask your Slack admin to add you.",
    notAllowedChannel:
      "Sorry, Fakturabot isn't enabled in this channel. Try a channel where invoices are sent, or ask your Slack admin.",
    notInstalled: (p: { installUrl: string }) =>
      `Fakturabot isn't installed in this workspace (it was removed, or its access was revoked), so it can't send invoices here. A workspace admin can add it again: ${p.installUrl}`,
  },
  nb: {
    usageNew:
      "`/invoice` åpner en ny faktura. Legg til en e-postadresse eller et beløp for å fylle dem inn: `/invoice kari@example.no 1500`",
    usageList:
      "`/invoice list [mine|open|overdue|paid] [kunde]` viser fakturaene du kan se, nyeste først (et navn, et organisasjonsnummer eller en `ODR…`/`FB…`-id)",
    usageStatus: "`/invoice status <ordre>` viser hvor en ordre står (`ODR…` eller vår `FB…`-referanse)",
    usageCancel:
      "`/invoice cancel <ordre> [merknad]` kansellerer en ubetalt ordre (den som sendte den, eller en administrator)",
    usageHelp: "`/invoice help` viser dette",
    buttonResend:
      "sender BankID- eller betalingslenken til kunden på nytt, til e-postadressen og mobilnummeret du sjekker først",
    buttonRefresh: "spør Front Payment om ordrens status nå",
    buttonCancel:
      "kansellerer en ubetalt ordre etter at du bekrefter (den som sendte den, eller en administrator)",
    buttonRefund:
      "refunderer en betalt ordre helt eller valgte linjer, aldri mer enn det som er betalt, etter at du bekrefter beløpet",
    buttonCopy: "åpner en ny faktura fylt ut fra denne",
    buttonEdit: "retter en ordre kunden ikke har bekreftet ennå (samme Front Payment-ordre)",
    rowMenu: (p) =>
      `*${p.status}* og *${p.cancel}* i menyen på hver rad i \`/invoice list\` og Hjem-fanen gjør det samme som \`/invoice status\` og \`/invoice cancel\``,
    pages: (p) => `*${p.previous}* og *${p.next}* under \`/invoice list\` blar mellom sidene`,
    formButtons:
      "*Send på nytt* og *Rediger* i skjemaet når Front Payment helt sikkert ikke opprettet fakturaen; *Send likevel* når det ikke er kjent om den gjorde det (etter at du bekrefter, siden kunden kan få to)",
    homeTab:
      "Fakturabots *Hjem*-fane viser fakturaene dine og teamets som du kan se, med summene som er åpne, forfalte og betalt denne måneden.",
    intro: "*Fakturabot* sender Front Payment Go-fakturaer fra Slack.",
    commandsHeading: "Kommandoer",
    buttonsHeading: "Knapper på en fakturamelding",
    otherButtonsHeading: "Andre knapper",
    notACommand: (p) => `${p.typed} er ikke en kommando.`,
    didYouMeanWord: (p) => `Mente du _${p.word}_?`,
    thatIsAButton: (p) => `Det er knappen *${p.label}* på fakturameldingen i kanalen.`,
    didYouMean: (p) => `Mente du ${p.command}?`,
    hereIsWhatICanDo: "Dette kan jeg:",
    notAllowedUser:
      "Beklager, du kan ikke sende fakturaer med Fakturabot ennå. Be Slack-administratoren om å legge deg til.",
    notAllowedChannel:
      "Beklager, Fakturabot er ikke slått på i denne kanalen. Prøv en kanal der fakturaer sendes, eller spør Slack-administratoren.",
    notInstalled: (p) =>
      `Fakturabot er ikke installert i dette arbeidsområdet (den ble fjernet, eller tilgangen ble trukket tilbake), så den kan ikke sende fakturaer her. En administrator for arbeidsområdet kan legge den til igjen: ${p.installUrl}`,
  },
});
