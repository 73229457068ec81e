import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SOURCE = fileURLToPath(new URL("../src", import.meta.url));
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as Record<
  string,
  Record<string, string> | undefined
>;

/** `import … from`, `export … from`, `import(…)` and `require(…)` of the stand-ins. */
const SANDBOX_IMPORT = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*["']@fakturabot\/sandbox(?:\/[^"']*)?["']/;

describe("the bot ships without the stand-ins", () => {
  it("imports @fakturabot/sandbox from no file under src/", () => {
    const files = readdirSync(SOURCE, { recursive: true, encoding: "utf8" }).filter((file) =>
      /\.[cm]?ts$/.test(file),
    );
    expect(files.length).toBeGreaterThan(10);
    const importing = files.filter((file) => SANDBOX_IMPORT.test(readFileSync(join(SOURCE, file), "utf8")));
    expect(importing).toEqual([]);
  });

  it("has @fakturabot/sandbox in no dependencies a deployment installs", () => {
    for (const field of ["dependencies", "optionalDependencies", "peerDependencies"]) {
      expect(Object.keys(manifest[field] ?? {})).not.toContain("@fakturabot/sandbox");
    }
    // The unit tests use the stand-ins' Slack limits and the Front Payment sandbox.
    expect(manifest.devDependencies).toHaveProperty("@fakturabot/sandbox");
  });
});
