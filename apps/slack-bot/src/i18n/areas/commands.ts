import { defineMessages } from "../define.js";

/**
 * What `/invoice status|cancel|list`, the rows of a listing and the checks on a click say, only to
 * the person who asked. Command words (`/invoice list mine`) stay as they are typed.
 */
export const commands = defineMessages({
  en: {
    // A row of a listing (and of App Home).
    due: (p: { day: string }) => `due ${p.day}`,
    overdue: "(overdue)",
    showStatus: "Show status",
    // `/invoice list`.
    filterMine: "mine",
    filterOpen: "open",
    filterOverdue: "overdue",
    filterPaid: "paid",
    listTitle: (p: { filters: string; search: string }) =>
      `Invoices you can see${p.filters ? ` (${p.filters})` : ""}${p.search ? ` matching “${p.search}”` : ""}, newest first`,
    listNone: (p: { title: string }) => `${p.title}: none.`,
    listWithoutFilters: "Try `/invoice list` without filters.",
    listShown: (p: { title: string; count: number }) => `${p.title}: ${p.count} shown.`,
    previous: "Previous",
    next: "Next",
    // `/invoice status`.
    unknownReference: (p: { reference: string }) =>
      `I don't know an invoice ${p.reference} that you can see. Use the id from the invoice message.`,
    neverCreated: (p: { reference: string; state: string }) =>
      `${p.reference} was never created at Front Payment (${p.state}).`,
    stateSending: "sending",
    stateFailed: "failed",
    stateUnknown: "unknown",
    stateExpired: "expired",
    stateAwaitingApproval: "waiting for approval",
    stateRejected: "rejected by an approver",
    total: (p: { amount: string }) => `total ${p.amount}`,
    refundedAmount: (p: { amount: string }) => `refunded ${p.amount}`,
    toCustomer: (p: { customer: string }) => `to ${p.customer}`,
    secondOrderFor: (p: { customer: string }) => `a second order for the invoice to ${p.customer}`,
    waitingToVerify: (p: { link: string }) => `Waiting for the customer to verify: ${p.link}`,
    theBankIdVerification: "the BankID verification",
    invoiceNumber: (p: { number: string }) => `Invoice number ${p.number}`,
    dueOn: (p: { day: string }) => `Due ${p.day}`,
    see: (p: { link: string }) => `See ${p.link}`,
    theInvoicesMessage: "the invoice's message",
    noSuchOrder: (p: { order: string }) => `Front Payment has no order ${p.order}.`,
    noStatus: (p: { message: string }) => `I couldn't get the status from Front Payment: ${p.message}`,
    // Refresh status on the message.
    frontPaymentSays: (p: { words: string }) => `Front Payment says: ${p.words}`,
    noChange: (p: { words: string }) => `No change: ${p.words}`,
    // `/invoice cancel`.
    cancelOnlyOurs: (p: { reference: string }) =>
      `I can only cancel invoices sent with Fakturabot, and ${p.reference} isn't one of them.`,
    cancelOnlyCreator: (p: { creator: string; reference: string }) =>
      `Only ${p.creator}, who sent it, or a Fakturabot admin can cancel ${p.reference}.`,
    cancelNeverCreated: (p: { reference: string }) =>
      `${p.reference} was never created at Front Payment, so there is nothing to cancel.`,
    paidNotCancellable: "is already paid, so it can't be cancelled. Refund it in Front Payment Go instead.",
    refundedNotCancellable: "is already paid and refunded.",
    partlyRefundedNotCancellable: "is already paid (and partly refunded), so it can't be cancelled.",
    cancelledNotCancellable: "is already cancelled.",
    expiredNotCancellable: "has expired; there is nothing to cancel.",
    // What `/invoice …` could not read.
    whichOrder: (p: { example: string }) => `Which order? Try ${p.example}.`,
    notAnOrderId: (p: { reference: string }) =>
      `${p.reference} is not an order id. Use the Front Payment order (\`ODR…\`) or our reference (\`FB…\`) from the invoice message.`,
    pickOne: (p: { choices: string; example: string }) =>
      `Pick one of ${p.choices}: an invoice is only ever one of them. Try ${p.example}.`,
    // A click on the message that does not go ahead.
    unknownInvoice: "I don't know this invoice any more.",
    onlySomeMay: (p: { action: string; who: string }) => `${p.action}: ${p.who} can do that.`,
    creatorOrAdmin: (p: { creator: string }) => `only ${p.creator}, who sent it, or a Fakturabot admin`,
    channelSenderOrAdmin: "only people in the invoice's channel, its sender or a Fakturabot admin",
    neverCreatedAtFrontPayment: "This invoice was never created at Front Payment.",
    invoicedNotEditable: (p: { status: string }) =>
      `The customer has confirmed it, so it is an invoice now (${p.status}): it can't be edited. Make a refund or credit note instead.`,
    doesNotFit: (p: { action: string; status: string }) =>
      `${p.action} doesn't fit this invoice any more: ${p.status}.`,
  },
  nb: {
    due: (p) => `forfaller ${p.day}`,
    overdue: "(forfalt)",
    showStatus: "Vis status",
    filterMine: "mine",
    filterOpen: "åpne",
    filterOverdue: "forfalte",
    filterPaid: "betalte",
    listTitle: (p) =>
      `Fakturaer du kan se${p.filters ? ` (${p.filters})` : ""}${p.search ? ` som passer «${p.search}»` : ""}, nyeste først`,
    listNone: (p) => `${p.title}: ingen.`,
    listWithoutFilters: "Prøv `/invoice list` uten filtre.",
    listShown: (p) => `${p.title}: ${p.count} vist.`,
    previous: "Forrige",
    next: "Neste",
    unknownReference: (p) =>
      `Jeg kjenner ingen faktura ${p.reference} som du kan se. Bruk id-en fra fakturameldingen.`,
    neverCreated: (p) => `${p.reference} ble aldri opprettet hos Front Payment (${p.state}).`,
    stateSending: "sendes",
    stateFailed: "feilet",
    stateUnknown: "ukjent utfall",
    stateExpired: "utløpt",
    stateAwaitingApproval: "venter på godkjenning",
    stateRejected: "avvist av en godkjenner",
    total: (p) => `totalt ${p.amount}`,
    refundedAmount: (p) => `refundert ${p.amount}`,
    toCustomer: (p) => `til ${p.customer}`,
    secondOrderFor: (p) => `en ordre til for fakturaen til ${p.customer}`,
    waitingToVerify: (p) => `Venter på at kunden bekrefter: ${p.link}`,
    theBankIdVerification: "BankID-bekreftelsen",
    invoiceNumber: (p) => `Fakturanummer ${p.number}`,
    dueOn: (p) => `Forfaller ${p.day}`,
    see: (p) => `Se ${p.link}`,
    theInvoicesMessage: "fakturameldingen",
    noSuchOrder: (p) => `Front Payment har ingen ordre ${p.order}.`,
    noStatus: (p) => `Jeg fikk ikke statusen fra Front Payment: ${p.message}`,
    frontPaymentSays: (p) => `Front Payment sier: ${p.words}`,
    noChange: (p) => `Ingen endring: ${p.words}`,
    cancelOnlyOurs: (p) =>
      `Jeg kan bare kansellere fakturaer sendt med Fakturabot, og ${p.reference} er ikke en av dem.`,
    cancelOnlyCreator: (p) =>
      `Bare ${p.creator}, som sendte den, eller en Fakturabot-administrator kan kansellere ${p.reference}.`,
    cancelNeverCreated: (p) =>
      `${p.reference} ble aldri opprettet hos Front Payment, så det er ingenting å kansellere.`,
    paidNotCancellable:
      "er allerede betalt, så den kan ikke kanselleres. Refunder den i Front Payment Go i stedet.",
    refundedNotCancellable: "er allerede betalt og refundert.",
    partlyRefundedNotCancellable: "er allerede betalt (og delvis refundert), så den kan ikke kanselleres.",
    cancelledNotCancellable: "er allerede kansellert.",
    expiredNotCancellable: "er utløpt; det er ingenting å kansellere.",
    whichOrder: (p) => `Hvilken ordre? Prøv ${p.example}.`,
    notAnOrderId: (p) =>
      `${p.reference} er ikke en ordre-id. Bruk Front Payment-ordren (\`ODR…\`) eller vår referanse (\`FB…\`) fra fakturameldingen.`,
    pickOne: (p) => `Velg én av ${p.choices}: en faktura er bare én av dem om gangen. Prøv ${p.example}.`,
    unknownInvoice: "Jeg kjenner ikke denne fakturaen lenger.",
    onlySomeMay: (p) => `${p.action}: ${p.who} kan gjøre det.`,
    creatorOrAdmin: (p) => `bare ${p.creator}, som sendte den, eller en Fakturabot-administrator`,
    channelSenderOrAdmin: "bare folk i fakturaens kanal, avsenderen eller en Fakturabot-administrator",
    neverCreatedAtFrontPayment: "Denne fakturaen ble aldri opprettet hos Front Payment.",
    invoicedNotEditable: (p) =>
      `Kunden har bekreftet den, så den er en faktura nå (${p.status}): den kan ikke redigeres. Lag en refusjon eller kreditnota i stedet.`,
    doesNotFit: (p) => `${p.action} passer ikke for denne fakturaen lenger: ${p.status}.`,
  },
});
