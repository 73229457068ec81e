import { readFileSync } from "node:fs";
import { SEED_INVOICE_ORDER_EXAMPLE } from "@fakturabot/schema";
import { describe, expect, it } from "vitest";
import {
  actionRefusal,
  cancellation,
  confirmationNeeded,
  confirmationProblem,
  decide,
  decideOtherOrder,
  factsFromRequest,
  notificationKey,
  type OrderEvent,
  orderActions,
  refundProblem,
} from "../src/orders/transitions.js";
import type { CreatedOrder, InvoiceFacts, OrderRecord, StatusChange } from "../src/store/types.js";

const BASE = {
  id: "FB0000000000AB",
  submissionKey: "V1:h1",
  teamId: "T0TEAM",
  channelId: "C0SALES",
  userId: "U0KARI",
  customerType: "private",
  customerName: "Kari Nordmann",
  customerIdentifier: "280387*****",
  preferredLanguage: "no",
  grandTotalOre: 125_000,
  message: null,
  sentAnyway: false,
  version: 4,
  createdAt: new Date("2026-03-02T09:00:00Z"),
  updatedAt: new Date("2026-03-02T09:00:05Z"),
} as const;

const REQUEST = SEED_INVOICE_ORDER_EXAMPLE;
const MESSAGE = { channelId: "C0SALES", ts: "1712345678.000100" };

const CREATED: CreatedOrder = {
  ...BASE,
  state: "created",
  fpOrderUuid: "ODR1",
  fpCustomerUuid: "CSRT1",
  bankIdUrl: "https://bankid.example/ODR1",
  status: { status: "INVOICED", at: 1_000 },
};

/** What the seed's example order keeps for its message. */
const FACTS: InvoiceFacts = factsFromRequest(REQUEST);

/** A created order with a message and facts, in `status`. */
function withFacts(status: string, facts: Partial<InvoiceFacts> = {}): CreatedOrder {
  return { ...CREATED, message: MESSAGE, status: { status, at: 1_000 }, facts: { ...FACTS, ...facts } };
}

/** The deployment's approvers: the creator (Kari) is one, Ola is not. */
const APPROVERS = ["U0INGRID", "U0KARI"];
const ASKED = { approverId: "U0INGRID", channelId: "D0INGRID", ts: "1712345600.000100" };
const ASKED_LATE = { approverId: "U0PER", channelId: "D0PER", ts: "1712345601.000100" };

const ORDERS: Record<string, OrderRecord> = {
  awaiting_approval: { ...BASE, state: "awaiting_approval", request: REQUEST, approvalMessages: [ASKED] },
  rejected: {
    ...BASE,
    state: "rejected",
    request: REQUEST,
    rejection: { by: "U0INGRID", reason: "The hours should be 10" },
  },
  "sending, approved": { ...BASE, state: "sending", request: REQUEST, approvedBy: "U0INGRID" },
  "created, approved": { ...CREATED, approvedBy: "U0INGRID" },
  sending: { ...BASE, state: "sending", request: REQUEST },
  failed: { ...BASE, state: "failed", request: REQUEST, failureReason: "Front Payment answered 400." },
  unknown: { ...BASE, state: "unknown", request: REQUEST, failureReason: "No answer within 15 s." },
  expired: { ...BASE, state: "expired", failureReason: "No answer within 15 s." },
  created: CREATED,
  "created, with message": { ...CREATED, message: MESSAGE },
  "created, stopped before": { ...CREATED, message: MESSAGE, customerStoppedAt: 950 },
  "created, other id": CREATED,
  "created, past due": { ...CREATED, message: MESSAGE, dueDate: "2026-03-16" },
  "created, past due, told": {
    ...CREATED,
    message: MESSAGE,
    dueDate: "2026-03-16",
    overdueSince: "2026-03-17",
  },
  "created, past due, paid": {
    ...CREATED,
    message: MESSAGE,
    dueDate: "2026-03-16",
    status: { status: "PAID", at: 2_000 },
  },
  "created, not due": { ...CREATED, message: MESSAGE, dueDate: "2026-03-20" },
  "created, sent": withFacts("SENT"),
  "created, paid": withFacts("PAID"),
  "created, part refunded": withFacts("PARTIAL REFUNDED", { refundedOre: 1_000 }),
  "created, cancelled": withFacts("CANCELLED"),
  "created, numbered": withFacts("INVOICED", { invoiceNumber: "99900753" }),
};

function change(fpOrderUuid: string, status: string, sentAt: number): StatusChange {
  return {
    fpOrderUuid,
    status,
    sentAt,
    paymentMethod: "Visa",
    amount: "1250.00",
    source: "callback",
    receivedAt: new Date(sentAt * 1000 + 300),
  };
}

