import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']/g;

/** Every module specifier imported by a TypeScript file under src/ and test/, with its file. */
function imports(): { file: string; specifier: string }[] {
  return ["src", "test"].flatMap((dir) =>
    readdirSync(join(PACKAGE, dir), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) => {
        const path = join(PACKAGE, dir, file);
        return [...readFileSync(path, "utf8").matchAll(SPECIFIER)].map((match) => ({
          file: path,
          specifier: match[1] as string,
        }));
      }),
  );
}

describe("@fakturabot/local", () => {
  it("reaches the bot only through its package exports, never into its files", () => {
    const found = imports();
    expect(found.some(({ specifier }) => specifier === "@fakturabot/slack-bot")).toBe(true);
    const outside = found.filter(
      ({ file, specifier }) =>
        specifier.startsWith("@fakturabot/slack-bot/") ||
        (specifier.startsWith(".") && relative(PACKAGE, resolve(dirname(file), specifier)).startsWith("..")),
    );
    expect(outside).toEqual([]);
  });
});
