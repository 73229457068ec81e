import { defineMessages } from "../define.js";

/** Approval above the threshold: the approver's message, the reject modal, what the creator reads. */
export const approval = defineMessages({
  en: {
    // The approval message an approver gets.
    requestText: (p: { creator: string; total: string; customer: string }) =>
      `${p.creator} asks you to approve an invoice of ${p.total} to ${p.customer}`,
    requestHeader: "Invoice waiting for your approval",
    requestIntro: (p: { creator: string; channel: string; limit: string }) =>
      `${p.creator} wants to send this invoice from ${p.channel}. It is at or above the approval limit of ${p.limit}, so it goes out only once someone other than them approves it.`,
    customer: "Customer",
    person: "person",
    company: "company",
    personalNumber: (p: { masked: string }) => `personal number ${p.masked}`,
    organisationNumber: (p: { number: string }) => `org. no. ${p.number}`,
    lines: "Lines",
    line: (p: { quantity: string; price: string; vat: string; amount: string }) =>
      `${p.quantity} × ${p.price} (${p.vat} VAT) = ${p.amount}`,
    lineDiscount: (p: { discount: string }) => `, less ${p.discount} discount`,
    totals: (p: { net: string; vat: string }) => `Excl. VAT ${p.net} · VAT ${p.vat}`,
    totalDiscount: (p: { discount: string }) => ` · Discount ${p.discount}`,
    grandTotal: (p: { total: string }) => `*Total ${p.total}*`,
    terms: "Terms",
    dated: (p: { day: string }) => `Invoice date ${p.day}`,
    due: (p: { day: string; days: number }) => `due ${p.day} (${p.days === 1 ? "1 day" : `${p.days} days`})`,
    invoiceFee: "with the invoice fee",
    noInvoiceFee: "no invoice fee",
    reference: (p: { id: string }) => `Fakturabot reference \`${p.id}\``,
    approve: "Approve and send",
    reject: "Reject…",
    // After someone decided.
    decidedSummary: (p: { customer: string; total: string; creator: string; id: string }) =>
      `*Invoice to ${p.customer}, ${p.total}*, from ${p.creator} (\`${p.id}\`)`,
    approvedBy: (p: { who: string }) => `:white_check_mark: Approved by ${p.who}`,
    rejectedBy: (p: { who: string; reason: string }) => `:no_entry: Rejected by ${p.who}: ${p.reason}`,
    expiredUnapproved: ":wastebasket: Expired before anyone approved it: its details are erased",
    decidedText: (p: { customer: string; decision: string }) => `Invoice to ${p.customer}: ${p.decision}`,
    // Refusals, to whoever clicked.
    refusedCreator:
      ":raised_hand: You created this invoice, so someone else must approve it: a second pair of eyes is the point.",
    refusedNotApprover: (p: { approvers: string }) =>
      `:raised_hand: Only the approvers may approve or reject invoices: ${p.approvers}.`,
    refusedOff: ":raised_hand: Approval is turned off in this Fakturabot, so nobody can approve invoices.",
    alreadyDecided: (p: { decision: string }) =>
      `This invoice is no longer waiting for approval. ${p.decision}`,
    sentAlready: "It has been approved and sent.",
    notFound: "That invoice is not known to Fakturabot any more.",
    reopenGone: "Its details are erased, so it can't be opened again: run /invoice to start anew.",
    // The reject modal.
    rejectTitle: "Reject invoice",
    rejectSubmit: "Reject",
    rejectAbout: (p: { customer: string; total: string; creator: string }) =>
      `Invoice to ${p.customer}, ${p.total}, from ${p.creator}. It will not be sent; they can correct it and send it again.`,
    reasonLabel: "Why? The creator reads this",
    reasonPlaceholder: "E.g. the hours should be 10, not 100",
    reasonMissing: "Write why, so the creator knows what to correct.",
    // The creator's side.
    waitingTitle: "Waiting for approval",
    waitingBody: (p: { customer: string; total: string; approvers: string }) =>
      `:hourglass: Your invoice to ${p.customer} (${p.total}) must be approved before it is sent. Asked to approve: ${p.approvers}. You'll be told here, or by direct message, when one of them decides.`,
    waitingBodyNoApprovers: (p: { customer: string; total: string }) =>
      `:hourglass: Your invoice to ${p.customer} (${p.total}) must be approved before it is sent. You'll be told when an approver decides.`,
    rejectedTitle: "Invoice rejected",
    rejectedBody: (p: { who: string; reason: string }) =>
      `:no_entry: ${p.who} rejected it: ${p.reason}\nIt was not sent.`,
    tellRejected: (p: { who: string; customer: string; total: string; reason: string }) =>
      `:no_entry: ${p.who} rejected your invoice to ${p.customer} (${p.total}): ${p.reason}\nIt was not sent. Correct it and send it again:`,
    reopen: "Correct and send again",
    formNotice: (p: { reason: string }) =>
      `An approver rejected this invoice: ${p.reason}. Correct it and send it again.`,
    // Status words.
    statusWaiting: ":hourglass: Waiting for approval",
    statusRejected: ":no_entry: Rejected by an approver",
    dmWaiting: (p: { customer: string; total: string }) =>
      `Your invoice to ${p.customer} (${p.total}) is waiting for approval before it is sent.`,
  },
  nb: {
    requestText: (p: { creator: string; total: string; customer: string }) =>
      `${p.creator} ber deg godkjenne en faktura på ${p.total} til ${p.customer}`,
    requestHeader: "Faktura venter på din godkjenning",
    requestIntro: (p: { creator: string; channel: string; limit: string }) =>
      `${p.creator} vil sende denne fakturaen fra ${p.channel}. Den er på eller over godkjenningsgrensen på ${p.limit}, så den sendes først når noen andre enn avsenderen har godkjent den.`,
    customer: "Kunde",
    person: "privatperson",
    company: "bedrift",
    personalNumber: (p: { masked: string }) => `fødselsnummer ${p.masked}`,
    organisationNumber: (p: { number: string }) => `org.nr. ${p.number}`,
    lines: "Linjer",
    line: (p: { quantity: string; price: string; vat: string; amount: string }) =>
      `${p.quantity} × ${p.price} (${p.vat} MVA) = ${p.amount}`,
    lineDiscount: (p: { discount: string }) => `, minus ${p.discount} rabatt`,
    totals: (p: { net: string; vat: string }) => `Eks. MVA ${p.net} · MVA ${p.vat}`,
    totalDiscount: (p: { discount: string }) => ` · Rabatt ${p.discount}`,
    grandTotal: (p: { total: string }) => `*Totalt ${p.total}*`,
    terms: "Betingelser",
    dated: (p: { day: string }) => `Fakturadato ${p.day}`,
    due: (p: { day: string; days: number }) =>
      `forfall ${p.day} (${p.days === 1 ? "1 dag" : `${p.days} dager`})`,
    invoiceFee: "med fakturagebyr",
    noInvoiceFee: "uten fakturagebyr",
    reference: (p: { id: string }) => `Fakturabot-referanse \`${p.id}\``,
    approve: "Godkjenn og send",
    reject: "Avvis …",
    decidedSummary: (p: { customer: string; total: string; creator: string; id: string }) =>
      `*Faktura til ${p.customer}, ${p.total}*, fra ${p.creator} (\`${p.id}\`)`,
    approvedBy: (p: { who: string }) => `:white_check_mark: Godkjent av ${p.who}`,
    rejectedBy: (p: { who: string; reason: string }) => `:no_entry: Avvist av ${p.who}: ${p.reason}`,
    expiredUnapproved: ":wastebasket: Utløpt før noen godkjente den: opplysningene er slettet",
    decidedText: (p: { customer: string; decision: string }) => `Faktura til ${p.customer}: ${p.decision}`,
    refusedCreator:
      ":raised_hand: Du laget denne fakturaen, så noen andre må godkjenne den: poenget er et ekstra par øyne.",
    refusedNotApprover: (p: { approvers: string }) =>
      `:raised_hand: Bare godkjennerne kan godkjenne eller avvise fakturaer: ${p.approvers}.`,
    refusedOff: ":raised_hand: Godkjenning er slått av i denne Fakturabot, så ingen kan godkjenne fakturaer.",
    alreadyDecided: (p: { decision: string }) =>
      `Denne fakturaen venter ikke lenger på godkjenning. ${p.decision}`,
    sentAlready: "Den er godkjent og sendt.",
    notFound: "Fakturabot kjenner ikke lenger til den fakturaen.",
    reopenGone: "Opplysningene er slettet, så den kan ikke åpnes igjen: kjør /invoice for å begynne på nytt.",
    rejectTitle: "Avvis faktura",
    rejectSubmit: "Avvis",
    rejectAbout: (p: { customer: string; total: string; creator: string }) =>
      `Faktura til ${p.customer}, ${p.total}, fra ${p.creator}. Den blir ikke sendt; avsenderen kan rette den og sende den på nytt.`,
    reasonLabel: "Hvorfor? Avsenderen ser dette",
    reasonPlaceholder: "F.eks. timene skal være 10, ikke 100",
    reasonMissing: "Skriv hvorfor, så avsenderen vet hva som må rettes.",
    waitingTitle: "Venter på godkjenning",
    waitingBody: (p: { customer: string; total: string; approvers: string }) =>
      `:hourglass: Fakturaen din til ${p.customer} (${p.total}) må godkjennes før den sendes. Bedt om å godkjenne: ${p.approvers}. Du får beskjed her, eller på direktemelding, når en av dem har bestemt seg.`,
    waitingBodyNoApprovers: (p: { customer: string; total: string }) =>
      `:hourglass: Fakturaen din til ${p.customer} (${p.total}) må godkjennes før den sendes. Du får beskjed når en godkjenner har bestemt seg.`,
    rejectedTitle: "Faktura avvist",
    rejectedBody: (p: { who: string; reason: string }) =>
      `:no_entry: ${p.who} avviste den: ${p.reason}\nDen ble ikke sendt.`,
    tellRejected: (p: { who: string; customer: string; total: string; reason: string }) =>
      `:no_entry: ${p.who} avviste fakturaen din til ${p.customer} (${p.total}): ${p.reason}\nDen ble ikke sendt. Rett den og send den på nytt:`,
    reopen: "Rett og send på nytt",
    formNotice: (p: { reason: string }) =>
      `En godkjenner avviste denne fakturaen: ${p.reason}. Rett den og send den på nytt.`,
    statusWaiting: ":hourglass: Venter på godkjenning",
    statusRejected: ":no_entry: Avvist av en godkjenner",
    dmWaiting: (p: { customer: string; total: string }) =>
      `Fakturaen din til ${p.customer} (${p.total}) venter på godkjenning før den sendes.`,
  },
});
