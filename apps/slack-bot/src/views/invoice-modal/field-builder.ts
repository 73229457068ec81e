import type { Messages } from "../../i18n/index.js";
import { formDefaults } from "../../invoice-form/defaults.js";
import { BLOCK_IDS, type FormField, fieldActionId } from "../../invoice-form/ids.js";
import { fieldNames, nameFieldName } from "../../invoice-form/labels.js";
import { isPlainDecimal, normaliseDecimal } from "../../invoice-form/normalise.js";
import { type InputBlock, type InputBlockElement, plainText, truncate } from "../block-kit.js";
import type { InvoiceModalOptions } from "./modal-options.js";

const ENTER_TO_RECALCULATE = { trigger_actions_on: ["on_enter_pressed" as const] };

/**
 * A field's error is a sentence under the field; bounding it keeps the view far below Slack's
 * 250 kB even with an error under every input.
 */
const MAX_FIELD_ERROR_LENGTH = 300;

/**
 * A plain-text input that accepts at most `maxLength` characters. Slack refuses a view whose
 * starting value is longer, so a longer one (from a stored order or a prefill) is cut to fit; the
 * field then says so ({@link cutNote}), never silently.
 */
export function textElement(
  actionId: string,
  {
    value,
    placeholder,
    maxLength,
    dispatchOnEnter,
  }: { value: string | undefined; placeholder?: string; maxLength: number; dispatchOnEnter?: boolean },
): InputBlockElement {
  return {
    type: "plain_text_input",
    action_id: actionId,
    max_length: maxLength,
    ...(value ? { initial_value: value.slice(0, maxLength) } : {}),
    ...(placeholder ? { placeholder: plainText(placeholder) } : {}),
    ...(dispatchOnEnter ? { dispatch_action_config: ENTER_TO_RECALCULATE } : {}),
  };
}

/** What a field says when its starting value did not fit its limit, or undefined when it did. */
export function cutNote(t: Messages, value: string | undefined, maxLength: number): string | undefined {
  return value !== undefined && value.length > maxLength
    ? t.invoiceModal.cutNote({ length: value.length, max: maxLength })
    : undefined;
}

/** A number as a number input's `initial_value`: only a plain decimal is accepted by Slack. */
function numberValue(text: string | undefined): string | undefined {
  const value = normaliseDecimal(text);
  return value !== undefined && isPlainDecimal(value) ? value : undefined;
}

interface InputSpec {
  blockId: string;
  label: string;
  element: InputBlockElement;
  hint?: string;
  optional?: boolean;
  /** Interacting with the element sends `block_actions` (totals, customer type). */
  dispatch?: boolean;
}

export type FieldBuilder = ReturnType<typeof fieldBuilder>;

/**
 * The form's input builder for one view: knows the errors to show and the values to start with.
 * Every section builds its inputs with it.
 */
export function fieldBuilder(t: Messages, options: InvoiceModalOptions) {
  const { metadata, initial = {}, fieldErrors = {} } = options;
  const defaults = formDefaults(options.defaults);
  const names = fieldNames(t);

  function input({ blockId, label, element, hint, optional, dispatch }: InputSpec): InputBlock {
    const error = fieldErrors[blockId];
    const note = error ? `⚠️ ${truncate(error, MAX_FIELD_ERROR_LENGTH)}` : hint;
    return {
      type: "input",
      block_id: blockId,
      label: plainText(truncate(label, 2000)),
      element,
      ...(note ? { hint: plainText(truncate(note, 2000)) } : {}),
      ...(optional ? { optional: true } : {}),
      ...(dispatch ? { dispatch_action: true } : {}),
    };
  }

  function textInput(
    field: Exclude<FormField, "customerType" | "invoiceOptions">,
    spec: {
      placeholder?: string;
      hint?: string;
      optional?: boolean;
      maxLength: number;
      initial?: string;
      /** Pressing Enter sends `block_actions` (the organisation number's register look-up). */
      dispatch?: boolean;
    },
  ): InputBlock {
    const value = initial[field] ?? spec.initial;
    const hint = cutNote(t, value, spec.maxLength) ?? spec.hint;
    return input({
      blockId: BLOCK_IDS[field],
      label: field === "name" ? nameFieldName(t, metadata.customerType) : names[field],
      element: textElement(fieldActionId(field, metadata.fills), {
        ...spec,
        value,
        ...(spec.dispatch ? { dispatchOnEnter: true } : {}),
      }),
      ...(spec.dispatch ? { dispatch: true } : {}),
      ...(hint ? { hint } : {}),
      ...(spec.optional ? { optional: true } : {}),
    });
  }

  function numberInput(
    blockId: string,
    label: string,
    actionId: string,
    spec: {
      value?: string;
      decimals: boolean;
      /** The largest number it accepts (`max_value`), so nothing typed can overflow a total. */
      max: number;
      optional?: boolean;
      placeholder?: string;
      dispatch?: boolean;
      hint?: string;
    },
  ): InputBlock {
    const value = numberValue(spec.value);
    return input({
      blockId,
      label,
      ...(spec.optional ? { optional: true } : {}),
      ...(spec.dispatch ? { dispatch: true } : {}),
      ...(spec.hint ? { hint: spec.hint } : {}),
      element: {
        type: "number_input",
        action_id: actionId,
        is_decimal_allowed: spec.decimals,
        min_value: "0",
        max_value: String(spec.max),
        ...(value ? { initial_value: value } : {}),
        ...(spec.placeholder ? { placeholder: plainText(spec.placeholder) } : {}),
        ...(spec.dispatch ? { dispatch_action_config: ENTER_TO_RECALCULATE } : {}),
      },
    });
  }

  return { t, names, metadata, initial, defaults, input, textInput, numberInput };
}
