import { defineMessages } from "../define.js";

/** What replaces the form once it is sent (sending, created, failed, unknown, expired), and the same news by DM. */
export const submission = defineMessages({
  en: {
    noReason: "No reason was given.",
    reasonInterrupted:
      "Fakturabot restarted while the invoice was being sent, so we don't know whether Front Payment created it.",
    reasonInternal: "Something went wrong on our side before the order was sent.",
    ourReference: (p: { orderId: string }) => `Our reference \`${p.orderId}\``,
    frontPaymentOrder: (p: { fpOrderUuid: string }) => `Front Payment order \`${p.fpOrderUuid}\``,
    sendingTitle: "Sending invoice",
    sendingText: (p: { customer: string; total: string }) =>
      `:hourglass_flowing_sand: *Sending to Front Payment…*\nThe invoice to *${p.customer}* for *${p.total}*.`,
    sendingNote:
      "This takes a few seconds. You may close this window: the outcome is posted in the channel too.",
    createdTitle: "Invoice created",
    createdText: (p: { customer: string; total: string }) =>
      `:white_check_mark: *Front Payment created the invoice* to *${p.customer}* for *${p.total}*.`,
    bankIdLink: "BankID link",
    bankIdNext: (p: { link: string | undefined }) =>
      `The customer confirms the order with BankID${p.link ? `: ${p.link}` : ""}. The link is in the channel message too.`,
    invoicedDirectly: "Front Payment invoiced the customer directly; no BankID step is needed.",
    noBankIdLink: (p: { status: string }) =>
      `Front Payment gave no BankID link. Status: ${p.status}. The channel message follows it.`,
    failedTitle: "Invoice not sent",
    failedText: (p: { reason: string }) => `:x: *Front Payment did not create the invoice.*\n${p.reason}`,
    failedNext: "Nothing reached the customer. What you filled in is kept: send it again, or edit it first.",
    sendAgain: "Send again",
    unknownTitle: "Invoice status unknown",
    unknownText: (p: { reason: string }) =>
      `:warning: *We don't know whether Front Payment created the invoice.*\n${p.reason}`,
    unknownNext: [
      "Front Payment may or may not have created it, so Fakturabot will *not* send it again by itself.",
      "If Front Payment did create it, its status appears in the channel as soon as Front Payment reports it.",
      "Check Front Payment Go before sending it again: sending twice can invoice the customer twice.",
    ].join("\n"),
    sendAnyway: "Send anyway",
    confirmTitle: "Send the invoice again?",
    confirmText: (p: { orderId: string }) =>
      `If Front Payment did create the first one, the customer gets two invoices (our reference ${p.orderId}). Send again only if you checked that it was not created.`,
    dontSend: "Don't send",
    expiredTitle: "Invoice expired",
    expiredText: (p: { reason: string }) =>
      `:wastebasket: *This invoice was never sent, and its details are erased.*\n${p.reason}`,
    expiredExplanation:
      "Fakturabot keeps an unsent invoice's details (the customer's personal number among them) only for a while. Run `/invoice` to send it anew; if Front Payment did create it after all, its status still appears in the channel.",
    open: "Open",
    dmSending: (p: { customer: string }) => `Sending your invoice to ${p.customer} to Front Payment…`,
    dmCreated: (p: { customer: string; fpOrderUuid: string }) =>
      `Your invoice to ${p.customer} was sent to Front Payment (\`${p.fpOrderUuid}\`).`,
    dmRejected: (p: { customer: string; errors: string }) =>
      `Front Payment rejected your invoice to ${p.customer}: ${p.errors} Run /invoice to try again.`,
    dmFailed: (p: { customer: string; reason: string }) =>
      `Your invoice to ${p.customer} was not sent: ${p.reason}`,
    dmUnknown: (p: { customer: string; reason: string }) =>
      `We don't know whether Front Payment created your invoice to ${p.customer}: ${p.reason} It will not be sent again automatically.`,
    dmExpired: (p: { customer: string; orderId: string; explanation: string }) =>
      `Your invoice to ${p.customer} (\`${p.orderId}\`) expired unsent: ${p.explanation}`,
  },
  nb: {
    noReason: "Ingen grunn ble oppgitt.",
    reasonInterrupted:
      "Fakturabot ble startet på nytt mens fakturaen ble sendt, så vi vet ikke om Front Payment opprettet den.",
    reasonInternal: "Noe gikk galt hos oss før ordren ble sendt.",
    ourReference: (p: { orderId: string }) => `Vår referanse \`${p.orderId}\``,
    frontPaymentOrder: (p: { fpOrderUuid: string }) => `Front Payment-ordre \`${p.fpOrderUuid}\``,
    sendingTitle: "Sender faktura",
    sendingText: (p: { customer: string; total: string }) =>
      `:hourglass_flowing_sand: *Sender til Front Payment …*\nFakturaen til *${p.customer}* på *${p.total}*.`,
    sendingNote: "Dette tar noen sekunder. Du kan lukke vinduet: utfallet blir også postet i kanalen.",
    createdTitle: "Faktura opprettet",
    createdText: (p: { customer: string; total: string }) =>
      `:white_check_mark: *Front Payment opprettet fakturaen* til *${p.customer}* på *${p.total}*.`,
    bankIdLink: "BankID-lenke",
    bankIdNext: (p: { link: string | undefined }) =>
      `Kunden bekrefter ordren med BankID${p.link ? `: ${p.link}` : ""}. Lenken står også i meldingen i kanalen.`,
    invoicedDirectly: "Front Payment fakturerte kunden direkte; det trengs ikke noe BankID-steg.",
    noBankIdLink: (p: { status: string }) =>
      `Front Payment ga ingen BankID-lenke. Status: ${p.status}. Meldingen i kanalen følger den.`,
    failedTitle: "Faktura ikke sendt",
    failedText: (p: { reason: string }) => `:x: *Front Payment opprettet ikke fakturaen.*\n${p.reason}`,
    failedNext:
      "Ingenting nådde kunden. Det du fylte inn, er tatt vare på: send den på nytt, eller endre den først.",
    sendAgain: "Send på nytt",
    unknownTitle: "Ukjent fakturastatus",
    unknownText: (p: { reason: string }) =>
      `:warning: *Vi vet ikke om Front Payment opprettet fakturaen.*\n${p.reason}`,
    unknownNext: [
      "Front Payment kan ha opprettet den eller ikke, så Fakturabot sender den *ikke* på nytt av seg selv.",
      "Hvis Front Payment opprettet den, vises statusen i kanalen så snart Front Payment melder den.",
      "Sjekk Front Payment Go før du sender den på nytt: å sende to ganger kan fakturere kunden to ganger.",
    ].join("\n"),
    sendAnyway: "Send likevel",
    confirmTitle: "Sende fakturaen på nytt?",
    confirmText: (p: { orderId: string }) =>
      `Hvis Front Payment opprettet den første, får kunden to fakturaer (vår referanse ${p.orderId}). Send på nytt bare hvis du har sjekket at den ikke ble opprettet.`,
    dontSend: "Ikke send",
    expiredTitle: "Faktura utløpt",
    expiredText: (p: { reason: string }) =>
      `:wastebasket: *Denne fakturaen ble aldri sendt, og opplysningene er slettet.*\n${p.reason}`,
    expiredExplanation:
      "Fakturabot tar vare på opplysningene i en usendt faktura (blant dem kundens fødselsnummer) bare en stund. Kjør `/invoice` for å sende den på nytt; hvis Front Payment likevel opprettet den, vises statusen fortsatt i kanalen.",
    open: "Åpne",
    dmSending: (p: { customer: string }) => `Sender fakturaen din til ${p.customer} til Front Payment …`,
    dmCreated: (p: { customer: string; fpOrderUuid: string }) =>
      `Fakturaen din til ${p.customer} ble sendt til Front Payment (\`${p.fpOrderUuid}\`).`,
    dmRejected: (p: { customer: string; errors: string }) =>
      `Front Payment avviste fakturaen din til ${p.customer}: ${p.errors} Kjør /invoice for å prøve igjen.`,
    dmFailed: (p: { customer: string; reason: string }) =>
      `Fakturaen din til ${p.customer} ble ikke sendt: ${p.reason}`,
    dmUnknown: (p: { customer: string; reason: string }) =>
      `Vi vet ikke om Front Payment opprettet fakturaen din til ${p.customer}: ${p.reason} Den blir ikke sendt på nytt automatisk.`,
    dmExpired: (p: { customer: string; orderId: string; explanation: string }) =>
      `Fakturaen din til ${p.customer} (\`${p.orderId}\`) utløp uten å bli sendt: ${p.explanation}`,
  },
});
