/**
 * What Slack does to Block Kit it accepts before echoing it back: generates missing block and
 * action ids, marks plain text with `emoji: true` and mrkdwn with `verbatim: false`.
 */
import type { SlackIds } from "../ids.js";
import type {
  BlockJson,
  PlainTextObject,
  SlackBotIdentity,
  SlackViewObject,
  ViewStateValues,
} from "../types.js";
import { isInteractiveElement } from "./elements.js";
import { interactiveElements, isObject, visitObjects } from "./walk.js";

export function normalizeBlocks(blocks: readonly unknown[], ids: SlackIds): BlockJson[] {
  const copy = structuredClone(blocks).filter(isObject);
  const blockIds = new Set(
    copy.map((block) => block.block_id).filter((id): id is string => typeof id === "string"),
  );
  for (const block of copy) {
    if (typeof block.block_id !== "string") {
      block.block_id = ids.shortId(blockIds);
      blockIds.add(block.block_id as string);
    }
  }
  const actionIdsByBlock = new Map<BlockJson, Set<string>>();
  for (const { block, element } of interactiveElements(copy)) {
    if (!isInteractiveElement(element)) continue;
    const taken = actionIdsByBlock.get(block) ?? new Set<string>();
    actionIdsByBlock.set(block, taken);
    if (typeof element.action_id !== "string") element.action_id = ids.shortId(taken);
    taken.add(element.action_id as string);
  }
  markTextDefaults(copy);
  return copy;
}

function markTextDefaults(value: unknown): void {
  visitObjects(value, (object) => {
    if (typeof object.text !== "string") return;
    if (object.type === "plain_text" && object.emoji === undefined) object.emoji = true;
    if (object.type === "mrkdwn" && object.verbatim === undefined) object.verbatim = false;
  });
}

function plainText(value: unknown): PlainTextObject | null {
  if (!isObject(value)) return null;
  const copy = structuredClone(value) as unknown as PlainTextObject;
  markTextDefaults(copy);
  return copy;
}

export interface ViewIdentity {
  id: string;
  hash: string;
  rootViewId: string | null;
  previousViewId: string | null;
  teamId: string;
  bot: SlackBotIdentity;
}

/** The view object Slack stores for a validated `view` argument. */
export function buildViewObject(
  input: Record<string, unknown>,
  identity: ViewIdentity,
  ids: SlackIds,
  values: ViewStateValues = {},
): SlackViewObject {
  const type = input.type === "home" ? "home" : "modal";
  const title = plainText(input.title);
  return {
    id: identity.id,
    team_id: identity.teamId,
    type,
    ...(title ? { title } : {}),
    close: plainText(input.close),
    submit: plainText(input.submit),
    blocks: normalizeBlocks(Array.isArray(input.blocks) ? input.blocks : [], ids),
    private_metadata: typeof input.private_metadata === "string" ? input.private_metadata : "",
    callback_id: typeof input.callback_id === "string" ? input.callback_id : "",
    external_id: typeof input.external_id === "string" ? input.external_id : "",
    state: { values },
    hash: identity.hash,
    clear_on_close: input.clear_on_close === true,
    notify_on_close: input.notify_on_close === true,
    ...(input.submit_disabled === true ? { submit_disabled: true } : {}),
    root_view_id: identity.rootViewId,
    previous_view_id: identity.previousViewId,
    app_id: identity.bot.appId,
    app_installed_team_id: identity.teamId,
    bot_id: identity.bot.botId,
  };
}
