import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_TAX_RATES, priceOrder, priceOrderInOre } from "../src/index.js";

const ore = (kroner: number) => Math.round(kroner * 100);

describe("priceOrder", () => {
  it("reproduces Front Payment's VAT example exactly", () => {
    const { products, orderSummary } = priceOrder([
      { name: "Konsulenttime", quantity: 1, rate: 4500, tax: 12 },
    ]);
    expect(orderSummary).toEqual({ subTotal: 4017.86, totalTax: 482.14, totalDiscount: 0, grandTotal: 4500 });
    expect(products).toEqual([
      { name: "Konsulenttime", quantity: 1, rate: 4500, tax: 12, discount: 0, amount: 4500 },
    ]);
  });

  it("prices the seed's example as the seed does", () => {
    const { products, orderSummary } = priceOrder([{ quantity: "1", rate: 40, tax: "0", discount: 0 }]);
    expect(products[0]?.amount).toBe(40);
    expect(orderSummary).toEqual({ subTotal: 40, totalTax: 0, totalDiscount: 0, grandTotal: 40 });
  });

  it("rounds fractional quantities and discounts half-up to øre", () => {
    // 2.5 h × 999.99 = 2499.975 → 2499.98; minus 0.005 discount (→ 0.01) = 2499.97
    const { products } = priceOrder([{ quantity: "2.5", rate: "999.99", tax: 25, discount: "0.005" }]);
    expect(products[0]).toMatchObject({ amount: 2499.97, discount: 0.01 });
  });

  it("names the line when a value cannot be priced", () => {
    expect(() =>
      priceOrder([
        { quantity: 1, rate: 10, tax: 25 },
        { quantity: 0, rate: 10, tax: 25 },
      ]),
    ).toThrow("Line 2: quantity must be more than 0");
    expect(() => priceOrder([{ quantity: 1, rate: 10, tax: 25, discount: 11 }])).toThrow(
      "Line 1: discount is larger than the line total",
    );
    expect(() => priceOrder([{ quantity: 1, rate: "ti", tax: 25 }])).toThrow(
      'Line 1: rate "ti" is not a number',
    );
  });

  it("names the field and the line of each value it refuses", () => {
    const refused = (line: Record<string, unknown>) => () =>
      priceOrder([
        { quantity: 1, rate: 10, tax: 25 },
        { quantity: 1, rate: 10, tax: 25, ...line },
      ]);
    expect(refused({ quantity: "en" })).toThrow('Line 2: quantity "en" is not a number');
    expect(refused({ tax: "MVA" })).toThrow('Line 2: tax "MVA" is not a number');
    expect(refused({ discount: "10%" })).toThrow('Line 2: discount "10%" is not a number');
    expect(refused({ rate: -10 })).toThrow("Line 2: rate must not be negative");
    expect(refused({ tax: -25 })).toThrow("Line 2: tax must not be negative");
    expect(refused({ discount: -5 })).toThrow("Line 2: discount must not be negative");
    // Half an øre off is a whole øre off, away from zero: still a negative discount.
    expect(refused({ discount: "-0.005" })).toThrow("Line 2: discount must not be negative");
  });

  it("takes only whole numbers: no text before or after the digits", () => {
    expect(() => priceOrder([{ quantity: 1, rate: "x40", tax: 25 }])).toThrow(
      'Line 1: rate "x40" is not a number',
    );
    expect(() => priceOrder([{ quantity: 1, rate: "40x", tax: 25 }])).toThrow(
      'Line 1: rate "40x" is not a number',
    );
    expect(priceOrder([{ quantity: " 2 ", rate: " 40.50 ", tax: 25 }]).products[0]?.amount).toBe(81);
  });

  it("reads numbers JavaScript prints in exponent notation", () => {
    // String(5e-7) is "5e-7"; 10 000 000 × 0.0000005 kr is 5 kr.
    expect(priceOrder([{ quantity: 10_000_000, rate: 5e-7, tax: 0 }]).orderSummary.grandTotal).toBe(5);
  });

  it("takes the net out of fractional VAT rates exactly", () => {
    // 112.50 at 12.5 % VAT is 100.00 net; 111.11 at 11.11 % is 100.00 net.
    expect(priceOrder([{ quantity: 1, rate: "112.50", tax: "12.5" }]).orderSummary).toEqual({
      subTotal: 100,
      totalTax: 12.5,
      totalDiscount: 0,
      grandTotal: 112.5,
    });
    expect(priceOrder([{ quantity: 1, rate: "111.11", tax: 11.11 }]).orderSummary).toMatchObject({
      subTotal: 100,
      totalTax: 11.11,
    });
  });

  // Lines are generated as integers (thousandths of a unit, øre) so the oracle below is exact.
  const line = fc
    .record({
      quantityMilli: fc.oneof(
        fc.integer({ min: 1, max: 1_000 }).map((units) => units * 1000),
        fc.integer({ min: 1, max: 100_000 }),
      ),
      rateOre: fc.integer({ min: 0, max: 10_000_000 }),
      tax: fc.constantFrom(...DEFAULT_TAX_RATES),
      discountShare: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ quantityMilli, rateOre, tax, discountShare }) => {
      const grossOre = Math.floor((quantityMilli * rateOre + 500) / 1000);
      const discountOre = Math.floor(grossOre * discountShare);
      return {
        line: {
          quantity: (quantityMilli / 1000).toFixed(3),
          rate: (rateOre / 100).toFixed(2),
          tax,
          discount: discountOre / 100,
        },
        expectedAmountOre: grossOre - discountOre,
      };
    });

  it("keeps the totals equal to the sums of the lines, to the øre", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), (cases) => {
        const { products, orderSummary } = priceOrder(cases.map((generated) => generated.line));
        const sum = (pick: (product: (typeof products)[number]) => number) =>
          products.reduce((total, product) => total + ore(pick(product)), 0);
        const nets = products.map((product) => Math.round((ore(product.amount) * 100) / (100 + product.tax)));

        expect(products.map((product) => ore(product.amount))).toEqual(cases.map((c) => c.expectedAmountOre));
        expect(ore(orderSummary.grandTotal)).toBe(sum((product) => product.amount));
        expect(ore(orderSummary.totalDiscount)).toBe(sum((product) => product.discount));
        expect(ore(orderSummary.subTotal)).toBe(nets.reduce((a, b) => a + b, 0));
        expect(ore(orderSummary.subTotal) + ore(orderSummary.totalTax)).toBe(ore(orderSummary.grandTotal));
      }),
      { numRuns: 500 },
    );
  });

  it("agrees to the øre with priceOrderInOre, which gives the same order in whole øre", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), (cases) => {
        const lines = cases.map((generated) => generated.line);
        const { products, orderSummary } = priceOrder(lines);
        const inOre = priceOrderInOre(lines);
        expect(inOre.lines).toEqual(
          products.map((product) => ({ amountOre: ore(product.amount), discountOre: ore(product.discount) })),
        );
        expect(inOre.summary).toEqual({
          subTotalOre: ore(orderSummary.subTotal),
          totalTaxOre: ore(orderSummary.totalTax),
          totalDiscountOre: ore(orderSummary.totalDiscount),
          grandTotalOre: ore(orderSummary.grandTotal),
        });
      }),
      { numRuns: 200 },
    );
  });
});
