import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

// Vite resolves server-side imports with `ssr.resolve.conditions`, not `resolve.conditions`, so the
// shared config alone does not reach @fakturabot/schema's TypeScript source.
export default mergeConfig(
  shared,
  defineConfig({ ssr: { resolve: { conditions: ["@fakturabot/source"] } } }),
);
