/** Channel messages, ephemeral messages and threads, as Slack's client shows them. */
import { renderBlocks } from "./blocks.js";
import { h } from "./dom.js";
import { mrkdwn } from "./mrkdwn.js";

const TIME = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

function timeOf(ts) {
  const date = new Date(Number(ts) * 1000);
  return h("time", { datetime: date.toISOString(), title: DATE_TIME.format(date) }, TIME.format(date));
}

function avatar(name, isBot) {
  return h(
    "span",
    { class: `avatar${isBot ? " bot" : ""}`, "aria-hidden": "true" },
    (name[0] ?? "?").toUpperCase(),
  );
}

function content(message, ctx, act) {
  return message.blocks?.length
    ? renderBlocks(message.blocks, { names: ctx.names, values: {}, errors: {}, scope: `m${message.ts}`, act })
    : mrkdwn(message.text ?? "", ctx.names);
}

/**
 * One message. `ctx`: `names`, `authorOf(message)` ({ name, isBot }), `clickButton(message,
 * blockId, actionId, value)`, `ephemeralAction(message, blockId, actionId, value)`,
 * `openThread(message)`; `inThread` leaves out the replies link.
 */
export function renderMessage(message, ctx, { ephemeral = false, inThread = false } = {}) {
  const author = ctx.authorOf(message);
  // An ephemeral message's buttons and menus answer through its response_url.
  const onEphemeral = (blockId, actionId, value) => ctx.ephemeralAction(message, blockId, actionId, value);
  const act = ephemeral
    ? { click: onEphemeral, fill: onEphemeral }
    : { click: (blockId, actionId, value) => ctx.clickButton(message, blockId, actionId, value), fill: null };
  const replies = message.replies?.length ?? 0;
  return h(
    "article",
    { class: `message${ephemeral ? " ephemeral" : ""}`, "data-ts": message.ts },
    avatar(author.name, author.isBot),
    h(
      "div",
      { class: "message-body" },
      h(
        "header",
        { class: "message-header" },
        h("span", { class: "author" }, author.name),
        author.isBot ? h("span", { class: "app-badge" }, "APP") : null,
        timeOf(message.ts),
        message.edited ? h("span", { class: "edited" }, "(edited)") : null,
      ),
      ephemeral ? h("p", { class: "ephemeral-note" }, "👁 Only visible to you") : null,
      h("div", { class: "message-content" }, content(message, ctx, act)),
      !inThread && replies > 0
        ? h(
            "button",
            { type: "button", class: "replies-link", onclick: () => ctx.openThread(message) },
            `${replies} ${replies === 1 ? "reply" : "replies"}`,
          )
        : null,
    ),
  );
}
