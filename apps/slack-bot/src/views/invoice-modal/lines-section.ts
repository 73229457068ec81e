import { DEFAULT_TAX_RATES } from "@fakturabot/schema";
import {
  ADD_LINE_ACTION_ID,
  LAYOUT_BLOCK_IDS,
  LINE_ACTION_IDS,
  type LineField,
  lineBlockId,
  lineHeaderBlockId,
  REMOVE_LINE_ACTION_ID,
} from "../../invoice-form/ids.js";
import { lineFieldNames } from "../../invoice-form/labels.js";
import { LINE_TEXT_MAX_LENGTHS } from "../../invoice-form/limits.js";
import { MAX_LINES } from "../../invoice-form/metadata.js";
import { normaliseDecimal } from "../../invoice-form/normalise.js";
import type { InvoiceLineValues } from "../../invoice-form/read.js";
import { formTotals } from "../../invoice-form/totals.js";
import { button, context, header, type KnownBlock, option, section } from "../block-kit.js";
import { cutNote, type FieldBuilder, textElement } from "./field-builder.js";
import type { InvoiceModalOptions } from "./modal-options.js";
import { lineProductPicker } from "./product-picker.js";
import { selected } from "./select-options.js";
import { totalsBlocks } from "./totals-section.js";

/** Room for `1 000 000,00` and more; the parser and `limits.ts` say what is too large. */
const NUMBER_MAX_LENGTH = 30;

/** The VAT select's options, and the one a line starts with. */
function taxChoices({ t, defaults }: FieldBuilder, taxRates: readonly number[]) {
  const options = taxRates.map((rate) =>
    option(t.invoiceModal.taxOption({ rate: t.format.number(rate) }), String(rate)),
  );
  return { options, initial: selected(options, String(defaults.taxRate)) ?? options[0] };
}

type TaxChoices = ReturnType<typeof taxChoices>;

/** One product line: its heading (amount, remove button), then its inputs. */
function lineBlocks(
  form: FieldBuilder,
  tax: TaxChoices,
  line: { key: string; index: number; values: Partial<InvoiceLineValues>; amountOre: number | null },
): KnownBlock[] {
  const { t, metadata, defaults, input } = form;
  const words = t.invoiceModal;
  const names = lineFieldNames(t);
  const { key, index, values, amountOre } = line;
  const id = (field: LineField) => lineBlockId(key, field);
  const lineTax = selected(tax.options, normaliseDecimal(values.tax)) ?? tax.initial;
  const title = `*${words.lineTitle({ number: index + 1 })}*${amountOre === null ? "" : `  ·  ${t.format.money(amountOre)}`}`;
  const remove =
    metadata.lineKeys.length > 1
      ? button({ text: words.removeLine, actionId: REMOVE_LINE_ACTION_ID, value: key })
      : undefined;
  return [
    section(title, lineHeaderBlockId(key), remove),
    lineProductPicker(t, key),
    input({
      blockId: id("name"),
      label: names.name,
      hint:
        cutNote(t, values.name, LINE_TEXT_MAX_LENGTHS.name) ??
        words.atMostCharacters({ max: LINE_TEXT_MAX_LENGTHS.name }),
      element: textElement(LINE_ACTION_IDS.name, {
        value: values.name,
        placeholder: words.productPlaceholder,
        maxLength: LINE_TEXT_MAX_LENGTHS.name,
      }),
    }),
    input({
      blockId: id("productId"),
      label: names.productId,
      optional: true,
      hint:
        cutNote(t, values.productId, LINE_TEXT_MAX_LENGTHS.productId) ??
        words.productIdHint({ max: LINE_TEXT_MAX_LENGTHS.productId }),
      element: textElement(LINE_ACTION_IDS.productId, {
        value: values.productId,
        placeholder: "R_1",
        maxLength: LINE_TEXT_MAX_LENGTHS.productId,
      }),
    }),
    input({
      blockId: id("quantity"),
      label: names.quantity,
      dispatch: true,
      hint: words.quantityHint,
      element: textElement(LINE_ACTION_IDS.quantity, {
        value: values.quantity ?? defaults.quantity,
        maxLength: NUMBER_MAX_LENGTH,
        dispatchOnEnter: true,
      }),
    }),
    input({
      blockId: id("rate"),
      label: words.rateLabel({ name: names.rate }),
      dispatch: true,
      hint: words.rateHint,
      element: textElement(LINE_ACTION_IDS.rate, {
        value: values.rate,
        placeholder: "1 500",
        maxLength: NUMBER_MAX_LENGTH,
        dispatchOnEnter: true,
      }),
    }),
    input({
      blockId: id("tax"),
      label: names.tax,
      dispatch: true,
      element: {
        type: "static_select",
        action_id: LINE_ACTION_IDS.tax,
        options: tax.options,
        ...(lineTax ? { initial_option: lineTax } : {}),
      },
    }),
    input({
      blockId: id("discount"),
      label: words.discountLabel({ name: names.discount }),
      optional: true,
      dispatch: true,
      hint: words.discountHint,
      element: textElement(LINE_ACTION_IDS.discount, {
        value: values.discount,
        maxLength: NUMBER_MAX_LENGTH,
        dispatchOnEnter: true,
      }),
    }),
  ];
}

/** The lines as the view starts them: `initial`'s values, with defaults where it has none. */
function startingLines({ metadata, initial, defaults }: FieldBuilder, tax: TaxChoices) {
  return metadata.lineKeys.map((key, index): Partial<InvoiceLineValues> => {
    const line = initial.lines?.[index] ?? {};
    return {
      ...line,
      key,
      quantity: line.quantity ?? defaults.quantity,
      tax: line.tax ?? tax.initial?.value,
    };
  });
}

/**
 * The product lines (each with its remove button when there are several), "Add line" up to
 * {@link MAX_LINES}, and the running totals: `totals` when given, else computed from the lines.
 */
export function linesBlocks(
  form: FieldBuilder,
  { taxRates, totals }: Pick<InvoiceModalOptions, "taxRates" | "totals">,
): KnownBlock[] {
  const { lineKeys } = form.metadata;
  const tax = taxChoices(form, taxRates ?? DEFAULT_TAX_RATES);
  const lines = startingLines(form, tax);
  const lineTotals = totals ?? formTotals({ lines });
  const words = form.t.invoiceModal;
  const blocks: KnownBlock[] = [header(words.productsHeader, LAYOUT_BLOCK_IDS.linesHeader)];
  lineKeys.forEach((key, index) => {
    const values = lines[index] ?? {};
    blocks.push(
      ...lineBlocks(form, tax, { key, index, values, amountOre: lineTotals.lineAmountsOre[index] ?? null }),
    );
  });
  blocks.push(
    lineKeys.length < MAX_LINES
      ? {
          type: "actions",
          block_id: LAYOUT_BLOCK_IDS.addLine,
          elements: [button({ text: words.addLine, actionId: ADD_LINE_ACTION_ID })],
        }
      : context(words.tooManyLines({ max: MAX_LINES }), LAYOUT_BLOCK_IDS.addLine),
    ...totalsBlocks(form.t, lineTotals),
  );
  return blocks;
}
