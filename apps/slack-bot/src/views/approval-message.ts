import {
  type InvoiceOrderRequest,
  maskPersonalNumber,
  numericValue,
  safeKronerToOre,
} from "@fakturabot/schema";
import type { Messages } from "../i18n/index.js";
import { SUBMISSION_CALLBACK_ID } from "../invoice-form/ids.js";
import type { ApprovalDecision } from "../orders/approval.js";
import { dueDateOf, osloDay } from "../orders/due-date.js";
import type { AwaitingApprovalOrder, OrderRecord, RejectedOrder } from "../store/types.js";
import {
  button,
  context,
  escapeMrkdwn,
  header,
  type KnownBlock,
  type ModalView,
  plainText,
  section,
  truncate,
} from "./block-kit.js";
import { APPROVAL_ACTION_IDS, APPROVAL_OUTCOME_BLOCK_ID } from "./ids.js";

/** What the approval message is about: the order and the request its approvers approve. */
export interface ApprovalRequestInput {
  order: Pick<OrderRecord, "id" | "userId" | "channelId" | "grandTotalOre" | "customerName">;
  request: InvoiceOrderRequest;
  /** The approval limit, in øre. */
  thresholdOre: number;
}

/** Kroner as a request writes them, as money; empty when they are not whole øre. */
function kroner(t: Messages, value: string | number | undefined): string {
  if (value === undefined) return "";
  const ore = safeKronerToOre(value);
  return ore === undefined ? String(value) : t.format.money(ore);
}

function quantityOf(t: Messages, value: string | number): string {
  const number = Number(numericValue(value));
  return Number.isFinite(number) ? t.format.number(number, 4) : String(value);
}

/** Who the customer is: name, kind, masked personal number or organisation number, contact, address. */
function customerText(t: Messages, customer: InvoiceOrderRequest["customerDetails"]): string {
  const a = t.approval;
  const identity =
    customer.type === "private"
      ? `${a.person}, ${a.personalNumber({ masked: maskPersonalNumber(customer.personalNumber) })}`
      : `${a.company}, ${a.organisationNumber({ number: customer.organizationId })}`;
  const address = customer.address;
  const where = address
    ? [address.street, [address.zip, address.city].filter(Boolean).join(" "), address.country]
        .filter(Boolean)
        .join(", ")
    : "";
  return [
    `*${a.customer}*`,
    `${escapeMrkdwn(customer.name)} (${escapeMrkdwn(identity)})`,
    escapeMrkdwn([customer.email, `${customer.countryCode} ${customer.msisdn}`].filter(Boolean).join(" · ")),
    escapeMrkdwn(where),
  ]
    .filter(Boolean)
    .join("\n");
}

function lineText(t: Messages, product: InvoiceOrderRequest["products"][number]): string {
  const a = t.approval;
  const discountOre = product.discount === undefined ? 0 : (safeKronerToOre(product.discount) ?? 0);
  const discount = discountOre > 0 ? a.lineDiscount({ discount: t.format.money(discountOre) }) : "";
  const vat = `${t.format.number(Number(numericValue(product.tax)), 2)} %`;
  return `*${escapeMrkdwn(truncate(product.name, 200))}*  ${a.line({
    quantity: quantityOf(t, product.quantity),
    price: kroner(t, product.rate),
    vat,
    amount: kroner(t, product.amount),
  })}${discount}`;
}

function termsText(t: Messages, request: InvoiceOrderRequest): string {
  const a = t.approval;
  const dated = new Date(Number(numericValue(request.orderDate)) * 1000);
  const parts = Number.isNaN(dated.getTime()) ? [] : [a.dated({ day: t.format.day(osloDay(dated)) })];
  const due = dueDateOf(request);
  if (due && request.invoiceMaturity !== undefined) {
    parts.push(a.due({ day: t.format.day(due), days: Number(numericValue(request.invoiceMaturity)) }));
  }
  parts.push(request.invoiceFeeApplicable ? a.invoiceFee : a.noInvoiceFee);
  return `*${a.terms}*\n${parts.join(", ")}`;
}

/**
 * The message an approver gets: who wants to send what to whom (the personal number masked),
 * every line, the totals and the terms, with Approve and Reject. Pure; never throws.
 */
export function approvalRequestMessage(
  t: Messages,
  { order, request, thresholdOre }: ApprovalRequestInput,
): { text: string; blocks: KnownBlock[] } {
  const a = t.approval;
  const creator = `<@${order.userId}>`;
  const total = t.format.money(order.grandTotalOre);
  const summary = request.orderSummary;
  const discountOre = safeKronerToOre(summary.totalDiscount ?? 0) ?? 0;
  const totals = `${a.totals({ net: kroner(t, summary.subTotal), vat: kroner(t, summary.totalTax) })}${
    discountOre > 0 ? a.totalDiscount({ discount: t.format.money(discountOre) }) : ""
  }\n${a.grandTotal({ total })}`;
  return {
    text: a.requestText({ creator, total, customer: escapeMrkdwn(order.customerName) }),
    blocks: [
      header(a.requestHeader, "approval.header"),
      section(
        a.requestIntro({ creator, channel: `<#${order.channelId}>`, limit: t.format.money(thresholdOre) }),
        "approval.intro",
      ),
      section(customerText(t, request.customerDetails), "approval.customer"),
      section(
        truncate(
          [`*${a.lines}*`, ...request.products.map((product) => lineText(t, product))].join("\n"),
          3000,
        ),
        "approval.lines",
      ),
      section(totals, "approval.totals"),
      section(termsText(t, request), "approval.terms"),
      context(a.reference({ id: order.id }), "approval.reference"),
      {
        type: "actions",
        block_id: "approval.actions",
        elements: [
          button({
            text: a.approve,
            actionId: APPROVAL_ACTION_IDS.approve,
            value: order.id,
            style: "primary",
          }),
          button({ text: a.reject, actionId: APPROVAL_ACTION_IDS.reject, value: order.id, style: "danger" }),
        ],
      },
    ],
  };
}

