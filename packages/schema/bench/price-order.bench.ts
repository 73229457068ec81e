import { bench, describe } from "vitest";
import { priceOrder } from "../src/index.js";

// Twenty lines as a modal would send them: fractional quantities, prices in øre, every VAT rate.
const lines = Array.from({ length: 20 }, (_, index) => ({
  quantity: index % 3 === 0 ? "7.5" : String(index + 1),
  rate: `${1000 + index * 37}.${String(index * 7)
    .padStart(2, "0")
    .slice(-2)}`,
  tax: [0, 12, 15, 25][index % 4] as number,
  discount: index % 5 === 0 ? "10" : undefined,
}));

/** The baseline: the same arithmetic in floating point, which the real one must not be much slower than. */
function priceInFloatingPoint(input: typeof lines) {
  let subTotal = 0;
  let grandTotal = 0;
  for (const line of input) {
    const amount =
      Math.round((Number(line.quantity) * Number(line.rate) - Number(line.discount ?? 0)) * 100) / 100;
    subTotal += Math.round((amount / (1 + line.tax / 100)) * 100) / 100;
    grandTotal += amount;
  }
  return { subTotal, grandTotal };
}

describe("pricing a 20-line order", () => {
  bench("baseline: floating point", () => {
    priceInFloatingPoint(lines);
  });
  bench("priceOrder: integer øre", () => {
    priceOrder(lines);
  });
});
