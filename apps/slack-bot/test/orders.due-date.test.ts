import { describe, expect, it } from "vitest";
import { addDays, dueDateOf, osloDay } from "../src/orders/due-date.js";

describe("due dates", () => {
  it("are Oslo days: an order sent late in the evening UTC counts from the next Oslo day", () => {
    expect(osloDay(new Date("2026-03-01T22:30:00Z"))).toBe("2026-03-01");
    expect(osloDay(new Date("2026-03-01T23:30:00Z"))).toBe("2026-03-02");
    expect(osloDay(new Date("2026-07-01T22:30:00Z"))).toBe("2026-07-02");
  });

  it("add whole calendar days across months, years and leap days", () => {
    expect(addDays("2026-12-25", 14)).toBe("2027-01-08");
    expect(addDays("2028-02-20", 10)).toBe("2028-03-01");
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
  });

  it("are the order date plus its maturity days, or unknown without them", () => {
    const orderDate = String(Date.parse("2026-03-02T09:00:00Z") / 1000);
    expect(dueDateOf({ orderDate, invoiceMaturity: 14 })).toBe("2026-03-16");
    expect(dueDateOf({ orderDate, invoiceMaturity: "0" })).toBe("2026-03-02");
    expect(dueDateOf({ orderDate, invoiceMaturity: undefined })).toBeUndefined();
    expect(dueDateOf({ orderDate, invoiceMaturity: 1.5 })).toBeUndefined();
  });
});
