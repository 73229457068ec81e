import type { types } from "@slack/bolt";
import type { ModalView } from "../src/views/block-kit.js";

/**
 * Slack's limits for a modal view and the blocks and elements our views use
 * (shared/reference/slack-platform.md §3.3–3.5; @slack/types; docs.slack.dev Block Kit pages).
 * Returns one line per broken rule, with the JSON pointer Slack would name, so a test can show
 * every problem at once.
 */
export function slackLimitProblems(view: ModalView): string[] {
  const problems: string[] = [];
  const length = (text: string | undefined, max: number, where: string, min = 0) => {
    const count = [...(text ?? "")].length;
    if (count > max || count < min) problems.push(`${where}: ${count} characters, allowed ${min}..${max}`);
  };
  const text = (object: { text: string } | undefined, max: number, where: string) => {
    if (object) length(object.text, max, `${where}/text`, 1);
  };

  if (view.type !== "modal") problems.push("/type must be modal");
  text(view.title, 24, "/title");
  text(view.submit, 24, "/submit");
  text(view.close, 24, "/close");
  length(view.private_metadata, 3000, "/private_metadata");
  length(view.callback_id, 255, "/callback_id");
  if (view.blocks.length > 100) problems.push(`/blocks: ${view.blocks.length} blocks, allowed 100`);
  if (!view.submit && view.blocks.some((block) => block.type === "input"))
    problems.push("/submit is required with input blocks");
  if (JSON.stringify(view).length > 250_000) problems.push("view_too_large: over 250 kB");

  const blockIds = new Set<string>();
  view.blocks.forEach((anyBlock, index) => {
    const where = `/blocks/${index}`;
    const block = anyBlock as types.KnownBlock;
    if (block.block_id !== undefined) {
      length(block.block_id, 255, `${where}/block_id`, 1);
      if (blockIds.has(block.block_id)) problems.push(`${where}/block_id: duplicate ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case "header":
        text(block.text, 150, `${where}/text`);
        break;
      case "section":
        text(block.text, 3000, `${where}/text`);
        if (block.accessory) element(block.accessory as ElementJson, `${where}/accessory`);
        break;
      case "context":
        if (block.elements.length > 10) problems.push(`${where}/elements: more than 10`);
        block.elements.forEach((item, at) => {
          if ("text" in item) length(item.text, 3000, `${where}/elements/${at}/text`, 1);
        });
        break;
      case "actions":
        if (block.elements.length > 25) problems.push(`${where}/elements: more than 25`);
        block.elements.forEach((item, at) => {
          element(item as ElementJson, `${where}/elements/${at}`);
        });
        break;
      case "input":
        text(block.label, 2000, `${where}/label`);
        text(block.hint, 2000, `${where}/hint`);
        element(block.element as ElementJson, `${where}/element`);
        break;
      case "divider":
        break;
      default:
        problems.push(`${where}/type: ${block.type} is not checked here`);
    }
  });
  return problems;

  function element(item: ElementJson, where: string) {
    length(item.action_id, 255, `${where}/action_id`, 1);
    text(item.placeholder, 150, `${where}/placeholder`);
    if (item.type === "button") {
      text(item.text, 75, `${where}/text`);
      length(item.value, 2000, `${where}/value`);
    }
    if (item.confirm) {
      text(item.confirm.title, 100, `${where}/confirm/title`);
      text(item.confirm.text, 300, `${where}/confirm/text`);
      text(item.confirm.confirm, 30, `${where}/confirm/confirm`);
      text(item.confirm.deny, 30, `${where}/confirm/deny`);
    }
    if (item.type === "number_input") {
      if (typeof item.is_decimal_allowed !== "boolean")
        problems.push(`${where}: is_decimal_allowed is required`);
      for (const key of ["min_value", "max_value", "initial_value"] as const) {
        const value = item[key];
        if (value !== undefined && (typeof value !== "string" || !/^-?\d+(\.\d+)?$/.test(value)))
          problems.push(`${where}/${key}: must be a number written as a string`);
        if (value?.includes(".") && item.is_decimal_allowed === false)
          problems.push(`${where}/${key}: decimals are not allowed`);
      }
    }
    const groups = item.option_groups;
    const options = item.options ?? groups?.flatMap((group) => group.options) ?? [];
    if (item.options && groups) problems.push(`${where}: options and option_groups together`);
    const maxOptions = item.type === "radio_buttons" || item.type === "checkboxes" ? 10 : 100;
    if (item.options && item.options.length > maxOptions)
      problems.push(`${where}/options: ${item.options.length}, allowed ${maxOptions}`);
    if (groups && groups.length > 100) problems.push(`${where}/option_groups: more than 100`);
    groups?.forEach((group, at) => {
      text(group.label, 75, `${where}/option_groups/${at}/label`);
      if (group.options.length > 100) problems.push(`${where}/option_groups/${at}/options: more than 100`);
    });
    options.forEach((option, at) => {
      text(option.text, 75, `${where}/options/${at}/text`);
      length(option.value, 75, `${where}/options/${at}/value`);
    });
    const values = new Set(options.map((option) => option.value));
    if (values.size !== options.length) problems.push(`${where}: option values repeat`);
    for (const initial of [item.initial_option, ...(item.initial_options ?? [])]) {
      if (
        initial &&
        !options.some((option) => option.value === initial.value && option.text.text === initial.text.text)
      )
        problems.push(`${where}: initial option ${initial.value} is not among the options`);
    }
    if (item.initial_options?.length === 0) problems.push(`${where}/initial_options: empty`);
  }
}

interface OptionJson {
  text: { text: string };
  value?: string;
}

/** The fields of any element our views use, loosely typed for checking. */
interface ElementJson {
  type: string;
  action_id?: string;
  placeholder?: { text: string };
  text?: { text: string };
  value?: string;
  confirm?: {
    title?: { text: string };
    text: { text: string };
    confirm?: { text: string };
    deny?: { text: string };
  };
  is_decimal_allowed?: boolean;
  min_value?: string;
  max_value?: string;
  initial_value?: string;
  options?: OptionJson[];
  option_groups?: { label: { text: string }; options: OptionJson[] }[];
  initial_option?: OptionJson;
  initial_options?: OptionJson[];
}