/** The event a row names, about Front Payment's order `fpOrderUuid`. */
function event(name: string, fpOrderUuid: string): OrderEvent {
  switch (name) {
    case "created":
      return {
        type: "created",
        fpOrderUuid,
        fpCustomerUuid: "CSRT9",
        bankIdUrl: `https://bankid.example/${fpOrderUuid}`,
        at: 900,
      };
    case "created, no link":
      return { type: "created", fpOrderUuid, fpCustomerUuid: "CSRT9", bankIdUrl: null, at: 900 };
    case "refused":
      return { type: "refused", reason: "Front Payment answered 417." };
    case "outcome-unknown":
      return { type: "outcome-unknown", reason: "No answer within 15 s." };
    case "send-again":
    case "send-anyway":
      return { type: name };
    case "notified, later":
      return { type: "notified", change: change(fpOrderUuid, "PAID", 2_000) };
    case "notified, earlier":
      return { type: "notified", change: change(fpOrderUuid, "SENT", 500) };
    case "notified, same":
      return { type: "notified", change: change(fpOrderUuid, "INVOICED", 1_500) };
    case "message-posted":
      return { type: "message-posted", message: MESSAGE };
    case "interrupted":
      return { type: "interrupted", reason: "Fakturabot restarted." };
    case "expire":
      return { type: "expire" };
    case "customer-stopped":
      return { type: "customer-stopped", at: 1_100 };
    case "overdue":
      return { type: "overdue", today: "2026-03-20" };
    case "checked":
      return { type: "checked", at: 3_000 };
    case "link-resent":
      return { type: "link-resent", by: "U0OLA", to: { email: "kari@example.no", sms: null } };
    case "refunded, part":
      return {
        type: "refunded",
        by: "U0OLA",
        lines: [{ id: 7, amountOre: 500 }],
        amountOre: 500,
        refundedOre: 1_500,
        status: "PARTIAL REFUNDED",
        at: 1_100,
      };
    case "refunded, all":
      return {
        type: "refunded",
        by: "U0OLA",
        lines: [{ id: 7, amountOre: 125_000 }],
        amountOre: 125_000,
        refundedOre: 125_000,
        status: "REFUNDED",
        at: 1_100,
      };
    case "cancelled":
      return {
        type: "cancelled",
        by: "U0OLA",
        reason: "Wrong customer",
        change: { ...change(fpOrderUuid, "CANCELLED", 0), sentAt: null, source: "lookup" },
      };
    case "edited":
      return { type: "edited", by: "U0OLA", request: REQUEST };
    case "invoice-number":
      return { type: "invoice-number", invoiceNumber: "99900753" };
    case "approve":
      return { type: "approve", by: "U0INGRID", approvers: APPROVERS };
    case "approve, by creator":
      return { type: "approve", by: "U0KARI", approvers: APPROVERS };
    case "approve, by other":
      return { type: "approve", by: "U0OLA", approvers: APPROVERS };
    case "approve, none":
      return { type: "approve", by: "U0INGRID", approvers: [] };
    case "reject":
      return { type: "reject", by: "U0INGRID", reason: " The hours should be 10 ", approvers: APPROVERS };
    case "reject, by creator":
      return { type: "reject", by: "U0KARI", reason: "Mine", approvers: APPROVERS };
    case "reject, by other":
      return { type: "reject", by: "U0OLA", reason: "Not mine to say", approvers: APPROVERS };
    case "reject, no reason":
      return { type: "reject", by: "U0INGRID", reason: " \n ", approvers: APPROVERS };
    case "approval-asked":
      return { type: "approval-asked", messages: [ASKED_LATE] };
  }
  throw new Error(`no event "${name}" in the table`);
}

/** The rows of the table in `transitions.ts`'s doc comment: the one written down is the one tested. */
function tableRows(): { state: string; event: string; next: string; effects: string[] }[] {
  const source = readFileSync(new URL("../src/orders/transitions.ts", import.meta.url), "utf8");
  return source
    .split("\n")
    .filter((line) => /^ \* \| (?!state|-)/.test(line))
    .map((line) => {
      const [state, name, next, effects] = line
        .replace(/^ \* \|/, "")
        .split("|")
        .map((cell) => cell.trim());
      return {
        state: state as string,
        event: name as string,
        next: next as string,
        effects: effects ? effects.split(", ") : [],
      };
    });
}

