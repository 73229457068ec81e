/**
 * Block Kit elements as form controls. Each control carries `data-block`, `data-action` and the
 * value the server has (`data-sent`), so the page can tell what the person typed but has not sent
 * yet. Acting on a control calls `ctx.act`: `fill(blockId, actionId, value, { pressEnter })` or
 * `click(blockId, actionId, value)`, which the page sends to the driver.
 */
import { domId, h, safeUrl } from "./dom.js";
import { plainOf, textObject } from "./mrkdwn.js";

/** Elements a person types into; Enter sends a `dispatch_action` input's action. */
export const TYPED = new Set(["plain_text_input", "number_input", "email_text_input", "url_text_input"]);
const INPUT_TYPES = {
  plain_text_input: "text",
  number_input: "text",
  email_text_input: "email",
  url_text_input: "url",
};

export function elementId(ctx, blockId, actionId) {
  return domId(ctx.scope, blockId, actionId);
}

function dataOf(blockId, element) {
  return { "data-block": blockId, "data-action": element.action_id, "data-type": element.type };
}

function typed(element, blockId, ctx, aria) {
  const value = ctx.values[blockId]?.[element.action_id]?.value ?? "";
  const send = (control, pressEnter) => {
    if (!pressEnter && control.value === control.dataset.sent) return;
    control.dataset.sent = control.value;
    ctx.act.fill(blockId, element.action_id, control.value === "" ? null : control.value, { pressEnter });
  };
  const props = {
    ...aria,
    ...dataOf(blockId, element),
    "data-sent": value,
    id: elementId(ctx, blockId, element.action_id),
    value,
    placeholder: element.placeholder ? plainOf(element.placeholder) : undefined,
    maxlength: element.max_length,
    minlength: element.min_length,
    disabled: !ctx.act?.fill,
    onchange: (event) => send(event.currentTarget, false),
    onkeydown: (event) => {
      if (event.key !== "Enter" || event.shiftKey || element.multiline) return;
      event.preventDefault();
      send(event.currentTarget, true);
    },
  };
  if (element.multiline) return h("textarea", { ...props, rows: 4 });
  const numeric = element.type === "number_input";
  return h("input", {
    ...props,
    type: INPUT_TYPES[element.type],
    inputmode: numeric ? (element.is_decimal_allowed ? "decimal" : "numeric") : undefined,
    autocomplete: "off",
  });
}

function optionNode(option, selectedValues) {
  return h(
    "option",
    { value: option.value, selected: selectedValues.includes(option.value) },
    plainOf(option.text),
  );
}

function selectedValues(state) {
  if (!state) return [];
  if (state.selected_option) return [state.selected_option.value];
  return (state.selected_options ?? []).map((option) => option.value);
}

function initialState(element) {
  if (element.initial_option) return { selected_option: element.initial_option };
  return element.initial_options ? { selected_options: element.initial_options } : undefined;
}

function select(element, blockId, ctx, aria) {
  const multiple = element.type === "multi_static_select";
  // Outside a modal's inputs (App Home) there is no view state: the select shows its initial option.
  const chosen = selectedValues(ctx.values[blockId]?.[element.action_id] ?? initialState(element));
  const options = (list) => (list ?? []).map((option) => optionNode(option, chosen));
  const placeholder = element.placeholder ? plainOf(element.placeholder) : "Select an option";
  return h(
    "select",
    {
      ...aria,
      ...dataOf(blockId, element),
      id: elementId(ctx, blockId, element.action_id),
      multiple,
      disabled: !ctx.act?.fill,
      onchange: (event) => {
        const picked = [...event.currentTarget.selectedOptions].map((option) => option.value).filter(Boolean);
        ctx.act.fill(blockId, element.action_id, multiple ? picked : (picked[0] ?? null));
      },
    },
    multiple ? null : h("option", { value: "", selected: chosen.length === 0 }, placeholder),
    options(element.options),
    (element.option_groups ?? []).map((group) =>
      h("optgroup", { label: plainOf(group.label) }, options(group.options)),
    ),
  );
}

/**
 * A search-as-you-type select: what is typed goes to the app as an options request (from
 * `min_query_length`, 3 unless set), and its answer is listed to pick from.
 */
function externalSelect(element, blockId, ctx, aria) {
  const id = elementId(ctx, blockId, element.action_id);
  const chosen = ctx.values[blockId]?.[element.action_id]?.selected_option;
  const offered = ctx.suggested?.[blockId]?.[element.action_id] ?? [];
  const minimum = typeof element.min_query_length === "number" ? element.min_query_length : 3;
  const list = h(
    "ul",
    { id: `${id}-options`, role: "listbox", class: "suggestions" },
    offered.map((option) =>
      h(
        "li",
        {
          role: "option",
          tabindex: "0",
          "aria-selected": chosen?.value === option.value ? "true" : "false",
          onclick: () => ctx.act.fill(blockId, element.action_id, option.value),
          onkeydown: (event) => {
            if (event.key === "Enter") ctx.act.fill(blockId, element.action_id, option.value);
          },
        },
        plainOf(option.text),
        option.description ? h("small", {}, ` ${plainOf(option.description)}`) : null,
      ),
    ),
  );
  const search = h("input", {
    ...aria,
    ...dataOf(blockId, element),
    id,
    type: "search",
    role: "combobox",
    "aria-controls": `${id}-options`,
    "aria-expanded": offered.length > 0 ? "true" : "false",
    "aria-label": element.placeholder ? plainOf(element.placeholder) : "Search",
    placeholder: element.placeholder ? plainOf(element.placeholder) : "Search",
    value: chosen ? plainOf(chosen.text) : "",
    autocomplete: "off",
    disabled: !ctx.act?.suggest,
    onkeydown: (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      const query = event.currentTarget.value;
      if (query.length >= minimum) ctx.act.suggest(blockId, element.action_id, query);
    },
  });
  return h("div", { class: "external-select" }, search, list);
}

