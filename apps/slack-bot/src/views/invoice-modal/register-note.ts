import type { Messages } from "../../i18n/index.js";
import { LAYOUT_BLOCK_IDS } from "../../invoice-form/ids.js";
import type { RegisterNote, RegisterWarning } from "../../invoice-form/metadata.js";
import { escapeMrkdwn, type KnownBlock, section } from "../block-kit.js";

/** Each warning in plain words, with the register's own term so it can be looked up. */
function warningWords(t: Messages): Readonly<Record<RegisterWarning, string>> {
  const words = t.invoiceModal;
  return {
    bankrupt: words.warningBankrupt,
    dissolving: words.warningDissolving,
    forced_dissolution: words.warningForcedDissolution,
    deleted: words.warningDeleted,
  };
}

/** `923609016` → `923 609 016`, as organisation numbers are written. */
function grouped(organisationNumber: string): string {
  return organisationNumber.replace(/^(\d{3})(\d{3})(\d{3})$/, "$1 $2 $3");
}

function joined(t: Messages, words: readonly string[]): string {
  return words.length <= 1
    ? (words[0] ?? "")
    : `${words.slice(0, -1).join(", ")} ${t.common.and} ${words.at(-1)}`;
}

/** What Brønnøysundregistrene said, under the organisation number. */
export function registerText(t: Messages, note: RegisterNote): string {
  const number = grouped(note.organisationNumber);
  const words = t.invoiceModal;
  switch (note.kind) {
    case "found": {
      const name = `*${escapeMrkdwn(note.name ?? number)}*`;
      if (note.warnings.length === 0) return words.registerFound({ name, number });
      const warnings = warningWords(t);
      return words.registerWarning({
        name,
        number,
        words: joined(
          t,
          note.warnings.map((warning) => warnings[warning]),
        ),
      });
    }
    case "not_found":
      return words.registerNotFound({ number });
    case "unavailable":
      return words.registerUnavailable;
  }
}

export function registerBlock(t: Messages, note: RegisterNote): KnownBlock {
  return section(registerText(t, note), LAYOUT_BLOCK_IDS.register);
}
