import { formatProblem, VIEW_SIZE_LIMIT_BYTES, validateView } from "@fakturabot/sandbox";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../src/i18n/index.js";
import {
  lineBlockId,
  lineKeyOfProductBlock,
  lineProductBlockId,
  PRODUCT_PICKER_ACTION_ID,
  productChoiceOf,
  productOptionValue,
} from "../src/invoice-form/ids.js";
import { addLine, MAX_LINES, newFormMetadata } from "../src/invoice-form/metadata.js";
import { readInvoiceForm, type ViewStateValues } from "../src/invoice-form/read.js";
import { formTotals } from "../src/invoice-form/totals.js";
import {
  lineDetailsOf,
  lineFilledWith,
  productChoices,
  readProductEdit,
  renewLine,
} from "../src/services/saved-products.js";
import type { EarlierLine, SavedProduct } from "../src/store/types.js";
import { appHomeView } from "../src/views/app-home.js";
import { productEditModal } from "../src/views/home/product-edit-modal.js";
import {
  HOME_EARLIER_LINES_SHOWN,
  HOME_PRODUCTS_SHOWN,
  productsHomeSection,
} from "../src/views/home/products-section.js";
import { productEditBlockId } from "../src/views/ids.js";
import { productPickerOptions } from "../src/views/invoice-modal/product-picker.js";
import { invoiceModal } from "../src/views/invoice-modal.js";

