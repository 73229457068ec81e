import { mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

// For `pnpm mutate`: the type check of tests would run against Stryker's instrumented sources
// (on every mutant, and with their types lost); Stryker's TypeScript checker covers types instead.
// Only the lifecycle's own tests (its table and the store contract it runs on): the rest of the
// suite (processes started, files killed mid-write) covers none of the mutated code and would
// make every module-level mutant take minutes.
// The outbox tests run on PostgreSQL too, so the run starts its server as the test suite does.
export default mergeConfig(shared, {
  test: {
    typecheck: { enabled: false },
    include: ["test/orders.*.test.ts", "test/store.sqlite.test.ts"],
    globalSetup: ["./test/support/postgres.global-setup.ts"],
  },
  environments: { __vitest__: { resolve: { conditions: ["@fakturabot/source"] } } },
});
