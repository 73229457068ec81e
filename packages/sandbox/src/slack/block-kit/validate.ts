/**
 * Block Kit validation with Slack's limits (see shared/reference/slack-platform.md §3.3–3.5, §4.1).
 * Each problem carries the JSON pointer Slack reports, so answers read like Slack's own:
 * `[ERROR] must be less than 25 characters [json-pointer:/view/title/text]`.
 */
import { type ElementPlace, isObject } from "./walk.js";

export interface BlockKitProblem {
  pointer: string;
  message: string;
}

export function formatProblem(problem: BlockKitProblem): string {
  return `[ERROR] ${problem.message} [json-pointer:${problem.pointer}]`;
}

export const LIMITS = {
  modalBlocks: 100,
  homeBlocks: 100,
  messageBlocks: 50,
  viewTitle: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  blockId: 255,
  actionId: 255,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  selectOptions: 100,
  choiceOptions: 10,
  overflowOptions: 5,
  optionText: 75,
  /** @slack/types says 75; one third party says 150 (reference §3.5). We enforce 75. */
  optionValue: 75,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  altText: 2000,
  markdownText: 12000,
  textInputLength: 3000,
} as const;

const BLOCK_TYPES_ACCEPTED_UNCHECKED = new Set([
  "alert",
  "card",
  "carousel",
  "container",
  "context_actions",
  "data_table",
  "file",
  "plan",
  "table",
  "task_card",
  "video",
]);

type Place = ElementPlace | "context";

interface ElementSpec {
  places: readonly Place[];
  /** Has an `action_id` and sends `block_actions`. */
  interactive: boolean;
  check?: (element: Record<string, unknown>, pointer: string, checker: Checker) => void;
}

const ANYWHERE: readonly Place[] = ["input", "actions", "accessory"];

const characters = (text: string) => [...text].length;

/** Collects problems; each helper checks one field of `owner` at `pointer`. */
class Checker {
  readonly problems: BlockKitProblem[] = [];

  add(pointer: string, message: string): void {
    this.problems.push({ pointer, message });
  }

  length(text: string, pointer: string, max: number, min = 0): void {
    const count = characters(text);
    if (count > max) this.add(pointer, `must be less than ${max + 1} characters`);
    else if (count < min) this.add(pointer, `must be more than ${min - 1} characters`);
  }

  string(
    owner: Record<string, unknown>,
    pointer: string,
    key: string,
    { required = false, max, min = 0 }: { required?: boolean; max: number; min?: number },
  ): string | undefined {
    const value = owner[key];
    if (value === undefined) {
      if (required) this.add(pointer, `missing required field: ${key}`);
      return undefined;
    }
    if (typeof value !== "string") {
      this.add(`${pointer}/${key}`, "must provide a string");
      return undefined;
    }
    this.length(value, `${pointer}/${key}`, max, min);
    return value;
  }

  boolean(
    owner: Record<string, unknown>,
    pointer: string,
    key: string,
    required = false,
  ): boolean | undefined {
    const value = owner[key];
    if (value === undefined) {
      if (required) this.add(pointer, `missing required field: ${key}`);
      return undefined;
    }
    if (typeof value !== "boolean") {
      this.add(`${pointer}/${key}`, "must provide a boolean");
      return undefined;
    }
    return value;
  }

  array(
    owner: Record<string, unknown>,
    pointer: string,
    key: string,
    { required = false, max, min = 0 }: { required?: boolean; max: number; min?: number },
  ): unknown[] | undefined {
    const value = owner[key];
    if (value === undefined) {
      if (required) this.add(pointer, `missing required field: ${key}`);
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.add(`${pointer}/${key}`, "must provide an array");
      return undefined;
    }
    if (value.length > max) this.add(`${pointer}/${key}`, `no more than ${max} items allowed`);
    else if (value.length < min) this.add(`${pointer}/${key}`, `must provide at least ${min} items`);
    return value;
  }

