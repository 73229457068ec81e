/** Block elements: where each may appear and the limits Slack holds it to. */
import type { Checker } from "./checker.js";
import { LIMITS } from "./limits.js";
import { type ElementPlace, isObject } from "./walk.js";

export type Place = ElementPlace | "context";

export interface ElementSpec {
  places: readonly Place[];
  /** Has an `action_id` and sends `block_actions`. */
  interactive: boolean;
  check?: (element: Record<string, unknown>, pointer: string, checker: Checker) => void;
}

const ANYWHERE: readonly Place[] = ["input", "actions", "accessory"];

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

/** A static select's options, whether given flat or in groups. */
const SELECT_OPTIONS: OptionRule = { required: true, max: LIMITS.selectOptions, min: 1 };

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
    offered = checkOptions(element, pointer, "options", SELECT_OPTIONS, checker);
  } else {
    const groups = checker.array(element, pointer, "option_groups", SELECT_OPTIONS);
    groups?.forEach((group, index) => {
      const here = `${pointer}/option_groups/${index}`;
      if (!isObject(group)) {
        checker.add(here, "must provide an object");
        return;
      }
      checker.text(group, here, "label", { required: true, plainOnly: true, max: LIMITS.optionText });
      offered.push(...checkOptions(group, here, "options", SELECT_OPTIONS, checker));
    });
  }
  checkInitialOptions(element, pointer, offered, checker);
  if (element.type === "multi_static_select") checkMaxSelected(element, pointer, checker);
}

function checkMaxSelected(element: Record<string, unknown>, pointer: string, checker: Checker): void {
  checker.integer(element, pointer, "max_selected_items", { min: 1 });
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

/** A date or time picker whose `initialKey`, if given, is a valid `what` written as `format`. */
function pickerWithInitial(
  initialKey: string,
  what: string,
  format: string,
  isValid: (text: string) => boolean,
): ElementSpec {
  return {
    places: ANYWHERE,
    interactive: true,
    check(element, pointer, checker) {
      checkPlaceholder(element, pointer, checker);
      checkConfirm(element, pointer, checker);
      const initial = checker.string(element, pointer, initialKey, { max: format.length });
      if (initial !== undefined && !isValid(initial)) {
        checker.add(`${pointer}/${initialKey}`, `must be a ${what} in the format ${format}`);
      }
    },
  };
}

/** A single-line input of a kind (email, URL) whose `initial_value` Slack caps at `maxInitial` characters. */
function textInput(maxInitial: number): ElementSpec {
  return {
    places: ["input"],
    interactive: true,
    check(element, pointer, checker) {
      checkPlaceholder(element, pointer, checker);
      checker.string(element, pointer, "initial_value", { max: maxInitial });
      checkDispatchConfig(element, pointer, checker);
    },
  };
}

export const ELEMENTS: Record<string, ElementSpec> = {
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
  datepicker: pickerWithInitial("initial_date", "date", "YYYY-MM-DD", isCalendarDate),
  timepicker: pickerWithInitial("initial_time", "time", "HH:mm", (text) => TIME.test(text)),
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
      checker.integer(element, pointer, "min_length", { min: 0, max: 3000 });
      checker.integer(element, pointer, "max_length", { min: 1, max: 3000 });
      const min = element.min_length;
      const max = element.max_length;
      if (typeof min === "number" && typeof max === "number" && min > max) {
        checker.add(`${pointer}/min_length`, "must be less than or equal to max_length");
      }
      checker.string(element, pointer, "initial_value", {
        max: typeof max === "number" ? max : LIMITS.textInputLength,
      });
      checkDispatchConfig(element, pointer, checker);
    },
  },
  email_text_input: textInput(320),
  url_text_input: textInput(LIMITS.url),
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
      checker.integer(element, pointer, "max_files", { min: 1, max: 10 });
    },
  },
  image: {
    places: ["accessory", "context"],
    interactive: false,
    check: checkImage,
  },
};

export function checkImage(element: Record<string, unknown>, pointer: string, checker: Checker): void {
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

export function isInteractiveElement(element: Record<string, unknown>): boolean {
  return typeof element.type === "string" && ELEMENTS[element.type]?.interactive === true;
}
