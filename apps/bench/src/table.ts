import type { RowResult } from "./rounds.js";
import { roundRatios, type Summary, summarise } from "./stats.js";

/** The printed figure: three significant digits, whole numbers as they are. */
function figure(value: number): string {
  if (!Number.isFinite(value)) return "–";
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString("en-US");
  return value.toPrecision(3);
}

function cell({ median, min, max }: Summary): string {
  return `${figure(median)} (${figure(min)}–${figure(max)})`;
}

export function verdict(result: RowResult, ratio: number): string {
  if (!result.goal) return "";
  const met = result.goal.kind === "at most" ? ratio <= result.goal.ratio : ratio >= result.goal.ratio;
  return `${met ? "met" : "MISSED"} (goal ${result.goal.kind === "at most" ? "≤" : "≥"} ${result.goal.ratio})`;
}

/** The table: candidate, baseline and their per-round ratio, each as median (min–max) over rounds. */
export function formatTable(results: readonly RowResult[]): string {
  const header = ["row", "unit", "Fakturabot", "baseline", "ratio", "goal"];
  const rows = results.map((result) => {
    const ratios = summarise(roundRatios(result.candidate, result.baseline));
    return [
      result.row,
      result.unit,
      cell(summarise(result.candidate)),
      cell(summarise(result.baseline)),
      cell(ratios),
      verdict(result, ratios.median),
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((text, column) => text.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  return [
    line(header),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map(line),
    "",
    "Each value: median (min–max) over the rounds; ratio = Fakturabot ÷ baseline within a round.",
    ...results.map((result) => `- ${result.row}: ${result.detail}`),
  ].join("\n");
}
