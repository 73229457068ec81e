import { z } from "@fakturabot/schema";

export type CustomerType = "private" | "corporate";

/**
 * The most product lines a modal holds. Each line takes 8 blocks (a heading with its remove
 * button, its product picker, then name, product id, quantity, unit price, VAT rate and discount)
 * and the rest of the form 26 at most (notice, saved-customer picker, customer with the register's
 * note, totals, terms, references): 9 lines make 98 blocks, within Slack's 100 per view; 10 would
 * not fit (`test/views-modal.test.ts` checks every size).
 */
export const MAX_LINES = 9;

/**
 * What the modal carries in `private_metadata` between interactions: where the invoice goes and
 * the form's shape (customer type, product lines). No personal data: typed values live in Slack's
 * view state until the submission.
 */
export interface FormMetadata {
  /** The channel `/invoice` was run in, where the order message is posted. */
  channelId: string;
  /** Which customer fields the form shows (personal number or organisation number). */
  customerType: CustomerType;
  /**
   * One key per product line, in display order. A key names the line's blocks
   * (`lineBlockId(key, field)`), so removing a middle line leaves the other lines' block ids, and
   * so their typed values, untouched. Never empty.
   */
  lineKeys: string[];
  /** The number behind the newest line key; keys are never reused within a modal. */
  lastLineNumber: number;
  /**
   * Set when the form corrects a sent order (Edit… on its message): our id of that order. The
   * submission then updates the same Front Payment order instead of creating one.
   */
  editOf?: string;
  /**
   * How often the bot filled the customer fields (a register look-up, a saved customer): part of
   * their action ids (`fieldActionId`). Absent until the first fill.
   */
  fills?: number;
  /** What Brønnøysundregistrene last said about the organisation number typed (public data only). */
  register?: RegisterNote;
}

/** A register answer as the form remembers it between redraws. */
export interface RegisterNote {
  organisationNumber: string;
  kind: "found" | "not_found" | "unavailable";
  /** The registered name, when found. */
  name?: string;
  /** bankrupt, dissolving, forced_dissolution, deleted: in the register's order. */
  warnings: RegisterWarning[];
}

export const REGISTER_WARNINGS = ["bankrupt", "dissolving", "forced_dissolution", "deleted"] as const;
export type RegisterWarning = (typeof REGISTER_WARNINGS)[number];

/**
 * The customer fields are about to be filled (`values` of the next view win over what was
 * typed): new action ids for them, and the register's note when there is one.
 */
export function fillCustomerFields(
  metadata: FormMetadata,
  changes: { customerType?: CustomerType; register?: RegisterNote | undefined } = {},
): FormMetadata {
  const { register: _, ...rest } = metadata;
  return {
    ...rest,
    customerType: changes.customerType ?? metadata.customerType,
    fills: (metadata.fills ?? 0) + 1,
    ...(changes.register ? { register: changes.register } : {}),
  };
}

/** The metadata of a fresh form: one empty line, a private customer unless told otherwise. */
export function newFormMetadata({
  channelId,
  customerType = "private",
}: {
  channelId: string;
  customerType?: CustomerType;
}): FormMetadata {
  return {
    channelId,
    customerType,
    lineKeys: [lineKey(1)],
    lastLineNumber: 1,
  };
}

/** Line keys are short base-36 numbers ("1", "2", … "a", …): block ids stay short and readable. */
function lineKey(lineNumber: number): string {
  return lineNumber.toString(36);
}

/**
 * Adds an empty line at the end. At {@link MAX_LINES} (the modal then shows no "Add line"
 * button, so only a stale view can ask) the metadata is returned unchanged.
 */
export function addLine(metadata: FormMetadata): FormMetadata {
  if (metadata.lineKeys.length >= MAX_LINES) return metadata;
  const lastLineNumber = metadata.lastLineNumber + 1;
  return { ...metadata, lineKeys: [...metadata.lineKeys, lineKey(lastLineNumber)], lastLineNumber };
}

/**
 * Removes the line `key`; the other lines keep their keys. The last remaining line, or a key that
 * is not in the form (a stale view), leaves the metadata unchanged.
 */
export function removeLine(metadata: FormMetadata, key: string): FormMetadata {
  if (metadata.lineKeys.length <= 1 || !metadata.lineKeys.includes(key)) return metadata;
  return { ...metadata, lineKeys: metadata.lineKeys.filter((existing) => existing !== key) };
}

