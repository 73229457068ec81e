/**
 * Block Kit validation with Slack's limits (see shared/reference/slack-platform.md §3.3–3.5, §4.1).
 * Each problem carries the JSON pointer Slack reports, so answers read like Slack's own:
 * `[ERROR] must be less than 25 characters [json-pointer:/view/title/text]`.
 */
import { type BlockKitProblem, Checker } from "./checker.js";
import { checkImage, ELEMENTS, type Place } from "./elements.js";
import { LIMITS } from "./limits.js";
import { isObject } from "./walk.js";

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