const nb = messagesFor("nb");
const en = messagesFor("en");
const LONG = "Å".repeat(255);
const TAX_RATES = [0, 12, 15, 25];
/** Money is written with no-break spaces; compare as plain text. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

function product(index: number, overrides: Partial<SavedProduct> = {}): SavedProduct {
  return {
    id: `PR${String(index).padStart(4, "0")}`,
    teamId: "T0TEAM",
    name: `Konsulenttime ${index}`,
    productId: `KT-${index}`,
    unitPriceOre: 125_050,
    taxRate: 25,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...overrides,
  };
}

function earlier(index: number, overrides: Partial<EarlierLine> = {}): EarlierLine {
  return {
    id: `LN${String(index).padStart(4, "0")}`,
    teamId: "T0TEAM",
    name: `Reisetid ${index}`,
    productId: null,
    unitPriceOre: 80_000,
    taxRate: 25,
    lastUsedAt: new Date(0),
    timesUsed: 1,
    ...overrides,
  };
}

describe("the product picker on each line", () => {
  it("is one external_select per line, with its own block id, and the modal still fits at MAX_LINES", () => {
    let metadata = newFormMetadata({ channelId: "C0SALES", customerType: "corporate" });
    while (metadata.lineKeys.length < MAX_LINES) metadata = addLine(metadata);
    const view = invoiceModal(messagesFor("en"), { metadata, notice: LONG });
    const pickers = view.blocks.filter((block) => block.block_id?.endsWith(".product"));
    expect(pickers.map((block) => block.block_id)).toEqual(metadata.lineKeys.map(lineProductBlockId));
    expect(pickers[0]).toMatchObject({
      type: "actions",
      elements: [{ type: "external_select", action_id: PRODUCT_PICKER_ACTION_ID, min_query_length: 0 }],
    });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(validateView(view, "modal").map(formatProblem)).toEqual([]);
  });

  it("offers the price list first, then earlier lines, each group named, within Slack's limits", () => {
    const answer = productPickerOptions(
      nb,
      Array.from({ length: 70 }, (_, index) => product(index, { name: LONG })),
      Array.from({ length: 70 }, (_, index) => earlier(index)),
    );
    if (!("option_groups" in answer)) throw new Error("expected option groups");
    expect(answer.option_groups.map((group) => [group.label.text, group.options.length])).toEqual([
      ["Prisliste", 70],
      ["Fra tidligere fakturaer", 30],
    ]);
    for (const option of answer.option_groups.flatMap((group) => group.options)) {
      expect(option.text.text.length).toBeLessThanOrEqual(75);
      expect(option.description?.text.length ?? 0).toBeLessThanOrEqual(75);
      expect((option.value ?? "").length).toBeLessThanOrEqual(150);
    }
    // A long name is cut, the price never.
    expect(plain(answer.option_groups[0]?.options[0]?.text.text ?? "")).toMatch(/… · 1 250,50 kr$/);
  });

  it("says name and price, then product id and VAT rate, in the reader's language", () => {
    const answer = productPickerOptions(en, [product(1, { taxRate: 12.5 })], []);
    expect(JSON.parse(plain(JSON.stringify(answer)))).toEqual({
      option_groups: [
        {
          label: { type: "plain_text", text: "Price list", emoji: true },
          options: [
            {
              text: { type: "plain_text", text: "Konsulenttime 1 · NOK 1,250.50", emoji: true },
              value: "p:PR0001",
              description: { type: "plain_text", text: "KT-1 · VAT 12.5 %", emoji: true },
            },
          ],
        },
      ],
    });
    const norwegian = productPickerOptions(nb, [], [earlier(1, { taxRate: 15 })]);
    expect(JSON.stringify(norwegian)).toContain('"text":"MVA 15 %"');
    expect(JSON.stringify(norwegian)).toContain('"value":"l:LN0001"');
    expect(productPickerOptions(nb, [], [])).toEqual({ options: [] });
  });

  it("reads back only what it wrote: option values and line blocks", () => {
    expect(productChoiceOf(productOptionValue({ kind: "product", id: "PR12AB" }))).toEqual({
      kind: "product",
      id: "PR12AB",
    });
    expect(productChoiceOf("l:LN1")).toEqual({ kind: "earlier", id: "LN1" });
    for (const value of [undefined, "", "x:PR1", "p:", "p:pr1", `p:${"A".repeat(41)}`])
      expect(productChoiceOf(value)).toBeUndefined();
    expect(lineKeyOfProductBlock(lineProductBlockId("a3"))).toBe("a3");
    expect(lineKeyOfProductBlock(lineBlockId("a3", "productId"))).toBeUndefined();
  });
});

describe("filling a line from a product", () => {
  it("replaces name, product id, price and VAT, keeps quantity and discount, and renews only that line's key", () => {
    const metadata = addLine(addLine(newFormMetadata({ channelId: "C0SALES" })));
    const { metadata: renewed, key } = renewLine(metadata, "2");
    expect(renewed.lineKeys).toEqual(["1", key, "3"]);
    expect(key).toBe("4");
    expect(renewed.lastLineNumber).toBe(4);
    expect(renewLine(metadata, "9").metadata).toBe(metadata);

    const filled = lineFilledWith(
      { key: "2", name: "typed", productId: "OLD", quantity: "1,5", discount: "10 %", rate: "1" },
      product(1, { productId: null, unitPriceOre: 125_050, taxRate: 15 }),
    );
    expect(filled).toEqual({
      key: "2",
      name: "Konsulenttime 1",
      quantity: "1,5",
      discount: "10 %",
      rate: "1\u00a0250,50",
      tax: "15",
    });
    // The form's own parser reads the filled price: the totals count it.
    const typed = { ...filled, rate: "1250,50" };
    expect(formTotals({ lines: [filled] }).lineAmountsOre).toEqual(
      formTotals({ lines: [typed] }).lineAmountsOre,
    );
    expect(formTotals({ lines: [filled] }).lineAmountsOre[0]).toBeGreaterThan(0);
  });

  it("renews a line's key even when the form is full", () => {
    let metadata = newFormMetadata({ channelId: "C0SALES" });
    while (metadata.lineKeys.length < MAX_LINES) metadata = addLine(metadata);
    const { metadata: renewed, key } = renewLine(metadata, "1");
    expect(renewed.lineKeys).toHaveLength(MAX_LINES);
    expect(renewed.lineKeys[0]).toBe(key);
    expect(new Set([...metadata.lineKeys, key]).size).toBe(MAX_LINES + 1);
  });

  it("remembers an invoice's lines in øre, with their VAT rate, never a float of kroner", () => {
    expect(
      lineDetailsOf([
        { name: "Konsulenttime", productId: "KT-1", quantity: 2, rate: "1250.5", tax: 25, amount: 2501 },
        { name: "Reise", productId: "", quantity: 1, rate: 0.1, tax: "12", amount: 0.1 },
      ]),
    ).toEqual([
      { name: "Konsulenttime", productId: "KT-1", unitPriceOre: 125_050, taxRate: 25 },
      { name: "Reise", productId: null, unitPriceOre: 10, taxRate: 12 },
    ]);
  });

  it("offers an earlier line only when it is not already in the price list", async () => {
    const saved = product(1, { name: "Reisetid 1", productId: null, unitPriceOre: 80_000 });
    const deps = {
      products: {
        searchProducts: async () => [saved],
        searchEarlierLines: async () => [earlier(1, { name: "REISETID 1" }), earlier(2)],
      },
    } as unknown as Parameters<typeof productChoices>[0];
    const choices = await productChoices(deps, "T0TEAM", "");
    expect(choices.products).toEqual([saved]);
    expect(choices.earlier.map((line) => line.id)).toEqual(["LN0002"]);
  });
});

describe("the price list in App Home", () => {
  it("shows products with Edit and Delete, Add, and earlier lines with Save as product, within Slack's limits", () => {
    const products = Array.from({ length: HOME_PRODUCTS_SHOWN + 5 }, (_, index) =>
      product(index, { name: `${LONG} <@U123> *bold*` }),
    );
    const lines = Array.from({ length: 6 }, (_, index) => earlier(index));
    const blocks = productsHomeSection(nb, products, lines, { mayManage: true });
    const view = appHomeView([blocks]);
    expect(validateView(view, "home").map(formatProblem)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(view))).toBeLessThan(VIEW_SIZE_LIMIT_BYTES);
    expect(blocks.length).toBeLessThanOrEqual(3 + 2 * HOME_PRODUCTS_SHOWN + 2 + HOME_EARLIER_LINES_SHOWN);
    const text = plain(JSON.stringify(blocks));
    expect(text).not.toContain("<@U123>");
    expect(text).toContain("KT-1 · 1 250,50 kr · MVA 25 %");
    expect(text).toContain("Viser de 8 første etter navn");
    expect(text).toContain("Legg til produkt");
    expect(text).toContain("Lagre som produkt");
    expect(text).toContain("Slette produktet?");
  });

  it("shows no buttons to someone who may not manage products, and says when there are none", () => {
    const blocks = productsHomeSection(en, [product(1)], [earlier(1)], { mayManage: false });
    expect(blocks.some((block) => block.type === "actions")).toBe(false);
    expect(JSON.stringify(blocks)).not.toContain("Save as product");
    expect(JSON.stringify(productsHomeSection(en, [], [], { mayManage: true }))).toContain(
      "No saved products yet.",
    );
  });
});

describe("the product editor", () => {
  const state = (values: Partial<Record<"name" | "productId" | "price" | "tax", string>>): ViewStateValues =>
    Object.fromEntries(
      Object.entries(values).map(([field, value]) => {
        const id = productEditBlockId(field as "name");
        return [
          id,
          {
            [id]:
              field === "tax"
                ? {
                    type: "static_select",
                    selected_option: { text: { type: "plain_text", text: value }, value },
                  }
                : { type: "plain_text_input", value },
          },
        ];
      }),
    ) as ViewStateValues;

  it("stays within Slack's limits, new or filled, with an error under every field", () => {
    const errors = Object.fromEntries(
      (["name", "productId", "price", "tax"] as const).map((field) => [productEditBlockId(field), LONG]),
    );
    for (const t of [nb, en]) {
      for (const draft of [
        { values: {} },
        { id: "PR1", values: { name: LONG, productId: "X".repeat(40), price: "1 250,50", taxRate: 25 } },
      ]) {
        const modal = productEditModal(t, draft, TAX_RATES, errors);
        expect(validateView(modal, "modal").map(formatProblem)).toEqual([]);
      }
    }
    const edit = productEditModal(en, { id: "PR1", values: { name: "Reise", taxRate: 15 } }, TAX_RATES);
    expect(edit.private_metadata).toBe("PR1");
    expect(edit.title.text).toBe("Edit product");
    expect(JSON.stringify(edit)).toContain('"initial_option":{"text":{"type":"plain_text","text":"VAT 15 %"');
    // A rate no longer configured is not chosen for them.
    expect(JSON.stringify(productEditModal(en, { values: { taxRate: 8 } }, TAX_RATES))).not.toContain(
      "initial_option",
    );
    expect(productEditModal(nb, { values: {} }, TAX_RATES).title.text).toBe("Nytt produkt");
  });

  it("reads a Norwegian price into øre, an optional product id and a configured VAT rate", () => {
    expect(
      readProductEdit(nb, state({ name: "  Konsulenttime ", price: "1 250,50", tax: "25" }), TAX_RATES),
    ).toEqual({
      ok: true,
      details: { name: "Konsulenttime", productId: null, unitPriceOre: 125_050, taxRate: 25 },
    });
    expect(
      readProductEdit(nb, state({ name: "Bok", productId: "B-1", price: "99,-", tax: "12" }), TAX_RATES),
    ).toEqual({ ok: true, details: { name: "Bok", productId: "B-1", unitPriceOre: 9_900, taxRate: 12 } });
  });

  it("says what is wrong under each field, in the reader's language", () => {
    const id = productEditBlockId;
    expect(readProductEdit(nb, state({}), TAX_RATES)).toEqual({
      ok: false,
      errors: {
        [id("name")]: "Skriv inn produktets navn.",
        [id("price")]: "Skriv inn enhetsprisen.",
        [id("tax")]: "Velg en MVA-sats.",
      },
    });
    expect(
      readProductEdit(
        en,
        state({ name: "x".repeat(256), productId: "y".repeat(26), price: "1.250,50", tax: "8" }),
        TAX_RATES,
      ),
    ).toEqual({
      ok: false,
      errors: {
        [id("name")]: "Is 256 characters; at most 255 fit.",
        [id("productId")]: "Is 26 characters; at most 25 fit.",
        [id("price")]: "Could mean two amounts: write it without the dot, such as 1250,50 or 1,25.",
        [id("tax")]: "Choose a VAT rate.",
      },
    });
    const tooMuch = readProductEdit(
      en,
      state({ name: "Gull", price: "10 000 000,01", tax: "25" }),
      TAX_RATES,
    );
    expect(tooMuch.ok === false && plain(tooMuch.errors[id("price")] ?? "")).toBe(
      "Can be at most NOK 10,000,000.00.",
    );
    const negative = readProductEdit(nb, state({ name: "Rabatt", price: "-5", tax: "25" }), TAX_RATES);
    expect(negative.ok === false && negative.errors[id("price")]).toBe("Kan ikke være negativ.");
  });
});

describe("the form reads a filled line like a typed one", () => {
  it("ignores the picker's own state", () => {
    const metadata = newFormMetadata({ channelId: "C0SALES" });
    const values = {
      [lineProductBlockId("1")]: {
        [PRODUCT_PICKER_ACTION_ID]: { type: "external_select", selected_option: { value: "p:PR1" } },
      },
    } as unknown as ViewStateValues;
    expect(readInvoiceForm(values, metadata).lines).toEqual([{ key: "1" }]);
  });
});
