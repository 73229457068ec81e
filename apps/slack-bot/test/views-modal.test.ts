import {
  formatProblem,
  VIEW_SIZE_LIMIT_BYTES,
  validateMessageBlocks,
  validateView,
} from "@fakturabot/sandbox";
import { ISO_COUNTRY_CODES } from "@fakturabot/schema";
import type { types } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../src/i18n/index.js";
import {
  ACTION_IDS,
  ADD_LINE_ACTION_ID,
  BLOCK_IDS,
  CONFIRM_UNKNOWN_RETRY_ACTION_ID,
  EDIT_SUBMISSION_ACTION_ID,
  INVOICE_MODAL_CALLBACK_ID,
  LAYOUT_BLOCK_IDS,
  lineBlockId,
  RECALCULATE_ACTION_IDS,
  REMOVE_LINE_ACTION_ID,
  RETRY_SUBMISSION_ACTION_ID,
  SUBMISSION_CALLBACK_ID,
} from "../src/invoice-form/ids.js";
import {
  addLine,
  decodeFormMetadata,
  type FormMetadata,
  newFormMetadata,
  REGISTER_WARNINGS,
  removeLine,
} from "../src/invoice-form/metadata.js";
import { prefillFromCommandText } from "../src/invoice-form/prefill.js";
import { formTotals } from "../src/invoice-form/totals.js";
import type { ModalView } from "../src/views/block-kit.js";
import { invoiceModal, MAX_LINES } from "../src/views/invoice-modal.js";
import { orderMessage, statusChangeText } from "../src/views/order-message.js";
import { statusEmoji } from "../src/views/order-words.js";
import { createdModal, failedModal, sendingModal, unknownModal } from "../src/views/submission.js";

/** These tests read the bot in English. */
const t = messagesFor("en");

const NBSP = "\u00a0";

/** What the Slack stand-in would refuse in `view`: its Block Kit validator, plus `view_too_large`. */
function slackLimitProblems(view: ModalView): string[] {
  const problems = validateView(view, "modal").map(formatProblem);
  if (Buffer.byteLength(JSON.stringify(view)) > VIEW_SIZE_LIMIT_BYTES) problems.push("view_too_large");
  return problems;
}

function metadataWithLines(count: number, customerType: "private" | "corporate" = "private"): FormMetadata {
  let metadata = newFormMetadata({ channelId: "C0SALES", customerType });
  while (metadata.lineKeys.length < count) metadata = addLine(metadata);
  return metadata;
}

function blocksOf(view: ModalView): types.KnownBlock[] {
  return view.blocks as types.KnownBlock[];
}

function block(view: ModalView, blockId: string): types.KnownBlock | undefined {
  return blocksOf(view).find((candidate) => candidate.block_id === blockId);
}

function inputBlock(view: ModalView, blockId: string): types.InputBlock {
  const found = block(view, blockId);
  if (found?.type !== "input") throw new Error(`no input block ${blockId}`);
  return found;
}

function textOf(view: ModalView): string {
  return blocksOf(view)
    .flatMap((item) => {
      if (item.type === "section") return [item.text?.text ?? ""];
      if (item.type === "context")
        return item.elements.map((element) => ("text" in element ? element.text : ""));
      return [];
    })
    .join("\n");
}

function buttons(view: ModalView): types.Button[] {
  return blocksOf(view).flatMap((item) => {
    if (item.type === "actions")
      return item.elements.filter((element) => element.type === "button") as types.Button[];
    if (item.type === "section" && item.accessory?.type === "button") return [item.accessory];
    return [];
  });
}

describe("statusChangeText", () => {
  const paid = (amount: string | null) =>
    statusChangeText(messagesFor("en"), { status: "PAID", paymentMethod: "Visa", amount });

  it("shows Front Payment's amount in kroner, exactly", () => {
    expect(paid("1250.50")).toBe(`${statusEmoji("PAID")} Paid by Visa, NOK${NBSP}1,250.50`);
    expect(paid("0.29")).toBe(`${statusEmoji("PAID")} Paid by Visa, NOK${NBSP}0.29`);
  });

  it("leaves out an amount that is not money, rather than guess or throw", () => {
    for (const amount of [null, "", "1250.505", "-5", "abc"])
      expect(paid(amount)).toBe(`${statusEmoji("PAID")} Paid by Visa`);
  });
});