describe("the order transition table", () => {
  const rows = tableRows();

  it("covers every state with every event", () => {
    expect(rows.length).toBeGreaterThanOrEqual(36);
    const states = ["sending", "failed", "unknown", "expired", "created", "awaiting_approval", "rejected"];
    const events = [
      "created",
      "refused",
      "outcome-unknown",
      "send-again",
      "send-anyway",
      "notified, later",
      "interrupted",
      "expire",
      "customer-stopped",
    ];
    for (const state of states) {
      for (const name of events) {
        expect(
          rows.some((row) => row.state.startsWith(state) && row.event === name),
          `${state} × ${name}`,
        ).toBe(true);
      }
    }
  });

  it.each(rows)("$state × $event → $next ($effects)", (row) => {
    const order = ORDERS[row.state];
    if (!order) throw new Error(`no order "${row.state}" in the table's fixtures`);
    const fpOrderUuid = row.state.endsWith("other id") ? "ODR2" : "ODR1";
    const decision = decide(order, event(row.event, fpOrderUuid));
    expect(decision.next?.state ?? "—").toBe(row.next);
    expect(decision.effects.map((effect) => effect.type)).toEqual(row.effects);
    // Every write names the version it read, so a racing write loses.
    if (decision.next) expect(decision.next.version).toBe(order.version + 1);
  });
});

describe("what each transition stores", () => {
  it("an expiry erases the kept request, keeps why it was not sent, and says so once", () => {
    for (const state of ["failed", "unknown"] as const) {
      const order = ORDERS[state] as Extract<OrderRecord, { state: typeof state }>;
      const decision = decide(order, event("expire", "ODR1"));
      expect(decision.next).toEqual({
        ...BASE,
        version: 5,
        state: "expired",
        failureReason: order.failureReason,
      });
      expect(decision.next && "request" in decision.next).toBe(false);
    }
  });

  it("the customer stopping at BankID is remembered with when, so the seller is told once", () => {
    expect(
      decide(ORDERS["created, with message"] as OrderRecord, event("customer-stopped", "ODR1")).next,
    ).toEqual({ ...CREATED, message: MESSAGE, version: 5, customerStoppedAt: 1_100 });
  });

  it("a created answer records Front Payment's ids, link and the answer's status, and drops the request", () => {
    const next = decide(ORDERS.sending as OrderRecord, event("created", "ODR7")).next;
    expect(next).toEqual({
      ...BASE,
      version: 5,
      state: "created",
      fpOrderUuid: "ODR7",
      fpCustomerUuid: "CSRT9",
      bankIdUrl: "https://bankid.example/ODR7",
      status: { status: "SENT", at: 900 },
      facts: FACTS,
    });
  });

  it("a created answer after a notification keeps the notification's status and link, and fills in the customer id", () => {
    const proved: CreatedOrder = { ...CREATED, fpCustomerUuid: null, bankIdUrl: null };
    expect(decide(proved, event("created", "ODR1")).next).toEqual({
      ...proved,
      version: 5,
      fpCustomerUuid: "CSRT9",
      bankIdUrl: "https://bankid.example/ODR1",
    });
    expect(
      decide({ ...CREATED, bankIdUrl: "https://kept.example" }, event("created", "ODR1")).next,
    ).toMatchObject({
      bankIdUrl: "https://kept.example",
      status: { status: "INVOICED", at: 1_000 },
    });
    expect(decide({ ...CREATED, status: null }, event("created", "ODR1")).next).toMatchObject({
      status: { status: "SENT", at: 900 },
    });
  });

  it("a failed or unknown attempt keeps the request and says why", () => {
    expect(decide(ORDERS.sending as OrderRecord, event("refused", "ODR1")).next).toEqual({
      ...BASE,
      version: 5,
      state: "failed",
      request: REQUEST,
      failureReason: "Front Payment answered 417.",
    });
    expect(decide(ORDERS.sending as OrderRecord, event("interrupted", "ODR1")).next).toEqual({
      ...BASE,
      version: 5,
      state: "unknown",
      request: REQUEST,
      failureReason: "Fakturabot restarted.",
    });
  });

  it("sending again keeps the request and forgets the old reason; sending anyway is remembered", () => {
    expect(decide(ORDERS.failed as OrderRecord, { type: "send-again" }).next).toEqual({
      ...BASE,
      version: 5,
      state: "sending",
      request: REQUEST,
    });
    expect(decide(ORDERS.unknown as OrderRecord, { type: "send-anyway" }).next).toEqual({
      ...BASE,
      sentAnyway: true,
      version: 5,
      state: "sending",
      request: REQUEST,
    });
    const again = { ...(ORDERS.failed as OrderRecord), sentAnyway: true };
    expect(decide(again, { type: "send-again" }).next?.sentAnyway).toBe(true);
  });

  it("a created answer without a BankID link leaves the status to Front Payment's lookup, never a guess", () => {
    const { next, effects } = decide(ORDERS.sending as OrderRecord, event("created, no link", "ODR7"));
    expect(next).toMatchObject({ state: "created", bankIdUrl: null, status: null });
    expect(effects[0]).toEqual({ type: "lookup-status" });
    expect(
      decide({ ...CREATED, status: null, bankIdUrl: null }, event("created, no link", "ODR1")).next,
    ).toMatchObject({
      status: null,
    });
  });

  it("a notification moves the status forward and is kept in the history, applied or not", () => {
    const later = change("ODR1", "Paid", 2_000);
    const applied = decide(CREATED, { type: "notified", change: later });
    expect(applied.next).toEqual({ ...CREATED, version: 5, status: { status: "PAID", at: 2_000 } });
    expect(applied.history).toEqual({
      change: { ...later, status: "PAID", applied: true },
      dedupKey: JSON.stringify(["PAID", 2_000]),
    });
    expect(applied.effects).toEqual([{ type: "post-message" }, { type: "reply-status", change: later }]);

    const earlier = decide(CREATED, { type: "notified", change: change("ODR1", "SENT", 500) });
    expect(earlier.next).toEqual({ ...CREATED, version: 5 });
    expect(earlier.history?.change.applied).toBe(false);
  });

  it("a lookup without a timestamp counts as reported when it was received", () => {
    const lookup: StatusChange = {
      ...change("ODR1", "PAID", 0),
      sentAt: null,
      receivedAt: new Date(3_000_500),
    };
    expect(decide(CREATED, { type: "notified", change: lookup }).next).toMatchObject({
      status: { status: "PAID", at: 3_000 },
    });
  });

  it("a notification gives an order that was not created its identity", () => {
    const notified = change("ODR5", "INVOICED", 2_000);
    const { next, history } = decide(ORDERS.unknown as OrderRecord, { type: "notified", change: notified });
    expect(next).toEqual({
      ...BASE,
      version: 5,
      state: "created",
      fpOrderUuid: "ODR5",
      fpCustomerUuid: null,
      bankIdUrl: null,
      status: { status: "INVOICED", at: 2_000 },
      facts: FACTS,
    });
    expect(history?.change.applied).toBe(true);
  });

  it("a posted message is remembered", () => {
    expect(decide(CREATED, event("message-posted", "ODR1")).next).toEqual({
      ...CREATED,
      version: 5,
      message: MESSAGE,
    });
  });
});

