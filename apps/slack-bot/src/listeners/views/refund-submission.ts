import { parseKroner } from "@fakturabot/schema";
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import type { Messages } from "../../i18n/index.js";
import { numberProblemText } from "../../invoice-form/phrases.js";
import { getInTeam } from "../../orders/team-scope.js";
import { personMessages } from "../../services/locales.js";
import { REFUND_IDS, refundLineBlockId } from "../../views/ids.js";
import {
  noticeModal,
  type RefundPlan,
  readRefundPlan,
  refundConfirmModal,
} from "../../views/order-action-modals.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The refund form read against what is left of each line (carried by the form): everything left,
 * or the amounts typed, each at most what is left of its line. `errors` by block id otherwise.
 */
export function readRefundForm(
  t: Messages,
  values: Args["view"]["state"]["values"],
  left: RefundPlan,
): { ok: true; plan: RefundPlan } | { ok: false; errors: Record<string, string> } {
  const scope = values[REFUND_IDS.scope.block]?.[REFUND_IDS.scope.action]?.selected_option?.value;
  if (scope !== "lines") return { ok: true, plan: left };
  const words = t.orderActions;
  const errors: Record<string, string> = {};
  const lines: RefundPlan["lines"] = [];
  for (const line of left.lines) {
    const block = refundLineBlockId(line.id);
    const typed = values[block]?.[REFUND_IDS.lineAction]?.value?.trim();
    if (!typed) continue;
    const parsed = parseKroner(typed);
    if (!parsed.ok) errors[block] = words.theAmount({ problem: numberProblemText(t, parsed) });
    else if (parsed.ore > line.amountOre)
      errors[block] = words.atMostLeft({ left: t.format.money(line.amountOre) });
    else if (parsed.ore > 0) lines.push({ id: line.id, amountOre: parsed.ore });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const first = left.lines[0];
  if (lines.length === 0) {
    return {
      ok: false,
      errors: first
        ? { [refundLineBlockId(first.id)]: words.typeAnAmount }
        : { [REFUND_IDS.scope.block]: words.nothingLeft },
    };
  }
  return { ok: true, plan: { orderId: left.orderId, lines } };
}

/** The refund form submitted: checked, then the confirmation that states the amount. */
export function refundSubmission(deps: BotDeps) {
  return async ({ ack, body, view }: Args) => {
    const left = readRefundPlan(view.private_metadata);
    const order = left && (await getInTeam(deps.orders, view.team_id, left.orderId));
    const t = await personMessages(deps.locales, { teamId: view.team_id, userId: body.user.id });
    if (!left || !order) {
      await ack({
        response_action: "update",
        view: noticeModal(t, t.orderActions.notRefunded, t.orderActions.nothingLeft),
      });
      return;
    }
    const form = readRefundForm(t, view.state.values, left);
    if (!form.ok) {
      await ack({ response_action: "errors", errors: form.errors });
      return;
    }
    await ack({ response_action: "update", view: refundConfirmModal(t, form.plan, order) });
  };
}
