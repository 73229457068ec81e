/**
 * The requests Slack sends an app, in their real shapes: slash commands as form fields, and
 * `block_actions`, `view_submission` and `view_closed` as JSON in the form field `payload`.
 */
import type { LocatedElement } from "./block-kit/walk.js";
import type {
  OptionObject,
  SlackChannel,
  SlackUser,
  SlackViewObject,
  ViewStateValue,
  ViewStateValues,
} from "./types.js";
import type { SlackWorkspace } from "./workspace.js";

/** Who acts, and the app-level fields every request carries. */
export interface Actor {
  workspace: SlackWorkspace;
  user: SlackUser;
  /** The deprecated verification token Slack still sends as `token`. */
  verificationToken: string;
}

/** A slash command's fields: form fields over HTTP, the envelope's `payload` in Socket Mode. */
export function slashCommandFields(
  actor: Actor,
  fields: { command: string; text: string; channel: SlackChannel; triggerId: string; responseUrl: string },
): Record<string, string> {
  const { team, bot } = actor.workspace;
  return {
    token: actor.verificationToken,
    team_id: team.id,
    team_domain: team.domain,
    channel_id: fields.channel.id,
    channel_name: fields.channel.kind === "im" ? "directmessage" : fields.channel.name,
    user_id: actor.user.id,
    user_name: actor.user.name,
    command: fields.command,
    text: fields.text,
    api_app_id: bot.appId,
    is_enterprise_install: "false",
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId,
  };
}

function envelope(actor: Actor, type: string): Record<string, unknown> {
  const { team, bot } = actor.workspace;
  return {
    type,
    user: { id: actor.user.id, username: actor.user.name, name: actor.user.name, team_id: team.id },
    api_app_id: bot.appId,
    token: actor.verificationToken,
  };
}

function teamFields(actor: Actor): Record<string, unknown> {
  const { team } = actor.workspace;
  return { team: { id: team.id, domain: team.domain }, enterprise: null, is_enterprise_install: false };
}

/** An Events API request: the event in Slack's `event_callback` envelope for this workspace. */
export function eventCallback(
  workspace: SlackWorkspace,
  verificationToken: string,
  event: Record<string, unknown>,
): Record<string, unknown> {
  const { team, bot } = workspace;
  const eventTs = actionTs(workspace.clock);
  return {
    token: verificationToken,
    team_id: team.id,
    api_app_id: bot.appId,
    event: { ...event, event_ts: eventTs },
    type: "event_callback",
    event_id: `Ev${workspace.ids.shortId(new Set())}${Math.floor(workspace.clock())}`,
    event_time: Math.floor(workspace.clock() / 1000),
  };
}

/** Slack's `action_ts`: the clock as `seconds.micros`. */
export function actionTs(clock: () => number): string {
  return (clock() / 1000).toFixed(6);
}

/**
 * One entry of `actions`: the element's identity, what was chosen (the same fields as its state
 * value) and, for buttons, its text and value.
 */
export function actionFor(
  located: LocatedElement,
  chosen: ViewStateValue | { selected_option: OptionObject } | undefined,
  ts: string,
): Record<string, unknown> {
  const { element, block } = located;
  const identity = { type: element.type, block_id: block.block_id, action_id: element.action_id };
  if (element.type === "button") {
    return {
      ...identity,
      text: element.text,
      ...(element.value !== undefined ? { value: element.value } : {}),
      ...(element.style !== undefined ? { style: element.style } : {}),
      ...(element.url !== undefined ? { url: element.url } : {}),
      action_ts: ts,
    };
  }
  const value = Object.fromEntries(Object.entries(chosen ?? {}).filter(([key]) => key !== "type"));
  const echoed = Object.fromEntries(
    ["placeholder", "initial_option", "initial_options", "initial_date", "initial_time"]
      .filter((key) => element[key] !== undefined)
      .map((key) => [key, element[key]]),
  );
  return { ...identity, ...value, ...echoed, action_ts: ts };
}

