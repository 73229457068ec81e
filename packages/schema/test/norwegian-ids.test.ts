import { describe, expect, it } from "vitest";
import {
  CheckedInvoiceOrderRequest,
  isValidNorwegianOrganizationNumber,
  isValidNorwegianPersonalNumber,
  organizationNumberProblem,
  personalNumberProblem,
  SEED_INVOICE_ORDER_EXAMPLE,
} from "../src/index.js";

describe("Norwegian personal numbers", () => {
  it.each([
    ["28038712383", "the seed's example"],
    ["15076500565", "a fødselsnummer from 1965"],
    ["13097248022", "a fødselsnummer from 1972"],
    ["41010150300", "a D-number (day + 40)"],
    ["71038512352", "a D-number on the 31st"],
    ["11890612328", "a synthetic test number (month + 80)"],
    ["01458700024", "an H-number (month + 40)"],
    ["15076500050", "a check digit of 0 (remainder 0)"],
    // Each century rule at its edges: individual number and two-digit year.
    ["29020050088", "29 February 2000: individual 500 in 00-39 is the 2000s"],
    ["01014049920", "individual 499 is always the 1900s"],
    ["01015450068", "individual 500 with year 54 is the 1800s"],
    ["02016074937", "individual 749 with year 60 is the 1800s"],
    ["01011050081", "individual 500 with year 10 is the 2000s"],
    ["01013975260", "individual 750 with year 39 is the 2000s"],
    ["01014090017", "individual 900 with year 40 is the 1900s"],
  ])("accepts %s (%s)", (number) => {
    expect(isValidNorwegianPersonalNumber(number)).toBe(true);
  });

  it.each([
    ["28038712384", "has wrong check digits; look for a typo"],
    ["28038712393", "has wrong check digits; look for a typo"],
    ["82038712383", "does not start with a valid birth date"],
    ["29029900157", "does not start with a valid birth date"], // 29 February 1999: check digits fine
    ["2803871238", "must be exactly 11 digits"],
    ["2803871238x", "must be exactly 11 digits"],
    ["28038712383x", "must be exactly 11 digits"],
    ["x28038712383", "must be exactly 11 digits"],
    ["280387123830", "must be exactly 11 digits"],
  ])("rejects %s: %s", (number, problem) => {
    expect(isValidNorwegianPersonalNumber(number)).toBe(false);
    expect(personalNumberProblem(number)).toBe(problem);
  });

  // Each number below has right check digits, so only the rule named can reject it.
  it.each([
    [
      "28038712308",
      "has wrong check digits; look for a typo",
      "a wrong first check digit with a matching second",
    ],
    ["01138700190", "does not start with a valid birth date", "month 13"],
    ["01008700091", "does not start with a valid birth date", "month 00"],
    ["32018700033", "does not start with a valid birth date", "day 32"],
    ["29020000064", "does not start with a valid birth date", "29 February 1900, not a leap year"],
    [
      "01014075069",
      "does not start with a valid birth date",
      "individual 750-899 with year 40-99: no century",
    ],
    [
      "01015350047",
      "does not start with a valid birth date",
      "individual 500-749 with year 40-53: no century",
    ],
    ["01016080000", "does not start with a valid birth date", "individual 750-899 with year 60: no century"],
  ])("rejects %s: %s (%s)", (number, problem) => {
    expect(personalNumberProblem(number)).toBe(problem);
  });

  it("catches every single-digit typo in a valid number", () => {
    const valid = "28038712383";
    for (let position = 0; position < valid.length; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        const typo = `${valid.slice(0, position)}${digit}${valid.slice(position + 1)}`;
        if (typo !== valid) expect(isValidNorwegianPersonalNumber(typo), typo).toBe(false);
      }
    }
  });
});

describe("Norwegian organisation numbers", () => {
  it.each(["923609016", "974760673", "981276957", "984851006", "923600000"])("accepts %s", (number) => {
    expect(isValidNorwegianOrganizationNumber(number)).toBe(true);
  });

  it.each([
    ["923609017", "has a wrong check digit; look for a typo"],
    ["932609016", "has a wrong check digit; look for a typo"],
    ["92360901", "must be exactly 9 digits"],
    ["923 609 016", "must be exactly 9 digits"],
    ["9236090160", "must be exactly 9 digits"],
    ["x923609016", "must be exactly 9 digits"],
  ])("rejects %s: %s", (number, problem) => {
    expect(isValidNorwegianOrganizationNumber(number)).toBe(false);
    expect(organizationNumberProblem(number)).toBe(problem);
  });
});

describe("CheckedInvoiceOrderRequest", () => {
  const order = (customer: Record<string, unknown>) => ({
    ...SEED_INVOICE_ORDER_EXAMPLE,
    customerDetails: { ...SEED_INVOICE_ORDER_EXAMPLE.customerDetails, ...customer },
  });
  const issues = (body: unknown) => {
    const result = CheckedInvoiceOrderRequest.safeParse(body);
    return result.success
      ? []
      : result.error.issues.map(({ path, message }) => ({ path: path.join("."), message }));
  };

  it("accepts the seed's example, whose personal number is valid", () => {
    expect(issues(SEED_INVOICE_ORDER_EXAMPLE)).toEqual([]);
  });

  it("puts a typo in a Norwegian personal number on its field", () => {
    expect(issues(order({ personalNumber: "28038712384" }))).toEqual([
      { path: "customerDetails.personalNumber", message: "has wrong check digits; look for a typo" },
    ]);
  });

  it("puts a typo in a Norwegian organisation number on its field", () => {
    const corporate = order({ type: "corporate", organizationId: "923609017", personalNumber: undefined });
    expect(issues(corporate)).toEqual([
      { path: "customerDetails.organizationId", message: "has a wrong check digit; look for a typo" },
    ]);
  });

  it("leaves other countries' numbers to Front Payment's rules", () => {
    const swedish = order({
      personalNumber: "19850101123",
      address: { ...SEED_INVOICE_ORDER_EXAMPLE.customerDetails.address, country: "SE" },
    });
    expect(issues(swedish)).toEqual([]);
  });
});
