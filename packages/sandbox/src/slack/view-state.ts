/**
 * `view.state.values` the way Slack keeps it: every stateful element reports a value (its initial
 * value until the person changes it, `null`/`[]` when empty), and what a person typed survives a
 * view update only while the block id, action id and element type stay the same.
 */
import { isCalendarDate, NUMBER, TIME } from "./block-kit/elements.js";
import { interactiveElements, isObject, type LocatedElement } from "./block-kit/walk.js";
import { SlackDriverError } from "./errors.js";
import type { BlockJson, OptionObject, ViewStateValue, ViewStateValues } from "./types.js";

/** What a test (or a person on the workspace page) enters into an element. */
export type FillValue = string | number | readonly string[] | null;

type Initial = (element: BlockJson) => ViewStateValue;

const orNull = <T>(value: unknown, guard: (value: unknown) => value is T): T | null =>
  guard(value) ? value : null;
const isString = (value: unknown): value is string => typeof value === "string";
const isNumber = (value: unknown): value is number => typeof value === "number";
const isOption = (value: unknown): value is OptionObject => isObject(value) && isObject(value.text);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter(isString) : []);
const options = (value: unknown): OptionObject[] => (Array.isArray(value) ? value.filter(isOption) : []);

const textValue: Initial = (element) => ({
  type: String(element.type),
  value: orNull(element.initial_value, isString),
});

const INITIAL: Record<string, Initial> = {
  plain_text_input: textValue,
  email_text_input: textValue,
  url_text_input: textValue,
  number_input: (element) => ({
    type: "number_input",
    value:
      typeof element.initial_value === "number"
        ? String(element.initial_value)
        : orNull(element.initial_value, isString),
  }),
  static_select: (element) => ({
    type: "static_select",
    selected_option: orNull(element.initial_option, isOption),
  }),
  external_select: (element) => ({
    type: "external_select",
    selected_option: orNull(element.initial_option, isOption),
  }),
  radio_buttons: (element) => ({
    type: "radio_buttons",
    selected_option: orNull(element.initial_option, isOption),
  }),
  multi_static_select: (element) => ({
    type: "multi_static_select",
    selected_options: options(element.initial_options),
  }),
  multi_external_select: (element) => ({
    type: "multi_external_select",
    selected_options: options(element.initial_options),
  }),
  checkboxes: (element) => ({ type: "checkboxes", selected_options: options(element.initial_options) }),
  datepicker: (element) => ({ type: "datepicker", selected_date: orNull(element.initial_date, isString) }),
  timepicker: (element) => ({ type: "timepicker", selected_time: orNull(element.initial_time, isString) }),
  datetimepicker: (element) => ({
    type: "datetimepicker",
    selected_date_time: orNull(element.initial_date_time, isNumber),
  }),
  users_select: (element) => ({
    type: "users_select",
    selected_user: orNull(element.initial_user, isString),
  }),
  multi_users_select: (element) => ({
    type: "multi_users_select",
    selected_users: strings(element.initial_users),
  }),
  conversations_select: (element) => ({
    type: "conversations_select",
    selected_conversation: orNull(element.initial_conversation, isString),
  }),
  multi_conversations_select: (element) => ({
    type: "multi_conversations_select",
    selected_conversations: strings(element.initial_conversations),
  }),
  channels_select: (element) => ({
    type: "channels_select",
    selected_channel: orNull(element.initial_channel, isString),
  }),
  multi_channels_select: (element) => ({
    type: "multi_channels_select",
    selected_channels: strings(element.initial_channels),
  }),
  rich_text_input: (element) => ({
    type: "rich_text_input",
    rich_text_value: isObject(element.initial_value) ? element.initial_value : null,
  }),
  file_input: () => ({ type: "file_input", files: [] }),
};

export function isStateful(element: BlockJson): boolean {
  return typeof element.type === "string" && element.type in INITIAL;
}

function idsOf(located: LocatedElement): [string, string] | undefined {
  const blockId = located.block.block_id;
  const actionId = located.element.action_id;
  return typeof blockId === "string" && typeof actionId === "string" ? [blockId, actionId] : undefined;
}

