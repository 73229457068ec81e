import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

// Every test here runs the whole bot between the stand-ins over loopback HTTP, dozens of round
// trips each: vitest's 5 s default is too tight for that on a busy shared machine.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 30_000 } }));
