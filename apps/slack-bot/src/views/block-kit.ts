import type { types } from "@slack/bolt";

/** Block Kit types, from `@slack/types` through Bolt (our direct dependency). */
export type ModalView = types.ModalView;
export type KnownBlock = types.KnownBlock;
export type InputBlock = types.InputBlock;
export type InputBlockElement = types.InputBlock["element"];
export type PlainTextElement = types.PlainTextElement;
export type MrkdwnElement = types.MrkdwnElement;
export type PlainTextOption = types.PlainTextOption;
export type Button = types.Button;

/** Plain text, with emoji shortcodes rendered. */
export function plainText(text: string): PlainTextElement {
  return { type: "plain_text", text, emoji: true };
}

export function mrkdwn(text: string): MrkdwnElement {
  return { type: "mrkdwn", text };
}

/** Slack's control characters (`&`, `<`, `>`: mentions, links) escaped as Slack asks. */
function escapeControlCharacters(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A zero-width space: after a formatting character it stays visible and copyable, but starts nothing. */
const ZERO_WIDTH_SPACE = "\u200b";

/**
 * THE escaping of text that came from people or from Front Payment (a customer's name, a reason)
 * on its way into Slack's mrkdwn, the top-level `text` of a message included: the control
 * characters escaped as Slack asks, and the formatting characters (`*`, `_`, `~`, `` ` ``), which
 * mrkdwn has no escape for, each followed by a zero-width space so they cannot open or close
 * bold, italics, strike-through or code.
 */
export function escapeMrkdwn(text: string): string {
  return escapeControlCharacters(text).replace(/[*_~`]/g, `$&${ZERO_WIDTH_SPACE}`);
}

/**
 * A mrkdwn link, or undefined when `url` is not an http(s) URL. The URL is escaped like any
 * text, and the characters that would end the link early (`|`, `>`) are percent-encoded.
 */
export function mrkdwnLink(url: string, label: string): string | undefined {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) return undefined;
  const target = escapeControlCharacters(url.replace(/\|/g, "%7C").replace(/</g, "%3C").replace(/>/g, "%3E"));
  return `<${target}|${escapeMrkdwn(label)}>`;
}

/** `text` cut to at most `max` characters, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** An option whose text and value stay within Slack's 75 characters. */
export function option(text: string, value: string): PlainTextOption {
  return { text: plainText(truncate(text, 75)), value };
}

export function header(text: string, blockId: string): KnownBlock {
  return { type: "header", block_id: blockId, text: plainText(truncate(text, 150)) };
}

/** A mrkdwn section (Slack allows 3000 characters of text), with a button beside it if given. */
export function section(text: string, blockId?: string, accessory?: Button): KnownBlock {
  return {
    type: "section",
    ...(blockId ? { block_id: blockId } : {}),
    text: mrkdwn(truncate(text, 3000)),
    ...(accessory ? { accessory } : {}),
  };
}

export function context(text: string, blockId?: string): KnownBlock {
  return {
    type: "context",
    ...(blockId ? { block_id: blockId } : {}),
    elements: [mrkdwn(truncate(text, 3000))],
  };
}

export function button({
  text,
  actionId,
  value,
  style,
  confirm,
}: {
  text: string;
  actionId: string;
  value?: string;
  style?: "primary" | "danger";
  confirm?: types.ConfirmationDialog;
}): Button {
  return {
    type: "button",
    text: plainText(truncate(text, 75)),
    action_id: actionId,
    ...(value === undefined ? {} : { value }),
    ...(style ? { style } : {}),
    ...(confirm ? { confirm } : {}),
  };
}
