import type { OrderAction } from "../orders/transitions.js";
import type { KnownBlock } from "./block-kit.js";
import { ACTION_LABELS } from "./order-message.js";
import { ROW_ACTION_LABELS } from "./order-row.js";

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

/** What each of the message's controls does, by action; the labels are the message's own. */
const BUTTON_USAGE: Record<OrderAction, string> = {
  resend: "sends the BankID or payment link to the customer again, to the email and mobile you check first",
  refresh: "asks Front Payment for the order's status now",
  cancel: "cancels an unpaid order, after you confirm (its creator or an admin)",
  refund:
    "refunds a paid order in full or chosen lines, never more than was paid, after you confirm the amount",
  copy: "opens a new invoice filled in from this one",
  edit: "corrects an order the customer has not verified yet (the same Front Payment order)",
};

/** What is done with a button on an invoice's message, and the word someone might type for it. */
export const BUTTONS = (Object.keys(BUTTON_USAGE) as OrderAction[]).map((word) => ({
  word,
  label: ACTION_LABELS[word],
  usage: BUTTON_USAGE[word],
}));

/** The buttons elsewhere: in listings and the Home tab, and in the invoice form after a failure. */
const OTHER_BUTTONS = [
  `*${ROW_ACTION_LABELS.status}* and *${ROW_ACTION_LABELS.cancel}* in the menu of each row of \`/invoice list\` and the Home tab do what \`/invoice status\` and \`/invoice cancel\` do`,
  "*Previous* and *Next* under `/invoice list` turn its pages",
  "*Send again* and *Edit* in the form when Front Payment certainly did not create the invoice; *Send anyway* when it is not known whether it did (after you confirm, since the customer could get two)",
];

const HOME_TAB =
  "Fakturabot's *Home* tab lists your invoices and the team's that you may see, with the sums open, overdue and paid this month.";

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
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*Other buttons*\n${OTHER_BUTTONS.map((line) => `• ${line}`).join("\n")}`,
        },
      },
      { type: "section", text: { type: "mrkdwn", text: HOME_TAB } },
    ],
  };
}

/** For someone the allowlists leave out: polite, and says whom to ask. */
export function notAllowedText(reason: "user" | "channel"): string {
  return reason === "user"
    ? "Sorry, you can't send invoices with Fakturabot yet. Ask your Slack admin to add you."
    : "Sorry, Fakturabot isn't enabled in this channel. Try a channel where invoices are sent, or ask your Slack admin.";
}
