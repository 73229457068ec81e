/** The Front Payment sandbox panel: every order, with the customer's and Front Payment's moves. */
import { h, safeUrl } from "./dom.js";

const MONEY = new Intl.NumberFormat("nb-NO", { style: "currency", currency: "NOK" });
const TIME = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const PAYABLE = new Set(["INVOICED", "Purring", "Inkasso"]);

function controls(order, act) {
  const label = (verb) => `${verb}: ${order.customerName}, ${order.uuid}`;
  const control = (verb, control, className = "button") =>
    h(
      "button",
      { type: "button", class: className, "aria-label": label(verb), onclick: () => act(order, control) },
      verb,
    );
  const bankId = order.bankIdUrl ? safeUrl(order.bankIdUrl) : undefined;
  const sent = order.status === "SENT";
  return [
    sent && bankId
      ? h("a", { class: "order-link", href: bankId, target: "_blank", rel: "noopener" }, "BankID page ↗")
      : null,
    sent && bankId ? control("Approve BankID", "approve", "button primary") : null,
    sent && bankId ? control("Reject", "reject") : null,
    PAYABLE.has(order.status) ? control("Mark paid", "pay", "button primary") : null,
    sent ? control("Expire", "expire") : null,
  ].filter(Boolean);
}

/** One order; `act(order, control)` runs approve, reject, pay or expire. */
function renderOrder(order, act) {
  const buttons = controls(order, act);
  return h(
    "li",
    { class: "order", "data-uuid": order.uuid },
    h(
      "div",
      { class: "order-head" },
      h("span", { class: "order-customer" }, order.customerName),
      h("span", { class: `status status-${order.status.replace(/\W/g, "")}` }, order.status),
    ),
    h(
      "p",
      { class: "order-meta" },
      `${MONEY.format(order.amount)} · `,
      h("code", {}, order.uuid),
      order.invoiceNumber ? ` · invoice ${order.invoiceNumber}` : "",
      order.bankIdRejections > 0 ? ` · BankID rejected ${order.bankIdRejections}×` : "",
    ),
    buttons.length > 0 ? h("div", { class: "order-actions" }, buttons) : null,
    h(
      "ol",
      { class: "history", "aria-label": "Status history" },
      order.history.map((entry) =>
        h("li", {}, `${entry.status} `, h("time", {}, TIME.format(new Date(entry.at)))),
      ),
    ),
  );
}

export function renderOrders(orders, act) {
  if (orders.length === 0)
    return [
      h("p", { class: "empty" }, "No orders yet. Type /invoice in #sales and send one: it shows up here."),
    ];
  return [
    h(
      "ol",
      { class: "orders" },
      [...orders].reverse().map((order) => renderOrder(order, act)),
    ),
  ];
}
