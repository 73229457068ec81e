import { ResendOrderRequest } from "@fakturabot/schema";
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { BotDeps } from "../../deps.js";
import { messagesFor } from "../../i18n/index.js";
import { normaliseCountryCode, normaliseEmail, normaliseMobile } from "../../invoice-form/normalise.js";
import type { ActionOutcome } from "../../orders/lifecycle.js";
import { getInTeam } from "../../orders/team-scope.js";
import { escapeMrkdwn } from "../../views/block-kit.js";
import { noticeModal, RESEND_IDS } from "../../views/order-action-modals.js";
import { mayAct } from "../access.js";
import { refusalText } from "../actions/order-action.js";

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Front Payment's 400 keys for Resend, said plainly. */
const CONFLICTS: Record<string, string> = {
  orderStatusAlreadyPaid: "It is paid already, so there is no link to send.",
  orderStatusAlreadyCancelled: "It is cancelled, so there is no link to send.",
};

/** Where to send the link, checked: `errors` by block id when something is wrong. */
export function readResendForm(
  values: Args["view"]["state"]["values"],
): { ok: true; to: ResendOrderRequest } | { ok: false; errors: Record<string, string> } {
  const typed = (ids: { block: string; action: string }) =>
    values[ids.block]?.[ids.action]?.value ?? undefined;
  const email = normaliseEmail(typed(RESEND_IDS.email));
  const mobileTyped = typed(RESEND_IDS.mobile);
  const countryCode = normaliseCountryCode(typed(RESEND_IDS.countryCode)) ?? "+47";
  const msisdn = normaliseMobile(mobileTyped ?? undefined, countryCode);
  const errors: Record<string, string> = {};
  if (!email && !msisdn) {
    errors[RESEND_IDS.email.block] = "Give an email, a mobile number, or both.";
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
      errors[block.block] ??=
        `${field === "email" ? "Email" : field === "countryCode" ? "Country code" : "Mobile"} ${issue.message}`;
    }
  }
  if (countryCode === "+47" && msisdn && msisdn.length !== 8)
    errors[RESEND_IDS.mobile.block] = "Mobile must be 8 digits for +47";
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, to: parsed.data ?? to };
}

/** Where the link went, for the person who sent it. */
function whereItWent(to: ResendOrderRequest): string {
  return [
    to.email ? `by email to ${escapeMrkdwn(to.email)}` : null,
    to.msisdn ? `by SMS to ${escapeMrkdwn(`${to.countryCode} ${to.msisdn}`)}` : null,
  ]
    .filter(Boolean)
    .join(" and ");
}

function outcomeText(outcome: ActionOutcome, to: ResendOrderRequest): string {
  switch (outcome.kind) {
    case "done":
      return `:outbox_tray: Front Payment sent the payment link again ${whereItWent(to)}.`;
    case "failed":
      return `The link was not sent. ${CONFLICTS[outcome.messageKey ?? ""] ?? `Front Payment refused: ${outcome.message}`}`;
    default:
      return "The link was not sent.";
  }
}

/** "Send link again" submitted: checked, sent through the lifecycle, and where it went said. */
export function resendSubmission(deps: BotDeps) {
  return async ({ ack, body, view, client }: Args) => {
    const form = readResendForm(view.state.values);
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
        view: noticeModal("Not sent", "You can't send this invoice's link."),
      });
      return;
    }
    const refusal = deps.orders.actionRefusal(order, "resend");
    if (refusal) {
      await ack({
        response_action: "update",
        view: noticeModal("Not sent", refusalText(messagesFor("en"), order, "resend", refusal)),
      });
      return;
    }
    await ack({
      response_action: "update",
      view: noticeModal("Sending…", "Asking Front Payment to send the link again…"),
    });
    const outcome = await deps.orders.resend(order, form.to, body.user.id);
    await client.views.update({
      view_id: view.id,
      view: noticeModal(
        outcome.kind === "done" ? "Link sent again" : "Not sent",
        outcomeText(outcome, form.to),
      ),
    });
  };
}
