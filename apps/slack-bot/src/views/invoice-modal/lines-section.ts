import { DEFAULT_TAX_RATES, formatNok } from "@fakturabot/schema";
import { DEFAULT_LOCALE, messagesFor } from "../../i18n/index.js";
import {
  ADD_LINE_ACTION_ID,
  LAYOUT_BLOCK_IDS,
  LINE_ACTION_IDS,
  type LineField,
  lineBlockId,
  lineHeaderBlockId,
  REMOVE_LINE_ACTION_ID,
} from "../../invoice-form/ids.js";
import { LINE_FIELD_NAMES } from "../../invoice-form/labels.js";
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
function taxChoices({ defaults }: FieldBuilder, taxRates: readonly number[]) {
  const options = taxRates.map((rate) => option(`${rate} %`, String(rate)));
  return { options, initial: selected(options, String(defaults.taxRate)) ?? options[0] };
}

type TaxChoices = ReturnType<typeof taxChoices>;

/** One product line: its heading (amount, remove button), then its inputs. */
function lineBlocks(
  form: FieldBuilder,
  tax: TaxChoices,
  line: { key: string; index: number; values: Partial<InvoiceLineValues>; amountOre: number | null },
): KnownBlock[] {
  const { metadata, defaults, input } = form;
  const { key, index, values, amountOre } = line;
  const id = (field: LineField) => lineBlockId(key, field);
  const lineTax = selected(tax.options, normaliseDecimal(values.tax)) ?? tax.initial;
  const title = `*Line ${index + 1}*${amountOre === null ? "" : `  ·  ${formatNok(amountOre)}`}`;
  const remove =
    metadata.lineKeys.length > 1
      ? button({ text: "Remove", actionId: REMOVE_LINE_ACTION_ID, value: key })
      : undefined;
  return [
    section(title, lineHeaderBlockId(key), remove),
    // The modal's own words are not in the catalogue yet: the picker speaks the default language until it is.
    lineProductPicker(messagesFor(DEFAULT_LOCALE), key),
    input({
      blockId: id("name"),
      label: LINE_FIELD_NAMES.name,
      hint:
        cutNote(values.name, LINE_TEXT_MAX_LENGTHS.name) ??
        `At most ${LINE_TEXT_MAX_LENGTHS.name} characters.`,
      element: textElement(LINE_ACTION_IDS.name, {
        value: values.name,
        placeholder: "What is sold, as the invoice shows it",
        maxLength: LINE_TEXT_MAX_LENGTHS.name,
      }),
    }),
    input({
      blockId: id("productId"),
      label: LINE_FIELD_NAMES.productId,
      optional: true,
      hint:
        cutNote(values.productId, LINE_TEXT_MAX_LENGTHS.productId) ??
        `Your product number, at most ${LINE_TEXT_MAX_LENGTHS.productId} characters (Front Payment's limit).`,
      element: textElement(LINE_ACTION_IDS.productId, {
        value: values.productId,
        placeholder: "R_1",
        maxLength: LINE_TEXT_MAX_LENGTHS.productId,
      }),
    }),
    input({
      blockId: id("quantity"),
      label: LINE_FIELD_NAMES.quantity,
      dispatch: true,
      hint: "Such as 1, 1,5 or 0,25 (up to 3 decimals).",
      element: textElement(LINE_ACTION_IDS.quantity, {
        value: values.quantity ?? defaults.quantity,
        maxLength: NUMBER_MAX_LENGTH,
        dispatchOnEnter: true,
      }),
    }),
    input({
      blockId: id("rate"),
      label: `${LINE_FIELD_NAMES.rate} (kr, VAT included)`,
      dispatch: true,
      hint: "Such as 1 250,50 or 1250.50. Write 1.250,50 without the dot: it could mean two things.",
      element: textElement(LINE_ACTION_IDS.rate, {
        value: values.rate,
        placeholder: "1 500",
        maxLength: NUMBER_MAX_LENGTH,
        dispatchOnEnter: true,
      }),
    }),
    input({
      blockId: id("tax"),
      label: LINE_FIELD_NAMES.tax,
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
      label: `${LINE_FIELD_NAMES.discount} (on the whole line)`,
      optional: true,
      dispatch: true,
      hint: "In kroner (100 or 99,50) or in per cent (10 %).",
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
  const blocks: KnownBlock[] = [header("Products", LAYOUT_BLOCK_IDS.linesHeader)];
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
          elements: [button({ text: "➕ Add line", actionId: ADD_LINE_ACTION_ID })],
        }
      : context(
          `A form holds at most ${MAX_LINES} lines. Put several items on one line, or send a second invoice.`,
          LAYOUT_BLOCK_IDS.addLine,
        ),
    ...totalsBlocks(lineTotals),
  );
  return blocks;
}