describe("notificationKey", () => {
  it("is the status and Front Payment's timestamp, or without one the payment method and amount", () => {
    const callback = change("ODR1", "paid", 2_000);
    expect(notificationKey(callback)).toBe(JSON.stringify(["PAID", 2_000]));
    expect(notificationKey({ ...callback, paymentMethod: "Vipps", amount: "1" })).toBe(
      notificationKey(callback),
    );
    const lookup = { ...callback, sentAt: null };
    expect(notificationKey(lookup)).toBe(JSON.stringify(["PAID", null, "Visa", "1250.00"]));
    expect(notificationKey({ ...lookup, amount: "10" })).not.toBe(notificationKey(lookup));
  });
});

describe("decideOtherOrder", () => {
  const report = { orderId: "FB1", fpOrderUuid: "ODR2" };
  it("is new the first time, with or without a status", () => {
    expect(decideOtherOrder(null, { ...report, status: { status: "Paid", at: 5 } })).toEqual({
      next: { fpOrderUuid: "ODR2", orderId: "FB1", status: { status: "PAID", at: 5 }, version: 1 },
      news: "new",
    });
    expect(decideOtherOrder(null, { ...report, status: null })).toEqual({
      next: { fpOrderUuid: "ODR2", orderId: "FB1", status: null, version: 1 },
      news: "new",
    });
  });

  it("changes only when its status moves forward", () => {
    const known = { fpOrderUuid: "ODR2", orderId: "FB1", status: { status: "SENT", at: 5 }, version: 3 };
    expect(decideOtherOrder(known, { ...report, status: { status: "PAID", at: 9 } })).toEqual({
      next: { ...known, status: { status: "PAID", at: 9 }, version: 4 },
      news: "changed",
    });
    expect(decideOtherOrder(known, { ...report, status: { status: "SENT", at: 9 } })).toEqual({
      next: null,
      news: "same",
    });
    expect(decideOtherOrder(known, { ...report, status: null })).toEqual({ next: null, news: "same" });
  });
});

describe("cancellation", () => {
  it("refuses what was never created, and what is paid or ended", () => {
    expect(cancellation(ORDERS.unknown as OrderRecord, null)).toEqual({ reason: "never-created" });
    expect(cancellation(CREATED, null)).toEqual({ reason: "never-created" });
    for (const status of ["PAID", "REFUNDED", "PARTIAL REFUNDED", "CANCELLED", "EXPIRED"]) {
      expect(cancellation({ ...CREATED, status: { status, at: 1 } }, "ODR1")).toEqual({
        reason: "status",
        status,
      });
    }
  });

  it("allows an open order, an order whose status is not known yet, and a second order whatever ours is", () => {
    for (const status of ["SENT", "INVOICED", "Purring", "Inkasso"]) {
      expect(cancellation({ ...CREATED, status: { status, at: 1 } }, "ODR1")).toBeNull();
    }
    expect(cancellation({ ...CREATED, status: null }, "ODR1")).toBeNull();
    expect(cancellation({ ...CREATED, status: { status: "PAID", at: 1 } }, "ODR2")).toBeNull();
  });
});

