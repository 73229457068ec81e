import type { Messages } from "../i18n/index.js";
import type { OrderAction } from "../orders/transitions.js";
import type { KnownBlock } from "./block-kit.js";
import { actionLabel } from "./order-message.js";
import { rowActionLabel } from "./order-row.js";

/** Every `/invoice` command's word, as typed in either language. */
export const COMMAND_WORDS = ["", "list", "status", "cancel", "help"] as const;
type CommandWord = (typeof COMMAND_WORDS)[number];

function commandUsage(t: Messages, word: CommandWord): string {
  switch (word) {
    case "":
      return t.help.usageNew;
    case "list":
      return t.help.usageList;
    case "status":
      return t.help.usageStatus;
    case "cancel":
      return t.help.usageCancel;
    case "help":
      return t.help.usageHelp;
  }
}

/** The buttons on an invoice's message, in the help's order; their words may be typed too (`/invoice resend`). */
export const BUTTON_WORDS: readonly OrderAction[] = ["resend", "refresh", "cancel", "refund", "copy", "edit"];

/** What each of the message's controls does; the labels are the message's own. */
function buttonUsage(t: Messages, action: OrderAction): string {
  switch (action) {
    case "resend":
      return t.help.buttonResend;
    case "refresh":
      return t.help.buttonRefresh;
    case "cancel":
      return t.help.buttonCancel;
    case "refund":
      return t.help.buttonRefund;
    case "copy":
      return t.help.buttonCopy;
    case "edit":
      return t.help.buttonEdit;
  }
}

/** The buttons elsewhere: in listings and the Home tab, and in the invoice form after a failure. */
function otherButtons(t: Messages): string[] {
  return [
    t.help.rowMenu({ status: rowActionLabel(t, "status"), cancel: rowActionLabel(t, "cancel") }),
    t.help.pages({ previous: t.commands.previous, next: t.commands.next }),
    t.help.formButtons,
  ];
}

/** Someone typed a subcommand that does not exist: what they typed, and the closest one. */
export interface UnknownSubcommand {
  word: string;
  /** A command's word (`status`), or a button's (`resend`); null when nothing is close. */
  suggestion: string | null;
}

function isCommandWord(word: string | null): boolean {
  return (COMMAND_WORDS as readonly (string | null)[]).includes(word);
}

function didYouMean(t: Messages, { word, suggestion }: UnknownSubcommand): string {
  const typed = t.help.notACommand({ typed: `\`/invoice ${word}\`` });
  const button = BUTTON_WORDS.find((candidate) => candidate === suggestion);
  if (button && !isCommandWord(suggestion)) {
    const asked = suggestion === word ? "" : ` ${t.help.didYouMeanWord({ word: button })}`;
    return `${typed}${asked} ${t.help.thatIsAButton({ label: actionLabel(t, button) })}`;
  }
  return suggestion
    ? `${typed} ${t.help.didYouMean({ command: `\`/invoice ${suggestion}\`` })}`
    : `${typed} ${t.help.hereIsWhatICanDo}`;
}

/**
 * `/invoice help`: every command and every button on an invoice's message. With `unknown`, it
 * starts with what was typed and the closest command ("did you mean …?").
 */
export function helpMessage(
  t: Messages,
  unknown?: UnknownSubcommand,
): { text: string; blocks: KnownBlock[] } {
  const usages = COMMAND_WORDS.map((word) => commandUsage(t, word));
  const commands = usages.map((usage) => `• ${usage}`).join("\n");
  const buttons = BUTTON_WORDS.map(
    (action) => `• *${actionLabel(t, action)}* ${buttonUsage(t, action)}`,
  ).join("\n");
  const intro = unknown ? didYouMean(t, unknown) : t.help.intro;
  return {
    text: `${intro}\n${usages.join("\n")}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: intro } },
      { type: "section", text: { type: "mrkdwn", text: `*${t.help.commandsHeading}*\n${commands}` } },
      { type: "section", text: { type: "mrkdwn", text: `*${t.help.buttonsHeading}*\n${buttons}` } },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*${t.help.otherButtonsHeading}*\n${otherButtons(t)
            .map((line) => `• ${line}`)
            .join("\n")}`,
        },
      },
      { type: "section", text: { type: "mrkdwn", text: t.help.homeTab } },
    ],
  };
}

/** For someone the allowlists leave out: polite, and says whom to ask. */
export function notAllowedText(t: Messages, reason: "user" | "channel"): string {
  return reason === "user" ? t.help.notAllowedUser : t.help.notAllowedChannel;
}
