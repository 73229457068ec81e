import { ResendOrderRequest } from "@fakturabot/schema";
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import type { Messages } from "../../i18n/index.js";
import { normaliseCountryCode, normaliseEmail, normaliseMobile } from "../../invoice-form/normalise.js";
import { schemaPredicate } from "../../invoice-form/phrases.js";
import type { ActionOutcome } from "../../orders/lifecycle.js";
import { getInTeam } from "../../orders/team-scope.js";
import { personMessages } from "../../services/locales.js";
import { escapeMrkdwn } from "../../views/block-kit.js";
import { RESEND_IDS } from "../../views/ids.js";
import { noticeModal } from "../../views/order-action-modals.js";
import { mayAct } from "../access.js";
import { refusalText } from "../actions/order-action.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Front Payment's 400 keys for Resend, said plainly. */
function conflicts(t: Messages): Record<string, string> {
  return {
    orderStatusAlreadyPaid: t.orderActions.paidNoLink,
    orderStatusAlreadyCancelled: t.orderActions.cancelledNoLink,
  };
}

/** Where to send the link, checked: `errors` by block id when something is wrong. */
export function readResendForm(
  t: Messages,
  values: Args["view"]["state"]["values"],
): { ok: true; to: ResendOrderRequest } | { ok: false; errors: Record<string, string> } {
  const words = t.orderActions;
  const typed = (ids: { block: string; action: string }) =>
    values[ids.block]?.[ids.action]?.value ?? undefined;
  const email = normaliseEmail(typed(RESEND_IDS.email));
  const mobileTyped = typed(RESEND_IDS.mobile);
  const countryCode = normaliseCountryCode(typed(RESEND_IDS.countryCode)) ?? "+47";
  const msisdn = normaliseMobile(mobileTyped ?? undefined, countryCode);
  const errors: Record<string, string> = {};
  if (!email && !msisdn) {
    errors[RESEND_IDS.email.block] = words.emailOrMobile;
    return { ok: false, errors };
  }
  const to = { ...(email ? { email } : {}), ...(msisdn ? { countryCode, msisdn } : {}) };
  const parsed = ResendOrderRequest.safeParse(to);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      const block =
        field === "email"
          ? RESEND_IDS.email
          : field === "countryCode"
            ? RESEND_IDS.countryCode
            : RESEND_IDS.mobile;
      const name =
        field === "email" ? t.common.email : field === "countryCode" ? t.common.countryCode : words.mobile;
      errors[block.block] ??= `${name} ${schemaPredicate(t, issue.message) ?? issue.message}`;
    }
  }
  if (countryCode === "+47" && msisdn && msisdn.length !== 8)
    errors[RESEND_IDS.mobile.block] = words.mobileNorway;
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, to: parsed.data ?? to };
}

/** Where the link went, for the person who sent it. */
function whereItWent(t: Messages, to: ResendOrderRequest): string {
  const words = t.orderActions;
  return [
    to.email ? words.byEmail({ to: escapeMrkdwn(to.email) }) : null,
    to.msisdn ? words.bySms({ to: escapeMrkdwn(`${to.countryCode} ${to.msisdn}`) }) : null,
  ]
    .filter(Boolean)
    .join(` ${t.common.and} `);
}

function outcomeText(t: Messages, outcome: ActionOutcome, to: ResendOrderRequest): string {
  const words = t.orderActions;
  switch (outcome.kind) {
    case "done":
      return words.linkSentText({ where: whereItWent(t, to) });
    case "failed":
      return `${words.linkNotSent} ${conflicts(t)[outcome.messageKey ?? ""] ?? words.frontPaymentRefused({ message: outcome.message })}`;
    default:
      return words.linkNotSent;
  }
}

/** "Send link again" submitted: checked, sent through the lifecycle, and where it went said. */
export function resendSubmission(deps: BotDeps) {
  return async ({ ack, body, view, client }: Args) => {
    const t = await personMessages(deps.locales, { teamId: view.team_id, userId: body.user.id });
    const words = t.orderActions;
    const form = readResendForm(t, view.state.values);
    if (!form.ok) {
      await ack({ response_action: "errors", errors: form.errors });
      return;
    }
    const order = await getInTeam(deps.orders, view.team_id, view.private_metadata);
    // The click that opened this form checked the channel; the allowlists are checked again here.
    const who = { userId: body.user.id, channelId: order?.message?.channelId ?? "" };
    if (order?.state !== "created" || !mayAct(deps.access, who, order, "resend")) {
      await ack({
        response_action: "update",
        view: noticeModal(t, words.notSent, words.mayNotResend),
      });
      return;
    }
    const refusal = deps.orders.actionRefusal(order, "resend");
    if (refusal) {
      await ack({
        response_action: "update",
        view: noticeModal(t, words.notSent, refusalText(t, order, "resend", refusal)),
      });
      return;
    }
    await ack({
      response_action: "update",
      view: noticeModal(t, words.sending, words.askingToResend),
    });
    const outcome = await deps.orders.resend(order, form.to, body.user.id);
    await client.views.update({
      view_id: view.id,
      view: noticeModal(
        t,
        outcome.kind === "done" ? words.linkSent : words.notSent,
        outcomeText(t, outcome, form.to),
      ),
    });
  };
}