describe("which callbacks Front Payment's own answer must confirm", () => {
  const callback = (fpOrderUuid: string, status: string) => change(fpOrderUuid, status, 2_000);

  it("one that gives an order its identity, reports a second order, or brings an unknown status", () => {
    for (const state of ["sending", "failed", "unknown"]) {
      expect(confirmationNeeded(ORDERS[state] as OrderRecord, callback("ODR1", "PAID"))).toBe("identity");
    }
    expect(confirmationNeeded(CREATED, callback("ODR2", "PAID"))).toBe("second-order");
    expect(confirmationNeeded(CREATED, callback("ODR1", "NVOICED"))).toBe("unknown-status");
    expect(confirmationNeeded(CREATED, callback("ODR1", "Paid"))).toBeNull();
    expect(
      confirmationNeeded(ORDERS.unknown as OrderRecord, { ...callback("ODR1", "X"), source: "lookup" }),
    ).toBeNull();
  });

  it("confirmed only with the callback's status and our total, and a second order only after 'send anyway'", () => {
    const paid = callback("ODR1", "PAID");
    const truth = { status: "Paid", orderAmountOre: 125_000, customerName: " kari NORDMANN" };
    expect(confirmationProblem(ORDERS.unknown as OrderRecord, paid, "identity", truth)).toBeNull();
    // Space around our own copy of the name does not make it another customer either.
    const spaced = { ...ORDERS.unknown, customerName: " Kari Nordmann " } as OrderRecord;
    expect(
      confirmationProblem(spaced, paid, "identity", { ...truth, customerName: "Kari Nordmann" }),
    ).toBeNull();
    expect(
      confirmationProblem(ORDERS.unknown as OrderRecord, paid, "identity", {
        ...truth,
        orderAmountOre: null,
        customerName: null,
      }),
    ).toBeNull();
    expect(
      confirmationProblem(ORDERS.unknown as OrderRecord, paid, "identity", {
        ...truth,
        customerName: "Ola Nordmann",
      }),
    ).toBe("its customer is not this order's");
    expect(
      confirmationProblem({ ...CREATED, sentAnyway: true }, callback("ODR2", "PAID"), "second-order", {
        ...truth,
        customerName: "Ola Nordmann",
      }),
    ).toBe("its customer is not this order's");
    expect(
      confirmationProblem(ORDERS.unknown as OrderRecord, paid, "identity", { ...truth, status: "SENT" }),
    ).toBe("Front Payment says SENT, not PAID");
    expect(
      confirmationProblem(ORDERS.unknown as OrderRecord, paid, "identity", {
        ...truth,
        orderAmountOre: 125_001,
      }),
    ).toBe("its total is not this order's");
    const other = callback("ODR2", "PAID");
    expect(confirmationProblem(CREATED, other, "second-order", truth)).toBe(
      "the order was never sent again, so it has no second order",
    );
    expect(confirmationProblem({ ...CREATED, sentAnyway: true }, other, "second-order", truth)).toBeNull();
    expect(
      confirmationProblem({ ...CREATED, sentAnyway: true }, other, "second-order", {
        ...truth,
        orderAmountOre: 1,
      }),
    ).toBe("its total is not this order's");
    // An unknown status of our own order: Front Payment must say the same, whatever the total or name say.
    const odd = callback("ODR1", "RESERVED");
    expect(
      confirmationProblem(CREATED, odd, "unknown-status", {
        status: "RESERVED",
        orderAmountOre: 1,
        customerName: "X",
      }),
    ).toBeNull();
    expect(confirmationProblem(CREATED, odd, "unknown-status", { ...truth, status: "PAID" })).toBe(
      "Front Payment says PAID, not RESERVED",
    );
  });
});