describe("invoiceModal", () => {
  it("opens with Slack's modal settings, the metadata and the defaults", () => {
    const metadata = newFormMetadata({ channelId: "C0SALES" });
    const view = invoiceModal(t, { metadata });
    expect(view).toMatchObject({
      type: "modal",
      callback_id: INVOICE_MODAL_CALLBACK_ID,
      title: { text: "New invoice" },
      submit: { text: "Send invoice" },
      close: { text: "Cancel" },
      notify_on_close: true,
    });
    expect(decodeFormMetadata(view.private_metadata ?? "")).toEqual(metadata);

    // What Slack's state holds for it is in e2e-form.test.ts, through the Slack stand-in.
    expect(slackLimitProblems(view)).toEqual([]);
  });

  it("shows the fields of the customer type, and the type switch dispatches at once", () => {
    const personal = invoiceModal(t, { metadata: metadataWithLines(1) });
    const company = invoiceModal(t, { metadata: metadataWithLines(1, "corporate") });
    expect(block(personal, BLOCK_IDS.personalNumber)).toBeDefined();
    expect(block(personal, BLOCK_IDS.organizationId)).toBeUndefined();
    expect(block(company, BLOCK_IDS.organizationId)).toBeDefined();
    expect(block(company, BLOCK_IDS.personalNumber)).toBeUndefined();
    expect(inputBlock(personal, BLOCK_IDS.name).label.text).toBe("Full name");
    expect(inputBlock(company, BLOCK_IDS.name).label.text).toBe("Company name");

    const switcher = inputBlock(company, BLOCK_IDS.customerType);
    expect(switcher.dispatch_action).toBe(true);
    expect(switcher.element).toMatchObject({
      type: "radio_buttons",
      action_id: ACTION_IDS.customerType,
      initial_option: { value: "corporate" },
    });
  });

  it("stays within Slack's limits at every size, for both customer types, with everything shown", () => {
    const long = "Å".repeat(400);
    for (const customerType of ["private", "corporate"] as const) {
      for (let lines = 1; lines <= MAX_LINES; lines++) {
        const metadata = {
          ...metadataWithLines(lines, customerType),
          fills: 99_999,
          register: {
            organisationNumber: "931456784",
            kind: "found" as const,
            name: long,
            warnings: [...REGISTER_WARNINGS],
          },
        };
        const inputIds = blocksOf(invoiceModal(t, { metadata })).flatMap((item) =>
          item.type === "input" && item.block_id ? [item.block_id] : [],
        );
        const view = invoiceModal(t, {
          metadata,
          now: new Date("2026-12-01T10:00:00Z"),
          notice: long.repeat(20),
          fieldErrors: Object.fromEntries(inputIds.map((id) => [id, long.repeat(10)])),
          initial: {
            name: long,
            street: long,
            referenceNo: long,
            lines: metadata.lineKeys.map(() => ({
              name: long,
              quantity: "3",
              rate: "1999.99",
              discount: "10",
            })),
          },
        });
        expect(slackLimitProblems(view), `${customerType}, ${lines} lines`).toEqual([]);
      }
    }
  });

  it("offers every country once, in option groups a static select can hold", () => {
    const country = inputBlock(
      invoiceModal(t, { metadata: metadataWithLines(1) }),
      BLOCK_IDS.country,
    ).element;
    if (country.type !== "static_select" || !country.option_groups) throw new Error("expected option groups");
    const values = country.option_groups.flatMap((group) => group.options.map((option) => option.value));
    expect(values.sort()).toEqual([...ISO_COUNTRY_CODES].sort());
    expect(country.option_groups[0]?.options.map((option) => option.value)).toEqual([
      "NO",
      "SE",
      "DK",
      "FI",
      "IS",
    ]);
    expect(country.initial_option?.value).toBe("NO");
  });

  it("has a remove button on every line when there are several, and none when there is one", () => {
    expect(
      buttons(invoiceModal(t, { metadata: metadataWithLines(1) })).map((item) => item.action_id),
    ).toEqual([ADD_LINE_ACTION_ID]);
    const metadata = removeLine(metadataWithLines(3), "2");
    const removes = buttons(invoiceModal(t, { metadata })).filter(
      (item) => item.action_id === REMOVE_LINE_ACTION_ID,
    );
    expect(removes.map((item) => item.value)).toEqual(["1", "3"]);
  });

  it("replaces Add line with a note at MAX_LINES", () => {
    const full = invoiceModal(t, { metadata: metadataWithLines(MAX_LINES) });
    expect(buttons(full).some((item) => item.action_id === ADD_LINE_ACTION_ID)).toBe(false);
    expect(block(full, LAYOUT_BLOCK_IDS.addLine)?.type).toBe("context");
    expect(textOf(full)).toContain(`A form holds at most ${MAX_LINES} lines`);
  });

  it("dispatches the inputs behind the running totals, with the action ids the listeners register", () => {
    const view = invoiceModal(t, { metadata: metadataWithLines(2) });
    const dispatching = blocksOf(view).flatMap((item) =>
      item.type === "input" && item.dispatch_action ? [item.element.action_id] : [],
    );
    expect(new Set(dispatching)).toEqual(new Set([ACTION_IDS.customerType, ...RECALCULATE_ACTION_IDS]));
    const quantity = inputBlock(view, lineBlockId("2", "quantity")).element;
    expect(quantity).toMatchObject({
      type: "plain_text_input",
      initial_value: "1",
      dispatch_action_config: { trigger_actions_on: ["on_enter_pressed"] },
    });
  });

  it("bounds every number input, so nothing typed can overflow an invoice's total", () => {
    const view = invoiceModal(t, { metadata: metadataWithLines(1) });
    const bounds = Object.fromEntries(
      blocksOf(view).flatMap((item) =>
        item.type === "input" && item.element.type === "number_input"
          ? [[item.block_id, item.element.max_value]]
          : [],
      ),
    );
    // A line's numbers are text inputs (Slack's number_input refuses 1,5): checkLine holds them
    // to the same bounds (test/invoice-form.test.ts).
    expect(bounds).toEqual({ [BLOCK_IDS.invoiceMaturity]: "365" });
    for (const field of ["quantity", "rate", "discount"] as const)
      expect(inputBlock(view, lineBlockId("1", field)).element.type).toBe("plain_text_input");
  });

  it("shows a total too large for whole øre in words, never throwing", () => {
    // MAX_LINES lines at the inputs' bounds stay whole øre: the totals given are beyond them.
    const huge = {
      lines: Array.from({ length: MAX_LINES }, () => ({ quantity: "1000000", rate: "10000000", tax: "25" })),
    };
    const totals = { ...formTotals(huge), grandTotalOre: 2 ** 54 };
    const view = invoiceModal(t, { metadata: metadataWithLines(MAX_LINES), initial: huge, totals });
    expect(textOf(view)).toContain("*Total an amount too large to show*");
    expect(slackLimitProblems(view)).toEqual([]);
  });

  it("keeps the order message within Slack's limits for any stored name, cut with an ellipsis", () => {
    const message = orderMessage(messagesFor("en"), {
      orderId: "FB01",
      fpOrderUuid: "ODR1",
      customerName: `${"&".repeat(2000)}${"K".repeat(98_000)}`,
      customerIdentifier: "280387*****",
      grandTotalOre: 125_000,
      status: "SENT",
      bankIdUrl: null,
      createdBy: "U0KARINOR",
    });
    expect(validateMessageBlocks(message.blocks).map(formatProblem)).toEqual([]);
    expect(message.text).toContain(`Invoice to ${"&amp;".repeat(254)}…:`);
  });

  it("starts from a prefill and shows its totals", () => {
    const prefill = prefillFromCommandText("Kari Nordmann kari@example.no kr 1 250");
    const view = invoiceModal(t, { metadata: metadataWithLines(1), initial: prefill });
    expect(textOf(view)).toContain(`*Total NOK${NBSP}1,250.00*`);
    expect(textOf(view)).toContain(`Excl. VAT NOK${NBSP}1,000.00  ·  VAT NOK${NBSP}250.00`);
  });

  it("says which lines are not counted yet, and what it needs before there is a total", () => {
    const metadata = metadataWithLines(2);
    const empty = invoiceModal(t, { metadata });
    expect(textOf(empty)).toContain("appears when a line has a quantity, a unit price and a VAT rate");
    const half = invoiceModal(t, { metadata, initial: { lines: [{ rate: "100" }, { rate: "abc" }] } });
    expect(textOf(half)).toContain("Line 2 is not counted until complete.");
  });

  it("shows field errors under their inputs and the notice at the top, escaped", () => {
    const view = invoiceModal(t, {
      metadata: metadataWithLines(1),
      notice: "Front Payment rejected the invoice: <!channel> & more",
      fieldErrors: {
        [BLOCK_IDS.personalNumber]: "Personal number must be exactly 11 digits",
        "no.such.block": "x",
      },
    });
    expect(inputBlock(view, BLOCK_IDS.personalNumber).hint?.text).toBe(
      "⚠️ Personal number must be exactly 11 digits",
    );
    expect(blocksOf(view)[0]).toMatchObject({
      block_id: LAYOUT_BLOCK_IDS.notice,
      text: { text: ":warning: Front Payment rejected the invoice: &lt;!channel&gt; &amp; more" },
    });
    expect(JSON.stringify(view)).not.toContain("no.such.block");
  });

  it("offers the account's VAT rates", () => {
    const view = invoiceModal(t, {
      metadata: metadataWithLines(1),
      taxRates: [0, 6, 25],
      defaults: { taxRate: 6 },
    });
    const tax = inputBlock(view, lineBlockId("1", "tax")).element;
    expect(tax).toMatchObject({
      type: "static_select",
      options: [{ value: "0" }, { value: "6" }, { value: "25" }],
      initial_option: { value: "6" },
    });
  });
});