export function viewBlockActionsPayload(
  actor: Actor,
  view: SlackViewObject,
  action: Record<string, unknown>,
  triggerId: string,
): Record<string, unknown> {
  return {
    ...envelope(actor, "block_actions"),
    container: { type: "view", view_id: view.id },
    trigger_id: triggerId,
    ...teamFields(actor),
    view,
    actions: [action],
  };
}

export function messageBlockActionsPayload(
  actor: Actor,
  fields: {
    channel: SlackChannel;
    message: Record<string, unknown> & { ts: string };
    state: ViewStateValues;
    action: Record<string, unknown>;
    triggerId: string;
    responseUrl: string;
  },
): Record<string, unknown> {
  const { channel } = fields;
  return {
    ...envelope(actor, "block_actions"),
    container: {
      type: "message",
      message_ts: fields.message.ts,
      channel_id: channel.id,
      is_ephemeral: false,
    },
    trigger_id: fields.triggerId,
    ...teamFields(actor),
    channel: { id: channel.id, name: channel.kind === "im" ? "directmessage" : channel.name },
    message: fields.message,
    state: { values: fields.state },
    response_url: fields.responseUrl,
    actions: [fields.action],
  };
}

/** An options request: what a person typed into an `external_select` (in a view). */
export function blockSuggestionPayload(
  actor: Actor,
  view: SlackViewObject,
  fields: { blockId: string; actionId: string; value: string },
): Record<string, unknown> {
  return {
    ...envelope(actor, "block_suggestion"),
    container: { type: "view", view_id: view.id },
    action_id: fields.actionId,
    block_id: fields.blockId,
    value: fields.value,
    ...teamFields(actor),
    view,
  };
}

export function viewSubmissionPayload(
  actor: Actor,
  view: SlackViewObject,
  triggerId: string,
): Record<string, unknown> {
  return {
    ...envelope(actor, "view_submission"),
    trigger_id: triggerId,
    ...teamFields(actor),
    view,
    response_urls: [],
  };
}

export function viewClosedPayload(
  actor: Actor,
  view: SlackViewObject,
  isCleared: boolean,
): Record<string, unknown> {
  return { ...envelope(actor, "view_closed"), ...teamFields(actor), view, is_cleared: isCleared };
}

/**
 * `app_home_opened` as the Events API wraps it (`event_callback`): the person opened the app's
 * Home tab; `view` is the Home view they saw last, when there is one.
 */
export function appHomeOpenedBody(
  actor: Actor,
  fields: { channelId: string; view: SlackViewObject | undefined; eventId: string; eventTs: string },
): Record<string, unknown> {
  const { team, bot } = actor.workspace;
  return {
    token: actor.verificationToken,
    team_id: team.id,
    api_app_id: bot.appId,
    event: {
      type: "app_home_opened",
      user: actor.user.id,
      channel: fields.channelId,
      tab: "home",
      ...(fields.view ? { view: fields.view } : {}),
      event_ts: fields.eventTs,
    },
    type: "event_callback",
    event_id: fields.eventId,
    event_time: Math.floor(Number(fields.eventTs)),
    authorizations: [
      {
        enterprise_id: null,
        team_id: team.id,
        user_id: bot.userId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

export function ephemeralBlockActionsPayload(
  actor: Actor,
  fields: {
    channel: SlackChannel;
    messageTs: string;
    action: Record<string, unknown>;
    triggerId: string;
    responseUrl: string;
  },
): Record<string, unknown> {
  const { channel } = fields;
  return {
    ...envelope(actor, "block_actions"),
    container: { type: "message", message_ts: fields.messageTs, channel_id: channel.id, is_ephemeral: true },
    trigger_id: fields.triggerId,
    ...teamFields(actor),
    channel: { id: channel.id, name: channel.kind === "im" ? "directmessage" : channel.name },
    state: { values: {} },
    response_url: fields.responseUrl,
    actions: [fields.action],
  };
}

/** The form body Slack posts interactive payloads as. */
export function payloadForm(payload: Record<string, unknown>): URLSearchParams {
  return new URLSearchParams({ payload: JSON.stringify(payload) });
}
