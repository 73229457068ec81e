import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

export default mergeConfig(
  shared,
  defineConfig({
    // The store suites run on a real PostgreSQL too: one server for the run (test/support/postgres.ts).
    test: { globalSetup: ["./test/support/postgres.global-setup.ts"] },
    // Global setup runs in vitest's own environment, which resolves workspace packages like tests do.
    environments: { __vitest__: { resolve: { conditions: ["@fakturabot/source"] } } },
  }),
);
