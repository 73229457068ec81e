import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { helpMessage, notAllowedText } from "../../views/help.js";
import { accessProblem } from "../access.js";
import { openCancelDialog } from "./cancel.js";
import { orderListPage } from "./list.js";
import { openInvoiceModal } from "./new-invoice.js";
import { parseInvoiceCommand } from "./parse-command.js";
import { orderStatusText } from "./status.js";

/** `/invoice [text]`, `/invoice status|cancel <order>`, `/invoice list …`, `/invoice help`. */
export function invoiceCommand(deps: BotDeps) {
  return async ({ command, ack, client, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const problem = accessProblem(deps.access, { userId: command.user_id, channelId: command.channel_id });
    if (problem) {
      await ack({ response_type: "ephemeral", text: notAllowedText(problem) });
      return;
    }
    const parsed = parseInvoiceCommand(command.text);
    switch (parsed.kind) {
      case "new":
        // The trigger expires 3 s after Slack issued it: ack, then open the modal before any other I/O.
        await ack();
        await openInvoiceModal(deps, client, {
          triggerId: command.trigger_id,
          channelId: command.channel_id,
          text: parsed.text,
          teamId: command.team_id,
          userId: command.user_id,
        });
        return;
      case "help":
        await ack({ response_type: "ephemeral", ...helpMessage() });
        return;
      case "unknown":
        await ack({ response_type: "ephemeral", ...helpMessage(parsed) });
        return;
      case "list":
        await ack();
        await respond({
          response_type: "ephemeral",
          ...(await orderListPage(
            deps,
            client,
            { teamId: command.team_id, userId: command.user_id, channelId: command.channel_id },
            { filters: parsed.filters, search: parsed.search },
          )),
        });
        return;
      case "invalid":
        await ack({ response_type: "ephemeral", text: parsed.message });
        return;
      case "status":
        await ack();
        await respond({
          response_type: "ephemeral",
          text: await orderStatusText(deps, client, parsed.reference, {
            teamId: command.team_id,
            userId: command.user_id,
            channelId: command.channel_id,
          }),
        });
        return;
      case "cancel": {
        await ack();
        const refusal = await openCancelDialog(deps, client, {
          reference: parsed.reference,
          note: parsed.note,
          userId: command.user_id,
          teamId: command.team_id,
          triggerId: command.trigger_id,
        });
        if (refusal) await respond({ response_type: "ephemeral", text: refusal });
        return;
      }
    }
  };
}
