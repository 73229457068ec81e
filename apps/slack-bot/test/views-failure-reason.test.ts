import { describe, expect, it } from "vitest";
import { messagesFor } from "../src/i18n/index.js";
import { OUR_FAILURE_REASONS } from "../src/orders/failure-reasons.js";
import { failureReasonInWords } from "../src/views/failure-reason.js";

const EN = messagesFor("en");
const NB = messagesFor("nb");

describe("an order's failure reason", () => {
  it("our own reasons are stored as codes and worded in the reader's language", () => {
    expect(failureReasonInWords(NB, OUR_FAILURE_REASONS.interrupted)).toBe(
      "Fakturabot ble startet på nytt mens fakturaen ble sendt, så vi vet ikke om Front Payment opprettet den.",
    );
    expect(failureReasonInWords(EN, OUR_FAILURE_REASONS.interrupted)).toContain(
      "Fakturabot restarted while the invoice was being sent",
    );
    expect(failureReasonInWords(NB, OUR_FAILURE_REASONS.internal)).toBe(
      "Noe gikk galt hos oss før ordren ble sendt.",
    );
    expect(failureReasonInWords(EN, OUR_FAILURE_REASONS.internal)).toBe(
      "Something went wrong on our side before the order was sent.",
    );
  });

  it("the English texts stored before the codes read in Norwegian too", () => {
    expect(
      failureReasonInWords(
        NB,
        "Fakturabot restarted while the invoice was being sent, so we don't know whether Front Payment created it.",
      ),
    ).toBe(NB.submission.reasonInterrupted);
    expect(failureReasonInWords(NB, "Something went wrong on our side before the order was sent.")).toBe(
      NB.submission.reasonInternal,
    );
  });

  it("Front Payment's own words stay as it wrote them", () => {
    expect(failureReasonInWords(NB, "customerEmail must be a valid email")).toBe(
      "customerEmail must be a valid email",
    );
  });
});
