import { LAYOUT_BLOCK_IDS } from "../../invoice-form/ids.js";
import type { RegisterNote, RegisterWarning } from "../../invoice-form/metadata.js";
import { escapeMrkdwn, type KnownBlock, section } from "../block-kit.js";

/** Each warning in plain words, with the register's own term so it can be looked up. */
const WARNING_WORDS: Readonly<Record<RegisterWarning, string>> = {
  bankrupt: "bankrupt (konkurs)",
  dissolving: "being dissolved (under avvikling)",
  forced_dissolution: "under forced dissolution (tvangsavvikling eller tvangsoppløsning)",
  deleted: "deleted from the register (slettet)",
};

/** `923609016` → `923 609 016`, as organisation numbers are written. */
function grouped(organisationNumber: string): string {
  return organisationNumber.replace(/^(\d{3})(\d{3})(\d{3})$/, "$1 $2 $3");
}

function joined(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** What Brønnøysundregistrene said, under the organisation number. */
export function registerText(note: RegisterNote): string {
  const number = grouped(note.organisationNumber);
  switch (note.kind) {
    case "found": {
      const name = `*${escapeMrkdwn(note.name ?? number)}*`;
      if (note.warnings.length === 0)
        return `:white_check_mark: Filled in from Brønnøysundregistrene: ${name} (${number}). Check the address before sending.`;
      const words = joined(note.warnings.map((warning) => WARNING_WORDS[warning]));
      return `:warning: ${name} (${number}) is ${words} in Brønnøysundregistrene. The invoice may never be paid: check with the estate or the company before sending. The details were filled in.`;
    }
    case "not_found":
      return `:grey_question: ${number} is not in Brønnøysundregistrene (no company has it): check the number. Nothing was filled in.`;
    case "unavailable":
      return ":hourglass: Brønnøysundregistrene did not answer in time, so nothing was filled in: type the name and address yourself. What you typed is kept.";
  }
}

export function registerBlock(note: RegisterNote): KnownBlock {
  return section(registerText(note), LAYOUT_BLOCK_IDS.register);
}
