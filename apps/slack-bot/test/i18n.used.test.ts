import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../src/i18n/index.js";

/** Every TypeScript file under `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const SOURCES = sourceFiles(join(import.meta.dirname, "../src"))
  .filter((path) => !path.includes(join("src", "i18n", "areas")))
  .map((path) => readFileSync(path, "utf8"));

const escapeRegExp = (name: string) => name.replace(/[$]/gu, "\\$&");

/**
 * A key counts as used when a file that reads its area (`t.<area>`, `words = t.<area>`) names the
 * key: `.key`, `{ key` / `, key` (destructured) or `"key"` (an action's label picked by its name).
 * So a key no code names any more fails, while two areas sharing a key name may hide one another:
 * the check can miss an unused key, never flag a used one.
 */
function isUsed(area: string, key: string): boolean {
  const readsArea = new RegExp(`\\.${escapeRegExp(area)}\\b`, "u");
  const namesKey = new RegExp(
    `\\.${escapeRegExp(key)}\\b|[{,]\\s*${escapeRegExp(key)}\\b|"${escapeRegExp(key)}"`,
    "u",
  );
  return SOURCES.some((source) => readsArea.test(source) && namesKey.test(source));
}

describe("the message catalogue holds only messages the bot shows", () => {
  for (const [area, languages] of Object.entries(CATALOGUE)) {
    it(`${area}: every key is read somewhere in src`, () => {
      const unused = Object.keys(languages.en).filter((key) => !isUsed(area, key));
      expect(unused, `unused keys in ${area}`).toEqual([]);
    });
  }
});
