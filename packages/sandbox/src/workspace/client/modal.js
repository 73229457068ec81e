/**
 * The modal open for the person, drawn from the view Slack holds: title, blocks, Close and Submit.
 * It is redrawn only when the view, its values or its errors change, and a redraw keeps what the
 * person is typing (and where), as Slack's client keeps typed values across `views.update`.
 */
import { renderBlocks } from "./blocks.js";
import { h, replaceChildren } from "./dom.js";
import { TYPED } from "./elements.js";
import { plainOf } from "./mrkdwn.js";

const dialog = h("dialog", {
  class: "modal",
  "aria-labelledby": "modal-title",
  "aria-describedby": "modal-notice",
});

function keyOf(element) {
  if (!element?.dataset?.block) return undefined;
  return [
    element.dataset.block,
    element.dataset.action,
    element.dataset.index ?? element.dataset.value ?? "",
  ].join("\u0000");
}

/** Text the person typed but the server does not have yet, by control. */
function unsent() {
  const typed = new Map();
  for (const control of dialog.querySelectorAll("input[data-sent], textarea[data-sent]")) {
    if (control.value !== control.dataset.sent) typed.set(keyOf(control), control.value);
  }
  return typed;
}

function restore(typed, focused) {
  for (const control of dialog.querySelectorAll("[data-block]")) {
    const key = keyOf(control);
    if (typed.has(key)) control.value = typed.get(key);
    if (focused && key === focused.key) {
      control.focus();
      if (typeof focused.start === "number" && control.setSelectionRange && TYPED.has(control.dataset.type)) {
        control.setSelectionRange(focused.start, focused.end);
      }
    }
  }
}

function footer(view, ui, handlers) {
  return h(
    "footer",
    { class: "modal-footer" },
    h("button", { type: "button", class: "button", onclick: handlers.close }, plainOf(view.close) || "Close"),
    view.submit
      ? h(
          "button",
          {
            type: "button",
            class: "button primary",
            "aria-busy": ui.submitting ? "true" : undefined,
            disabled: ui.submitting,
            onclick: handlers.submit,
          },
          plainOf(view.submit),
        )
      : null,
  );
}

function draw(modal, ui, handlers, names) {
  const { view } = modal;
  const note = ui.note?.viewId === view.id && ui.note.hash === view.hash ? ui.note : undefined;
  const errors = { ...modal.errors, ...(note?.errors ?? {}) };
  const ctx = {
    names,
    values: view.state?.values ?? {},
    suggested: modal.suggested ?? {},
    errors,
    scope: view.id,
    act: handlers,
  };
  replaceChildren(
    dialog,
    h(
      "header",
      { class: "modal-header" },
      modal.depth > 1
        ? h(
            "button",
            { type: "button", class: "icon-button", "aria-label": "Back", onclick: handlers.close },
            "←",
          )
        : null,
      h("h2", { id: "modal-title" }, plainOf(view.title)),
      h(
        "button",
        { type: "button", class: "icon-button", "aria-label": "Close", onclick: handlers.close },
        "✕",
      ),
    ),
    h(
      "div",
      { class: "modal-body" },
      h(
        "p",
        { id: "modal-notice", class: "modal-notice", role: "alert", hidden: !note?.failure },
        note?.failure ?? "",
      ),
      renderBlocks(view.blocks, ctx),
    ),
    footer(view, ui, handlers),
  );
  return errors;
}

let drawn = "";
let shownErrors = "{}";
let currentHandlers;

/**
 * Shows `modal` (or closes the dialog when it is undefined). `ui`: `submitting`, and `note`
 * ({ viewId, hash, errors?, failure? }: what Slack's client itself said about the last submit).
 * `handlers`: `fill`, `click`, `submit`, `close`.
 */
export function syncModal(modal, ui, handlers, names) {
  currentHandlers = handlers;
  if (!dialog.isConnected) {
    document.body.append(dialog);
    dialog.addEventListener("cancel", (event) => {
      // Escape closes the view the way Slack's Close does: through the app, if it asked.
      event.preventDefault();
      currentHandlers.close();
    });
  }
  if (!modal) {
    drawn = "";
    if (dialog.open) dialog.close();
    return;
  }
  const key = JSON.stringify([modal, ui]);
  if (key === drawn) return;
  const opening = !dialog.open || dialog.dataset.modal !== modal.id;
  const typed = unsent();
  const active = document.activeElement;
  const focused = dialog.contains(active)
    ? { key: keyOf(active), start: active.selectionStart, end: active.selectionEnd }
    : undefined;
  const errors = draw(modal, ui, handlers, names);
  drawn = key;
  dialog.dataset.modal = modal.id;
  if (!dialog.open) dialog.showModal();
  restore(typed, opening ? undefined : focused);
  const errorsNow = JSON.stringify(errors);
  if (errorsNow !== shownErrors && Object.keys(errors).length > 0) {
    // As Slack does, take the person to the first field that needs fixing.
    const invalid = dialog.querySelector('[aria-invalid="true"]');
    (invalid?.matches("[role=radiogroup],[role=group]") ? invalid.querySelector("input") : invalid)?.focus();
  } else if (opening) {
    dialog
      .querySelector(".modal-body input, .modal-body select, .modal-body textarea, .modal-body button")
      ?.focus();
  }
  shownErrors = errorsNow;
}
