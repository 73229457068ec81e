import type { KnownBlock } from "./block-kit.js";

const USAGE = [
  "`/invoice` opens a new invoice. Add an email or an amount to fill them in: `/invoice kari@example.no 1500`",
  "`/invoice status <order>` shows where an order is (`ODR…` or our `FB…` reference)",
  "`/invoice cancel <order> [note]` cancels an unpaid order (its creator or an admin)",
  "`/invoice help` shows this",
];

export function helpMessage(): { text: string; blocks: KnownBlock[] } {
  return {
    text: `Fakturabot sends Front Payment Go invoices from Slack.\n${USAGE.join("\n")}`,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: "*Fakturabot* sends Front Payment Go invoices from Slack." },
      },
      { type: "section", text: { type: "mrkdwn", text: USAGE.map((line) => `• ${line}`).join("\n") } },
    ],
  };
}

/** For someone the allowlists leave out: polite, and says whom to ask. */
export function notAllowedText(reason: "user" | "channel"): string {
  return reason === "user"
    ? "Sorry, you can't send invoices with Fakturabot yet. Ask your Slack admin to add you."
    : "Sorry, Fakturabot isn't enabled in this channel. Try a channel where invoices are sent, or ask your Slack admin.";
}
