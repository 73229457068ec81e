import { describe, expect, it } from "vitest";
import { messagesFor } from "../src/i18n/index.js";
import { outcomeText } from "../src/listeners/views/correction-submission.js";
import type { CreatedOrder } from "../src/store/types.js";

const ORDER = { fpOrderUuid: "ODR0EDITED" } as CreatedOrder;
const ANOTHER = { kind: "failed", message: "", otherFpOrderUuid: "ODR0OTHER" } as const;

describe("what an Edit… submission came to", () => {
  it("an edit Front Payment answered with another order is said in the editor's language", () => {
    expect(outcomeText(messagesFor("nb"), ORDER, ANOTHER, 125_000)).toEqual({
      title: "Ikke rettet",
      text: "Ingenting ble endret her: Front Payment svarte med en annen ordre, `ODR0OTHER`.",
    });
    expect(outcomeText(messagesFor("en"), ORDER, ANOTHER, 125_000)).toEqual({
      title: "Not corrected",
      text: "Nothing changed here: Front Payment answered with another order, `ODR0OTHER`.",
    });
  });

  it("Front Payment's own refusal is quoted inside the editor's sentence", () => {
    const refused = { kind: "failed", message: "Order is locked." } as const;
    expect(outcomeText(messagesFor("nb"), ORDER, refused, 125_000).text).toBe(
      "Ingenting ble endret: Order is locked.",
    );
  });

  it("a correction that went through shows the new total as the language writes money", () => {
    const done = outcomeText(messagesFor("nb"), ORDER, { kind: "done" }, 125_050).text.replaceAll(
      "\u00a0",
      " ",
    );
    expect(done).toContain("nå 1 250,50 kr");
  });
});