  /** A text object field; `plainOnly` for titles, labels, placeholders and buttons. */
  text(
    owner: Record<string, unknown>,
    pointer: string,
    key: string,
    { required = false, plainOnly = false, max, min = 1 }: TextRule,
  ): void {
    const value = owner[key];
    const here = `${pointer}/${key}`;
    if (value === undefined) {
      if (required) this.add(pointer, `missing required field: ${key}`);
      return;
    }
    this.textObject(value, here, { plainOnly, max, min });
  }

  textObject(value: unknown, pointer: string, { plainOnly = false, max, min = 1 }: TextRule): void {
    if (!isObject(value)) {
      this.add(pointer, "must provide an object");
      return;
    }
    const allowed = plainOnly ? ["plain_text"] : ["plain_text", "mrkdwn"];
    if (typeof value.type !== "string" || !allowed.includes(value.type)) {
      if (value.type === undefined) this.add(pointer, "missing required field: type");
      else this.add(`${pointer}/type`, `must be one of the following values: ${allowed.join(", ")}`);
      return;
    }
    this.string(value, pointer, "text", { required: true, max, min });
    if (value.type === "plain_text") this.boolean(value, pointer, "emoji");
    else this.boolean(value, pointer, "verbatim");
  }
}

interface TextRule {
  required?: boolean;
  plainOnly?: boolean;
  max: number;
  min?: number;
}

function checkConfirm(element: Record<string, unknown>, pointer: string, checker: Checker): void {
  const confirm = element.confirm;
  if (confirm === undefined) return;
  const here = `${pointer}/confirm`;
  if (!isObject(confirm)) {
    checker.add(here, "must provide an object");
    return;
  }
  checker.text(confirm, here, "title", { required: true, plainOnly: true, max: 100 });
  checker.text(confirm, here, "text", { required: true, max: 300 });
  checker.text(confirm, here, "confirm", { required: true, plainOnly: true, max: 30 });
  checker.text(confirm, here, "deny", { required: true, plainOnly: true, max: 30 });
}

function checkPlaceholder(element: Record<string, unknown>, pointer: string, checker: Checker): void {
  checker.text(element, pointer, "placeholder", { plainOnly: true, max: LIMITS.placeholder });
}

interface OptionRule {
  required?: boolean;
  max: number;
  min?: number;
  allowMrkdwn?: boolean;
  allowUrl?: boolean;
}

/** Checks an options array; returns the well-formed options for initial-option matching. */
function checkOptions(
  owner: Record<string, unknown>,
  pointer: string,
  key: string,
  rule: OptionRule,
  checker: Checker,
): Record<string, unknown>[] {
  const options = checker.array(owner, pointer, key, {
    required: rule.required,
    max: rule.max,
    min: rule.min,
  });
  if (!options) return [];
  const valid: Record<string, unknown>[] = [];
  options.forEach((option, index) => {
    const here = `${pointer}/${key}/${index}`;
    if (!isObject(option)) {
      checker.add(here, "must provide an object");
      return;
    }
    valid.push(option);
    checker.text(option, here, "text", {
      required: true,
      plainOnly: !rule.allowMrkdwn,
      max: LIMITS.optionText,
    });
    checker.string(option, here, "value", { max: LIMITS.optionValue });
    checker.text(option, here, "description", { plainOnly: !rule.allowMrkdwn, max: LIMITS.optionText });
    if (rule.allowUrl) checker.string(option, here, "url", { max: LIMITS.url });
    else if (option.url !== undefined)
      checker.add(`${here}/url`, "url is only allowed on overflow menu options");
  });
  return valid;
}

function sameOption(a: Record<string, unknown>, b: unknown): boolean {
  if (!isObject(b) || !isObject(a.text) || !isObject(b.text)) return false;
  return a.value === b.value && a.text.text === b.text.text;
}

