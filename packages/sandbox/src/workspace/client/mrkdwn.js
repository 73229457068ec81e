/**
 * The part of Slack's mrkdwn the bot writes, rendered as Slack's client shows it: *bold*, _italic_,
 * ~strike~, `code`, ```code blocks```, > quotes, • lists, <links|labels>, <@U…> mentions,
 * <#C…> channels and :emoji:. Text only ever becomes text nodes (see dom.js).
 */
import { h, safeUrl } from "./dom.js";
import { emojify } from "./emoji.js";

/** Slack escapes only these three in mrkdwn. */
export function decodeEntities(text) {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

const EMPHASIS = { "*": "strong", _: "em", "~": "s" };
const WORD = /[\p{L}\p{N}]/u;
/** A zero-width space counts as space: it is how text escaped for mrkdwn keeps `*` from formatting. */
const SPACE = /[\s\u200b]/u;

/** A marker opens emphasis after a non-word character and before a non-space. */
function opensAt(text, index) {
  const before = text[index - 1];
  const after = text[index + 1];
  return (
    (before === undefined || !WORD.test(before)) &&
    after !== undefined &&
    !SPACE.test(after) &&
    after !== text[index]
  );
}

/** Where the emphasis opened at `index` closes: after a non-space, before a non-word character. */
function closingIndex(text, index) {
  const marker = text[index];
  for (let end = index + 2; end < text.length; end++) {
    const after = text[end + 1];
    if (text[end] === marker && !SPACE.test(text[end - 1]) && (after === undefined || !WORD.test(after))) {
      return end;
    }
  }
  return -1;
}

/** `<…>`: a link, a mention, a channel or a special mention. */
function control(inner, names) {
  const bar = inner.indexOf("|");
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  if (target.startsWith("@")) {
    return h("span", { class: "mention" }, `@${label ?? names.user(target.slice(1))}`);
  }
  if (target.startsWith("#")) {
    return h("span", { class: "mention" }, `#${label ?? names.channel(target.slice(1))}`);
  }
  if (target.startsWith("!")) {
    const special = target.slice(1).split("^")[0];
    const text = ["here", "channel", "everyone"].includes(special) ? `@${special}` : (label ?? `@${special}`);
    return h("span", { class: "mention" }, decodeEntities(text));
  }
  const href = safeUrl(decodeEntities(target));
  const content = label === undefined ? [decodeEntities(target)] : inline(label, names);
  return href ? h("a", { href, target: "_blank", rel: "noopener noreferrer" }, content) : content;
}

/** One line's inline formatting. */
function inline(text, names) {
  const nodes = [];
  let plain = "";
  const flush = () => {
    if (plain) nodes.push(emojify(decodeEntities(plain)));
    plain = "";
  };
  for (let index = 0; index < text.length; ) {
    const character = text[index];
    const end =
      character === "<"
        ? text.indexOf(">", index + 2)
        : character === "`"
          ? text.indexOf("`", index + 2)
          : character in EMPHASIS && opensAt(text, index)
            ? closingIndex(text, index)
            : -1;
    if (end < 0) {
      plain += character;
      index += 1;
      continue;
    }
    flush();
    const inside = text.slice(index + 1, end);
    if (character === "<") nodes.push(control(inside, names));
    else if (character === "`") nodes.push(h("code", {}, decodeEntities(inside)));
    else nodes.push(h(EMPHASIS[character], {}, inline(inside, names)));
    index = end + 1;
  }
  flush();
  return nodes;
}

/** Lines grouped as Slack shows them: bullet lines as a list, `>` lines as a quote, the rest as text. */
function lineGroups(text, names) {
  const groups = [];
  for (const line of text.split("\n")) {
    const item = /^\s*[•◦▪-]\s+(.*)$/.exec(line);
    const quote = /^&gt;\s?(.*)$/.exec(line);
    const kind = item ? "list" : quote ? "quote" : "text";
    const content = inline(item?.[1] ?? quote?.[1] ?? line, names);
    const last = groups.at(-1);
    if (last?.kind === kind) last.lines.push(content);
    else groups.push({ kind, lines: [content] });
  }
  return groups.map(({ kind, lines }) => {
    if (kind === "list")
      return h(
        "ul",
        {},
        lines.map((line) => h("li", {}, line)),
      );
    const joined = lines.flatMap((line, index) => (index === 0 ? [line] : [h("br"), line]));
    return kind === "quote" ? h("blockquote", {}, joined) : h("span", { class: "lines" }, joined);
  });
}

/**
 * mrkdwn as DOM nodes. `names` resolves ids in mentions: `{ user(id), channel(id) }`.
 */
export function mrkdwn(text, names) {
  const parts = text.split("```");
  return parts.flatMap((part, index) => {
    const isCode = index % 2 === 1 && index < parts.length - 1;
    if (isCode) return [h("pre", {}, h("code", {}, decodeEntities(part.replace(/^\n|\n$/g, ""))))];
    return lineGroups(index % 2 === 1 ? `\`\`\`${part}` : part, names);
  });
}

/** A text object: mrkdwn, or plain text with emoji shortcodes shown unless `emoji` is false. */
export function textObject(object, names) {
  if (!object || typeof object.text !== "string") return [];
  if (object.type === "mrkdwn") return mrkdwn(object.text, names);
  return [object.emoji === false ? object.text : emojify(object.text)];
}

/** A text object as one line of plain text (labels, options, button texts, titles). */
export function plainOf(object) {
  if (!object || typeof object.text !== "string") return "";
  return object.type === "plain_text" && object.emoji === false ? object.text : emojify(object.text);
}
