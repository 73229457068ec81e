import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { openSqliteStore } from "../src/store/sqlite.js";
import type { Acknowledged } from "./store.durability-writer.js";
import { temporaryDataDir } from "./store.fixtures.js";

const WRITER = fileURLToPath(new URL("./store.durability-writer.ts", import.meta.url));
const ACKNOWLEDGEMENTS_BEFORE_KILL = 60;

let remove = () => {};
afterEach(() => remove());

it("keeps every acknowledged write when the writing process is killed with SIGKILL", async () => {
  const temporary = temporaryDataDir();
  remove = temporary.remove;
  const writer = fork(WRITER, [temporary.dataDir], {
    execArgv: ["--import", "tsx", "--conditions=@fakturabot/source"],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  writer.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const exited = once(writer, "exit");

  const acknowledged = new Map<string, Acknowledged["step"]>();
  await new Promise<void>((resolve, reject) => {
    writer.on("message", (message: Acknowledged) => {
      acknowledged.set(message.id, message.step);
      // Killed at once, while it is already writing the next change.
      if (acknowledged.size === ACKNOWLEDGEMENTS_BEFORE_KILL && message.step === "created") {
        writer.kill("SIGKILL");
        resolve();
      }
    });
    writer.once("exit", (code, signal) =>
      reject(new Error(`writer exited early (${code ?? signal}): ${stderr}`)),
    );
  });
  const [, signal] = await exited;
  expect(signal).toBe("SIGKILL");

  const store = openSqliteStore({ dataDir: temporary.dataDir });
  try {
    for (const [id, step] of acknowledged) {
      const order = await store.get(id);
      expect(order, `order ${id}, acknowledged as ${step}`).not.toBeNull();
      // Acknowledged as begun, it keeps its request, unless its creation (not yet acknowledged) got in first.
      if (step === "begun" && order?.state !== "created") {
        expect(order).toMatchObject({ state: "sending", request: expect.any(Object) });
      }
      if (step !== "begun") expect(order).toMatchObject({ state: "created" });
      if (step === "invoiced") expect(order).toMatchObject({ status: { status: "INVOICED" } });
    }
    // An order the kill caught mid-send was never acknowledged as created: it becomes unknown.
    for (const order of await store.listByState("sending")) {
      expect(["begun", undefined]).toContain(acknowledged.get(order.id));
    }
  } finally {
    await store.close();
  }
}, 30_000);