/** The full `state.values` Slack sends for `blocks`, given what the person entered. */
export function currentState(blocks: readonly BlockJson[], entered: ViewStateValues): ViewStateValues {
  const values: ViewStateValues = {};
  for (const located of interactiveElements(blocks)) {
    const ids = idsOf(located);
    const initial = INITIAL[String(located.element.type)];
    if (!ids || !initial) continue;
    const [blockId, actionId] = ids;
    const typed = entered[blockId]?.[actionId];
    const value = typed && typed.type === located.element.type ? typed : initial(located.element);
    values[blockId] = { ...values[blockId], [actionId]: structuredClone(value) };
  }
  return values;
}

/** What survives a view update: entries whose block id, action id and element type still exist. */
export function keepEntered(entered: ViewStateValues, blocks: readonly BlockJson[]): ViewStateValues {
  const kept: ViewStateValues = {};
  for (const located of interactiveElements(blocks)) {
    const ids = idsOf(located);
    if (!ids) continue;
    const [blockId, actionId] = ids;
    const typed = entered[blockId]?.[actionId];
    if (typed && typed.type === located.element.type) kept[blockId] = { ...kept[blockId], [actionId]: typed };
  }
  return kept;
}

/** Every option an element offers (options and option groups). */
export function offeredOptions(element: BlockJson): OptionObject[] {
  const groups = Array.isArray(element.option_groups) ? element.option_groups.filter(isObject) : [];
  return [...options(element.options), ...groups.flatMap((group) => options(group.options))];
}

function describe(element: BlockJson, blockId: string): string {
  return `${String(element.type)} ${blockId}/${String(element.action_id)}`;
}

function pickOption(element: BlockJson, blockId: string, value: string): OptionObject {
  const offered = offeredOptions(element);
  const option = offered.find((candidate) => candidate.value === value);
  if (!option) {
    const values = offered.map((candidate) => JSON.stringify(candidate.value)).join(", ");
    throw new SlackDriverError(
      `${JSON.stringify(value)} is not an option of ${describe(element, blockId)}; it offers ${values || "nothing"}`,
    );
  }
  return structuredClone(option);
}

function expectString(element: BlockJson, blockId: string, value: FillValue): string {
  if (typeof value !== "string") {
    throw new SlackDriverError(`${describe(element, blockId)} takes a string, not ${JSON.stringify(value)}`);
  }
  return value;
}

function expectList(element: BlockJson, blockId: string, value: FillValue): readonly string[] {
  if (!Array.isArray(value)) {
    throw new SlackDriverError(
      `${describe(element, blockId)} takes a list of values, not ${JSON.stringify(value)}`,
    );
  }
  return value as readonly string[];
}

/**
 * The state value after a person enters `value` into `element`, checked the way Slack's client
 * allows it (only offered options, real dates). `null` (or `""` in a text field) empties it.
 */
