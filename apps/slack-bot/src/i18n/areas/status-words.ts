import { defineMessages } from "../define.js";

/**
 * Where an order stands and what was done to it, as its channel message, its thread, the listings
 * and `/invoice status` say it. Parameters come escaped and formatted (money, days, mentions).
 */
export const statusWords = defineMessages({
  en: {
    notKnownYet: "Status not known yet: Front Payment has not said",
    waitingForBankId: "Waiting for BankID",
    sentWaitingForCustomer: "Sent, waiting for the customer",
    invoiced: "Invoiced",
    invoicedDue: (p: { day: string }) => `Invoiced, due ${p.day}`,
    paid: "Paid",
    paidBy: (p: { method: string }) => `Paid by ${p.method}`,
    /** Front Payment's method `invoice` (the customer paid the invoice itself); card brands are names. */
    methodInvoice: "invoice",
    reminderSent: "Reminder sent (purring)",
    reminderSentWasDue: (p: { day: string }) => `Reminder sent (purring), was due ${p.day}`,
    debtCollection: "With debt collection (inkasso)",
    partlyRefunded: "Partly refunded",
    refundedOf: (p: { amount: string; total: string }) => `Refunded ${p.amount} of ${p.total}`,
    refunded: (p: { amount: string }) => `Refunded ${p.amount}`,
    cancelled: "Cancelled",
    cancelledBy: (p: { who: string; reason: string }) => `Cancelled by ${p.who}: ${p.reason}`,
    expired: "Expired: the customer did not confirm in time",
    beingSent: "Being sent",
    notSent: "Not sent",
    notKnownWhetherCreated: "Not known whether Front Payment has it",
    neverSentExpired: "Never sent, expired",
    byEmail: "email",
    bySms: "SMS",
    and: (p: { first: string; second: string }) => `${p.first} and ${p.second}`,
    linkResent: (p: { who: string; channels: string }) =>
      `${p.who} sent the payment link again by ${p.channels}.`,
    refundedEverything: (p: { who: string; amount: string; refunded: string }) =>
      `${p.who} refunded ${p.amount}: everything paid is refunded (${p.refunded}).`,
    refundedPart: (p: { who: string; amount: string; refunded: string; total: string }) =>
      `${p.who} refunded ${p.amount} (${p.refunded} of ${p.total} in all).`,
    edited: (p: { who: string; total: string }) =>
      `${p.who} corrected the invoice before the customer confirmed it: now ${p.total}. It is still the same Front Payment order.`,
  },
  nb: {
    notKnownYet: "Status ikke kjent ennå: Front Payment har ikke svart",
    waitingForBankId: "Venter på BankID",
    sentWaitingForCustomer: "Sendt, venter på kunden",
    invoiced: "Fakturert",
    invoicedDue: (p) => `Fakturert, forfaller ${p.day}`,
    paid: "Betalt",
    paidBy: (p) => `Betalt med ${p.method}`,
    methodInvoice: "faktura",
    reminderSent: "Purring sendt",
    reminderSentWasDue: (p) => `Purring sendt, forfalt ${p.day}`,
    debtCollection: "Sendt til inkasso",
    partlyRefunded: "Delvis refundert",
    refundedOf: (p) => `Refundert ${p.amount} av ${p.total}`,
    refunded: (p) => `Refundert ${p.amount}`,
    cancelled: "Kansellert",
    cancelledBy: (p) => `Kansellert av ${p.who}: ${p.reason}`,
    expired: "Utløpt: kunden bekreftet ikke i tide",
    beingSent: "Sendes",
    notSent: "Ikke sendt",
    notKnownWhetherCreated: "Ukjent om Front Payment har den",
    neverSentExpired: "Aldri sendt, utløpt",
    byEmail: "e-post",
    bySms: "SMS",
    and: (p) => `${p.first} og ${p.second}`,
    linkResent: (p) => `${p.who} sendte betalingslenken på nytt på ${p.channels}.`,
    refundedEverything: (p) =>
      `${p.who} refunderte ${p.amount}: alt som er betalt, er refundert (${p.refunded}).`,
    refundedPart: (p) => `${p.who} refunderte ${p.amount} (${p.refunded} av ${p.total} totalt).`,
    edited: (p) =>
      `${p.who} rettet fakturaen før kunden bekreftet den: nå ${p.total}. Det er fortsatt samme Front Payment-ordre.`,
  },
});
