import { defineConfig } from "vitest/config";

/**
 * The vitest settings every package shares: workspace packages resolve to their TypeScript
 * source, `*.test-d.ts` files are type-checked, and under CI a JSON report is written for
 * `.ci/run` to total.
 */
export default defineConfig({
  resolve: { conditions: ["@fakturabot/source"] },
  // Test files run as server-side code, which Vite resolves with these conditions instead.
  ssr: { resolve: { conditions: ["@fakturabot/source"] } },
  test: {
    // A budget against hangs, not a speed check (that is `pnpm bench`): vitest's 5 s and 10 s
    // defaults fail real-HTTP and browser tests on a busy two-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    typecheck: { enabled: true, tsconfig: "./tsconfig.json" },
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: "test-artifacts/vitest-report.json" },
  },
});
