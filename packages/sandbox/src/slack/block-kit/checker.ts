/** A collector of Block Kit problems, each with the JSON pointer Slack reports. */
import { isObject } from "./walk.js";

export interface BlockKitProblem {
  pointer: string;
  message: string;
}

export function formatProblem(problem: BlockKitProblem): string {
  return `[ERROR] ${problem.message} [json-pointer:${problem.pointer}]`;
}

/** Slack counts characters, not UTF-16 units. */
const characters = (text: string) => [...text].length;

/** Collects problems; each helper checks one field of `owner` at `pointer`. */

export class Checker {
  readonly problems: BlockKitProblem[] = [];

  add(pointer: string, message: string): void {
    this.problems.push({ pointer, message });
  }

  length(text: string, pointer: string, max: number, min = 0): void {
    const count = characters(text);
    if (count > max) this.add(pointer, `must be less than ${max + 1} characters`);
    else if (count < min) this.add(pointer, `must be more than ${min - 1} characters`);
  }

  string(
    owner: Record<string, unknown>,
    pointer: string,
    key: string,
    { required = false, max, min = 0 }: { required?: boolean; max: number; min?: number },
  ): string | undefined {
    const value = owner[key];
    if (value === undefined) {
      if (required) this.add(pointer, `missing required field: ${key}`);
      return undefined;
    }
    if (typeof value !== "string") {
      this.add(`${pointer}/${key}`, "must provide a string");
      return undefined;
    }
    this.length(value, `${pointer}/${key}`, max, min);
    return value;
  }

  boolean(
    owner: Record<string, unknown>,
    pointer: string,
    key: string,
    required = false,
  ): boolean | undefined {
    const value = owner[key];
    if (value === undefined) {
      if (required) this.add(pointer, `missing required field: ${key}`);
      return undefined;
    }
    if (typeof value !== "boolean") {
      this.add(`${pointer}/${key}`, "must provide a boolean");
      return undefined;
    }
    return value;
  }

  array(
    owner: Record<string, unknown>,
    pointer: string,
    key: string,
    { required = false, max, min = 0 }: { required?: boolean; max: number; min?: number },
  ): unknown[] | undefined {
    const value = owner[key];
    if (value === undefined) {
      if (required) this.add(pointer, `missing required field: ${key}`);
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.add(`${pointer}/${key}`, "must provide an array");
      return undefined;
    }
    if (value.length > max) this.add(`${pointer}/${key}`, `no more than ${max} items allowed`);
    else if (value.length < min) this.add(`${pointer}/${key}`, `must provide at least ${min} items`);
    return value;
  }

  /** An optional integer field from `min` up to `max` (no upper bound without `max`). */
  integer(
    owner: Record<string, unknown>,
    pointer: string,
    key: string,
    { min, max }: { min: number; max?: number },
  ): void {
    const value = owner[key];
    if (value === undefined) return;
    if (
      Number.isInteger(value) &&
      (value as number) >= min &&
      (max === undefined || (value as number) <= max)
    )
      return;
    this.add(
      `${pointer}/${key}`,
      max === undefined
        ? `must be an integer greater than or equal to ${min}`
        : `must be an integer from ${min} to ${max}`,
    );
  }

  /** A text object field; `plainOnly` for titles, labels, placeholders and buttons. */
  text(
    owner: Record<string, unknown>,
    pointer: string,
    key: string,
    { required = false, plainOnly = false, max, min = 1 }: TextRule,
  ): void {
    const value = owner[key];
    const here = `${pointer}/${key}`;
    if (value === undefined) {
      if (required) this.add(pointer, `missing required field: ${key}`);
      return;
    }
    this.textObject(value, here, { plainOnly, max, min });
  }

  textObject(value: unknown, pointer: string, { plainOnly = false, max, min = 1 }: TextRule): void {
    if (!isObject(value)) {
      this.add(pointer, "must provide an object");
      return;
    }
    const allowed = plainOnly ? ["plain_text"] : ["plain_text", "mrkdwn"];
    if (typeof value.type !== "string" || !allowed.includes(value.type)) {
      if (value.type === undefined) this.add(pointer, "missing required field: type");
      else this.add(`${pointer}/type`, `must be one of the following values: ${allowed.join(", ")}`);
      return;
    }
    this.string(value, pointer, "text", { required: true, max, min });
    if (value.type === "plain_text") this.boolean(value, pointer, "emoji");
    else this.boolean(value, pointer, "verbatim");
  }
}

export interface TextRule {
  required?: boolean;
  plainOnly?: boolean;
  max: number;
  min?: number;
}
