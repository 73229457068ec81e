/**
 * Building DOM from data without ever parsing it as HTML: text goes in as text nodes and
 * attributes through setAttribute, so nothing a bot, a customer or Front Payment wrote can run.
 */

/**
 * `h("button", { class: "primary", onclick: send }, "Send")`. Props starting with `on` are event
 * listeners; `false`, `null` and `undefined` props are left out; `true` sets an empty attribute.
 * Children are nodes, strings (as text) or arrays of them; `null`/`false` children are skipped.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "value") {
      element.value = value;
    } else if (name === "checked" || name === "selected") {
      element[name] = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return parent;
}

/** Replaces what `parent` holds. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** Only web and mail links: a `javascript:` or `data:` URL from data becomes plain text instead. */
export function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return ["http:", "https:", "mailto:"].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** An id usable in `for` and `aria-describedby`, from parts that may hold any characters. */
export function domId(...parts) {
  return parts.map((part) => String(part).replace(/[^\w-]/g, (c) => `_${c.charCodeAt(0)}`)).join("--");
}
