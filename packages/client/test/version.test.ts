import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { VERSION } from "../src/index.js";

it("VERSION is package.json's version", () => {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  expect(VERSION).toBe(manifest.version);
});