describe("submission views", () => {
  const customerName = "Kari <!channel> & Co";

  const views: [string, ModalView][] = [
    ["sending", sendingModal(t, { customerName, grandTotalOre: 125000 })],
    [
      "created with BankID",
      createdModal(t, {
        orderId: "FB01TEST",
        fpOrderUuid: "ODR4286244937",
        bankIdUrl: "https://auth.current.bankid.no/precheck/auth?a=1&state=eyJ|x",
        customerName,
        grandTotalOre: 125000,
        status: "SENT",
        channelNote: "Posted in <#C0SALES>.",
      }),
    ],
    [
      "created, invoiced directly",
      createdModal(t, {
        orderId: "FB01TEST",
        fpOrderUuid: "ODR1",
        bankIdUrl: null,
        customerName,
        grandTotalOre: 1,
        status: "INVOICED",
      }),
    ],
    [
      "created, no link and no status yet",
      createdModal(t, {
        orderId: "FB01TEST",
        fpOrderUuid: "ODR1",
        bankIdUrl: null,
        customerName,
        grandTotalOre: 1,
        status: null,
      }),
    ],
    [
      "failed",
      failedModal(t, { orderId: "FB01TEST", reason: "x".repeat(10_000), metadata: metadataWithLines(3) }),
    ],
    [
      "unknown",
      unknownModal(t, { orderId: "FB01TEST", reason: "Front Payment did not answer within 10 seconds." }),
    ],
  ];

  it.each(views)("%s: within Slack's limits, no submit button, its own callback id", (_, view) => {
    expect(slackLimitProblems(view)).toEqual([]);
    expect(view.submit).toBeUndefined();
    expect(view.callback_id).toBe(SUBMISSION_CALLBACK_ID);
    expect(textOf(view)).not.toContain("<!channel>");
  });

  it("sending says so", () => {
    expect(textOf(sendingModal(t, { customerName: "Kari", grandTotalOre: 125000 }))).toContain(
      `*Sending to Front Payment…*\nThe invoice to *Kari* for *NOK${NBSP}1,250.00*.`,
    );
  });

  it("created links the BankID page, or says no BankID step is needed", () => {
    const [, withBankId] = views[1] as [string, ModalView];
    expect(textOf(withBankId)).toContain(
      "<https://auth.current.bankid.no/precheck/auth?a=1&amp;state=eyJ%7Cx|BankID link>",
    );
    expect(textOf(withBankId)).toContain("`ODR4286244937`");
    const [, direct] = views[2] as [string, ModalView];
    expect(textOf(direct)).toContain("Front Payment invoiced the customer directly");
    const [, unsaid] = views[3] as [string, ModalView];
    expect(textOf(unsaid)).toContain(
      "Front Payment gave no BankID link. Status: :grey_question: Status not known yet",
    );
  });

  it("failed offers Send again and Edit for the order, and keeps the form's metadata", () => {
    const metadata = metadataWithLines(3);
    const view = failedModal(t, { orderId: "FB01TEST", reason: "Front Payment answered 500.", metadata });
    expect(buttons(view).map((item) => [item.action_id, item.value])).toEqual([
      [RETRY_SUBMISSION_ACTION_ID, "FB01TEST"],
      [EDIT_SUBMISSION_ACTION_ID, "FB01TEST"],
    ]);
    expect(decodeFormMetadata(view.private_metadata ?? "")).toEqual(metadata);
    expect(failedModal(t, { orderId: "FB01TEST", reason: "" }).private_metadata).toBeUndefined();
  });

  it("unknown explains the risk and asks for confirmation before sending anyway", () => {
    const view = unknownModal(t, { orderId: "FB01TEST", reason: "No answer within 10 seconds." });
    const text = textOf(view);
    expect(text).toContain("may or may not have created it");
    expect(text).toContain("will *not* send it again by itself");
    expect(text).toContain("its status appears in the channel");
    const [sendAnyway, ...others] = buttons(view);
    expect(others).toEqual([]);
    expect(sendAnyway).toMatchObject({
      action_id: CONFIRM_UNKNOWN_RETRY_ACTION_ID,
      value: "FB01TEST",
      style: "danger",
      confirm: {
        title: { text: "Send the invoice again?" },
        confirm: { text: "Send anyway" },
        deny: { text: "Don't send" },
      },
    });
    expect(sendAnyway?.confirm?.text.text).toContain("the customer gets two invoices");
  });
});