describe("following an order up", () => {
  it("an overdue order is told once, since the day after it fell due", () => {
    const order = ORDERS["created, past due"] as CreatedOrder;
    const { next, effects } = decide(order, event("overdue", "ODR1"));
    expect(next).toEqual({ ...order, version: 5, overdueSince: "2026-03-17" });
    expect(effects).toEqual([{ type: "reply-overdue", since: "2026-03-17" }]);
    expect(decide(next as CreatedOrder, event("overdue", "ODR1"))).toEqual({ next: null, effects: [] });
  });

  it("every settled status ends the follow-up, an open one does not", () => {
    const order = ORDERS["created, past due"] as CreatedOrder;
    for (const status of ["PAID", "REFUNDED", "PARTIAL REFUNDED", "CANCELLED", "EXPIRED"]) {
      expect(decide({ ...order, status: { status, at: 2_000 } }, event("overdue", "ODR1")).next).toBeNull();
    }
    for (const status of ["SENT", "INVOICED", "Purring", "Inkasso", "SOMETHING NEW"]) {
      expect(
        decide({ ...order, status: { status, at: 2_000 } }, event("overdue", "ODR1")).next,
      ).not.toBeNull();
    }
    expect(decide({ ...order, status: null }, event("overdue", "ODR1")).next).not.toBeNull();
  });

  it("a check that learnt nothing records when it asked", () => {
    expect(decide(CREATED, event("checked", "ODR1")).next).toEqual({
      ...CREATED,
      version: 5,
      checkedAt: 3_000,
    });
  });

  it("the due date survives the order's becoming created", () => {
    const sending = { ...(ORDERS.sending as OrderRecord), dueDate: "2026-03-16" };
    expect(decide(sending, event("created", "ODR7")).next).toMatchObject({
      state: "created",
      dueDate: "2026-03-16",
    });
    expect(decide(sending, event("notified, later", "ODR7")).next).toMatchObject({ dueDate: "2026-03-16" });
  });
});

describe("what the message's actions store", () => {
  it("a refund keeps the total refunded and the status Front Payment gave after it", () => {
    const { next, effects } = decide(ORDERS["created, paid"] as OrderRecord, event("refunded, part", "ODR1"));
    expect(next).toMatchObject({
      status: { status: "PARTIAL REFUNDED", at: 1_100 },
      facts: { refundedOre: 1_500, refundedLines: { 7: 500 } },
    });
    expect(effects[1]).toEqual({
      type: "reply-news",
      news: { kind: "refunded", by: "U0OLA", amountOre: 500, refundedOre: 1_500, everything: false },
    });
    // A lower total (an older lookup) never undoes a later one.
    const lower = { ...(event("refunded, part", "ODR1") as object), refundedOre: 200 } as OrderEvent;
    expect(decide(ORDERS["created, part refunded"] as OrderRecord, lower).next).toMatchObject({
      facts: { refundedOre: 1_000 },
    });
  });

  it("a cancellation keeps who cancelled and why, only when it applies", () => {
    const { next } = decide(ORDERS["created, sent"] as OrderRecord, event("cancelled", "ODR1"));
    expect(next).toMatchObject({
      status: { status: "CANCELLED" },
      facts: { cancelled: { by: "U0OLA", reason: "Wrong customer" } },
    });
    expect(decide(ORDERS["created, paid"] as OrderRecord, event("cancelled", "ODR1")).next).toMatchObject({
      status: { status: "PAID" },
      facts: { cancelled: null },
    });
  });

  it("an edit replaces the customer, total and lines, keeping a masked personal number only", () => {
    const edited = {
      ...REQUEST,
      products: [{ name: "Rådgivning", quantity: 3, rate: 1000, tax: 25, amount: 3000 }],
      orderSummary: { subTotal: 2400, totalTax: 600, totalDiscount: 0, grandTotal: 3000 },
      customerDetails: { ...REQUEST.customerDetails, name: "Kari Nordmann" },
    };
    const { next } = decide(ORDERS["created, sent"] as OrderRecord, {
      type: "edited",
      by: "U0KARI",
      request: edited,
    });
    expect(next).toMatchObject({
      customerName: "Kari Nordmann",
      customerIdentifier: "280387*****",
      grandTotalOre: 300_000,
      fpOrderUuid: "ODR1",
      facts: { lines: [{ name: "Rådgivning", quantity: "3", amountOre: 300_000 }] },
    });
    expect(JSON.stringify(next)).not.toContain(REQUEST.customerDetails.personalNumber);
  });

  it("a paid notification keeps how it was paid and asks for the invoice number once", () => {
    const paid = decide(ORDERS["created, sent"] as OrderRecord, event("notified, later", "ODR1"));
    expect(paid.next).toMatchObject({ facts: { paymentMethod: "Visa" } });
    expect(
      decide(ORDERS["created, paid"] as OrderRecord, event("invoice-number", "ODR1")).next,
    ).toMatchObject({
      facts: { invoiceNumber: "99900753" },
    });
  });

  it("offers only the actions that fit the status", () => {
    const offered = (status: string) => orderActions(withFacts(status));
    expect(offered("SENT")).toEqual(["resend", "edit", "cancel", "refresh", "copy"]);
    expect(offered("INVOICED")).toEqual(["resend", "cancel", "refresh", "copy"]);
    expect(offered("PAID")).toEqual(["refund", "refresh", "copy"]);
    expect(offered("PARTIAL REFUNDED")).toEqual(["refund", "refresh", "copy"]);
    expect(offered("REFUNDED")).toEqual(["copy"]);
    expect(offered("CANCELLED")).toEqual(["copy"]);
    expect(orderActions(ORDERS.failed as OrderRecord)).toEqual([]);
    expect(actionRefusal(withFacts("INVOICED"), "edit")).toEqual({ reason: "invoiced", status: "INVOICED" });
    expect(actionRefusal(withFacts("PAID"), "cancel")).toEqual({ reason: "status", status: "PAID" });
    expect(actionRefusal(ORDERS.sending as OrderRecord, "copy")).toEqual({ reason: "never-created" });
    // Created without a BankID link, its status not yet asked: it can be cancelled, not resent.
    const unasked: OrderRecord = { ...withFacts("SENT"), status: null };
    expect(actionRefusal(unasked, "cancel")).toBeNull();
    expect(actionRefusal(unasked, "resend")).toEqual({ reason: "status", status: null });
    // An order that ended unpaid has no invoice to correct: refused for its status, not "invoiced".
    expect(actionRefusal(withFacts("CANCELLED"), "edit")).toEqual({ reason: "status", status: "CANCELLED" });
    expect(actionRefusal(withFacts("EXPIRED"), "edit")).toEqual({ reason: "status", status: "EXPIRED" });
  });

  it("a refund of everything that was paid says so", () => {
    const { effects } = decide(withFacts("PAID"), event("refunded, all", "ODR1"));
    expect(effects[1]).toEqual({
      type: "reply-news",
      news: { kind: "refunded", by: "U0OLA", amountOre: 125_000, refundedOre: 125_000, everything: true },
    });
  });

  it("an edit keeps the invoice number Front Payment already gave", () => {
    const numbered = withFacts("SENT", { invoiceNumber: "99900753" });
    const { next } = decide(numbered, { type: "edited", by: "U0KARI", request: REQUEST });
    expect(next).toMatchObject({ facts: { invoiceNumber: "99900753" } });
  });

  it("never refunds nothing, or more than is left of what was paid", () => {
    const paid = { orderAmountOre: 250_000, refundedOre: 50_000 };
    expect(refundProblem(0, paid)).toEqual({ reason: "nothing" });
    expect(refundProblem(200_001, paid)).toEqual({ reason: "too-much", remainingOre: 200_000 });
    expect(refundProblem(200_000, paid)).toBeNull();
  });
});