/** Shows the fields of the other customer type; lines and channel stay as they are. */
export function switchCustomerType(metadata: FormMetadata, customerType: CustomerType): FormMetadata {
  return metadata.customerType === customerType ? metadata : { ...metadata, customerType };
}

/** `private_metadata` that is not ours, or has been tampered with. */
export class FormMetadataError extends Error {
  override readonly name = "FormMetadataError";
}

/** Slack's `private_metadata` limit. */
const PRIVATE_METADATA_LIMIT = 3000;

const LINE_KEY = /^[0-9a-z]{1,4}$/;

/** The wire form: short keys and a version, so the string stays small and can evolve. */
const EncodedMetadata = z
  .object({
    v: z.literal(1),
    c: z.string().regex(/^[CDG][A-Z0-9]{2,30}$/, "is not a Slack channel id"),
    t: z.enum(["private", "corporate"]),
    l: z
      .array(z.string().regex(LINE_KEY, "is not a line key"))
      .min(1, "has no product line")
      .max(MAX_LINES, `has more than ${MAX_LINES} product lines`)
      .refine((keys) => new Set(keys).size === keys.length, "repeats a line key"),
    n: z
      .number()
      .int()
      .min(1)
      .max(36 ** 4 - 1),
    f: z.number().int().min(1).max(99_999).optional(),
    r: z
      .object({
        o: z.string().regex(/^\d{9}$/),
        k: z.enum(["found", "not_found", "unavailable"]),
        n: z.string().max(500).optional(),
        w: z.array(z.enum(REGISTER_WARNINGS)).max(REGISTER_WARNINGS.length),
      })
      .strict()
      .optional(),
    e: z
      .string()
      .regex(/^FB[0-9A-Z]{4,40}$/, "is not an order id")
      .optional(),
  })
  .strict()
  .refine(({ l, n }) => l.every((key) => Number.parseInt(key, 36) <= n), "has a line key from the future");

/** Serialises metadata for `private_metadata`: compact JSON, a few hundred characters at most. */
export function encodeFormMetadata(metadata: FormMetadata): string {
  const encoded: z.input<typeof EncodedMetadata> = {
    v: 1,
    c: metadata.channelId,
    t: metadata.customerType,
    l: metadata.lineKeys,
    n: metadata.lastLineNumber,
    ...(metadata.fills ? { f: metadata.fills } : {}),
    ...(metadata.register
      ? {
          r: {
            o: metadata.register.organisationNumber,
            k: metadata.register.kind,
            ...(metadata.register.name === undefined ? {} : { n: metadata.register.name.slice(0, 500) }),
            w: metadata.register.warnings,
          },
        }
      : {}),
    ...(metadata.editOf === undefined ? {} : { e: metadata.editOf }),
  };
  return JSON.stringify(encoded);
}

/**
 * Reads `private_metadata` back. Anything that is not metadata this module wrote (garbage, a
 * tampered or truncated string, another view's metadata) throws a {@link FormMetadataError} that
 * says what is wrong, without echoing the input.
 */
export function decodeFormMetadata(privateMetadata: string): FormMetadata {
  if (privateMetadata.length > PRIVATE_METADATA_LIMIT) {
    throw new FormMetadataError(
      `The form's metadata is ${privateMetadata.length} characters, more than Slack allows`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(privateMetadata);
  } catch {
    throw new FormMetadataError(
      "The form's metadata is not JSON: this view was not built by the invoice form",
    );
  }
  const parsed = EncodedMetadata.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.length > 0 ? issue.path.join(".") : "metadata"} ${issue.message}`,
    );
    throw new FormMetadataError(`The form's metadata is not valid: ${problems.join("; ")}`);
  }
  const { c, t, l, n, e, f, r } = parsed.data;
  return {
    channelId: c,
    customerType: t,
    lineKeys: l,
    lastLineNumber: n,
    ...(e === undefined ? {} : { editOf: e }),
    ...(f === undefined ? {} : { fills: f }),
    ...(r === undefined
      ? {}
      : {
          register: {
            organisationNumber: r.o,
            kind: r.k,
            ...(r.n === undefined ? {} : { name: r.n }),
            warnings: r.w,
          },
        }),
  };
}
