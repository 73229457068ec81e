/**
 * Block Kit as plain text, the way a person reads it in Slack: for `pnpm demo`'s transcript.
 * Covers the blocks and elements the bot writes; anything else shows as `[unknown …]`.
 */

type Json = Record<string, unknown>;

const EMOJI: Record<string, string> = {
  white_check_mark: "✅",
  hourglass_flowing_sand: "⏳",
  hourglass: "⌛",
  page_facing_up: "📄",
  no_entry_sign: "🚫",
  leftwards_arrow_with_hook: "↩️",
  bell: "🔔",
  warning: "⚠️",
  grey_question: "❔",
  bust_in_silhouette: "👤",
  zap: "⚡",
  x: "❌",
  outbox_tray: "📤",
  receipt: "🧾",
  calendar: "📅",
  speech_balloon: "💬",
  alarm_clock: "⏰",
};

/** mrkdwn as plain text: links as "text (url)", mentions by name, emoji as emoji. */
export function plainMrkdwn(text: string, names: (id: string) => string = (id) => id): string {
  return text
    .replace(/<@([A-Z0-9]+)>/g, (_, id: string) => `@${names(id)}`)
    .replace(/<#([A-Z0-9]+)(\|[^>]*)?>/g, (_, id: string) => `#${names(id)}`)
    .replace(/<([^|>]+)\|([^>]+)>/g, "$2 ($1)")
    .replace(/<(https?:[^>]+)>/g, "$1")
    .replace(/:([a-z_]+):/g, (whole, name: string) => EMOJI[name] ?? whole)
    .replace(/(^|\s)\*([^*\n]+)\*/g, "$1$2")
    .replace(/(^|\s)_([^_\n]+)_/g, "$1$2")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\u00a0/g, " ")
    .replace(/\u200b/g, "");
}

function textOf(object: unknown, names?: (id: string) => string): string {
  const text = (object as Json | undefined)?.text;
  return typeof text === "string" ? plainMrkdwn(text, names) : "";
}

function elementLine(element: Json, value: string | undefined): string {
  switch (element.type) {
    case "button":
      return `[ ${textOf(element.text)} ]`;
    default:
      return value === undefined || value === "" ? "…" : value;
  }
}

/** One block as lines of text; `values` are what the person typed, by block and action id. */
function blockLines(
  block: Json,
  values: Record<string, Record<string, string>>,
  names?: (id: string) => string,
): string[] {
  switch (block.type) {
    case "header":
      return [textOf(block.text, names).toUpperCase()];
    case "section": {
      const lines = textOf(block.text, names) ? [textOf(block.text, names)] : [];
      for (const field of (block.fields as Json[] | undefined) ?? [])
        lines.push(textOf(field, names).replace(/\n/, ": "));
      const accessory = block.accessory as Json | undefined;
      if (accessory?.type === "button") lines.push(elementLine(accessory, undefined));
      return lines;
    }
    case "context":
      return [
        ((block.elements as Json[] | undefined) ?? []).map((element) => textOf(element, names)).join(" "),
      ];
    case "divider":
      return ["────────────────────────"];
    case "actions":
      return [
        ((block.elements as Json[] | undefined) ?? [])
          .map((element) => elementLine(element, undefined))
          .join(" "),
      ];
    case "input": {
      const element = block.element as Json;
      const value = values[String(block.block_id)]?.[String(element.action_id)];
      return [`${textOf(block.label)}: ${elementLine(element, value)}`];
    }
    default:
      return [`[unknown block ${String(block.type)}]`];
  }
}

/** Blocks as indented lines. */
export function blocksAsText(
  blocks: readonly unknown[],
  options: {
    values?: Record<string, Record<string, string>>;
    names?: (id: string) => string;
    indent?: string;
  } = {},
): string {
  const indent = options.indent ?? "  ";
  return blocks
    .flatMap((block) => blockLines(block as Json, options.values ?? {}, options.names))
    .flatMap((line) => line.split("\n"))
    .map((line) => `${indent}${line}`)
    .join("\n");
}
