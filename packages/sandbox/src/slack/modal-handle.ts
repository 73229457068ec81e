/**
 * A modal as the person in Slack's client sees it: entering values, clicking, submitting and
 * closing, each sent to the bot the way Slack sends it and each answer applied the way Slack does.
 */
import type { WaitOptions } from "../http.js";
import { interactiveElements, isObject, type LocatedElement } from "./block-kit/walk.js";
import { type BotTransport, type Delivery, deliver } from "./delivery.js";
import { SlackDriverError } from "./errors.js";
import {
  type Actor,
  actionFor,
  actionTs,
  blockSuggestionPayload,
  viewBlockActionsPayload,
  viewClosedPayload,
  viewSubmissionPayload,
} from "./payloads.js";
import type { SlackTeamSandbox } from "./sandbox.js";
import { applySubmissionAnswer, type SubmitOutcome } from "./submission.js";
import type {
  BlockJson,
  OptionObject,
  SlackModal,
  SlackViewObject,
  SlackViewRecord,
  ViewStateValue,
} from "./types.js";
import {
  clientSideProblems,
  currentState,
  enteredValue,
  type FillValue,
  isStateful,
  offeredOptions,
} from "./view-state.js";
import type { SlackWorkspace } from "./workspace.js";

/** What a modal handle needs from the driver. */
export interface DriverContext {
  slack: SlackTeamSandbox;
  transport: BotTransport;
  actorFor(userId: string | undefined): Actor;
}

export type FillResult = { dispatched: false } | ({ dispatched: true } & Delivery);

export interface FillOptions {
  /**
   * Whether the person presses Enter after typing (default true). A text or number input in a
   * `dispatch_action` block sends its action only on Enter unless its `dispatch_action_config`
   * asks for `on_character_entered`; `false` types the value and moves on, as tabbing away does.
   */
  pressEnter?: boolean;
}

const TYPED_ELEMENTS = new Set(["plain_text_input", "number_input", "email_text_input", "url_text_input"]);

/** Whether typing into `element` waits for Enter before Slack sends the action. */
function waitsForEnter(element: BlockJson): boolean {
  if (!TYPED_ELEMENTS.has(String(element.type))) return false;
  const config = element.dispatch_action_config;
  const triggers =
    isObject(config) && Array.isArray(config.trigger_actions_on) ? config.trigger_actions_on : [];
  return !triggers.includes("on_character_entered");
}

export interface SuggestOutcome {
  delivery: Delivery;
  /** The options offered (from `options` or every group of `option_groups`); empty on a bad answer. */
  options: OptionObject[];
  /** Why the answer could not be used, when it could not. */
  problem?: string;
}

/** Slack's limits for an options answer. */
const MAX_SUGGESTED_OPTIONS = 100;
const MAX_OPTION_TEXT = 75;
const MAX_OPTION_VALUE = 150;

/** The options of an answer to `block_suggestion`, or why Slack would show none. */
function suggestedOptions(delivery: Delivery): { options: OptionObject[]; problem?: string } {
  if (!delivery.ok) return { options: [], problem: `the app answered ${delivery.status}` };
  let answer: unknown;
  try {
    answer = JSON.parse(delivery.body);
  } catch {
    return { options: [], problem: "the answer is not JSON" };
  }
  const groups = isObject(answer) && Array.isArray(answer.option_groups) ? answer.option_groups : undefined;
  const listed = isObject(answer) && Array.isArray(answer.options) ? answer.options : undefined;
  const options = (
    groups
      ? groups.flatMap((group) => (isObject(group) && Array.isArray(group.options) ? group.options : []))
      : listed
  ) as OptionObject[] | undefined;
  if (!options) return { options: [], problem: "the answer has neither options nor option_groups" };
  if (options.length > MAX_SUGGESTED_OPTIONS)
    return { options: [], problem: `more than ${MAX_SUGGESTED_OPTIONS} options` };
  const bad = options.find(
    (option) =>
      !isObject(option) ||
      !isObject(option.text) ||
      typeof option.text.text !== "string" ||
      option.text.text.length > MAX_OPTION_TEXT ||
      typeof option.value !== "string" ||
      option.value.length > MAX_OPTION_VALUE,
  );
  if (bad) return { options: [], problem: `an option breaks Slack's limits: ${JSON.stringify(bad)}` };
  return { options };
}

export type CloseOutcome = { notified: false } | { notified: true; delivery: Delivery };

export type WaitForOptions = Omit<WaitOptions, "count" | "what">;

