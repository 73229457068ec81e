import { SEED_INVOICE_ORDER_EXAMPLE } from "@fakturabot/schema";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../src/i18n/index.js";
import {
  approvalDecidedMessage,
  approvalRequestMessage,
  awaitingApprovalModal,
  rejectedCreatorMessage,
} from "../src/views/approval-message.js";
import { APPROVAL_ACTION_IDS } from "../src/views/ids.js";
import { rejectModal } from "../src/views/reject-modal.js";

const ORDER = {
  id: "FB0000000000AB",
  userId: "U0KARI",
  channelId: "C0SALES",
  grandTotalOre: 1_250_000,
  customerName: "Kari *Nordmann*",
};
const REQUEST = {
  ...SEED_INVOICE_ORDER_EXAMPLE,
  products: [{ name: "Konsulenttime", quantity: "1.5", rate: 1000, tax: 25, discount: 50, amount: 1825 }],
};
const text = (value: unknown) => JSON.stringify(value).replace(/\\u200b|\u200b/g, "");

describe("the approval views", () => {
  it("show the approver the customer with a masked personal number, each line, the totals and the terms, in Norwegian", () => {
    const message = approvalRequestMessage(messagesFor("nb"), {
      order: ORDER,
      request: REQUEST,
      thresholdOre: 1_000_000,
    });
    const shown = text(message.blocks);
    for (const words of [
      "Faktura venter på din godkjenning",
      "godkjenningsgrensen på 10\u00a0000,00\u00a0kr",
      "privatperson, fødselsnummer 280387*****",
      "1,5 × 1\u00a0000,00\u00a0kr (25 % MVA) = 1\u00a0825,00\u00a0kr, minus 50,00\u00a0kr rabatt",
      "Totalt 12\u00a0500,00\u00a0kr",
      "Fakturadato 14. aug. 2025, forfall 24. aug. 2025 (10 dager), med fakturagebyr",
      "Godkjenn og send",
      "Avvis …",
    ]) {
      expect(shown).toContain(words);
    }
    expect(shown).not.toContain(SEED_INVOICE_ORDER_EXAMPLE.customerDetails.personalNumber);
    expect(shown).toContain(APPROVAL_ACTION_IDS.approve);
    // What people typed stays inert in mrkdwn.
    expect(JSON.stringify(message.blocks)).not.toContain("Kari *Nordmann*");
  });

  it("never throw, whatever the request holds, and say how it ended without buttons", () => {
    const odd = {
      ...REQUEST,
      orderDate: "soon",
      invoiceMaturity: undefined,
      products: [{ name: "x".repeat(400), quantity: "many", rate: "?", tax: "?", amount: "?" }],
    } as unknown as typeof REQUEST;
    for (const locale of ["nb", "en"] as const) {
      const t = messagesFor(locale);
      expect(() => approvalRequestMessage(t, { order: ORDER, request: odd, thresholdOre: 1 })).not.toThrow();
      for (const decision of [
        { kind: "approved", by: "U0INGRID" },
        { kind: "rejected", by: "U0OLA", reason: "Feil *timer*" },
        { kind: "expired" },
      ] as const) {
        const decided = approvalDecidedMessage(t, ORDER, decision);
        expect(text(decided.blocks)).not.toContain('"button"');
      }
    }
    expect(
      text(approvalDecidedMessage(messagesFor("nb"), ORDER, { kind: "approved", by: "U0INGRID" })),
    ).toContain("Godkjent av <@U0INGRID>");
  });

  it("give the creator and the approver their own words: waiting, rejected, the reject modal", () => {
    const nb = messagesFor("nb");
    expect(awaitingApprovalModal(nb, ORDER, ["U0INGRID"]).title.text).toBe("Venter på godkjenning");
    expect(rejectModal(nb, ORDER).submit?.text).toBe("Avvis");
    expect(text(rejectedCreatorMessage(nb, ORDER, { by: "U0OLA", reason: "Feil beløp" }))).toContain(
      "<@U0OLA> avviste fakturaen din til Kari",
    );
    expect(awaitingApprovalModal(messagesFor("en"), ORDER, []).title.text).toBe("Waiting for approval");
  });
});
