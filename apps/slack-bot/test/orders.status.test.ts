import { KNOWN_ORDER_STATUSES } from "@fakturabot/schema";
import { describe, expect, it } from "vitest";
import { canonicalStatus, compareStatusProgress, isFinalStatus, shouldApply } from "../src/orders/status.js";

// Rows: the current status; columns: the incoming one, in the same order. "y": it applies.
const COLUMNS = [
  "SENT",
  "INVOICED",
  "Purring",
  "Inkasso",
  "PAID",
  "PARTIAL REFUNDED",
  "REFUNDED",
  "CANCELLED",
  "EXPIRED",
];
const KNOWN_TABLE: Record<string, string> = {
  SENT: "                . y y y y y y y y",
  INVOICED: "            n . y y y y y y y",
  Purring: "             n n . y y y y y y",
  Inkasso: "             n n n . y y y y y",
  PAID: "                n n n n . y y n n",
  "PARTIAL REFUNDED": "n n n n n . y n n",
  REFUNDED: "            n n n n n n . n n",
  CANCELLED: "           n n n n n n n . n",
  EXPIRED: "             n n n n n n n n .",
};

const knownCases = Object.entries(KNOWN_TABLE).flatMap(([current, row]) =>
  row
    .trim()
    .split(/\s+/)
    .map((cell, column) => ({ current, incoming: COLUMNS[column] ?? "", applies: cell === "y" })),
);

describe("shouldApply between known statuses", () => {
  it("covers every pair of known statuses", () => {
    expect(COLUMNS.toSorted()).toEqual([...KNOWN_ORDER_STATUSES].toSorted());
    expect(knownCases).toHaveLength(COLUMNS.length ** 2);
  });

  it.each(knownCases)("$current then $incoming: applies $applies", ({ current, incoming, applies }) => {
    // Known statuses follow the table whatever their times say.
    expect(shouldApply({ status: current, at: 100 }, { status: incoming, at: 200 })).toBe(applies);
    expect(shouldApply({ status: current, at: 200 }, { status: incoming, at: 100 })).toBe(applies);
  });
});

describe("shouldApply with unknown statuses", () => {
  it.each([
    { case: "anything when there is no status yet", current: null, incoming: ["SENT", 5], applies: true },
    { case: "an unknown status with no status yet", current: null, incoming: ["RESERVED", 5], applies: true },
    {
      case: "an unknown status reported later",
      current: ["PAID", 100],
      incoming: ["CHARGED", 101],
      applies: true,
    },
    {
      case: "an unknown status reported at the same second",
      current: ["PAID", 100],
      incoming: ["CHARGED", 100],
      applies: false,
    },
    {
      case: "an unknown status reported earlier",
      current: ["PAID", 100],
      incoming: ["CHARGED", 99],
      applies: false,
    },
    {
      case: "a known status after an unknown one, later",
      current: ["RESERVED", 100],
      incoming: ["PAID", 150],
      applies: true,
    },
    {
      case: "a known status after an unknown one, earlier",
      current: ["RESERVED", 100],
      incoming: ["PAID", 50],
      applies: false,
    },
    {
      case: "CANCELLED after an unknown status, later",
      current: ["RESERVED", 100],
      incoming: ["CANCELLED", 150],
      applies: true,
    },
    {
      case: "an unknown status after CANCELLED, even later",
      current: ["CANCELLED", 100],
      incoming: ["RESERVED", 150],
      applies: false,
    },
    {
      case: "an unknown status after EXPIRED, even later",
      current: ["EXPIRED", 100],
      incoming: ["RESERVED", 150],
      applies: false,
    },
    {
      case: "an unknown status after REFUNDED, later",
      current: ["REFUNDED", 100],
      incoming: ["CHARGEBACK", 150],
      applies: true,
    },
    {
      case: "the same unknown status again, later",
      current: ["RESERVED", 100],
      incoming: ["RESERVED", 150],
      applies: false,
    },
    {
      case: "another unknown status, later",
      current: ["RESERVED", 100],
      incoming: ["CAPTURED", 150],
      applies: true,
    },
  ] as const)("$case: $applies", ({ current, incoming, applies }) => {
    const timed = (pair: readonly [string, number]) => ({ status: pair[0], at: pair[1] });
    expect(shouldApply(current === null ? null : timed(current), timed(incoming))).toBe(applies);
  });
});

describe("status spelling", () => {
  it("matches known statuses ignoring case and surrounding space", () => {
    expect(canonicalStatus("Paid")).toBe("PAID");
    expect(canonicalStatus(" partial refunded ")).toBe("PARTIAL REFUNDED");
    expect(canonicalStatus("PURRING")).toBe("Purring");
    expect(canonicalStatus("RESEVRED")).toBe("RESEVRED");
    expect(shouldApply({ status: "PAID", at: 1 }, { status: "Paid", at: 2 })).toBe(false);
    expect(shouldApply({ status: "SENT", at: 1 }, { status: "paid", at: 2 })).toBe(true);
    expect(shouldApply({ status: "Inkasso", at: 1 }, { status: "purring", at: 2 })).toBe(false);
  });
});

describe("compareStatusProgress", () => {
  it.each([
    ["SENT", "INVOICED", -1],
    ["INVOICED", "SENT", 1],
    ["PAID", "PAID", 0],
    ["CANCELLED", "CANCELLED", 0],
    ["EXPIRED", "EXPIRED", 0],
    ["PARTIAL REFUNDED", "PAID", 1],
    ["REFUNDED", "PARTIAL REFUNDED", 1],
    ["Inkasso", "CANCELLED", -1],
    ["EXPIRED", "SENT", 1],
    ["PAID", "CANCELLED", undefined],
    ["CANCELLED", "REFUNDED", undefined],
    ["CANCELLED", "EXPIRED", undefined],
    ["SENT", "RESERVED", undefined],
  ] as const)("%s against %s: %s", (a, b, expected) => {
    const result = compareStatusProgress(a, b);
    expect(result === undefined ? undefined : Math.sign(result)).toBe(expected);
  });
});

describe("isFinalStatus", () => {
  it.each([
    ["CANCELLED", true],
    ["EXPIRED", true],
    ["REFUNDED", true],
    ["Refunded", true],
    ["PAID", false],
    ["PARTIAL REFUNDED", false],
    ["INVOICED", false],
    ["Inkasso", false],
    ["RESERVED", false],
  ] as const)("%s: %s", (status, final) => {
    expect(isFinalStatus(status)).toBe(final);
  });
});
