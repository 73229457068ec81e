import {
  DEFAULT_TAX_RATES,
  ISO_COUNTRY_CODES,
  PREFERRED_LANGUAGES,
  type PreferredLanguage,
} from "@fakturabot/schema";
import { type FormDefaults, formDefaults } from "../invoice-form/defaults.js";
import {
  ACTION_IDS,
  ADD_LINE_ACTION_ID,
  BLOCK_IDS,
  type FormField,
  INVOICE_MODAL_CALLBACK_ID,
  INVOICE_OPTION_VALUES,
  LAYOUT_BLOCK_IDS,
  LINE_ACTION_IDS,
  type LineField,
  lineBlockId,
  lineHeaderBlockId,
  REMOVE_LINE_ACTION_ID,
} from "../invoice-form/ids.js";
import { FIELD_NAMES, LINE_FIELD_NAMES, nameFieldName } from "../invoice-form/labels.js";
import { encodeFormMetadata, type FormMetadata, MAX_LINES } from "../invoice-form/metadata.js";
import { isPlainDecimal, normaliseDecimal } from "../invoice-form/normalise.js";
import type { InitialFormValues, InvoiceLineValues } from "../invoice-form/read.js";
import { type FormTotals, formTotals } from "../invoice-form/totals.js";
import {
  button,
  context,
  escapeMrkdwn,
  header,
  type InputBlock,
  type InputBlockElement,
  type KnownBlock,
  type ModalView,
  option,
  type PlainTextOption,
  plainText,
  section,
  truncate,
} from "./block-kit.js";
import { formatNok } from "./format.js";

export { MAX_LINES };

export interface InvoiceModalOptions {
  /** The form's shape: channel, customer type (which identifier field shows) and line keys. */
  metadata: FormMetadata;
  /**
   * Values to fill in: a prefill, or the form as read or as stored. Lines by position. Inputs
   * whose block and action ids are unchanged keep what the person typed whatever this says.
   * `initial.customerType` is ignored: the metadata decides.
   */
  initial?: InitialFormValues;
  /** Running totals; computed from `initial` (and the defaults) when left out. */
  totals?: FormTotals;
  /** A message at the top of the form, e.g. Front Payment's messages that fit no field. */
  notice?: string;
  /**
   * Messages shown under their input blocks, by block id: how Front Payment's 417 messages
   * return to the form after the submission was acknowledged (when `response_action: "errors"`
   * is no longer possible). Unknown block ids are ignored; each message is cut at 300 characters.
   */
  fieldErrors?: Readonly<Record<string, string>>;
  /** The VAT rates offered; Front Payment's defaults when left out. */
  taxRates?: readonly number[];
  defaults?: Partial<FormDefaults>;
}

const LANGUAGE_NAMES: Readonly<Record<PreferredLanguage, string>> = {
  no: "Norwegian",
  en: "English",
  sv: "Swedish",
  da: "Danish",
  de: "German",
};

const LANGUAGE_OPTIONS = PREFERRED_LANGUAGES.map((language) => option(LANGUAGE_NAMES[language], language));

/** Listed first; the rest follow alphabetically. */
const NORDIC_COUNTRIES = ["NO", "SE", "DK", "FI", "IS"];

/**
 * The country select. One static_select holds at most 100 options, and there are 249 countries,
 * so they come in option groups: the Nordic countries first, then one group per initial letter
 * (none holds 100). People pick or type a name; the value is the ISO 3166-1 alpha-2 code the
 * schema checks. Names come from the runtime's ICU data, with the code as fallback.
 */
const COUNTRY_GROUPS = (() => {
  const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
  const countryOption = (code: string) => option(`${names.of(code) ?? code} (${code})`, code);
  const others = ISO_COUNTRY_CODES.filter((code) => !NORDIC_COUNTRIES.includes(code))
    .map(countryOption)
    .sort((a, b) => a.text.text.localeCompare(b.text.text, "en"));
  const byLetter = new Map<string, PlainTextOption[]>();
  for (const country of others) {
    const letter = country.text.text.normalize("NFD").charAt(0).toUpperCase();
    byLetter.set(letter, [...(byLetter.get(letter) ?? []), country]);
  }
  return [
    { label: plainText("Nordic countries"), options: NORDIC_COUNTRIES.map(countryOption) },
    ...[...byLetter].map(([letter, options]) => ({ label: plainText(letter), options })),
  ];
})();

