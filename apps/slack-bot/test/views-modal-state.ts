import type { types, ViewStateValue } from "@slack/bolt";
import type { ViewStateValues } from "../src/invoice-form/read.js";
import type { ModalView } from "../src/views/block-kit.js";

/** What a person types, by input block id: text, a select's or radio's value, or checkbox values. */
export type Typed = Record<string, string | readonly string[]>;

function optionsOf(element: types.InputBlock["element"]): types.PlainTextOption[] {
  const item = element as {
    options?: types.PlainTextOption[];
    option_groups?: { options: types.PlainTextOption[] }[];
  };
  return item.options ?? item.option_groups?.flatMap((group) => group.options) ?? [];
}

function stateValue(
  element: types.InputBlock["element"],
  typed: string | readonly string[] | undefined,
): ViewStateValue {
  const item = element as {
    type: string;
    initial_value?: string;
    initial_option?: types.PlainTextOption;
    initial_options?: types.PlainTextOption[];
  };
  const pick = (value: string) => {
    const option = optionsOf(element).find((candidate) => candidate.value === value);
    if (!option) throw new Error(`${value} is not an option of ${item.type}`);
    return { text: option.text, value };
  };
  switch (item.type) {
    case "static_select":
    case "radio_buttons":
      return {
        type: item.type,
        selected_option: typeof typed === "string" ? pick(typed) : (item.initial_option ?? null),
      } as ViewStateValue;
    case "checkboxes":
      return {
        type: item.type,
        selected_options: Array.isArray(typed) ? typed.map(pick) : (item.initial_options ?? []),
      } as ViewStateValue;
    default:
      return { type: item.type, value: typeof typed === "string" ? typed : (item.initial_value ?? null) };
  }
}

/**
 * `view.state.values` as Slack keeps it for `view`: an input whose block id and action id were in
 * the `previous` state keeps what it held there (Slack's rule for `views.update`); others start
 * from their initial value; then `typed` is applied, as a person typing into the view.
 */
export function slackState(
  view: ModalView,
  typed: Typed = {},
  previous: ViewStateValues = {},
): ViewStateValues {
  const state: ViewStateValues = {};
  for (const block of view.blocks as types.KnownBlock[]) {
    if (block.type !== "input" || !block.block_id) continue;
    const actionId = block.element.action_id ?? "";
    const kept = previous[block.block_id]?.[actionId];
    const value = block.block_id in typed ? stateValue(block.element, typed[block.block_id]) : kept;
    state[block.block_id] = { [actionId]: value ?? stateValue(block.element, undefined) };
  }
  return state;
}
