import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml, maskPersonalNumber } from "@fakturabot/schema";
import { readBody, sendHtml } from "../http.js";
import type { FrontPaymentSandboxOrder, OrderBook } from "./orders.js";

/** The path of an order's BankID page; the submit response's `bankIdUrl` points here. */
export function bankIdPath(orderUuid: string): string {
  return `/bankid/${encodeURIComponent(orderUuid)}`;
}

type Language = "en" | "no";

const TEXT = {
  en: {
    title: "Confirm with BankID",
    intro: "Confirm that you want this invoice from the merchant.",
    customer: "Customer",
    personalNumber: "Personal number",
    order: "Order",
    total: "Total, VAT included",
    approve: "Approve with BankID",
    reject: "Reject",
    sandbox: "Front Payment sandbox: no real BankID, no real money.",
    notFound: "There is no such order.",
    notPending: (status: string) => `This order is ${status}; there is nothing to confirm.`,
    cannotDecide: (status: string) => `This order is ${status} and can no longer be confirmed or rejected.`,
    badDecision: "Choose Approve or Reject.",
  },
  no: {
    title: "Bekreft med BankID",
    intro: "Bekreft at du vil motta denne fakturaen fra selgeren.",
    customer: "Kunde",
    personalNumber: "Fødselsnummer",
    order: "Ordre",
    total: "Totalt, inkl. mva.",
    approve: "Godkjenn med BankID",
    reject: "Avvis",
    sandbox: "Front Payment-sandkasse: ingen ekte BankID, ingen ekte penger.",
    notFound: "Denne ordren finnes ikke.",
    notPending: (status: string) => `Denne ordren er ${status}; det er ingenting å bekrefte.`,
    cannotDecide: (status: string) =>
      `Denne ordren er ${status} og kan ikke lenger godkjennes eller avvises.`,
    badDecision: "Velg Godkjenn eller Avvis.",
  },
} satisfies Record<Language, unknown>;

/**
 * The page a customer opens from `bankIdUrl`: GET shows the order with Approve and Reject; the
 * form posts back here, and the browser is sent (303) to the order's `callback.success` or
 * `callback.failure` (docs/front-payment.md §10). Approving moves the order SENT → INVOICED.
 */
export function createBankIdPage(book: OrderBook) {
  return async function handleBankIdPage(
    request: IncomingMessage,
    response: ServerResponse,
    orderUuid: string,
  ): Promise<void> {
    const order = book.find(orderUuid);
    if (request.method !== "GET" && request.method !== "POST") {
      sendHtml(response, 405, page("en", "405", `<p>Use GET or POST.</p>`), { allow: "GET, POST" });
      return;
    }
    if (!order) {
      sendHtml(response, 404, page("en", TEXT.en.title, `<p>${escapeHtml(TEXT.en.notFound)}</p>`));
      return;
    }
    const language = languageOf(order);
    const text = TEXT[language];
    if (request.method === "GET") {
      const content =
        order.status === "SENT" ? confirmation(order, language) : notice(text.notPending(order.status));
      sendHtml(response, 200, page(language, text.title, content));
      return;
    }

    const decision = new URLSearchParams(await readBody(request)).get("decision");
    if (decision !== "approve" && decision !== "reject") {
      sendHtml(response, 400, page(language, text.title, notice(text.badDecision)));
      return;
    }
    // A second Approve (a double click, or Back and submit again) lands where the first did.
    const alreadyApproved = decision === "approve" && wasApprovedAndLive(order);
    if (order.status !== "SENT" && !alreadyApproved) {
      sendHtml(response, 409, page(language, text.title, notice(text.cannotDecide(order.status))));
      return;
    }
    if (decision === "approve") {
      if (!alreadyApproved) book.approveBankId(order.uuid);
      redirect(response, order.request.callback.success);
    } else {
      book.rejectBankId(order.uuid);
      redirect(response, order.request.callback.failure);
    }
  };
}

/** Whether the order left SENT through an approval and has not been cancelled since. */
function wasApprovedAndLive(order: FrontPaymentSandboxOrder): boolean {
  return order.history[1]?.status === "INVOICED" && order.status !== "CANCELLED";
}

function redirect(response: ServerResponse, location: string) {
  response.writeHead(303, { location, "content-length": 0 });
  response.end();
}

function languageOf(order: FrontPaymentSandboxOrder): Language {
  // Front Payment's default is Norwegian; languages without a translation here get English.
  const preferred = order.request.customerDetails.preferredLanguage ?? "no";
  return preferred === "no" ? "no" : "en";
}

function confirmation(order: FrontPaymentSandboxOrder, language: Language): string {
  const text = TEXT[language];
  const locale = language === "no" ? "nb-NO" : "en-GB";
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: "NOK" });
  const { customerDetails, products } = order.request;
  const lines = products
    .map(
      (product) =>
        `<tr><td>${escapeHtml(product.name)}</td><td class="number">${escapeHtml(String(product.quantity))}</td><td class="number">${escapeHtml(money.format(Number(product.amount)))}</td></tr>`,
    )
    .join("");
  const identity =
    customerDetails.type === "private"
      ? `<dt>${text.personalNumber}</dt><dd>${escapeHtml(maskPersonalNumber(customerDetails.personalNumber))}</dd>`
      : "";
  return `<p>${text.intro}</p>
<dl>
  <dt>${text.customer}</dt><dd>${escapeHtml(customerDetails.name)}</dd>
  ${identity}
  <dt>${text.order}</dt><dd>${escapeHtml(order.uuid)}</dd>
</dl>
<table>${lines}<tr class="total"><td colspan="2">${text.total}</td><td class="number">${escapeHtml(money.format(order.orderAmount))}</td></tr></table>
<form method="post">
  <button type="submit" name="decision" value="approve" class="approve">${text.approve}</button>
  <button type="submit" name="decision" value="reject" class="reject">${text.reject}</button>
</form>`;
}

function notice(message: string): string {
  return `<p class="notice">${escapeHtml(message)}</p>`;
}

function page(language: Language, title: string, content: string): string {
  return `<!doctype html>
<html lang="${language === "no" ? "nb" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f3f1ee; color: #1d1d1b; margin: 0; }
  main { max-width: 28rem; margin: 3rem auto; background: #fff; border-radius: 12px; padding: 2rem; box-shadow: 0 2px 12px #0002; }
  .brand { font-weight: 700; color: #39134c; letter-spacing: .02em; }
  h1 { font-size: 1.4rem; margin: .5rem 0 1rem; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: .3rem 1rem; }
  dt { color: #666; } dd { margin: 0; }
  table { width: 100%; border-collapse: collapse; margin: 1rem 0; }
  td { padding: .3rem 0; border-bottom: 1px solid #eee; } .number { text-align: right; }
  .total td { font-weight: 700; border-bottom: none; }
  form { display: flex; gap: .75rem; }
  button { flex: 1; padding: .8rem; border-radius: 8px; border: 1px solid #39134c; font-size: 1rem; cursor: pointer; }
  .approve { background: #39134c; color: #fff; } .reject { background: #fff; color: #39134c; }
  .notice { background: #f7f3e3; padding: 1rem; border-radius: 8px; }
  footer { margin-top: 1.5rem; font-size: .8rem; color: #777; }
</style>
</head>
<body>
<main>
<div class="brand">BankID</div>
<h1>${escapeHtml(title)}</h1>
${content}
<footer>${escapeHtml(TEXT[language].sandbox)}</footer>
</main>
</body>
</html>`;
}
