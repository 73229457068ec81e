import { mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

// For `pnpm mutate`: the type check of tests would run against Stryker's instrumented sources
// (on every mutant, and with their types lost); Stryker's TypeScript checker covers types instead.
export default mergeConfig(shared, { test: { typecheck: { enabled: false } } });