const COUNTRY_OPTIONS = COUNTRY_GROUPS.flatMap((group) => group.options);

const INTERVAL_OPTIONS = ["0", "1", "2"].map((interval) => option(interval, interval));

const INVOICE_OPTIONS = [
  option("Add the invoice fee", INVOICE_OPTION_VALUES.invoiceFee),
  option("A separate invoice per product line", INVOICE_OPTION_VALUES.separateInvoices),
];

const ENTER_TO_RECALCULATE = { trigger_actions_on: ["on_enter_pressed" as const] };

/**
 * A field's error is a sentence under the field; bounding it keeps the view far below Slack's
 * 250 kB even with an error under every input.
 */
const MAX_FIELD_ERROR_LENGTH = 300;

/** Slack's limit for an email input's value (an address is at most 320 characters). */
const MAX_EMAIL_LENGTH = 320;

/**
 * A plain-text input that accepts at most `maxLength` characters. Slack refuses a view whose
 * starting value is longer, so a longer one (from a stored order or a prefill) is cut to fit.
 */
function textElement(
  actionId: string,
  { value, placeholder, maxLength }: { value: string | undefined; placeholder?: string; maxLength: number },
): InputBlockElement {
  return {
    type: "plain_text_input",
    action_id: actionId,
    max_length: maxLength,
    ...(value ? { initial_value: value.slice(0, maxLength) } : {}),
    ...(placeholder ? { placeholder: plainText(placeholder) } : {}),
  };
}

/** A number as a number input's `initial_value`: only a plain decimal is accepted by Slack. */
function numberValue(text: string | undefined): string | undefined {
  const value = normaliseDecimal(text);
  return value !== undefined && isPlainDecimal(value) ? value : undefined;
}

function selected(
  options: readonly PlainTextOption[],
  value: string | undefined,
): PlainTextOption | undefined {
  return value === undefined ? undefined : options.find((candidate) => candidate.value === value);
}

interface InputSpec {
  blockId: string;
  label: string;
  element: InputBlockElement;
  hint?: string;
  optional?: boolean;
  /** Interacting with the element sends `block_actions` (totals, customer type). */
  dispatch?: boolean;
}

