import { SlackApiError } from "../errors.js";
import type { IssuedTrigger } from "../triggers.js";
import type { SlackModal, SlackViewRecord } from "../types.js";
import {
  checkExternalIdFree,
  checkedView,
  newViewRecord,
  pushOnto,
  replacedViewRecord,
  viewResponse,
} from "../views.js";
import type { SlackWorkspace } from "../workspace.js";
import { type ApiArgs, jsonArg, type MethodHandler, stringArg } from "./args.js";

function triggerArg(args: ApiArgs): string {
  const id = stringArg(args, "trigger_id") ?? stringArg(args, "interactivity_pointer");
  if (!id) throw new SlackApiError("invalid_arguments", ["[ERROR] missing required field: trigger_id"]);
  return id;
}

// The view is checked before the trigger is exchanged, so a rejected view does not burn it.
const open: MethodHandler = (args, { workspace, triggers }) => {
  const triggerId = triggerArg(args);
  const input = checkedView(jsonArg(args, "view", "invalid_arguments"), "modal");
  checkExternalIdFree(workspace, input);
  const trigger = triggers.exchange(triggerId);
  const record = newViewRecord(workspace, input, { userId: trigger.userId });
  workspace.openModalWith(record, trigger.id);
  return { view: viewResponse(record) };
};

/** The open modal an interaction came from (or, for other triggers, the person's open modal). */
function modalOf(workspace: SlackWorkspace, trigger: IssuedTrigger | undefined): SlackModal | undefined {
  if (!trigger) return undefined;
  const modal =
    trigger.source.kind === "view"
      ? workspace.findView(trigger.source.viewId)?.modal
      : workspace.openModal(trigger.userId);
  return modal?.status === "open" ? modal : undefined;
}

const push: MethodHandler = (args, { workspace, triggers }) => {
  const triggerId = triggerArg(args);
  const input = checkedView(jsonArg(args, "view", "invalid_arguments"), "modal");
  checkExternalIdFree(workspace, input);
  const modal = modalOf(workspace, triggers.peek(triggerId));
  triggers.exchange(triggerId);
  if (!modal) {
    throw new SlackApiError("invalid_arguments", [
      "[ERROR] views.push needs a trigger_id from an interaction in an open modal [json-pointer:/trigger_id]",
    ]);
  }
  return { view: viewResponse(pushOnto(workspace, modal, input)) };
};

function findUpdatable(
  workspace: SlackWorkspace,
  args: ApiArgs,
): { record: SlackViewRecord; modal?: SlackModal } {
  const viewId = stringArg(args, "view_id");
  const externalId = stringArg(args, "external_id");
  if (viewId && externalId) {
    throw new SlackApiError("invalid_arguments", ["[ERROR] Cannot provide both `view_id` and `external_id`"]);
  }
  if (!viewId && !externalId) {
    throw new SlackApiError("invalid_arguments", ["[ERROR] missing required field: view_id or external_id"]);
  }
  const matches = (record: SlackViewRecord) =>
    viewId ? record.view.id === viewId : record.view.external_id === externalId;
  for (const modal of workspace.state.modals) {
    if (modal.status !== "open") continue;
    const record = modal.stack.find(matches);
    if (record) return { record, modal };
  }
  const home = workspace.state.homes.find(matches);
  if (home) return { record: home };
  // Closed modals are gone for Slack too.
  throw new SlackApiError("not_found");
}

const update: MethodHandler = (args, { workspace }) => {
  const { record, modal } = findUpdatable(workspace, args);
  const hash = stringArg(args, "hash");
  if (hash && hash !== record.view.hash) throw new SlackApiError("hash_conflict");
  const input = checkedView(jsonArg(args, "view", "invalid_arguments"), record.view.type);
  checkExternalIdFree(workspace, input, record.view.id);
  const replaced = replacedViewRecord(workspace, record, input);
  if (modal) workspace.replaceView(modal, replaced);
  else workspace.publishHome(replaced);
  return { view: viewResponse(replaced) };
};

const publish: MethodHandler = (args, { workspace }) => {
  const userId = stringArg(args, "user_id");
  if (!userId || !workspace.user(userId)) throw new SlackApiError("user_not_found");
  const existing = workspace.home(userId);
  const hash = stringArg(args, "hash");
  if (hash && hash !== existing?.view.hash) throw new SlackApiError("hash_conflict");
  const input = checkedView(jsonArg(args, "view", "invalid_arguments"), "home");
  checkExternalIdFree(workspace, input, existing?.view.id);
  const record = existing
    ? replacedViewRecord(workspace, existing, input)
    : newViewRecord(workspace, input, { userId });
  workspace.publishHome(record);
  return { view: viewResponse(record) };
};

export const viewMethods = {
  "views.open": open,
  "views.push": push,
  "views.update": update,
  "views.publish": publish,
} satisfies Record<string, MethodHandler>;
