import { parseKroner } from "@fakturabot/schema";
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { getInTeam } from "../../orders/team-scope.js";
import {
  noticeModal,
  REFUND_IDS,
  type RefundPlan,
  readRefundPlan,
  refundConfirmModal,
  refundLineBlockId,
} from "../../views/order-action-modals.js";
import { money } from "../../views/order-words.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The refund form read against what is left of each line (carried by the form): everything left,
 * or the amounts typed, each at most what is left of its line. `errors` by block id otherwise.
 */
export function readRefundForm(
  values: Args["view"]["state"]["values"],
  left: RefundPlan,
): { ok: true; plan: RefundPlan } | { ok: false; errors: Record<string, string> } {
  const scope = values[REFUND_IDS.scope.block]?.[REFUND_IDS.scope.action]?.selected_option?.value;
  if (scope !== "lines") return { ok: true, plan: left };
  const errors: Record<string, string> = {};
  const lines: RefundPlan["lines"] = [];
  for (const line of left.lines) {
    const block = refundLineBlockId(line.id);
    const typed = values[block]?.[REFUND_IDS.lineAction]?.value?.trim();
    if (!typed) continue;
    const parsed = parseKroner(typed);
    if (!parsed.ok) errors[block] = `The amount ${parsed.message}`;
    else if (parsed.ore > line.amountOre)
      errors[block] = `At most ${money(line.amountOre)} is left of this line.`;
    else if (parsed.ore > 0) lines.push({ id: line.id, amountOre: parsed.ore });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const first = left.lines[0];
  if (lines.length === 0) {
    return {
      ok: false,
      errors: first
        ? { [refundLineBlockId(first.id)]: "Type how much to refund of at least one line." }
        : { [REFUND_IDS.scope.block]: "Nothing is left to refund." },
    };
  }
  return { ok: true, plan: { orderId: left.orderId, lines } };
}

/** The refund form submitted: checked, then the confirmation that states the amount. */
export function refundSubmission(deps: BotDeps) {
  return async ({ ack, view }: Args) => {
    const left = readRefundPlan(view.private_metadata);
    const order = left && (await getInTeam(deps.orders, view.team_id, left.orderId));
    if (!left || !order) {
      await ack({
        response_action: "update",
        view: noticeModal("Not refunded", "Nothing is left to refund."),
      });
      return;
    }
    const form = readRefundForm(view.state.values, left);
    if (!form.ok) {
      await ack({ response_action: "errors", errors: form.errors });
      return;
    }
    await ack({ response_action: "update", view: refundConfirmModal(form.plan, order) });
  };
}
