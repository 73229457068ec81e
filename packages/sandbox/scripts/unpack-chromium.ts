/**
 * `prepare`, which `pnpm install` runs here: finds or unpacks the browser tests' Chromium now, so
 * no test waits for it (unpacking takes seconds, longer than a test hook may on a busy machine).
 * A failure only warns: the browser tests then fail with the same message.
 */
import { chromiumLaunchOptions } from "../src/workspace/chromium.js";

try {
  // biome-ignore lint/suspicious/noConsole: install output
  console.log(`Chromium for the browser tests: ${chromiumLaunchOptions().executablePath}`);
} catch (error) {
  // biome-ignore lint/suspicious/noConsole: install output
  console.warn(error instanceof Error ? error.message : error);
}
