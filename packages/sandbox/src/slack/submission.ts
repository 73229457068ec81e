/**
 * What Slack does with the app's answer to a `view_submission` (reference §3.2): an empty 200
 * closes the view, `errors` shows messages under input blocks, `update`/`push` replace or stack a
 * view (checked like `views.*`), `clear` closes the whole modal. Anything else, or no answer within
 * 3 s, leaves the modal open with "We had some trouble connecting. Try again?".
 */
import { interactiveElements, isObject } from "./block-kit/walk.js";
import type { Delivery } from "./delivery.js";
import { SlackApiError } from "./errors.js";
import type { SlackModal, SlackViewObject, SlackViewRecord } from "./types.js";
import { checkedView, pushOnto, replacedViewRecord } from "./views.js";
import type { SlackWorkspace } from "./workspace.js";

/** The generic error Slack's client shows when it cannot use the app's answer. */
export const TROUBLE_CONNECTING = "We had some trouble connecting. Try again?";

export type SubmitOutcome =
  /** Slack's client refused to send: required fields empty or values out of bounds (by block id). */
  | { kind: "blocked"; errors: Record<string, string> }
  /** The submitted view closed (the modal too, if it was the last view). */
  | { kind: "closed"; delivery: Delivery }
  | { kind: "cleared"; delivery: Delivery }
  | { kind: "errors"; errors: Record<string, string>; delivery: Delivery }
  | { kind: "updated"; view: SlackViewObject; delivery: Delivery }
  | { kind: "pushed"; view: SlackViewObject; delivery: Delivery }
  /**
   * Slack could not use the answer and shows {@link TROUBLE_CONNECTING}; `reason` says why, and
   * `messages` carries Slack's validation messages for a rejected `update`/`push` view.
   */
  | { kind: "failed"; reason: string; messages?: string[]; delivery: Delivery };

function inputBlockIds(record: SlackViewRecord): Set<string> {
  return new Set(
    interactiveElements(record.view.blocks)
      .filter((located) => located.place === "input")
      .map((located) => String(located.block.block_id)),
  );
}

function checkErrors(record: SlackViewRecord, errors: unknown): Record<string, string> | string {
  if (!isObject(errors) || Object.keys(errors).length === 0)
    return "response_action errors needs a non-empty errors object";
  const inputs = inputBlockIds(record);
  for (const [blockId, message] of Object.entries(errors)) {
    if (typeof message !== "string") return `the error for block ${blockId} is not a string`;
    if (!inputs.has(blockId)) {
      return `errors names block ${JSON.stringify(blockId)}, which is not an input block of view ${record.view.id}`;
    }
  }
  return errors as Record<string, string>;
}

function asFailure(error: unknown, delivery: Delivery): SubmitOutcome {
  if (!(error instanceof SlackApiError)) throw error;
  return { kind: "failed", reason: error.code, messages: error.messages, delivery };
}

export function applySubmissionAnswer(
  workspace: SlackWorkspace,
  modal: SlackModal,
  record: SlackViewRecord,
  delivery: Delivery,
): SubmitOutcome {
  if (delivery.status === "timeout")
    return { kind: "failed", reason: "the app did not answer within 3 seconds", delivery };
  if (delivery.status !== 200)
    return { kind: "failed", reason: `the app answered HTTP ${delivery.status}`, delivery };
  if (delivery.body.trim() === "") {
    workspace.popView(modal, "submitted");
    return { kind: "closed", delivery };
  }
  let answer: unknown;
  try {
    answer = JSON.parse(delivery.body);
  } catch {
    return { kind: "failed", reason: "the app's answer is neither empty nor JSON", delivery };
  }
  if (!isObject(answer)) return { kind: "failed", reason: "the app's answer is not a JSON object", delivery };
  switch (answer.response_action) {
    case undefined:
      if (Object.keys(answer).length > 0)
        return { kind: "failed", reason: "the answer has no response_action", delivery };
      workspace.popView(modal, "submitted");
      return { kind: "closed", delivery };
    case "errors": {
      const errors = checkErrors(record, answer.errors);
      if (typeof errors === "string") return { kind: "failed", reason: errors, delivery };
      record.errors = errors;
      workspace.viewChanged(modal, record, "view_errors");
      return { kind: "errors", errors, delivery };
    }
    case "update":
      try {
        const replaced = replacedViewRecord(workspace, record, checkedView(answer.view, "modal"));
        workspace.replaceView(modal, replaced);
        return { kind: "updated", view: replaced.view, delivery };
      } catch (error) {
        return asFailure(error, delivery);
      }
    case "push":
      try {
        return {
          kind: "pushed",
          view: pushOnto(workspace, modal, checkedView(answer.view, "modal")).view,
          delivery,
        };
      } catch (error) {
        return asFailure(error, delivery);
      }
    case "clear":
      workspace.closeModal(modal, "cleared");
      return { kind: "cleared", delivery };
    default:
      return {
        kind: "failed",
        reason: `unknown response_action ${JSON.stringify(answer.response_action)}`,
        delivery,
      };
  }
}
