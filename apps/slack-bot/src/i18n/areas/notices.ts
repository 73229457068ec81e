import { defineMessages } from "../define.js";

/**
 * What the bot says about an order besides its message: thread replies (the workspace's language)
 * and direct messages and notes to its creator (theirs). Parameters come escaped and formatted.
 */
export const notices = defineMessages({
  en: {
    inviteMe: "Invite me there with `/invite @Fakturabot`",
    couldNotUpdate: (p: {
      customer: string;
      reference: string;
      status: string;
      channel: string;
      inviteMe: string;
    }) =>
      `Your invoice to ${p.customer} (${p.reference}): ${p.status}. I couldn't update it in ${p.channel}. ${p.inviteMe} to keep it current there.`,
    postedHereInstead: (p: { channel: string; inviteMe: string }) =>
      `I couldn't post in ${p.channel}. ${p.inviteMe}; until then I'll keep this invoice up to date here.`,
    notPosted: "I couldn't post this invoice in the channel. Use `/invoice status` to follow it.",
    secondOrderFirst: (p: { other: string; latest: string; cancel: string }) =>
      `Front Payment reports a second order ${p.other} for this invoice (sent again after an unknown outcome)${p.latest ? `: ${p.latest}` : ""}. Cancel one of them: ${p.cancel}`,
    secondOrderLater: (p: { other: string; latest: string }) =>
      `The second order ${p.other} for this invoice: ${p.latest || "no news"}`,
    twoOrders: (p: { known: string; other: string; cancel: string }) =>
      `Front Payment has two orders for this invoice: ${p.known}, and ${p.other} from sending it again. Cancel one of them: ${p.cancel}`,
    interrupted: (p: { customer: string; reference: string }) =>
      `Fakturabot restarted while sending your invoice to ${p.customer} (${p.reference}). We don't know whether Front Payment created it; its status appears in the channel if Front Payment reports it.`,
    expired: (p: { customer: string; reference: string; days: number }) =>
      `Your invoice to ${p.customer} (${p.reference}) was never sent, and after ${p.days === 1 ? "a day" : `${p.days} days`} its details are erased: it can no longer be sent. Run \`/invoice\` to send it anew.`,
    customerStopped:
      "The customer stopped at BankID: they left the verification without confirming (or it failed), so the invoice is not confirmed yet. Front Payment's status follows here if it changes.",
    overdue: (p: { who: string; day: string; customer: string; amount: string }) =>
      `${p.who} Overdue since ${p.day}: ${p.customer} has not paid ${p.amount} yet.`,
  },
  nb: {
    inviteMe: "Inviter meg dit med `/invite @Fakturabot`",
    couldNotUpdate: (p) =>
      `Fakturaen din til ${p.customer} (${p.reference}): ${p.status}. Jeg fikk ikke oppdatert den i ${p.channel}. ${p.inviteMe} for å holde den oppdatert der.`,
    postedHereInstead: (p) =>
      `Jeg fikk ikke postet i ${p.channel}. ${p.inviteMe}; til da holder jeg denne fakturaen oppdatert her.`,
    notPosted: "Jeg fikk ikke postet denne fakturaen i kanalen. Bruk `/invoice status` for å følge den.",
    secondOrderFirst: (p) =>
      `Front Payment melder om en ordre til, ${p.other}, for denne fakturaen (sendt på nytt etter et ukjent utfall)${p.latest ? `: ${p.latest}` : ""}. Kanseller én av dem: ${p.cancel}`,
    secondOrderLater: (p) =>
      `Den andre ordren ${p.other} for denne fakturaen: ${p.latest || "ikke noe nytt"}`,
    twoOrders: (p) =>
      `Front Payment har to ordrer for denne fakturaen: ${p.known}, og ${p.other} fra da den ble sendt på nytt. Kanseller én av dem: ${p.cancel}`,
    interrupted: (p) =>
      `Fakturabot startet på nytt mens fakturaen din til ${p.customer} (${p.reference}) ble sendt. Vi vet ikke om Front Payment opprettet den; statusen vises i kanalen hvis Front Payment melder den.`,
    expired: (p) =>
      `Fakturaen din til ${p.customer} (${p.reference}) ble aldri sendt, og etter ${p.days === 1 ? "ett døgn" : `${p.days} døgn`} er opplysningene slettet: den kan ikke sendes lenger. Kjør \`/invoice\` for å sende den på nytt.`,
    customerStopped:
      "Kunden stoppet ved BankID: de forlot bekreftelsen uten å bekrefte (eller den feilet), så fakturaen er ikke bekreftet ennå. Front Payments status følger her hvis den endres.",
    overdue: (p) => `${p.who} Forfalt siden ${p.day}: ${p.customer} har ikke betalt ${p.amount} ennå.`,
  },
});