/** `initial_option` / `initial_options` must be among the options offered. */
function checkInitialOptions(
  element: Record<string, unknown>,
  pointer: string,
  offered: Record<string, unknown>[],
  checker: Checker,
): void {
  if (
    element.initial_option !== undefined &&
    !offered.some((option) => sameOption(option, element.initial_option))
  ) {
    checker.add(`${pointer}/initial_option`, "must match one of the provided options");
  }
  if (element.initial_options === undefined) return;
  if (!Array.isArray(element.initial_options)) {
    checker.add(`${pointer}/initial_options`, "must provide an array");
    return;
  }
  element.initial_options.forEach((initial, index) => {
    if (!offered.some((option) => sameOption(option, initial))) {
      checker.add(`${pointer}/initial_options/${index}`, "must match one of the provided options");
    }
  });
}

function checkStaticSelect(element: Record<string, unknown>, pointer: string, checker: Checker): void {
  checkPlaceholder(element, pointer, checker);
  checkConfirm(element, pointer, checker);
  const hasOptions = element.options !== undefined;
  const hasGroups = element.option_groups !== undefined;
  if (hasOptions === hasGroups) {
    checker.add(
      pointer,
      hasOptions
        ? "must provide either options or option_groups, not both"
        : "missing required field: options",
    );
    return;
  }
  let offered: Record<string, unknown>[] = [];
  if (hasOptions) {
    offered = checkOptions(
      element,
      pointer,
      "options",
      { required: true, max: LIMITS.selectOptions, min: 1 },
      checker,
    );
  } else {
    const groups = checker.array(element, pointer, "option_groups", {
      required: true,
      max: LIMITS.selectOptions,
      min: 1,
    });
    groups?.forEach((group, index) => {
      const here = `${pointer}/option_groups/${index}`;
      if (!isObject(group)) {
        checker.add(here, "must provide an object");
        return;
      }
      checker.text(group, here, "label", { required: true, plainOnly: true, max: LIMITS.optionText });
      offered.push(
        ...checkOptions(
          group,
          here,
          "options",
          { required: true, max: LIMITS.selectOptions, min: 1 },
          checker,
        ),
      );
    });
  }
  checkInitialOptions(element, pointer, offered, checker);
  if (element.type === "multi_static_select") checkMaxSelected(element, pointer, checker);
}

function checkMaxSelected(element: Record<string, unknown>, pointer: string, checker: Checker): void {
  const max = element.max_selected_items;
  if (max !== undefined && (!Number.isInteger(max) || (max as number) < 1)) {
    checker.add(`${pointer}/max_selected_items`, "must be an integer greater than or equal to 1");
  }
}

function checkChoices(element: Record<string, unknown>, pointer: string, checker: Checker): void {
  const offered = checkOptions(
    element,
    pointer,
    "options",
    { required: true, max: LIMITS.choiceOptions, min: 1, allowMrkdwn: true },
    checker,
  );
  checkInitialOptions(element, pointer, offered, checker);
  checkConfirm(element, pointer, checker);
}

