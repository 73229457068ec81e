import { createRequire } from "node:module";

/**
 * The Stryker settings every package with mutation targets shares (`pnpm mutate`). A package's
 * `stryker.config.mjs` passes its own `import.meta.url`, so the plugins resolve from that
 * package's devDependencies (under pnpm Stryker cannot find plugins by name), and its `mutate` list.
 *
 * Reports land in the package's `test-artifacts/mutation/`: `index.html`, `mutation.json` (the
 * mutation-testing-report-schema document the table is printed from) and `incremental.json`,
 * which lets a rerun test only the mutants whose code or tests changed. That file is not
 * committed (it is rewritten by every run and would conflict between branches); turbo caches
 * it with the rest of `test-artifacts/mutation/`.
 */
export function strykerConfig(packageConfigUrl, { mutate }) {
  const require = createRequire(packageConfigUrl);
  return {
    mutate,
    testRunner: "vitest",
    vitest: { configFile: "vitest.mutate.config.ts" },
    checkers: ["typescript"],
    tsconfigFile: "tsconfig.json",
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    plugins: [
      require.resolve("@stryker-mutator/vitest-runner"),
      require.resolve("@stryker-mutator/typescript-checker"),
      new URL("./scripts/mutation-table.mjs", import.meta.url).pathname,
    ],
    coverageAnalysis: "perTest",
    // Only the sources: elsewhere it would write `@ts-nocheck` into generated types.
    disableTypeChecks: "src/**/*.ts",
    reporters: ["progress", "json", "html", "mutation-table"],
    jsonReporter: { fileName: "test-artifacts/mutation/mutation.json" },
    htmlReporter: { fileName: "test-artifacts/mutation/index.html" },
    incremental: true,
    incrementalFile: "test-artifacts/mutation/incremental.json",
    // The machine's two cores are shared; mutants run one at a time.
    concurrency: 1,
    // Equivalent mutants are excluded in the source with `// Stryker disable next-line <mutator>: why`
    // and listed in the package's stryker.equivalent.md; the bar itself never moves.
    thresholds: { high: 95, low: 90, break: 90 },
    // Mutants are written into the package itself (originals are kept in `.stryker-tmp` and put
    // back at the end, also on Ctrl-C): in a sandbox copy, `../../vitest.shared.ts` would not
    // resolve, and Stryker's tsconfig rewrite only fits its own sandbox depth.
    inPlace: true,
    cleanTempDir: "always",
  };
}