describe("approval above the threshold", () => {
  const awaiting = ORDERS.awaiting_approval as OrderRecord;

  it("an approval keeps the request to send it, remembers who approved, and updates the messages asked", () => {
    const { next, effects } = decide(awaiting, event("approve", "ODR1"));
    expect(next).toEqual({ ...BASE, version: 5, state: "sending", request: REQUEST, approvedBy: "U0INGRID" });
    expect(effects[0]).toEqual({ type: "show-approval-decision", messages: [ASKED] });
    // Who approved stays with the order once Front Payment has it.
    expect(decide(next as OrderRecord, event("created", "ODR7")).next).toMatchObject({
      state: "created",
      approvedBy: "U0INGRID",
    });
  });

  it("a rejection keeps the request for the creator's form, with who and why (trimmed)", () => {
    const { next } = decide(awaiting, event("reject", "ODR1"));
    expect(next).toEqual({
      ...BASE,
      version: 5,
      state: "rejected",
      request: REQUEST,
      rejection: { by: "U0INGRID", reason: "The hours should be 10" },
    });
  });

  it("the messages asked are added to; expiry erases the request and says nobody approved it", () => {
    expect(decide(awaiting, event("approval-asked", "ODR1")).next).toMatchObject({
      approvalMessages: [ASKED, ASKED_LATE],
    });
    const expired = decide(awaiting, event("expire", "ODR1")).next;
    expect(expired).toEqual({
      ...BASE,
      version: 5,
      state: "expired",
      failureReason: "Nobody approved it before its details were erased.",
    });
    expect(decide(ORDERS.rejected as OrderRecord, event("expire", "ODR1")).next).toMatchObject({
      state: "expired",
      failureReason: "Rejected by <@U0INGRID>: The hours should be 10",
    });
  });

  it("messages posted after the decision are updated with it, and only those", () => {
    expect(decide(ORDERS["sending, approved"] as OrderRecord, event("approval-asked", "ODR1"))).toEqual({
      next: null,
      effects: [{ type: "show-approval-decision", messages: [ASKED_LATE] }],
    });
  });
});