function checkPickerSelect(element: Record<string, unknown>, pointer: string, checker: Checker): void {
  checkPlaceholder(element, pointer, checker);
  checkConfirm(element, pointer, checker);
  if (String(element.type).startsWith("multi_")) checkMaxSelected(element, pointer, checker);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const NUMBER = /^-?\d+(\.\d+)?$/;

function numericField(
  element: Record<string, unknown>,
  pointer: string,
  key: string,
  decimalAllowed: boolean,
  checker: Checker,
): number | undefined {
  const raw = element[key];
  if (raw === undefined) return undefined;
  const text = typeof raw === "number" ? String(raw) : raw;
  if (typeof text !== "string" || !NUMBER.test(text)) {
    checker.add(`${pointer}/${key}`, "must be a number written as a string");
    return undefined;
  }
  if (!decimalAllowed && text.includes(".")) {
    checker.add(`${pointer}/${key}`, "must be a whole number when is_decimal_allowed is false");
  }
  return Number(text);
}

const ELEMENTS: Record<string, ElementSpec> = {
  button: {
    places: ["actions", "accessory"],
    interactive: true,
    check(element, pointer, checker) {
      checker.text(element, pointer, "text", { required: true, plainOnly: true, max: LIMITS.buttonText });
      checker.string(element, pointer, "value", { max: LIMITS.buttonValue });
      checker.string(element, pointer, "url", { max: LIMITS.url });
      checker.string(element, pointer, "accessibility_label", { max: LIMITS.buttonText });
      if (element.style !== undefined && element.style !== "primary" && element.style !== "danger") {
        checker.add(`${pointer}/style`, "must be one of the following values: primary, danger");
      }
      checkConfirm(element, pointer, checker);
    },
  },
  workflow_button: {
    places: ["actions", "accessory"],
    interactive: true,
    check(element, pointer, checker) {
      checker.text(element, pointer, "text", { required: true, plainOnly: true, max: LIMITS.buttonText });
    },
  },
  checkboxes: { places: ANYWHERE, interactive: true, check: checkChoices },
  radio_buttons: { places: ANYWHERE, interactive: true, check: checkChoices },
  static_select: { places: ANYWHERE, interactive: true, check: checkStaticSelect },
  multi_static_select: { places: ANYWHERE, interactive: true, check: checkStaticSelect },
  external_select: { places: ANYWHERE, interactive: true, check: checkPickerSelect },
  multi_external_select: { places: ANYWHERE, interactive: true, check: checkPickerSelect },
  users_select: { places: ANYWHERE, interactive: true, check: checkPickerSelect },
  multi_users_select: { places: ANYWHERE, interactive: true, check: checkPickerSelect },
  conversations_select: { places: ANYWHERE, interactive: true, check: checkPickerSelect },
  multi_conversations_select: { places: ANYWHERE, interactive: true, check: checkPickerSelect },
  channels_select: { places: ANYWHERE, interactive: true, check: checkPickerSelect },
  multi_channels_select: { places: ANYWHERE, interactive: true, check: checkPickerSelect },
  overflow: {
    places: ["actions", "accessory"],
    interactive: true,
    check(element, pointer, checker) {
      checkOptions(
        element,
        pointer,
        "options",
        { required: true, max: LIMITS.overflowOptions, min: 1, allowUrl: true },
        checker,
      );
      checkConfirm(element, pointer, checker);
    },
  },
  datepicker: {
    places: ANYWHERE,
    interactive: true,
    check(element, pointer, checker) {
      checkPlaceholder(element, pointer, checker);
      checkConfirm(element, pointer, checker);
      const initial = checker.string(element, pointer, "initial_date", { max: 10 });
      if (initial !== undefined && !isCalendarDate(initial)) {
        checker.add(`${pointer}/initial_date`, "must be a date in the format YYYY-MM-DD");
      }
    },
  },
  timepicker: {
    places: ANYWHERE,
    interactive: true,
    check(element, pointer, checker) {
      checkPlaceholder(element, pointer, checker);
      checkConfirm(element, pointer, checker);
      const initial = checker.string(element, pointer, "initial_time", { max: 5 });
      if (initial !== undefined && !TIME.test(initial)) {
        checker.add(`${pointer}/initial_time`, "must be a time in the format HH:mm");
      }
    },
  },
  datetimepicker: {
    places: ["input", "actions"],
    interactive: true,
    check(element, pointer, checker) {
      checkConfirm(element, pointer, checker);
      const initial = element.initial_date_time;
      if (initial !== undefined && !Number.isInteger(initial)) {
        checker.add(`${pointer}/initial_date_time`, "must be a Unix timestamp in seconds");
      }
    },
  },
  plain_text_input: {
    places: ["input"],
    interactive: true,
    check(element, pointer, checker) {
      checkPlaceholder(element, pointer, checker);
      checker.boolean(element, pointer, "multiline");
      const min = element.min_length;
      const max = element.max_length;
      if (min !== undefined && (!Number.isInteger(min) || (min as number) < 0 || (min as number) > 3000)) {
        checker.add(`${pointer}/min_length`, "must be an integer from 0 to 3000");
      }
      if (max !== undefined && (!Number.isInteger(max) || (max as number) < 1 || (max as number) > 3000)) {
        checker.add(`${pointer}/max_length`, "must be an integer from 1 to 3000");
      }
      if (typeof min === "number" && typeof max === "number" && min > max) {
        checker.add(`${pointer}/min_length`, "must be less than or equal to max_length");
      }
      checker.string(element, pointer, "initial_value", {
        max: typeof max === "number" ? max : LIMITS.textInputLength,
      });
      checkDispatchConfig(element, pointer, checker);
    },
  },
  email_text_input: {
    places: ["input"],
    interactive: true,
    check(element, pointer, checker) {
      checkPlaceholder(element, pointer, checker);
      checker.string(element, pointer, "initial_value", { max: 320 });
      checkDispatchConfig(element, pointer, checker);
    },
  },
  url_text_input: {
    places: ["input"],
    interactive: true,
    check(element, pointer, checker) {
      checkPlaceholder(element, pointer, checker);
      checker.string(element, pointer, "initial_value", { max: LIMITS.url });
      checkDispatchConfig(element, pointer, checker);
    },
  },
  number_input: {
    places: ["input"],
    interactive: true,
    check(element, pointer, checker) {
      checkPlaceholder(element, pointer, checker);
      const decimalAllowed = checker.boolean(element, pointer, "is_decimal_allowed", true) ?? true;
      const min = numericField(element, pointer, "min_value", decimalAllowed, checker);
      const max = numericField(element, pointer, "max_value", decimalAllowed, checker);
      numericField(element, pointer, "initial_value", decimalAllowed, checker);
      if (min !== undefined && max !== undefined && min > max) {
        checker.add(`${pointer}/min_value`, "must be less than or equal to max_value");
      }
      checkDispatchConfig(element, pointer, checker);
    },
  },
  rich_text_input: {
    places: ["input", "actions"],
    interactive: true,
    check(element, pointer, checker) {
      checkPlaceholder(element, pointer, checker);
      checkDispatchConfig(element, pointer, checker);
    },
  },
  file_input: {
    places: ["input"],
    interactive: true,
    check(element, pointer, checker) {
      const max = element.max_files;
      if (max !== undefined && (!Number.isInteger(max) || (max as number) < 1 || (max as number) > 10)) {
        checker.add(`${pointer}/max_files`, "must be an integer from 1 to 10");
      }
    },
  },
  image: {
    places: ["accessory", "context"],
    interactive: false,
    check: checkImage,
  },
};

function checkImage(element: Record<string, unknown>, pointer: string, checker: Checker): void {
  if (element.image_url === undefined && element.slack_file === undefined) {
    checker.add(pointer, "missing required field: image_url");
  }
  checker.string(element, pointer, "image_url", { max: LIMITS.url });
  checker.string(element, pointer, "alt_text", { required: true, max: LIMITS.altText });
}

function checkDispatchConfig(element: Record<string, unknown>, pointer: string, checker: Checker): void {
  const config = element.dispatch_action_config;
  if (config === undefined) return;
  const here = `${pointer}/dispatch_action_config`;
  if (!isObject(config)) {
    checker.add(here, "must provide an object");
    return;
  }
  const triggers = checker.array(config, here, "trigger_actions_on", { max: 2, min: 1 });
  triggers?.forEach((trigger, index) => {
    if (trigger !== "on_enter_pressed" && trigger !== "on_character_entered") {
      checker.add(
        `${here}/trigger_actions_on/${index}`,
        "must be one of the following values: on_enter_pressed, on_character_entered",
      );
    }
  });
}

interface BlockContext {
  checker: Checker;
  blockIds: Set<string>;
  focusCount: { value: number };
}

function checkElement(
  element: unknown,
  pointer: string,
  place: Place,
  actionIds: Set<string>,
  context: BlockContext,
): void {
  const { checker } = context;
  if (!isObject(element)) {
    checker.add(pointer, "must provide an object");
    return;
  }
  if (typeof element.type !== "string") {
    checker.add(pointer, "missing required field: type");
    return;
  }
  const spec = ELEMENTS[element.type];
  if (!spec?.places.includes(place)) {
    checker.add(`${pointer}/type`, `unsupported type: ${element.type}`);
    return;
  }
  if (spec.interactive) {
    const actionId = checker.string(element, pointer, "action_id", { max: LIMITS.actionId, min: 1 });
    if (actionId !== undefined) {
      if (actionIds.has(actionId)) checker.add(`${pointer}/action_id`, `duplicate action_id: ${actionId}`);
      actionIds.add(actionId);
    }
  }
  if (element.focus_on_load === true) {
    context.focusCount.value += 1;
    if (context.focusCount.value > 1) {
      checker.add(
        `${pointer}/focus_on_load`,
        "only one element in a view can have focus_on_load set to true",
      );
    }
  }
  spec.check?.(element, pointer, checker);
}

function checkBlock(block: Record<string, unknown>, pointer: string, context: BlockContext): void {
  const { checker } = context;
  const actionIds = new Set<string>();
  switch (block.type) {
    case "section": {
      if (block.text === undefined && block.fields === undefined) {
        checker.add(pointer, "missing required field: text");
      }
      checker.text(block, pointer, "text", { max: LIMITS.sectionText });
      const fields = checker.array(block, pointer, "fields", { max: LIMITS.sectionFields, min: 1 });
      fields?.forEach((field, index) => {
        checker.textObject(field, `${pointer}/fields/${index}`, { max: LIMITS.sectionField });
      });
      if (block.accessory !== undefined) {
        checkElement(block.accessory, `${pointer}/accessory`, "accessory", actionIds, context);
      }
      return;
    }
    case "header":
      checker.text(block, pointer, "text", {
        required: true,
        plainOnly: true,
        max: LIMITS.headerText,
      });
      return;
    case "divider":
      return;
    case "context": {
      const elements = checker.array(block, pointer, "elements", {
        required: true,
        max: LIMITS.contextElements,
        min: 1,
      });
      elements?.forEach((element, index) => {
        const here = `${pointer}/elements/${index}`;
        if (isObject(element) && (element.type === "plain_text" || element.type === "mrkdwn")) {
          checker.textObject(element, here, { max: LIMITS.sectionText });
        } else {
          checkElement(element, here, "context", actionIds, context);
        }
      });
      return;
    }
    case "actions": {
      const elements = checker.array(block, pointer, "elements", {
        required: true,
        max: LIMITS.actionsElements,
        min: 1,
      });
      elements?.forEach((element, index) => {
        checkElement(element, `${pointer}/elements/${index}`, "actions", actionIds, context);
      });
      return;
    }
    case "input": {
      checker.text(block, pointer, "label", { required: true, plainOnly: true, max: LIMITS.label });
      checker.text(block, pointer, "hint", { plainOnly: true, max: LIMITS.hint });
      checker.boolean(block, pointer, "optional");
      const dispatch = checker.boolean(block, pointer, "dispatch_action");
      if (block.element === undefined) {
        checker.add(pointer, "missing required field: element");
        return;
      }
      checkElement(block.element, `${pointer}/element`, "input", actionIds, context);
      if (dispatch && isObject(block.element) && block.element.type === "file_input") {
        checker.add(`${pointer}/dispatch_action`, "unsupported type: file_input cannot dispatch actions");
      }
      return;
    }
    case "image":
      checkImage(block, pointer, checker);
      checker.text(block, pointer, "title", { plainOnly: true, max: LIMITS.altText });
      return;
    case "markdown":
      checker.string(block, pointer, "text", { required: true, max: LIMITS.markdownText, min: 1 });
      return;
    case "rich_text":
      checker.array(block, pointer, "elements", { required: true, max: Number.POSITIVE_INFINITY });
      return;
    default:
      if (!BLOCK_TYPES_ACCEPTED_UNCHECKED.has(String(block.type))) {
        checker.add(`${pointer}/type`, `unsupported type: ${String(block.type)}`);
      }
  }
}

function checkBlocks(
  owner: Record<string, unknown>,
  pointer: string,
  key: string,
  maxBlocks: number,
  checker: Checker,
): unknown[] {
  const blocks = checker.array(owner, pointer, key, { required: true, max: maxBlocks });
  if (!blocks) return [];
  const context: BlockContext = { checker, blockIds: new Set(), focusCount: { value: 0 } };
  blocks.forEach((block, index) => {
    const here = `${pointer}/${key}/${index}`;
    if (!isObject(block)) {
      checker.add(here, "must provide an object");
      return;
    }
    if (typeof block.type !== "string") {
      checker.add(here, "missing required field: type");
      return;
    }
    const blockId = checker.string(block, here, "block_id", { max: LIMITS.blockId, min: 1 });
    if (blockId !== undefined) {
      if (context.blockIds.has(blockId)) checker.add(`${here}/block_id`, `duplicate block_id: ${blockId}`);
      context.blockIds.add(blockId);
    }
    checkBlock(block, here, context);
  });
  return blocks;
}

export type ViewSurface = "modal" | "home";

/** Problems with a `view` argument (`views.open/push/update/publish`, `response_action` update/push). */
export function validateView(view: unknown, surface: ViewSurface, pointer = "/view"): BlockKitProblem[] {
  const checker = new Checker();
  if (!isObject(view)) {
    checker.add(pointer, "must provide an object");
    return checker.problems;
  }
  if (view.type === undefined) checker.add(pointer, "missing required field: type");
  else if (view.type !== surface)
    checker.add(`${pointer}/type`, `must be one of the following values: ${surface}`);
  if (surface === "modal") {
    checker.text(view, pointer, "title", { required: true, plainOnly: true, max: LIMITS.viewTitle });
    checker.text(view, pointer, "submit", { plainOnly: true, max: LIMITS.viewTitle });
    checker.text(view, pointer, "close", { plainOnly: true, max: LIMITS.viewTitle });
  }
  const maxBlocks = surface === "modal" ? LIMITS.modalBlocks : LIMITS.homeBlocks;
  const blocks = checkBlocks(view, pointer, "blocks", maxBlocks, checker);
  checker.string(view, pointer, "private_metadata", { max: LIMITS.privateMetadata });
  checker.string(view, pointer, "callback_id", { max: LIMITS.callbackId });
  checker.string(view, pointer, "external_id", { max: LIMITS.externalId });
  checker.boolean(view, pointer, "clear_on_close");
  checker.boolean(view, pointer, "notify_on_close");
  checker.boolean(view, pointer, "submit_disabled");
  if (surface === "modal" && view.submit === undefined) {
    const inputIndex = blocks.findIndex((block) => isObject(block) && block.type === "input");
    if (inputIndex >= 0) {
      // The pointer is the one Slack reports for this rule.
      checker.add(
        `${pointer}/blocks/${inputIndex}/input`,
        "must define `submit` to use an `input` block in modals",
      );
    }
  }
  return checker.problems;
}

/** Problems with a message's `blocks` argument (`chat.postMessage/update/postEphemeral`). */
export function validateMessageBlocks(blocks: unknown, pointer = ""): BlockKitProblem[] {
  const checker = new Checker();
  checkBlocks({ blocks }, pointer, "blocks", LIMITS.messageBlocks, checker);
  return checker.problems;
}

/** Whether an element has an `action_id` and sends `block_actions` (images, for one, do not). */
export function isInteractiveElement(element: Record<string, unknown>): boolean {
  return typeof element.type === "string" && ELEMENTS[element.type]?.interactive === true;
}
