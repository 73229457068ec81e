import type { KnownBlock } from "./block-kit.js";

/** Every `/invoice` command, as the help lists it. */
export const COMMANDS = [
  {
    word: "",
    usage:
      "`/invoice` opens a new invoice. Add an email or an amount to fill them in: `/invoice kari@example.no 1500`",
  },
  {
    word: "list",
    usage:
      "`/invoice list [mine|open|overdue|paid] [customer]` lists the invoices you can see, newest first (a name, an organisation number or an `ODR…`/`FB…` id)",
  },
  {
    word: "status",
    usage: "`/invoice status <order>` shows where an order is (`ODR…` or our `FB…` reference)",
  },
  {
    word: "cancel",
    usage: "`/invoice cancel <order> [note]` cancels an unpaid order (its creator or an admin)",
  },
  { word: "help", usage: "`/invoice help` shows this" },
] as const;

/** What is done with a button rather than a command, and the word someone might type for it. */
export const BUTTONS = [
  {
    word: "resend",
    label: "Send link again",
    usage: "sends the BankID or payment link to the customer again",
  },
  { word: "refresh", label: "Refresh status", usage: "asks Front Payment for the order's status now" },
  { word: "cancel", label: "Cancel…", usage: "cancels an unpaid order, after you confirm" },
  {
    word: "refund",
    label: "Refund…",
    usage: "refunds a paid order in full or chosen lines, after you confirm",
  },
  { word: "copy", label: "Copy as new invoice", usage: "opens a new invoice filled in from this one" },
  { word: "edit", label: "Edit…", usage: "corrects an order the customer has not verified yet" },
] as const;

/** Someone typed a subcommand that does not exist: what they typed, and the closest one. */
export interface UnknownSubcommand {
  word: string;
  /** A command's word (`status`), or a button's (`resend`); null when nothing is close. */
  suggestion: string | null;
}

function didYouMean({ word, suggestion }: UnknownSubcommand): string {
  const typed = `\`/invoice ${word}\` isn't a command.`;
  const button = BUTTONS.find((candidate) => candidate.word === suggestion);
  if (button && !COMMANDS.some((command) => command.word === suggestion)) {
    const asked = suggestion === word ? "" : ` Did you mean _${suggestion}_?`;
    return `${typed}${asked} That is the *${button.label}* button on the invoice's message in the channel.`;
  }
  return suggestion ? `${typed} Did you mean \`/invoice ${suggestion}\`?` : `${typed} Here is what I can do:`;
}

/**
 * `/invoice help`: every command and every button on an invoice's message. With `unknown`, it
 * starts with what was typed and the closest command ("did you mean …?").
 */
export function helpMessage(unknown?: UnknownSubcommand): { text: string; blocks: KnownBlock[] } {
  const commands = COMMANDS.map((command) => `• ${command.usage}`).join("\n");
  const buttons = BUTTONS.map((button) => `• *${button.label}* ${button.usage}`).join("\n");
  const intro = unknown ? didYouMean(unknown) : "*Fakturabot* sends Front Payment Go invoices from Slack.";
  return {
    text: `${intro}\n${COMMANDS.map((command) => command.usage).join("\n")}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: intro } },
      { type: "section", text: { type: "mrkdwn", text: `*Commands*\n${commands}` } },
      { type: "section", text: { type: "mrkdwn", text: `*Buttons on an invoice's message*\n${buttons}` } },
    ],
  };
}

/** For someone the allowlists leave out: polite, and says whom to ask. */
export function notAllowedText(reason: "user" | "channel"): string {
  return reason === "user"
    ? "Sorry, you can't send invoices with Fakturabot yet. Ask your Slack admin to add you."
    : "Sorry, Fakturabot isn't enabled in this channel. Try a channel where invoices are sent, or ask your Slack admin.";
}