/** How the approval ended, in words. */
export function decisionInWords(t: Messages, decision: ApprovalDecision): string {
  switch (decision.kind) {
    case "approved":
      return t.approval.approvedBy({ who: `<@${decision.by}>` });
    case "rejected":
      return t.approval.rejectedBy({
        who: `<@${decision.by}>`,
        reason: escapeMrkdwn(truncate(decision.reason, 1500)),
      });
    case "expired":
      return t.approval.expiredUnapproved;
  }
}

/**
 * The approval message once someone decided (or nobody did in time): what it was about and how
 * it ended, without buttons and without the customer's details.
 */
export function approvalDecidedMessage(
  t: Messages,
  order: Pick<OrderRecord, "id" | "userId" | "grandTotalOre" | "customerName">,
  decision: ApprovalDecision,
): { text: string; blocks: KnownBlock[] } {
  const words = decisionInWords(t, decision);
  const customer = escapeMrkdwn(order.customerName);
  return {
    text: t.approval.decidedText({ customer, decision: words }),
    blocks: [
      section(
        t.approval.decidedSummary({
          customer,
          total: t.format.money(order.grandTotalOre),
          creator: `<@${order.userId}>`,
          id: order.id,
        }),
        "approval.summary",
      ),
      section(words, APPROVAL_OUTCOME_BLOCK_ID),
    ],
  };
}

/** The creator's direct message after a rejection: who, why, and the form to correct it. */
export function rejectedCreatorMessage(
  t: Messages,
  order: Pick<OrderRecord, "id" | "grandTotalOre" | "customerName">,
  rejection: { by: string; reason: string },
): { text: string; blocks: KnownBlock[] } {
  const text = t.approval.tellRejected({
    who: `<@${rejection.by}>`,
    customer: escapeMrkdwn(order.customerName),
    total: t.format.money(order.grandTotalOre),
    reason: escapeMrkdwn(truncate(rejection.reason, 1500)),
  });
  return {
    text,
    blocks: [
      section(text, "approval.rejected"),
      {
        type: "actions",
        block_id: "approval.reopen",
        elements: [
          button({
            text: t.approval.reopen,
            actionId: APPROVAL_ACTION_IDS.reopen,
            value: order.id,
            style: "primary",
          }),
        ],
      },
    ],
  };
}

function creatorModal(title: string, blocks: KnownBlock[], close: string): ModalView {
  return {
    type: "modal",
    callback_id: SUBMISSION_CALLBACK_ID,
    title: plainText(title),
    close: plainText(close),
    blocks,
  };
}

/** The creator's modal while approvers decide: "Waiting for approval", and who was asked. */
export function awaitingApprovalModal(
  t: Messages,
  order: Pick<OrderRecord, "id" | "grandTotalOre" | "customerName">,
  approvers: readonly string[],
): ModalView {
  const customer = `*${escapeMrkdwn(order.customerName)}*`;
  const total = t.format.money(order.grandTotalOre);
  const body = approvers.length
    ? t.approval.waitingBody({ customer, total, approvers: approvers.map((id) => `<@${id}>`).join(", ") })
    : t.approval.waitingBodyNoApprovers({ customer, total });
  return creatorModal(
    t.approval.waitingTitle,
    [section(body, "approval.waiting"), context(t.approval.reference({ id: order.id }))],
    t.common.close,
  );
}

/** The creator's modal for a rejected order (a repeated submit, "Open"): who rejected it and why. */
export function rejectedModal(
  t: Messages,
  order: Pick<OrderRecord, "id">,
  rejection: { by: string; reason: string },
): ModalView {
  return creatorModal(
    t.approval.rejectedTitle,
    [
      section(
        t.approval.rejectedBody({
          who: `<@${rejection.by}>`,
          reason: escapeMrkdwn(truncate(rejection.reason, 1500)),
        }),
        "approval.rejected",
      ),
      context(t.approval.reference({ id: order.id })),
    ],
    t.common.close,
  );
}

/** The approvers asked about an order so far (from its approval messages), each once. */
export function askedApprovers(order: Pick<AwaitingApprovalOrder, "approvalMessages">): string[] {
  return [...new Set(order.approvalMessages.map((message) => message.approverId))];
}

/** Where an order waiting for approval, or rejected, stands, for listings and App Home. */
export function approvalStatusInWords(t: Messages, order: AwaitingApprovalOrder | RejectedOrder): string {
  return order.state === "awaiting_approval" ? t.approval.statusWaiting : t.approval.statusRejected;
}

/** The same as a direct message, for a creator who closed the modal. */
export function approvalOutcomeText(t: Messages, order: AwaitingApprovalOrder | RejectedOrder): string {
  const customer = escapeMrkdwn(order.customerName);
  const total = t.format.money(order.grandTotalOre);
  if (order.state === "awaiting_approval") return t.approval.dmWaiting({ customer, total });
  return t.approval.tellRejected({
    who: `<@${order.rejection.by}>`,
    customer,
    total,
    reason: escapeMrkdwn(truncate(order.rejection.reason, 1500)),
  });
}
