/**
 * The local workspace page: Slack's client over the stand-ins. It draws the workspace from the
 * server's snapshots (sent again on every change) and sends what the person does as actions.
 */
import { act, follow } from "./api.js";
import { renderBlocks } from "./blocks.js";
import { h, replaceChildren } from "./dom.js";
import { renderOrders } from "./frontpayment.js";
import { renderMessage } from "./messages.js";
import { syncModal } from "./modal.js";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
/** What this person's page shows, beyond the workspace itself. */
const ui = {
  userId: params.get("as") ?? undefined,
  channelId: params.get("channel") ?? undefined,
  /** Whether the app's Home tab is shown instead of a channel. */
  home: params.get("home") === "1",
  thread: undefined,
  submitting: false,
  note: undefined,
};
let state;
const drawn = new Map();

/** Runs `draw` only when `data` differs from what `region` shows. */
function redraw(region, data, draw) {
  const key = JSON.stringify(data);
  if (drawn.get(region) === key) return;
  drawn.set(region, key);
  draw();
}

const names = {
  user: (id) =>
    id === state.bot.userId ? state.bot.name : (state.users.find((user) => user.id === id)?.realName ?? id),
  channel: (id) => state.channels.find((channel) => channel.id === id)?.name ?? id,
};

function authorOf(message) {
  // Ephemeral messages carry no author: the app sent them.
  if (message.botId || !message.user || message.user === state.bot.userId)
    return { name: state.bot.name, isBot: true };
  return {
    name: state.users.find((user) => user.id === message.user)?.realName ?? message.user,
    isBot: false,
  };
}

function showNotice(message) {
  replaceChildren(
    $("notice"),
    h("span", {}, message),
    h(
      "button",
      {
        type: "button",
        class: "icon-button",
        "aria-label": "Dismiss",
        onclick: () => ($("notice").hidden = true),
      },
      "✕",
    ),
  );
  $("notice").hidden = false;
}

