import { distance } from "fastest-levenshtein";
import type { Messages } from "../../i18n/index.js";
import { LIST_FILTERS, type ListFilter } from "../../orders/listing.js";
import { escapeMrkdwn } from "../../views/block-kit.js";
import { BUTTON_WORDS, COMMAND_WORDS, type UnknownSubcommand } from "../../views/help.js";

/** What could not be read in `/invoice …`, said to whoever typed it by `commandProblemText`. */
export type CommandProblem =
  /** `/invoice status` or `cancel` without an order. */
  | { kind: "which-order"; word: "status" | "cancel" }
  | { kind: "not-a-reference"; reference: string }
  /** `/invoice list paid open`: an invoice is only ever one of them. */
  | { kind: "one-status"; statuses: ListFilter[] };

/** What someone asked for with `/invoice …`. */
export type InvoiceCommand =
  | { kind: "new"; text: string }
  | { kind: "help" }
  | { kind: "status"; reference: string }
  | { kind: "cancel"; reference: string; note: string }
  | { kind: "invalid"; problem: CommandProblem }
  | { kind: "list"; filters: ListFilter[]; search: string }
  /** A subcommand that does not exist (`/invoice stauts …`): help, never a blank form. */
  | ({ kind: "unknown" } & UnknownSubcommand);

/** Front Payment's `ODR…` ids and our `FB…` references. */
const ORDER_REFERENCE = /^(ODR\d+|FB[0-9A-Z]+)$/i;

/** The words that may follow `/invoice`: the commands', and the buttons' (typed instead of clicked). */
const KNOWN_WORDS = [...new Set<string>([...COMMAND_WORDS, ...BUTTON_WORDS])].filter(Boolean);

/**
 * The known word closest to `word` within two edits (one for words of three letters or fewer), or
 * null. Two, because swapped letters (`stauts`, `lsit`) are two edits apart.
 */
export function closestWord(word: string): string | null {
  const allowed = word.length <= 3 ? 1 : 2;
  let best: { word: string; distance: number } | null = null;
  for (const known of KNOWN_WORDS) {
    const apart = distance(word, known);
    if (apart <= allowed && (!best || apart < best.distance)) best = { word: known, distance: apart };
  }
  return best?.word ?? null;
}

function isListFilter(word: string): word is ListFilter {
  return (LIST_FILTERS as readonly string[]).includes(word);
}

/**
 * Whether `/invoice <word> <rest>` was meant as a subcommand: a lower-case word near a known one,
 * alone or before what a subcommand takes (an order id, a list filter). Text that starts a new
 * invoice (`/invoice Lise Hansen 500`, `/invoice kari@example.no`) does not look like that.
 */
function typedSubcommand(word: string, rest: string[]): UnknownSubcommand | null {
  if (!/^[a-z]+$/.test(word)) return null;
  const [next] = rest;
  const takesArgument = next === undefined || ORDER_REFERENCE.test(next) || isListFilter(next.toLowerCase());
  if (!takesArgument) return null;
  const suggestion = closestWord(word);
  return suggestion ? { word, suggestion } : null;
}

function parseList(words: string[]): InvoiceCommand {
  const filters: ListFilter[] = [];
  let index = 0;
  for (; index < words.length; index += 1) {
    const word = (words[index] as string).toLowerCase();
    if (!isListFilter(word)) break;
    if (!filters.includes(word)) filters.push(word);
  }
  const statuses = filters.filter((filter) => filter !== "mine");
  if (statuses.length > 1) {
    return { kind: "invalid", problem: { kind: "one-status", statuses } };
  }
  return { kind: "list", filters, search: words.slice(index).join(" ") };
}

export function parseInvoiceCommand(text: string): InvoiceCommand {
  const trimmed = text.trim();
  const [word = "", reference = "", ...rest] = trimmed.split(/\s+/);
  switch (word.toLowerCase()) {
    case "help":
    case "?":
      return { kind: "help" };
    case "status":
    case "cancel": {
      const subcommand = word.toLowerCase() as "status" | "cancel";
      if (!reference) return { kind: "invalid", problem: { kind: "which-order", word: subcommand } };
      if (!ORDER_REFERENCE.test(reference)) {
        return { kind: "invalid", problem: { kind: "not-a-reference", reference } };
      }
      const normalized = reference.toUpperCase();
      return subcommand === "status"
        ? { kind: "status", reference: normalized }
        : { kind: "cancel", reference: normalized, note: rest.join(" ") };
    }
    case "list":
      return parseList(trimmed.split(/\s+/).slice(1));
    default: {
      const typo = typedSubcommand(word, [reference, ...rest].filter(Boolean));
      if (typo) return { kind: "unknown", ...typo };
      // A button's word typed as a command (`/invoice resend`) is shown where the button is.
      if ((BUTTON_WORDS as readonly string[]).includes(word.toLowerCase()))
        return { kind: "unknown", word: word.toLowerCase(), suggestion: word.toLowerCase() };
      return { kind: "new", text: trimmed };
    }
  }
}

/** What could not be read, and how to type it, in the reader's language. */
export function commandProblemText(t: Messages, problem: CommandProblem): string {
  switch (problem.kind) {
    case "which-order":
      return t.commands.whichOrder({ example: `\`/invoice ${problem.word} ODR4286244937\`` });
    case "not-a-reference":
      return t.commands.notAnOrderId({ reference: `\`${escapeMrkdwn(problem.reference)}\`` });
    case "one-status":
      return t.commands.pickOne({
        choices: `\`${problem.statuses.join("`, `")}\``,
        example: "`/invoice list mine open`",
      });
  }
}
