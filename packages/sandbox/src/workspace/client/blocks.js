/**
 * Block Kit blocks as Slack's client lays them out: section (text, fields, accessory), header,
 * divider, context, actions, input (label, hint, the error under the field) and image. Any other
 * block is shown as a visible "unsupported block" note rather than left out.
 */
import { h } from "./dom.js";
import { elementId, isGroup, renderElement } from "./elements.js";
import { plainOf, textObject } from "./mrkdwn.js";

function section(block, ctx) {
  return h(
    "div",
    { class: "block section" },
    h(
      "div",
      { class: "section-main" },
      block.text ? h("div", { class: "text" }, textObject(block.text, ctx.names)) : null,
      Array.isArray(block.fields)
        ? h(
            "div",
            { class: "fields" },
            block.fields.map((field) => h("div", { class: "text" }, textObject(field, ctx.names))),
          )
        : null,
    ),
    block.accessory
      ? h("div", { class: "accessory" }, renderElement(block.accessory, block.block_id, ctx))
      : null,
  );
}

function context(block, ctx) {
  return h(
    "div",
    { class: "block context" },
    (block.elements ?? []).map((element) =>
      element.type === "image"
        ? renderElement(element, block.block_id, ctx)
        : h("span", {}, textObject(element, ctx.names)),
    ),
  );
}

function input(block, ctx) {
  const { element } = block;
  const id = elementId(ctx, block.block_id, element?.action_id);
  const hintId = `${id}--hint`;
  const errorId = `${id}--error`;
  const labelId = `${id}--label`;
  const error = ctx.errors[block.block_id];
  const describedBy = [error ? errorId : null, block.hint ? hintId : null].filter(Boolean).join(" ");
  const aria = {
    "aria-describedby": describedBy || undefined,
    "aria-invalid": error ? "true" : undefined,
    "aria-required": block.optional ? undefined : "true",
  };
  if (isGroup(element)) aria["aria-labelledby"] = labelId;
  const label = [
    plainOf(block.label),
    block.optional ? h("span", { class: "optional" }, " (optional)") : null,
  ];
  return h(
    "div",
    { class: `block input${error ? " has-error" : ""}`, "data-block-id": block.block_id },
    isGroup(element)
      ? h("span", { class: "label", id: labelId }, label)
      : h("label", { class: "label", for: id, id: labelId }, label),
    renderElement(element, block.block_id, ctx, aria),
    error
      ? h("p", { class: "field-error", id: errorId }, h("span", { "aria-hidden": "true" }, "⚠ "), error)
      : null,
    block.hint ? h("p", { class: "hint", id: hintId }, plainOf(block.hint)) : null,
  );
}

const BLOCKS = {
  section,
  context,
  input,
  header: (block) => h("h3", { class: "block header" }, plainOf(block.text)),
  divider: () => h("hr", { class: "block divider" }),
  actions: (block, ctx) =>
    h(
      "div",
      { class: "block actions" },
      (block.elements ?? []).map((element) => renderElement(element, block.block_id, ctx)),
    ),
  image: (block, ctx) =>
    h(
      "figure",
      { class: "block image" },
      renderElement({ type: "image", alt_text: block.alt_text }, block.block_id, ctx),
      block.title ? h("figcaption", {}, plainOf(block.title)) : null,
    ),
};

/**
 * Blocks as DOM. `ctx`: `names` ({ user(id), channel(id) }), `values` (view.state.values),
 * `errors` (by block id), `scope` (makes ids unique on the page) and `act` (null when the surface
 * cannot be acted on).
 */
export function renderBlocks(blocks, ctx) {
  return (blocks ?? []).map((block) => {
    const render = BLOCKS[block?.type];
    if (render) return render(block, ctx);
    return h(
      "div",
      { class: "block unknown", role: "note" },
      `Unsupported block: `,
      h("code", {}, String(block?.type)),
      " — the local workspace does not render this kind of block; Slack would.",
    );
  });
}
