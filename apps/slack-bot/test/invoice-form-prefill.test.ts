import { describe, expect, it } from "vitest";
import { prefillFromCommandText } from "../src/invoice-form/prefill.js";

describe("prefillFromCommandText", () => {
  it.each([
    ["", {}],
    ["   ", {}],
    ["kari@example.no", { email: "kari@example.no" }],
    ["Kari@Example.NO", { email: "kari@example.no" }],
    // Slack escapes emails in command text.
    ["<mailto:Kari@Example.no|Kari@Example.no>", { email: "kari@example.no" }],
    ["1500", { lines: [{ rate: "1500" }] }],
    ["1 500,50", { lines: [{ rate: "1500.50" }] }],
    ["1\u00a0500,50", { lines: [{ rate: "1500.50" }] }],
    ["kr 1500", { lines: [{ rate: "1500" }] }],
    ["1500 kr", { lines: [{ rate: "1500" }] }],
    ["NOK 1.500,50", { lines: [{ rate: "1500.50" }] }],
    ["1500,-", { lines: [{ rate: "1500" }] }],
    ["99.90", { lines: [{ rate: "99.90" }] }],
    ["pay 1500, thanks", { lines: [{ rate: "1500" }] }],
    ["+47 465 67 468", { countryCode: "+47", mobile: "46567468" }],
    ["+4746567468", { countryCode: "+47", mobile: "46567468" }],
    ["0047 465 67 468", { countryCode: "+47", mobile: "46567468" }],
    ["+46 70 123 45 67", { countryCode: "+46", mobile: "701234567" }],
    ["Kari Nordmann", { name: "Kari Nordmann" }],
    ["Fjordkraft AS", { name: "Fjordkraft AS", customerType: "corporate" }],
    ["923609016", { organizationId: "923609016", customerType: "corporate" }],
    ["923 609 016", { organizationId: "923609016", customerType: "corporate" }],
    ["Kari 280387 12383", { personalNumber: "28038712383", customerType: "private", name: "Kari" }],
    ["kr 12 500 000", { lines: [{ rate: "12500000" }] }],
  ])("%j prefills %j", (text, expected) => {
    expect(prefillFromCommandText(text)).toEqual(expected);
  });

  it("takes all of it at once: name, email, mobile and amount", () => {
    expect(prefillFromCommandText("Kari Nordmann kari@example.no +47 465 67 468 kr 12 500")).toEqual({
      name: "Kari Nordmann",
      email: "kari@example.no",
      countryCode: "+47",
      mobile: "46567468",
      lines: [{ rate: "12500" }],
    });
    expect(prefillFromCommandText("Fjordkraft AS 923 609 016 post@fjordkraft.no 12 000")).toEqual({
      name: "Fjordkraft AS",
      customerType: "corporate",
      organizationId: "923609016",
      email: "post@fjordkraft.no",
      lines: [{ rate: "12000" }],
    });
  });

  it.each([
    // Lower-case words are not a name (it could be the product).
    ["consulting for march 1500", { lines: [{ rate: "1500" }] }],
    // Ambiguous: 1.5 in Norway, 1500 in English.
    ["1,500", {}],
    // Long numbers without "kr" that fail the check digits are neither identifiers nor amounts.
    ["923609017", {}],
    ["28038712384", {}],
    ["12345678", {}],
    // Our order ids and dates are left alone.
    ["FB01J9Z5K3", {}],
    ["2025-08-14", {}],
  ])("ignores what is not obvious in %j", (text, expected) => {
    expect(prefillFromCommandText(text)).toEqual(expected);
  });
});