/** The form's builder for one view: knows the errors to show and the values to start with. */
function formBuilder(options: InvoiceModalOptions) {
  const { metadata, initial = {}, fieldErrors = {} } = options;
  const defaults = formDefaults(options.defaults);
  const taxRates = options.taxRates ?? DEFAULT_TAX_RATES;
  const taxOptions = taxRates.map((rate) => option(`${rate} %`, String(rate)));
  const defaultTax = selected(taxOptions, String(defaults.taxRate)) ?? taxOptions[0];

  function input({ blockId, label, element, hint, optional, dispatch }: InputSpec): InputBlock {
    const error = fieldErrors[blockId];
    const note = error ? `⚠️ ${truncate(error, MAX_FIELD_ERROR_LENGTH)}` : hint;
    return {
      type: "input",
      block_id: blockId,
      label: plainText(truncate(label, 2000)),
      element,
      ...(note ? { hint: plainText(truncate(note, 2000)) } : {}),
      ...(optional ? { optional: true } : {}),
      ...(dispatch ? { dispatch_action: true } : {}),
    };
  }

  function textInput(
    field: Exclude<FormField, "customerType" | "invoiceOptions">,
    spec: { placeholder?: string; hint?: string; optional?: boolean; maxLength: number; initial?: string },
  ): InputBlock {
    return input({
      blockId: BLOCK_IDS[field],
      label: field === "name" ? nameFieldName(metadata.customerType) : FIELD_NAMES[field],
      element: textElement(ACTION_IDS[field], { ...spec, value: initial[field] ?? spec.initial }),
      ...(spec.hint ? { hint: spec.hint } : {}),
      ...(spec.optional ? { optional: true } : {}),
    });
  }

  function customerBlocks(): KnownBlock[] {
    const person = option("A person", "private");
    const company = option("A company", "corporate");
    const email = initial.email;
    const country =
      selected(COUNTRY_OPTIONS, initial.country?.toUpperCase()) ??
      selected(COUNTRY_OPTIONS, defaults.country);
    const language =
      selected(LANGUAGE_OPTIONS, initial.preferredLanguage) ??
      selected(LANGUAGE_OPTIONS, defaults.preferredLanguage);
    return [
      header("Customer", LAYOUT_BLOCK_IDS.customerHeader),
      input({
        blockId: BLOCK_IDS.customerType,
        label: FIELD_NAMES.customerType,
        dispatch: true,
        element: {
          type: "radio_buttons",
          action_id: ACTION_IDS.customerType,
          options: [person, company],
          initial_option: metadata.customerType === "private" ? person : company,
        },
      }),
      textInput("name", {
        placeholder: metadata.customerType === "private" ? "Kari Nordmann" : "Fjordkraft AS",
        maxLength: 255,
      }),
      metadata.customerType === "private"
        ? textInput("personalNumber", {
            placeholder: "11 digits",
            hint: "Fødselsnummer or D-number. Checked for typos before anything is sent.",
            maxLength: 20,
          })
        : textInput("organizationId", {
            placeholder: "9 digits, such as 923 609 016",
            hint: "Organisasjonsnummer. Norwegian numbers are checked for typos before anything is sent.",
            maxLength: 30,
          }),
      input({
        blockId: BLOCK_IDS.email,
        label: FIELD_NAMES.email,
        hint: "Front Payment sends the invoice to this address.",
        element: {
          type: "email_text_input",
          action_id: ACTION_IDS.email,
          placeholder: plainText("kari@example.no"),
          ...(email ? { initial_value: email.slice(0, MAX_EMAIL_LENGTH) } : {}),
        },
      }),
      textInput("countryCode", { initial: defaults.countryCode, maxLength: 8 }),
      textInput("mobile", { placeholder: "465 67 468", maxLength: 30 }),
      textInput("street", { placeholder: "Klosterenget 144", maxLength: 255 }),
      textInput("zip", { placeholder: "7030", maxLength: 20 }),
      textInput("city", { placeholder: "Trondheim", maxLength: 255 }),
      input({
        blockId: BLOCK_IDS.country,
        label: FIELD_NAMES.country,
        element: {
          type: "static_select",
          action_id: ACTION_IDS.country,
          placeholder: plainText("Choose or type a country"),
          option_groups: COUNTRY_GROUPS,
          ...(country ? { initial_option: country } : {}),
        },
      }),
      input({
        blockId: BLOCK_IDS.preferredLanguage,
        label: FIELD_NAMES.preferredLanguage,
        hint: "The language of the customer's invoice and payment pages.",
        element: {
          type: "static_select",
          action_id: ACTION_IDS.preferredLanguage,
          options: LANGUAGE_OPTIONS,
          ...(language ? { initial_option: language } : {}),
        },
      }),
    ];
  }

  function numberInput(
    blockId: string,
    label: string,
    actionId: string,
    spec: {
      value?: string;
      decimals: boolean;
      optional?: boolean;
      placeholder?: string;
      dispatch?: boolean;
      hint?: string;
    },
  ): InputBlock {
    const value = numberValue(spec.value);
    return input({
      blockId,
      label,
      ...(spec.optional ? { optional: true } : {}),
      ...(spec.dispatch ? { dispatch: true } : {}),
      ...(spec.hint ? { hint: spec.hint } : {}),
      element: {
        type: "number_input",
        action_id: actionId,
        is_decimal_allowed: spec.decimals,
        min_value: "0",
        ...(value ? { initial_value: value } : {}),
        ...(spec.placeholder ? { placeholder: plainText(spec.placeholder) } : {}),
        ...(spec.dispatch ? { dispatch_action_config: ENTER_TO_RECALCULATE } : {}),
      },
    });
  }

  function lineBlocks(
    key: string,
    index: number,
    values: Partial<InvoiceLineValues>,
    amountOre: number | null,
  ) {
    const id = (field: LineField) => lineBlockId(key, field);
    const tax = selected(taxOptions, normaliseDecimal(values.tax)) ?? defaultTax;
    const title = `*Line ${index + 1}*${amountOre === null ? "" : `  ·  ${formatNok(amountOre)}`}`;
    const remove =
      metadata.lineKeys.length > 1
        ? button({ text: "Remove", actionId: REMOVE_LINE_ACTION_ID, value: key })
        : undefined;
    return [
      section(title, lineHeaderBlockId(key), remove),
      input({
        blockId: id("name"),
        label: LINE_FIELD_NAMES.name,
        element: textElement(LINE_ACTION_IDS.name, {
          value: values.name,
          placeholder: "What is sold, as the invoice shows it",
          maxLength: 255,
        }),
      }),
      input({
        blockId: id("productId"),
        label: LINE_FIELD_NAMES.productId,
        optional: true,
        element: textElement(LINE_ACTION_IDS.productId, {
          value: values.productId,
          placeholder: "Your product number, at most 25 characters",
          maxLength: 25,
        }),
      }),
      numberInput(id("quantity"), LINE_FIELD_NAMES.quantity, LINE_ACTION_IDS.quantity, {
        value: values.quantity ?? defaults.quantity,
        decimals: true,
        dispatch: true,
      }),
      numberInput(id("rate"), `${LINE_FIELD_NAMES.rate} (kr, VAT included)`, LINE_ACTION_IDS.rate, {
        ...(values.rate === undefined ? {} : { value: values.rate }),
        decimals: true,
        placeholder: "1500",
        dispatch: true,
      }),
      input({
        blockId: id("tax"),
        label: LINE_FIELD_NAMES.tax,
        dispatch: true,
        element: {
          type: "static_select",
          action_id: LINE_ACTION_IDS.tax,
          options: taxOptions,
          ...(tax ? { initial_option: tax } : {}),
        },
      }),
      numberInput(
        id("discount"),
        `${LINE_FIELD_NAMES.discount} (kr, on the whole line)`,
        LINE_ACTION_IDS.discount,
        {
          ...(values.discount === undefined ? {} : { value: values.discount }),
          decimals: true,
          optional: true,
          dispatch: true,
        },
      ),
    ];
  }

  /** The lines as the view starts them: `initial`'s values, with defaults where it has none. */
  function startingLines(): Partial<InvoiceLineValues>[] {
    return metadata.lineKeys.map((key, index) => {
      const line = initial.lines?.[index] ?? {};
      return {
        ...line,
        key,
        quantity: line.quantity ?? defaults.quantity,
        tax: line.tax ?? defaultTax?.value,
      };
    });
  }

  function totalsBlocks(totals: FormTotals): KnownBlock[] {
    const counted = totals.lineAmountsOre.filter((amount) => amount !== null).length;
    const waiting = totals.lineAmountsOre.flatMap((amount, index) => (amount === null ? [index + 1] : []));
    const parts = [
      `*Total ${formatNok(totals.grandTotalOre)}*`,
      `Excl. VAT ${formatNok(totals.subTotalOre)}  ·  VAT ${formatNok(totals.totalTaxOre)}${
        totals.totalDiscountOre > 0 ? `  ·  Discounts ${formatNok(totals.totalDiscountOre)}` : ""
      }`,
    ];
    if (waiting.length > 0 && counted > 0) {
      parts.push(
        `Line ${waiting.join(", ")} ${waiting.length === 1 ? "is" : "are"} not counted until complete.`,
      );
    }
    return [
      section(
        counted === 0
          ? "*Total:* appears when a line has a quantity, a unit price and a VAT rate."
          : parts.join("\n"),
        LAYOUT_BLOCK_IDS.totals,
      ),
      context(
        "Totals update when you press Enter in a number field, change a VAT rate, or add or remove a line.",
      ),
    ];
  }

  function linesBlocks(): KnownBlock[] {
    const lines = startingLines();
    const totals = options.totals ?? formTotals({ lines });
    const blocks: KnownBlock[] = [header("Products", LAYOUT_BLOCK_IDS.linesHeader)];
    metadata.lineKeys.forEach((key, index) => {
      blocks.push(...lineBlocks(key, index, lines[index] ?? {}, totals.lineAmountsOre[index] ?? null));
    });
    blocks.push(
      metadata.lineKeys.length < MAX_LINES
        ? {
            type: "actions",
            block_id: LAYOUT_BLOCK_IDS.addLine,
            elements: [button({ text: "➕ Add line", actionId: ADD_LINE_ACTION_ID })],
          }
        : context(
            `A form holds at most ${MAX_LINES} lines. Put several items on one line, or send a second invoice.`,
            LAYOUT_BLOCK_IDS.addLine,
          ),
      ...totalsBlocks(totals),
    );
    return blocks;
  }

  function termsBlocks(): KnownBlock[] {
    const checked = INVOICE_OPTIONS.filter(({ value }) =>
      value === INVOICE_OPTION_VALUES.invoiceFee
        ? (initial.invoiceFeeApplicable ?? defaults.invoiceFeeApplicable)
        : (initial.separateInvoices ?? defaults.separateInvoices),
    );
    const interval = selected(INTERVAL_OPTIONS, initial.invoiceInterval);
    return [
      header("Terms", LAYOUT_BLOCK_IDS.termsHeader),
      input({
        blockId: BLOCK_IDS.invoiceOptions,
        label: FIELD_NAMES.invoiceOptions,
        optional: true,
        element: {
          type: "checkboxes",
          action_id: ACTION_IDS.invoiceOptions,
          options: INVOICE_OPTIONS,
          ...(checked.length > 0 ? { initial_options: checked } : {}),
        },
      }),
      numberInput(BLOCK_IDS.invoiceMaturity, FIELD_NAMES.invoiceMaturity, ACTION_IDS.invoiceMaturity, {
        value: initial.invoiceMaturity ?? String(defaults.invoiceMaturityDays),
        decimals: false,
      }),
      input({
        blockId: BLOCK_IDS.invoiceInterval,
        label: FIELD_NAMES.invoiceInterval,
        optional: true,
        hint: "Front Payment's invoice interval (0, 1 or 2). Leave it empty unless Front Payment told you which to use.",
        element: {
          type: "static_select",
          action_id: ACTION_IDS.invoiceInterval,
          placeholder: plainText("Front Payment's default"),
          options: INTERVAL_OPTIONS,
          ...(interval ? { initial_option: interval } : {}),
        },
      }),
    ];
  }

  function referencesBlocks(): KnownBlock[] {
    return [
      header("References", LAYOUT_BLOCK_IDS.referencesHeader),
      textInput("referenceNo", {
        optional: true,
        maxLength: 100,
        hint: "Shown on the invoice. Left empty, the bot's order id (FB…) is used.",
      }),
      textInput("customerReference", {
        optional: true,
        maxLength: 100,
        hint: "The customer's order number or contact person, shown on the invoice.",
      }),
    ];
  }

  return { customerBlocks, linesBlocks, termsBlocks, referencesBlocks };
}

/**
 * The `/invoice` modal: customer (type switch, name, personal or organisation number, email,
 * mobile, address, language), product lines with add/remove and running totals, terms and
 * references. Within Slack's limits at every size up to {@link MAX_LINES} lines: ≤ 100 blocks,
 * unique block ids, labels, placeholders and options within their lengths.
 */
export function invoiceModal(options: InvoiceModalOptions): ModalView {
  const form = formBuilder(options);
  const notice = options.notice
    ? [section(`:warning: ${escapeMrkdwn(options.notice)}`, LAYOUT_BLOCK_IDS.notice)]
    : [];
  return {
    type: "modal",
    callback_id: INVOICE_MODAL_CALLBACK_ID,
    title: plainText("New invoice"),
    submit: plainText("Send invoice"),
    close: plainText("Cancel"),
    notify_on_close: true,
    private_metadata: encodeFormMetadata(options.metadata),
    blocks: [
      ...notice,
      ...form.customerBlocks(),
      ...form.linesBlocks(),
      ...form.termsBlocks(),
      ...form.referencesBlocks(),
    ],
  };
}
