import { escapeMrkdwn } from "../../views/block-kit.js";

/** What someone asked for with `/invoice …`. */
export type InvoiceCommand =
  | { kind: "new"; text: string }
  | { kind: "help" }
  | { kind: "status"; reference: string }
  | { kind: "cancel"; reference: string; note: string }
  | { kind: "invalid"; message: string };

/** Front Payment's `ODR…` ids and our `FB…` references. */
const ORDER_REFERENCE = /^(ODR\d+|FB[0-9A-Z]+)$/i;

export function parseInvoiceCommand(text: string): InvoiceCommand {
  const trimmed = text.trim();
  const [word = "", reference = "", ...rest] = trimmed.split(/\s+/);
  switch (word.toLowerCase()) {
    case "help":
    case "?":
      return { kind: "help" };
    case "status":
    case "cancel": {
      if (!reference) {
        return {
          kind: "invalid",
          message: `Which order? Try \`/invoice ${word.toLowerCase()} ODR4286244937\`.`,
        };
      }
      if (!ORDER_REFERENCE.test(reference)) {
        return {
          kind: "invalid",
          message: `\`${escapeMrkdwn(reference)}\` is not an order id. Use the Front Payment order (\`ODR…\`) or our reference (\`FB…\`) from the invoice message.`,
        };
      }
      const normalized = reference.toUpperCase();
      return word.toLowerCase() === "status"
        ? { kind: "status", reference: normalized }
        : { kind: "cancel", reference: normalized, note: rest.join(" ") };
    }
    default:
      return { kind: "new", text: trimmed };
  }
}
