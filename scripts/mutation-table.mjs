#!/usr/bin/env node
/**
 * Prints a mutation report (mutation-testing-report-schema, as Stryker's `json` reporter writes
 * it) as one row per file: killed, survived, no coverage, score; then every surviving or
 * uncovered mutant with its place and replacement, which is what the next test has to kill.
 *
 * As a Stryker reporter (`reporters: ["mutation-table"]`) it prints at the end of each run and
 * fails the run when any one file scores under `thresholds.break` (Stryker's own check is on the
 * total only); as a command it reprints a saved report: `node scripts/mutation-table.mjs <mutation.json>`.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

/** Per-file counts; the score is Stryker's: detected / (detected + undetected), errors and ignored left out. */
export function fileRows(report) {
  return Object.entries(report.files).map(([file, { mutants }]) => {
    const count = (status) => mutants.filter((mutant) => mutant.status === status).length;
    const detected = mutants.filter((mutant) => DETECTED.has(mutant.status)).length;
    const undetected = mutants.filter((mutant) => UNDETECTED.has(mutant.status)).length;
    const valid = detected + undetected;
    return {
      file,
      killed: count("Killed"),
      timeout: count("Timeout"),
      survived: count("Survived"),
      noCoverage: count("NoCoverage"),
      errors: count("CompileError") + count("RuntimeError"),
      ignored: count("Ignored"),
      score: valid === 0 ? 100 : (100 * detected) / valid,
    };
  });
}

export function formatReport(report, breakAt = report.thresholds?.break ?? 0) {
  const rows = fileRows(report);
  const header = ["File", "Killed", "Timeout", "Survived", "No cov", "Errors", "Ignored", "Score"];
  const cells = rows.map((row) => [
    row.file,
    ...[row.killed, row.timeout, row.survived, row.noCoverage, row.errors, row.ignored].map(String),
    `${row.score.toFixed(2)} %${row.score < breakAt ? " < break" : ""}`,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((row) => row[column].length)),
  );
  const line = (row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join("  ");
  const survivors = Object.entries(report.files).flatMap(([file, { mutants }]) =>
    mutants
      .filter((mutant) => UNDETECTED.has(mutant.status))
      .map((mutant) => {
        const { line: at, column } = mutant.location.start;
        const replacement = (mutant.replacement ?? "").replace(/\s+/g, " ").slice(0, 80);
        return `  ${file}:${at}:${column} ${mutant.status} ${mutant.mutatorName}: ${replacement}`;
      }),
  );
  return [
    line(header),
    line(widths.map((width) => "-".repeat(width))),
    ...cells.map(line),
    ...(survivors.length > 0 ? ["", "Not detected:", ...survivors] : []),
    "",
  ].join("\n");
}

/** The Stryker reporter plugin (declared without importing @stryker-mutator/api, which pnpm keeps out of reach). */
function createTableReporter(options) {
  return {
    onMutationTestReportReady(report) {
      const breakAt = options.thresholds.break ?? 0;
      process.stdout.write(`\n${formatReport(report, breakAt)}`);
      const below = fileRows(report).filter((row) => row.score < breakAt);
      if (below.length > 0) {
        process.stdout.write(
          `Under the break threshold of ${breakAt} %: ${below.map((row) => row.file).join(", ")}\n`,
        );
        process.exitCode = 1;
      }
    },
  };
}
createTableReporter.inject = ["options"];

export const strykerPlugins = [{ kind: "Reporter", name: "mutation-table", factory: createTableReporter }];

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file = "test-artifacts/mutation/mutation.json"] = process.argv.slice(2);
  process.stdout.write(formatReport(JSON.parse(readFileSync(file, "utf8"))));
}