describe("what each of Front Payment's statuses leads to", () => {
  /** An order with facts and a message whose status is not known yet, so any notification applies. */
  const unasked: CreatedOrder = { ...withFacts("SENT"), status: null };

  // docs/front-payment.md §13.4: an order has an invoice number from INVOICED on, and none if it
  // ended unpaid. `kept` is the status as the order keeps it: in another case it is the same one.
  it.each([
    { status: "INVOICED", kept: "INVOICED", numbered: true },
    { status: "Purring", kept: "Purring", numbered: true },
    { status: "Inkasso", kept: "Inkasso", numbered: true },
    { status: "PAID", kept: "PAID", numbered: true },
    { status: "PARTIAL REFUNDED", kept: "PARTIAL REFUNDED", numbered: true },
    { status: "REFUNDED", kept: "REFUNDED", numbered: true },
    { status: "PURRING", kept: "Purring", numbered: true },
    { status: "inkasso", kept: "Inkasso", numbered: true },
    { status: "Partial Refunded", kept: "PARTIAL REFUNDED", numbered: true },
    { status: "SENT", kept: "SENT", numbered: false },
    { status: "CANCELLED", kept: "CANCELLED", numbered: false },
    { status: "EXPIRED", kept: "EXPIRED", numbered: false },
    { status: "RESERVED", kept: "RESERVED", numbered: false },
  ])("a notification of $status asks for the invoice number: $numbered", ({ status, kept, numbered }) => {
    const { next, effects } = decide(unasked, { type: "notified", change: change("ODR1", status, 2_000) });
    expect(next).toMatchObject({ status: { status: kept, at: 2_000 } });
    expect(effects.map((effect) => effect.type)).toEqual(
      numbered ? ["show-status", "fetch-invoice-number"] : ["show-status"],
    );
  });

  // §13.3: Resend Payment Link is for an order not yet paid; once paid, a refund is what fits.
  it.each([
    { status: "SENT", resend: true },
    { status: "INVOICED", resend: true },
    { status: "Purring", resend: true },
    { status: "Inkasso", resend: true },
    { status: "PURRING", resend: true },
    { status: "inkasso", resend: true },
    { status: "PAID", resend: false },
    { status: "PARTIAL REFUNDED", resend: false },
    { status: "REFUNDED", resend: false },
    { status: "CANCELLED", resend: false },
    { status: "EXPIRED", resend: false },
    { status: "RESERVED", resend: false },
  ])("the payment link of a $status order can be sent again: $resend", ({ status, resend }) => {
    const order = withFacts(status);
    expect(actionRefusal(order, "resend")).toEqual(resend ? null : { reason: "status", status });
    expect(orderActions(order).includes("resend")).toBe(resend);
  });

  it("a reminder or debt collection can still be sent again, cancelled or refreshed, not edited", () => {
    for (const status of ["Purring", "Inkasso"]) {
      expect(orderActions(withFacts(status))).toEqual(["resend", "cancel", "refresh", "copy"]);
      expect(actionRefusal(withFacts(status), "edit")).toEqual({ reason: "invoiced", status });
    }
  });
});

describe("approval messages posted before or after the decision", () => {
  const awaiting = ORDERS.awaiting_approval as OrderRecord;
  const asked = event("approval-asked", "ODR1");
  const shownLate = { next: null, effects: [{ type: "show-approval-decision", messages: [ASKED_LATE] }] };

  it("one posted before is kept, and the decision updates it with the others", () => {
    const { next, effects } = decide(awaiting, asked);
    expect(effects).toEqual([]);
    const approved = decide(next as OrderRecord, event("approve", "ODR1"));
    expect(approved.effects[0]).toEqual({ type: "show-approval-decision", messages: [ASKED, ASKED_LATE] });
    const rejected = decide(next as OrderRecord, event("reject", "ODR1"));
    expect(rejected.effects[0]).toEqual({ type: "show-approval-decision", messages: [ASKED, ASKED_LATE] });
  });

  it("one posted after an approval is updated with it, while sending and once created", () => {
    const sending = decide(awaiting, event("approve", "ODR1")).next as OrderRecord;
    expect(decide(sending, asked)).toEqual(shownLate);
    const created = decide(sending, event("created", "ODR7")).next as OrderRecord;
    expect(decide(created, asked)).toEqual(shownLate);
  });

  it("one posted after a rejection, or after nobody approved in time, is updated with that", () => {
    const rejected = decide(awaiting, event("reject", "ODR1")).next as OrderRecord;
    expect(decide(rejected, asked)).toEqual(shownLate);
    const expired = decide(awaiting, event("expire", "ODR1")).next as OrderRecord;
    expect(decide(expired, asked)).toEqual(shownLate);
  });

  it("an order that never waited for approval has no decision to show", () => {
    for (const state of ["sending", "failed", "unknown", "created", "created, with message"]) {
      expect(decide(ORDERS[state] as OrderRecord, asked), state).toEqual({ next: null, effects: [] });
    }
  });
});
