import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import * as BoltIndex from "@slack/bolt";
import { describe, expect, it } from "vitest";
import * as bolt from "../src/bolt.js";

const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const APP = new URL("../src/app.ts", import.meta.url).href;

describe("Bolt's parts, required from their own modules (src/bolt.ts)", () => {
  it("are the very ones Bolt's index exports, web-api's client included", () => {
    expect(bolt.App).toBe(BoltIndex.App);
    expect(bolt.HTTPReceiver).toBe(BoltIndex.HTTPReceiver);
    expect(bolt.SocketModeReceiver).toBe(BoltIndex.SocketModeReceiver);
    expect(bolt.LogLevel).toBe(BoltIndex.LogLevel);
    expect(bolt.HTTPModuleFunctions.defaultDispatchErrorHandler).toBe(
      BoltIndex.HTTPModuleFunctions.defaultDispatchErrorHandler,
    );
    expect(bolt.webApi.WebClient).toBe(BoltIndex.webApi.WebClient);
  });

  it("spare the bot Bolt's index and Express: loading the composition root loads neither", async () => {
    // A process of its own: this one has loaded Bolt's index above.
    const script = `await import(${JSON.stringify(APP)});
      const loaded = Object.keys((await import("node:module")).createRequire(import.meta.url).cache);
      console.log(JSON.stringify(loaded.filter((file) => /@slack\\/bolt\\/dist\\/index\\.js$|\\/node_modules\\/express\\//.test(file))));
      console.log(loaded.some((file) => file.endsWith("@slack/bolt/dist/App.js")));`;
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ["--import", TSX, "--conditions=@fakturabot/source", "--input-type=module", "-e", script],
        (error, out) => (error ? reject(error) : resolve(out)),
      ),
    );
    expect(stdout.trim().split("\n")).toEqual(["[]", "true"]);
  }, 30_000);
});
