/**
 * Creating and replacing views, shared by `views.*` and by `response_action` update/push, so a
 * view is held to the same rules whichever way the app sends it.
 */

import { formatProblem } from "./block-kit/checker.js";
import { buildViewObject } from "./block-kit/normalize.js";
import { type ViewSurface, validateView } from "./block-kit/validate.js";
import { isObject } from "./block-kit/walk.js";
import { SlackApiError } from "./errors.js";
import type { SlackModal, SlackViewObject, SlackViewRecord } from "./types.js";
import { currentState, keepEntered } from "./view-state.js";
import type { SlackWorkspace } from "./workspace.js";

/** Slack: `view_too_large` above 250 kB. */
export const VIEW_SIZE_LIMIT_BYTES = 250_000;

/** Slack: a modal holds at most three views. */
export const MODAL_STACK_LIMIT = 3;

/** The `view` argument, checked: `view_too_large` or `invalid_arguments` with Slack's messages. */
export function checkedView(view: unknown, surface: ViewSurface): Record<string, unknown> {
  if (view === undefined)
    throw new SlackApiError("invalid_arguments", ["[ERROR] missing required field: view"]);
  if (Buffer.byteLength(JSON.stringify(view)) > VIEW_SIZE_LIMIT_BYTES)
    throw new SlackApiError("view_too_large");
  const problems = validateView(view, surface);
  if (problems.length > 0 || !isObject(view))
    throw new SlackApiError("invalid_arguments", problems.map(formatProblem));
  return view;
}

/** `duplicate_external_id` when another open view of the team already uses it. */
export function checkExternalIdFree(
  workspace: SlackWorkspace,
  view: Record<string, unknown>,
  ownViewId?: string,
): void {
  const externalId = view.external_id;
  if (typeof externalId !== "string" || externalId === "") return;
  const inUse = [
    ...workspace.state.modals.filter((modal) => modal.status === "open").flatMap((modal) => modal.stack),
    ...workspace.state.homes,
  ].some((record) => record.view.external_id === externalId && record.view.id !== ownViewId);
  if (inUse) throw new SlackApiError("duplicate_external_id");
}

export function newViewRecord(
  workspace: SlackWorkspace,
  input: Record<string, unknown>,
  placement: { userId: string; rootViewId?: string; previousViewId?: string },
): SlackViewRecord {
  const id = workspace.ids.viewId();
  const view = buildViewObject(
    input,
    {
      id,
      hash: workspace.ids.viewHash(),
      rootViewId: placement.rootViewId ?? id,
      previousViewId: placement.previousViewId ?? null,
      teamId: workspace.team.id,
      bot: workspace.bot,
    },
    workspace.ids,
  );
  view.state.values = currentState(view.blocks, {});
  return { view, userId: placement.userId, errors: {}, entered: {} };
}

/** The same view id with new content and a new hash; typed values stay where ids still match. */
export function replacedViewRecord(
  workspace: SlackWorkspace,
  record: SlackViewRecord,
  input: Record<string, unknown>,
): SlackViewRecord {
  const view = buildViewObject(
    input,
    {
      id: record.view.id,
      hash: workspace.ids.viewHash(),
      rootViewId: record.view.root_view_id,
      previousViewId: record.view.previous_view_id,
      teamId: workspace.team.id,
      bot: workspace.bot,
    },
    workspace.ids,
  );
  const entered = keepEntered(record.entered, view.blocks);
  view.state.values = currentState(view.blocks, entered);
  return { view, userId: record.userId, errors: {}, entered };
}

/** The view as `views.*` answers it: state holds only what the person has entered so far. */
export function viewResponse(record: SlackViewRecord): SlackViewObject {
  return { ...structuredClone(record.view), state: { values: structuredClone(record.entered) } };
}

export function pushOnto(
  workspace: SlackWorkspace,
  modal: SlackModal,
  input: Record<string, unknown>,
): SlackViewRecord {
  if (modal.stack.length >= MODAL_STACK_LIMIT) throw new SlackApiError("push_limit_reached");
  const top = modal.stack.at(-1) as SlackViewRecord;
  const record = newViewRecord(workspace, input, {
    userId: modal.userId,
    rootViewId: modal.id,
    previousViewId: top.view.id,
  });
  workspace.pushView(modal, record);
  return record;
}
