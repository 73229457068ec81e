import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { messagesFor } from "../../i18n/index.js";
import { helpMessage, notAllowedText } from "../../views/help.js";
import { accessProblem } from "../access.js";
import { openCancelDialog } from "./cancel.js";
import { orderListPage } from "./list.js";
import { openInvoiceModal } from "./new-invoice.js";
import { commandProblemText, parseInvoiceCommand } from "./parse-command.js";
import { orderStatusText } from "./status.js";

/** `/invoice [text]`, `/invoice status|cancel <order>`, `/invoice list …`, `/invoice help`. */
export function invoiceCommand(deps: BotDeps) {
  return async ({ command, ack, client, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    // Only the person who typed it reads the answer: in their language.
    const words = async () => messagesFor(await deps.locales.forPerson(command.team_id, command.user_id));
    const problem = accessProblem(deps.access, { userId: command.user_id, channelId: command.channel_id });
    if (problem) {
      await ack({ response_type: "ephemeral", text: notAllowedText(await words(), problem) });
      return;
    }
    const parsed = parseInvoiceCommand(command.text);
    if (parsed.kind === "new") {
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
    }
    const t = await words();
    switch (parsed.kind) {
      case "help":
        await ack({ response_type: "ephemeral", ...helpMessage(t) });
        return;
      case "unknown":
        await ack({ response_type: "ephemeral", ...helpMessage(t, parsed) });
        return;
      case "list":
        await ack();
        await respond({
          response_type: "ephemeral",
          ...(await orderListPage(
            t,
            deps,
            client,
            { teamId: command.team_id, userId: command.user_id, channelId: command.channel_id },
            { filters: parsed.filters, search: parsed.search },
          )),
        });
        return;
      case "invalid":
        await ack({ response_type: "ephemeral", text: commandProblemText(t, parsed.problem) });
        return;
      case "status":
        await ack();
        await respond({
          response_type: "ephemeral",
          text: await orderStatusText(t, deps, client, parsed.reference, {
            teamId: command.team_id,
            userId: command.user_id,
            channelId: command.channel_id,
          }),
        });
        return;
      case "cancel": {
        await ack();
        const refusal = await openCancelDialog(t, deps, client, {
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