/** A modal as the person sees it; every read is fresh from the stand-in. */
export interface ModalHandle {
  /** The root view id, which identifies the modal. */
  readonly id: string;
  readonly userId: string;
  readonly modal: SlackModal;
  readonly isOpen: boolean;
  /** The view on top of the stack, with `state.values` as the next payload will carry them. */
  readonly view: SlackViewObject;
  /** Messages shown under input blocks (by block id) after `response_action: "errors"`. */
  readonly errors: Record<string, string>;
  /** The state value of one element of the top view. */
  value(blockId: string, actionId: string): ViewStateValue | undefined;
  /**
   * Enters `value` into an element of the top view: text for text and number inputs, an option
   * value for selects and radio buttons, a list of values for checkboxes and multi-selects,
   * `YYYY-MM-DD` for date pickers, `null` to empty. Sends `block_actions` when Slack would
   * (`dispatch_action` input blocks, elements in actions blocks or section accessories).
   */
  fill(blockId: string, actionId: string, value: FillValue, options?: FillOptions): Promise<FillResult>;
  /**
   * Types `query` into an `external_select` of the top view: Slack sends the app an options
   * request (`block_suggestion`) and shows the options it answers, which `fill` can then pick by
   * value. Refused, as Slack sends nothing, for fewer characters than `min_query_length` (3).
   */
  suggest(blockId: string, actionId: string, query: string): Promise<SuggestOutcome>;
  /** Clicks a button of the top view; `select` picks one when several share the action id. */
  click(actionId: string, select?: { blockId?: string; value?: string }): Promise<Delivery>;
  /** Presses Submit: refused by the client when required fields are empty, else `view_submission`. */
  submit(): Promise<SubmitOutcome>;
  /** Presses Close: `view_closed` if the view asks for it, then the view (or whole modal) closes. */
  close(): Promise<CloseOutcome>;
  /** Waits until `check` holds for the top view, e.g. after a `block_actions` the bot answers with `views.update`. */
  waitForView(
    check: (view: SlackViewObject, record: SlackViewRecord) => boolean,
    options?: WaitForOptions,
  ): Promise<SlackViewObject>;
}

/** The state of an `external_select` after picking `value` among the options last suggested. */
function suggestedValue(record: SlackViewRecord, blockId: string, actionId: string, value: FillValue) {
  if (value === null || value === "") return { type: "external_select", selected_option: null };
  const offered = record.suggested?.[blockId]?.[actionId] ?? [];
  const option = offered.find((candidate) => candidate.value === value);
  if (!option)
    throw new SlackDriverError(
      `${JSON.stringify(value)} was not among the options suggested for ${blockId}/${actionId} (${offered.map((candidate) => JSON.stringify(candidate.value)).join(", ") || "none: call suggest first"})`,
    );
  return { type: "external_select", selected_option: structuredClone(option) };
}

function modalById(workspace: SlackWorkspace, id: string): SlackModal {
  const modal = workspace.state.modals.find((candidate) => candidate.id === id);
  if (!modal) throw new SlackDriverError(`No modal ${id}`);
  return modal;
}