export function enteredValue(element: BlockJson, blockId: string, value: FillValue): ViewStateValue {
  const type = String(element.type);
  const empty = value === null || value === "";
  switch (type) {
    case "plain_text_input":
    case "email_text_input":
    case "url_text_input":
      return { type, value: empty ? null : expectString(element, blockId, value) };
    case "number_input":
      return {
        type,
        value: empty
          ? null
          : String(typeof value === "number" ? value : expectString(element, blockId, value)),
      };
    case "static_select":
    case "external_select":
    case "radio_buttons":
      return {
        type,
        selected_option: empty ? null : pickOption(element, blockId, expectString(element, blockId, value)),
      };
    case "multi_static_select":
    case "multi_external_select":
    case "checkboxes":
      return {
        type,
        selected_options: empty
          ? []
          : expectList(element, blockId, value).map((item) => pickOption(element, blockId, item)),
      };
    case "datepicker": {
      if (empty) return { type, selected_date: null };
      const date = expectString(element, blockId, value);
      if (!isCalendarDate(date))
        throw new SlackDriverError(
          `${describe(element, blockId)} takes a YYYY-MM-DD date, not ${JSON.stringify(date)}`,
        );
      return { type, selected_date: date };
    }
    case "timepicker": {
      if (empty) return { type, selected_time: null };
      const time = expectString(element, blockId, value);
      if (!TIME.test(time))
        throw new SlackDriverError(
          `${describe(element, blockId)} takes an HH:mm time, not ${JSON.stringify(time)}`,
        );
      return { type, selected_time: time };
    }
    case "datetimepicker":
      if (empty) return { type, selected_date_time: null };
      if (typeof value !== "number" || !Number.isInteger(value)) {
        throw new SlackDriverError(
          `${describe(element, blockId)} takes Unix seconds, not ${JSON.stringify(value)}`,
        );
      }
      return { type, selected_date_time: value };
    case "users_select":
      return { type, selected_user: empty ? null : expectString(element, blockId, value) };
    case "multi_users_select":
      return { type, selected_users: empty ? [] : [...expectList(element, blockId, value)] };
    case "conversations_select":
      return { type, selected_conversation: empty ? null : expectString(element, blockId, value) };
    case "multi_conversations_select":
      return { type, selected_conversations: empty ? [] : [...expectList(element, blockId, value)] };
    case "channels_select":
      return { type, selected_channel: empty ? null : expectString(element, blockId, value) };
    case "multi_channels_select":
      return { type, selected_channels: empty ? [] : [...expectList(element, blockId, value)] };
    case "rich_text_input":
      return {
        type,
        rich_text_value: empty
          ? null
          : {
              type: "rich_text",
              elements: [
                {
                  type: "rich_text_section",
                  elements: [{ type: "text", text: expectString(element, blockId, value) }],
                },
              ],
            },
      };
    default:
      throw new SlackDriverError(`${describe(element, blockId)} cannot be filled in by the driver`);
  }
}

function isEmptyValue(value: ViewStateValue | undefined): boolean {
  if (!value) return true;
  return Object.entries(value).every(
    ([key, field]) =>
      key === "type" || field === null || field === "" || (Array.isArray(field) && field.length === 0),
  );
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function inputProblem(element: BlockJson, value: ViewStateValue | undefined): string | undefined {
  const text = value?.value;
  if (typeof text !== "string") return undefined;
  switch (element.type) {
    case "number_input": {
      if (!NUMBER.test(text)) return "Please enter a number.";
      if (element.is_decimal_allowed !== true && text.includes(".")) return "Please enter a whole number.";
      const number = Number(text);
      if (element.min_value !== undefined && number < Number(element.min_value)) {
        return `Please enter a number that is ${String(element.min_value)} or more.`;
      }
      if (element.max_value !== undefined && number > Number(element.max_value)) {
        return `Please enter a number that is ${String(element.max_value)} or less.`;
      }
      return undefined;
    }
    case "plain_text_input": {
      const length = [...text].length;
      if (typeof element.min_length === "number" && length < element.min_length) {
        return `Please enter at least ${element.min_length} characters.`;
      }
      if (typeof element.max_length === "number" && length > element.max_length) {
        return `Please enter no more than ${element.max_length} characters.`;
      }
      return undefined;
    }
    case "email_text_input":
      return EMAIL.test(text) ? undefined : "Please enter a valid email address.";
    case "url_text_input":
      return URL.canParse(text) ? undefined : "Please enter a valid URL.";
    default:
      return undefined;
  }
}

/**
 * What Slack's client itself refuses on Submit, by block id, before anything reaches the app:
 * empty required inputs and values outside the element's own constraints. The wording is ours.
 */
export function clientSideProblems(
  blocks: readonly BlockJson[],
  values: ViewStateValues,
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const located of interactiveElements(blocks)) {
    const ids = idsOf(located);
    if (!ids || located.place !== "input") continue;
    const [blockId, actionId] = ids;
    const value = values[blockId]?.[actionId];
    if (isEmptyValue(value)) {
      if (located.block.optional !== true) problems[blockId] = "Please complete this required field.";
      continue;
    }
    const problem = inputProblem(located.element, value);
    if (problem) problems[blockId] = problem;
  }
  return problems;
}