/** Runs an action; a refusal is shown to the person instead of being lost. */
async function attempt(action) {
  try {
    return await action();
  } catch (error) {
    showNotice(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

const channelLabel = (channel) =>
  channel.kind === "im" ? state.bot.name : `${channel.kind === "private" ? "🔒 " : "# "}${channel.name}`;

function channelHeading(channel) {
  return channel.kind === "im" ? state.bot.name : `#${channel.name}`;
}

function selectChannel(channelId) {
  ui.channelId = channelId;
  ui.home = false;
  ui.thread = undefined;
  params.delete("home");
  params.set("channel", channelId);
  history.replaceState(null, "", `?${params}`);
  render();
  $("composer-input").focus();
}

/** One link per workspace's page when there are several: a switcher, as Slack's workspace rail. */
function drawWorkspaces() {
  const list = $("workspace-switcher");
  list.hidden = state.workspaces.length === 0;
  replaceChildren(
    list,
    state.workspaces.map((workspace) =>
      h(
        "li",
        {},
        h(
          "a",
          {
            class: "workspace-link",
            href: workspace.url,
            "aria-current": workspace.teamId === state.team.id ? "page" : undefined,
          },
          workspace.name,
        ),
      ),
    ),
  );
}

function drawSidebar(me) {
  const mine = state.channels.filter((channel) => channel.members.includes(me.id));
  const item = (channel) =>
    h(
      "li",
      {},
      h(
        "button",
        {
          type: "button",
          class: "channel-link",
          "aria-current": channel.id === ui.channelId && !ui.home ? "page" : undefined,
          onclick: () => selectChannel(channel.id),
        },
        channelLabel(channel),
      ),
    );
  replaceChildren($("channel-list"), mine.filter((channel) => channel.kind !== "im").map(item));
  replaceChildren($("dm-list"), mine.filter((channel) => channel.kind === "im").map(item));
  const person = $("person");
  if (person.options.length !== state.users.length) {
    replaceChildren(
      person,
      state.users.map((user) => h("option", { value: user.id }, `${user.realName} (@${user.name})`)),
    );
  }
  person.value = me.id;
}

const messageContext = () => ({
  names,
  authorOf,
  openThread: (message) => {
    ui.thread = { channelId: message.channel, ts: message.ts };
    render();
    $("thread-close").focus();
  },
  ephemeralAction: (message, blockId, actionId, value) =>
    attempt(() =>
      act("/api/ephemerals/action", { userId: ui.userId, ts: message.ts, blockId, actionId, value }),
    ),
  clickButton: (message, blockId, actionId, value) =>
    attempt(() =>
      act("/api/messages/click", {
        userId: ui.userId,
        channelId: message.channel,
        ts: message.ts,
        blockId,
        actionId,
        value,
      }),
    ),
});

function drawChannel(channel) {
  $("channel-title").textContent = channelHeading(channel);
  $("channel-topic").textContent = channel.topic || channel.purpose || "";
  const label = `Message ${channelHeading(channel)}`;
  $("composer-label").textContent = label;
  $("composer-input").placeholder = `${label} — type /invoice to send an invoice`;
  const ephemerals = state.ephemerals.filter(
    (ephemeral) => ephemeral.userId === ui.userId && ephemeral.channel === channel.id && !ephemeral.threadTs,
  );
  const timeline = [
    ...channel.messages.map((message) => ({ message, ephemeral: false })),
    ...ephemerals.map((message) => ({ message, ephemeral: true })),
  ].sort((a, b) => Number(a.message.ts) - Number(b.message.ts));
  const list = $("messages");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const ctx = messageContext();
  replaceChildren(
    list,
    timeline.length === 0
      ? h(
          "p",
          { class: "empty" },
          `This is the very beginning of ${channelHeading(channel)}. Type /invoice below to send an invoice.`,
        )
      : timeline.map(({ message, ephemeral }) => renderMessage(message, ctx, { ephemeral })),
  );
  if (atBottom) list.scrollTop = list.scrollHeight;
}

/** Opens the app's Home tab: Slack sends `app_home_opened`, and the app publishes the view. */
function openHome() {
  ui.home = true;
  ui.thread = undefined;
  params.set("home", "1");
  history.replaceState(null, "", `?${params}`);
  render();
  attempt(() => act("/api/home/open", { userId: ui.userId }));
}

function drawHome(home) {
  $("channel-title").textContent = `${state.bot.name} · Home`;
  $("channel-topic").textContent = "";
  const onHome = (blockId, actionId, value) =>
    attempt(() => act("/api/home/action", { userId: ui.userId, blockId, actionId, value }));
  replaceChildren(
    $("messages"),
    home
      ? h(
          "div",
          { class: "home" },
          renderBlocks(home.blocks, {
            names,
            values: {},
            errors: {},
            scope: `home${home.viewId}`,
            act: { click: onHome, fill: onHome },
          }),
        )
      : h("p", { class: "empty" }, `Opening ${state.bot.name}'s Home…`),
  );
}

function drawThread() {
  const channel = state.channels.find((candidate) => candidate.id === ui.thread?.channelId);
  const parent = channel?.messages.find((message) => message.ts === ui.thread.ts);
  $("thread").hidden = !parent;
  if (!parent) return;
  $("thread-channel").textContent = channelHeading(channel);
  const ctx = messageContext();
  replaceChildren(
    $("thread-messages"),
    renderMessage(parent, ctx, { inThread: true }),
    h(
      "p",
      { class: "thread-count" },
      `${parent.replies.length} ${parent.replies.length === 1 ? "reply" : "replies"}`,
    ),
    parent.replies.map((reply) => renderMessage(reply, ctx, { inThread: true })),
  );
}

const modalHandlers = {
  fill: (blockId, actionId, value, { pressEnter = false } = {}) =>
    attempt(() => act("/api/modal/fill", { userId: ui.userId, blockId, actionId, value, pressEnter })),
  click: (blockId, actionId, value) =>
    attempt(() => act("/api/modal/click", { userId: ui.userId, blockId, actionId, value })),
  suggest: (blockId, actionId, query) =>
    attempt(() => act("/api/modal/suggest", { userId: ui.userId, blockId, actionId, query })),
  close: () => attempt(() => act("/api/modal/close", { userId: ui.userId })),
  submit: async () => {
    const modal = state.modals.find((candidate) => candidate.userId === ui.userId);
    if (!modal) return;
    ui.submitting = true;
    ui.note = undefined;
    render();
    const answer = await attempt(() => act("/api/modal/submit", { userId: ui.userId }));
    ui.submitting = false;
    const outcome = answer?.outcome;
    if (outcome?.kind === "blocked" || outcome?.kind === "failed") {
      ui.note = {
        viewId: modal.view.id,
        hash: modal.view.hash,
        errors: outcome.kind === "blocked" ? outcome.errors : {},
        failure: outcome.kind === "failed" ? outcome.message : undefined,
      };
    }
    render();
  },
};

function orderControl(order, control) {
  return attempt(() => act(`/api/frontpayment/orders/${encodeURIComponent(order.uuid)}/${control}`));
}

function render() {
  if (!state) return;
  const me = state.users.find((user) => user.id === ui.userId) ?? state.users[0];
  ui.userId = me.id;
  const mine = state.channels.filter((channel) => channel.members.includes(me.id));
  const channel =
    mine.find((candidate) => candidate.id === ui.channelId) ??
    mine.find((candidate) => candidate.name === "sales") ??
    mine[0];
  ui.channelId = channel?.id;
  $("team-name").textContent = state.team.name;
  $("home-link").setAttribute("aria-current", ui.home ? "page" : "false");
  $("composer").hidden = ui.home;
  redraw("workspaces", state.workspaces, drawWorkspaces);
  redraw(
    "sidebar",
    [state.channels.map(({ messages, ...rest }) => rest), me.id, ui.channelId, ui.home, state.users],
    () => drawSidebar(me),
  );
  if (ui.home) {
    const home = state.homes.find((candidate) => candidate.userId === me.id);
    redraw("channel", ["home", home, me.id], () => drawHome(home));
  } else if (channel) {
    const ephemerals = state.ephemerals.filter((ephemeral) => ephemeral.userId === me.id);
    redraw("channel", [channel, ephemerals, me.id], () => drawChannel(channel));
  }
  redraw(
    "thread",
    [ui.thread, state.channels.find((candidate) => candidate.id === ui.thread?.channelId)],
    drawThread,
  );
  redraw("orders", state.frontPayment.orders, () =>
    replaceChildren($("orders"), renderOrders(state.frontPayment.orders, orderControl)),
  );
  syncModal(
    state.modals.find((modal) => modal.userId === me.id),
    { submitting: ui.submitting, note: ui.note },
    modalHandlers,
    names,
  );
}

$("person").addEventListener("change", (event) => {
  ui.userId = event.currentTarget.value;
  params.set("as", ui.userId);
  history.replaceState(null, "", `?${params}`);
  render();
  if (ui.home) openHome();
});

$("home-link").addEventListener("click", openHome);

$("thread-close").addEventListener("click", () => {
  ui.thread = undefined;
  render();
});

$("composer-input").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    $("composer").requestSubmit();
  }
});

$("composer").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = $("composer-input");
  const text = input.value.trim();
  if (!text || !ui.channelId) return;
  $("composer-error").hidden = true;
  input.value = "";
  try {
    const answer = await act("/api/messages", { userId: ui.userId, channelId: ui.channelId, text });
    if (answer.error) throw new Error(answer.error);
  } catch (error) {
    input.value = text;
    $("composer-error").textContent = error instanceof Error ? error.message : String(error);
    $("composer-error").hidden = false;
  }
});

follow(
  (next) => {
    state = next;
    render();
  },
  (open) => {
    $("connection").textContent = open ? "" : "Lost the connection to the local workspace; reconnecting…";
    $("connection").hidden = open;
  },
);
