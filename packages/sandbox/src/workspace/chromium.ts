import { existsSync } from "node:fs";

/** Debian's Chromium, which `.ci/run` installs; `CHROMIUM_PATH` points elsewhere. */
export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * How browser tests start Chromium headless on this machine (for playwright-core's
 * `chromium.launchPersistentContext(freshDir, chromiumLaunchOptions())`): no sandbox (CI runs as
 * root), no GPU, and nothing that reaches the internet (QUIC, background networking, component
 * updates, sync). Throws a message that says how to install Chromium when it is missing, so a
 * test fails clearly instead of being skipped.
 */
export function chromiumLaunchOptions(env: Record<string, string | undefined> = process.env) {
  const executablePath = env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH;
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is missing at ${executablePath}: the browser tests need it. Install Debian's with ` +
        "`apt-get install -y chromium` (as .ci/run does), or set CHROMIUM_PATH to another Chromium.",
    );
  }
  return {
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  };
}
