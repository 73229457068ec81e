import { escapeHtml } from "@fakturabot/schema";
import type { OrderRecord } from "../store/types.js";

type Language = OrderRecord["preferredLanguage"];
export type ReturnOutcome = "success" | "failure";

interface PageText {
  title: string;
  body: string;
  reference: string;
  close: string;
}

/** What the customer reads after the BankID step (docs/front-payment.md §10), in their preferred language. */
const TEXT: Record<Language, Record<ReturnOutcome, PageText>> = {
  en: {
    success: {
      title: "Thank you, you are verified",
      body: "Your invoice is on its way.",
      reference: "Order reference",
      close: "You can safely close this window.",
    },
    failure: {
      title: "Verification was not completed",
      body: "Your invoice has not been confirmed. If this was a mistake, please contact the company that sent it.",
      reference: "Order reference",
      close: "You can safely close this window.",
    },
  },
  no: {
    success: {
      title: "Takk, du er bekreftet",
      body: "Fakturaen er på vei.",
      reference: "Ordrereferanse",
      close: "Du kan trygt lukke dette vinduet.",
    },
    failure: {
      title: "Bekreftelsen ble ikke fullført",
      body: "Fakturaen er ikke bekreftet. Ta kontakt med bedriften som sendte den hvis dette var en feil.",
      reference: "Ordrereferanse",
      close: "Du kan trygt lukke dette vinduet.",
    },
  },
  sv: {
    success: {
      title: "Tack, du är verifierad",
      body: "Din faktura är på väg.",
      reference: "Orderreferens",
      close: "Du kan stänga det här fönstret.",
    },
    failure: {
      title: "Verifieringen slutfördes inte",
      body: "Fakturan har inte bekräftats. Kontakta företaget som skickade den om detta var ett misstag.",
      reference: "Orderreferens",
      close: "Du kan stänga det här fönstret.",
    },
  },
  da: {
    success: {
      title: "Tak, du er bekræftet",
      body: "Din faktura er på vej.",
      reference: "Ordrereference",
      close: "Du kan roligt lukke dette vindue.",
    },
    failure: {
      title: "Bekræftelsen blev ikke gennemført",
      body: "Fakturaen er ikke bekræftet. Kontakt virksomheden, der sendte den, hvis dette var en fejl.",
      reference: "Ordrereference",
      close: "Du kan roligt lukke dette vindue.",
    },
  },
  de: {
    success: {
      title: "Vielen Dank, Sie sind verifiziert",
      body: "Ihre Rechnung ist unterwegs.",
      reference: "Bestellreferenz",
      close: "Sie können dieses Fenster jetzt schließen.",
    },
    failure: {
      title: "Die Verifizierung wurde nicht abgeschlossen",
      body: "Ihre Rechnung wurde nicht bestätigt. Falls dies ein Irrtum war, wenden Sie sich bitte an das Unternehmen, das sie gesendet hat.",
      reference: "Bestellreferenz",
      close: "Sie können dieses Fenster jetzt schließen.",
    },
  },
};

/**
 * Headers of every answer on the customer's return path: never cached, never sniffed as another
 * type, never framed by another site, no script, and no referrer leaking the order's URL onwards.
 */
export const RETURN_PAGE_HEADERS = {
  "cache-control": "no-store",
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
} as const;

/** The finished HTML page a customer lands on after BankID: accessible, phone-first, no script. */
export function returnPage(outcome: ReturnOutcome, language: Language, reference?: string): string {
  const text = TEXT[language][outcome];
  const accent = outcome === "success" ? "#0a7a3d" : "#a4262c";
  const icon = outcome === "success" ? "✓" : "!";
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(text.title)}</title>
<style>
  :root { color-scheme: light dark; --accent: ${accent}; }
  * { box-sizing: border-box; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 1.5rem;
    font: 1.0625rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
    background: #f4f5f7; color: #1d1c1d; }
  main { width: 100%; max-width: 28rem; background: #fff; border-radius: 1rem; padding: 2rem 1.5rem;
    box-shadow: 0 1px 3px rgb(0 0 0 / 0.12); text-align: center; }
  .icon { width: 4rem; height: 4rem; margin: 0 auto 1rem; border-radius: 50%; display: grid;
    place-items: center; font-size: 2rem; font-weight: 700; color: #fff; background: var(--accent); }
  h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 0.75rem; overflow-wrap: break-word; hyphens: auto; }
  p { margin: 0 0 1rem; }
  .reference { font-size: 0.9375rem; color: #4a4a4a; }
  .reference code { font-size: 1rem; color: inherit; }
  .hint { font-size: 0.9375rem; color: #4a4a4a; margin: 0; }
  @media (prefers-color-scheme: dark) {
    body { background: #1a1d21; color: #e8e8e8; }
    main { background: #222529; box-shadow: none; }
    .reference, .hint { color: #c4c4c4; }
  }
</style>
</head>
<body>
<main role="main" aria-labelledby="title">
  <div class="icon" aria-hidden="true">${icon}</div>
  <h1 id="title">${escapeHtml(text.title)}</h1>
  <p role="status">${escapeHtml(text.body)}</p>
  ${reference ? `<p class="reference">${escapeHtml(text.reference)}: <code>${escapeHtml(reference)}</code></p>` : ""}
  <p class="hint">${escapeHtml(text.close)}</p>
</main>
</body>
</html>
`;
}
