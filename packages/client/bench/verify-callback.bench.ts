import { createHash } from "node:crypto";
import { bench, describe } from "vitest";
import { signCallback, verifyCallback } from "../src/index.js";

const secret = "bench-callback-secret";
const query = signCallback(
  [
    ["orderUuid", "ODR4286244937"],
    ["status", "PAID"],
    ["paymentMethod", "Visa"],
    ["amount", "1250.00"],
    ["createdAt", "1755150488"],
    ["timestamp", "1755150600"],
  ],
  secret,
);
const url = `/frontpayment/callback/FB1R11GV99APEP?${query}`;

describe("verifying a callback", () => {
  bench("baseline: one SHA-256 of the same values", () => {
    createHash("sha256").update(`ODR4286244937PAIDVisa1250.0017551504881755150600${secret}`).digest("hex");
  });
  bench("verifyCallback: parse, hash, compare, validate", () => {
    verifyCallback(url, secret);
  });
});