function choices(element, blockId, ctx, aria) {
  const radio = element.type === "radio_buttons";
  const chosen = selectedValues(ctx.values[blockId]?.[element.action_id]);
  const name = elementId(ctx, blockId, element.action_id);
  return h(
    "div",
    {
      ...aria,
      ...dataOf(blockId, element),
      class: "choices",
      role: radio ? "radiogroup" : "group",
      id: name,
    },
    (element.options ?? []).map((option, index) =>
      h(
        "label",
        { class: "choice" },
        h("input", {
          type: radio ? "radio" : "checkbox",
          name,
          value: option.value,
          checked: chosen.includes(option.value),
          disabled: !ctx.act?.fill,
          "data-block": blockId,
          "data-action": element.action_id,
          "data-index": index,
          onchange: (event) => {
            const group = event.currentTarget.closest(".choices");
            const picked = [...group.querySelectorAll("input:checked")].map((input) => input.value);
            ctx.act.fill(blockId, element.action_id, radio ? (picked[0] ?? null) : picked);
          },
        }),
        h(
          "span",
          { class: "choice-text" },
          textObject(option.text, ctx.names),
          option.description
            ? h("span", { class: "choice-description" }, textObject(option.description, ctx.names))
            : null,
        ),
      ),
    ),
  );
}

function picker(element, blockId, ctx, aria) {
  const state = ctx.values[blockId]?.[element.action_id];
  const isDate = element.type === "datepicker";
  return h("input", {
    ...aria,
    ...dataOf(blockId, element),
    id: elementId(ctx, blockId, element.action_id),
    type: isDate ? "date" : "time",
    value: (isDate ? state?.selected_date : state?.selected_time) ?? "",
    disabled: !ctx.act?.fill,
    onchange: (event) => ctx.act.fill(blockId, element.action_id, event.currentTarget.value || null),
  });
}

/** A Slack confirmation dialog; `onConfirm` runs only when the person confirms. */
function confirmThen(confirm, names, onConfirm) {
  const dialog = h(
    "dialog",
    { class: "confirm", "aria-labelledby": "confirm-title" },
    h("h2", { id: "confirm-title" }, plainOf(confirm.title) || "Are you sure?"),
    h("div", { class: "confirm-text" }, textObject(confirm.text, names)),
    h(
      "form",
      { method: "dialog", class: "confirm-buttons" },
      h("button", { value: "deny", class: "button" }, plainOf(confirm.deny) || "Cancel"),
      h(
        "button",
        { value: "confirm", class: `button ${confirm.style === "danger" ? "danger" : "primary"}` },
        plainOf(confirm.confirm) || "Yes",
      ),
    ),
  );
  dialog.addEventListener("close", () => {
    dialog.remove();
    if (dialog.returnValue === "confirm") onConfirm();
  });
  document.body.append(dialog);
  dialog.showModal();
}

function button(element, blockId, ctx) {
  const click = () => ctx.act.click(blockId, element.action_id, element.value);
  const props = {
    ...dataOf(blockId, element),
    class: ["button", element.style].filter(Boolean).join(" "),
    "data-value": element.value,
    "aria-label": element.accessibility_label,
  };
  const href = element.url ? safeUrl(element.url) : undefined;
  if (href)
    return h(
      "a",
      {
        ...props,
        href,
        target: "_blank",
        rel: "noopener noreferrer",
        onclick: () => ctx.act?.click && click(),
      },
      plainOf(element.text),
    );
  return h(
    "button",
    {
      ...props,
      type: "button",
      disabled: !ctx.act?.click,
      onclick: () => (element.confirm ? confirmThen(element.confirm, ctx.names, click) : click()),
    },
    plainOf(element.text),
  );
}

function overflow(element, blockId, ctx) {
  return h(
    "select",
    {
      ...dataOf(blockId, element),
      class: "overflow",
      "aria-label": "More actions",
      disabled: !ctx.act?.fill,
      onchange: (event) => ctx.act.fill(blockId, element.action_id, event.currentTarget.value),
    },
    h("option", { value: "" }, "⋯"),
    (element.options ?? []).map((option) => h("option", { value: option.value }, plainOf(option.text))),
  );
}

function image(element) {
  // Images live on other hosts, which this page does not load: show what they show.
  return h(
    "span",
    { class: "image-alt", role: "img", "aria-label": element.alt_text ?? "image" },
    `🖼 ${element.alt_text ?? ""}`,
  );
}

const RENDERERS = {
  plain_text_input: typed,
  number_input: typed,
  email_text_input: typed,
  url_text_input: typed,
  static_select: select,
  multi_static_select: select,
  external_select: externalSelect,
  radio_buttons: choices,
  checkboxes: choices,
  datepicker: picker,
  timepicker: picker,
  button,
  overflow,
  image,
};

/**
 * An element as a control. `aria` holds the input block's labelling (`aria-describedby`,
 * `aria-invalid`, `aria-required`). An element this page does not know is shown as such.
 */
export function renderElement(element, blockId, ctx, aria = {}) {
  const render = RENDERERS[element?.type];
  if (render) return render(element, blockId, ctx, aria);
  return h("span", { class: "unknown", role: "note" }, `Unsupported element: ${String(element?.type)}`);
}

/** Radio buttons and checkboxes are groups, labelled by a legend rather than a label. */
export function isGroup(element) {
  return element?.type === "radio_buttons" || element?.type === "checkboxes";
}