/** A handle on modal `modalId`; every read is fresh from the stand-in. */
export function modalHandle(context: DriverContext, modalId: string): ModalHandle {
  const { slack, transport, actorFor } = context;
  const { workspace, controls } = slack;
  const open = () => {
    const modal = modalById(workspace, modalId);
    if (modal.status !== "open")
      throw new SlackDriverError(`Modal ${modalId} is closed (${modal.closeReason})`);
    return { modal, record: modal.stack.at(-1) as SlackViewRecord };
  };
  const locate = (record: SlackViewRecord, blockId: string, actionId: string): LocatedElement => {
    const found = interactiveElements(record.view.blocks).find(
      (located) => located.block.block_id === blockId && located.element.action_id === actionId,
    );
    if (!found) {
      const known = interactiveElements(record.view.blocks)
        .map((located) => `${String(located.block.block_id)}/${String(located.element.action_id)}`)
        .join(", ");
      throw new SlackDriverError(
        `View ${record.view.id} has no element ${blockId}/${actionId}; it has ${known}`,
      );
    }
    return found;
  };
  const dispatch = async (
    record: SlackViewRecord,
    located: LocatedElement,
    chosen: Parameters<typeof actionFor>[1],
  ) => {
    const actor = actorFor(record.userId);
    const triggerId = controls.issueTrigger(record.userId, { kind: "view", viewId: record.view.id });
    const action = actionFor(located, chosen, actionTs(workspace.clock));
    const payload = viewBlockActionsPayload(actor, structuredClone(record.view), action, triggerId);
    return deliver(
      transport,
      workspace,
      { kind: "block_actions", userId: record.userId },
      { type: "interactive", payload },
    );
  };

  return {
    id: modalId,
    get userId() {
      return modalById(workspace, modalId).userId;
    },
    get modal() {
      return modalById(workspace, modalId);
    },
    get isOpen() {
      return modalById(workspace, modalId).status === "open";
    },
    get view() {
      return open().record.view;
    },
    get errors() {
      return open().record.errors;
    },
    value(blockId, actionId) {
      return open().record.view.state.values[blockId]?.[actionId];
    },
    async fill(blockId, actionId, value, { pressEnter = true } = {}) {
      const { modal, record } = open();
      const located = locate(record, blockId, actionId);
      if (located.element.type === "overflow") {
        const option = offeredOptions(located.element).find((candidate) => candidate.value === value);
        if (!option)
          throw new SlackDriverError(
            `${JSON.stringify(value)} is not an option of overflow ${blockId}/${actionId}`,
          );
        return { dispatched: true, ...(await dispatch(record, located, { selected_option: option })) };
      }
      if (!isStateful(located.element)) {
        throw new SlackDriverError(
          `${String(located.element.type)} ${blockId}/${actionId} cannot be filled; click it`,
        );
      }
      const entered =
        located.element.type === "external_select"
          ? suggestedValue(record, blockId, actionId, value)
          : enteredValue(located.element, blockId, value);
      record.entered = {
        ...record.entered,
        [blockId]: { ...record.entered[blockId], [actionId]: entered },
      };
      record.view.state.values = currentState(record.view.blocks, record.entered);
      workspace.viewChanged(modal, record, "view_input");
      const dispatches = located.place !== "input" || located.block.dispatch_action === true;
      if (!dispatches || (!pressEnter && waitsForEnter(located.element))) return { dispatched: false };
      return { dispatched: true, ...(await dispatch(record, located, entered)) };
    },
    async suggest(blockId, actionId, query) {
      const { record } = open();
      const located = locate(record, blockId, actionId);
      if (located.element.type !== "external_select")
        throw new SlackDriverError(`${String(located.element.type)} ${blockId}/${actionId} loads no options`);
      const minimum =
        typeof located.element.min_query_length === "number" ? located.element.min_query_length : 3;
      if (query.length < minimum)
        throw new SlackDriverError(
          `Slack asks for options only after ${minimum} characters; ${JSON.stringify(query)} has ${query.length}`,
        );
      const payload = blockSuggestionPayload(actorFor(record.userId), structuredClone(record.view), {
        blockId,
        actionId,
        value: query,
      });
      const delivery = await deliver(
        transport,
        workspace,
        { kind: "block_suggestion", userId: record.userId },
        { type: "interactive", payload },
      );
      const answer = suggestedOptions(delivery);
      record.suggested = {
        ...record.suggested,
        [blockId]: { ...record.suggested?.[blockId], [actionId]: answer.options },
      };
      // The person now sees the options (the workspace page draws them).
      const current = workspace.findView(record.view.id);
      if (current) workspace.viewChanged(current.modal, record, "view_input");
      return { delivery, ...answer };
    },
    async click(actionId, select = {}) {
      const { record } = open();
      const buttons = interactiveElements(record.view.blocks).filter(
        (located) =>
          located.element.type === "button" &&
          located.element.action_id === actionId &&
          (select.blockId === undefined || located.block.block_id === select.blockId) &&
          (select.value === undefined || located.element.value === select.value),
      );
      const [button] = buttons;
      if (!button)
        throw new SlackDriverError(
          `View ${record.view.id} has no button ${actionId} matching ${JSON.stringify(select)}`,
        );
      if (buttons.length > 1) {
        throw new SlackDriverError(
          `${buttons.length} buttons have action id ${actionId}; pass blockId or value`,
        );
      }
      return dispatch(record, button, undefined);
    },
    async submit() {
      const { record } = open();
      const blocked = clientSideProblems(record.view.blocks, record.view.state.values);
      if (Object.keys(blocked).length > 0) return { kind: "blocked", errors: blocked };
      // Errors from an earlier answer go away when the person submits again.
      record.errors = {};
      const actor = actorFor(record.userId);
      const triggerId = controls.issueTrigger(record.userId, { kind: "view", viewId: record.view.id });
      const payload = viewSubmissionPayload(actor, structuredClone(record.view), triggerId);
      const delivery = await deliver(
        transport,
        workspace,
        { kind: "view_submission", userId: record.userId },
        { type: "interactive", payload },
      );
      // The bot may have changed the view while answering; apply the answer to what is there now.
      const current = workspace.findView(record.view.id);
      if (current?.modal.status !== "open") {
        return {
          kind: "failed",
          reason: `view ${record.view.id} was closed before the answer arrived`,
          delivery,
        };
      }
      return applySubmissionAnswer(workspace, current.modal, current.record, delivery);
    },
    async close() {
      const { modal, record } = open();
      const clearsAll = record.view.clear_on_close || modal.stack.length === 1;
      let outcome: CloseOutcome = { notified: false };
      if (record.view.notify_on_close) {
        const payload = viewClosedPayload(
          actorFor(record.userId),
          structuredClone(record.view),
          record.view.clear_on_close,
        );
        const delivery = await deliver(
          transport,
          workspace,
          { kind: "view_closed", userId: record.userId },
          { type: "interactive", payload },
        );
        outcome = { notified: true, delivery };
      }
      if (clearsAll) workspace.closeModal(modal, "closed_by_user");
      else workspace.popView(modal, "closed_by_user");
      return outcome;
    },
    async waitForView(check, waitOptions = {}) {
      return slack.waitFor(
        () => {
          const modal = modalById(workspace, modalId);
          const record = modal.stack.at(-1);
          return modal.status === "open" && record && check(record.view, record) ? record.view : undefined;
        },
        { ...waitOptions, what: `a change to modal ${modalId}` },
      );
    },
  };
}
