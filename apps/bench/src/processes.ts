import { type ChildProcess, fork } from "node:child_process";
import type { FromTarget, ToTarget } from "./targets/protocol.js";

export interface TargetUsage {
  cpuMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** V8's heap as reserved (in use and free). */
  heapTotalBytes: number;
  /** Memory outside V8's heap held by JavaScript objects (Buffers, ArrayBuffers). */
  externalBytes: number;
}

export type TargetName = "fakturabot" | "bare-bolt" | "callback-baseline" | "frontpayment";

/** A target running in its own process, so its start-up time, CPU and memory are its own. */
export interface RunningTarget {
  name: TargetName;
  url: string;
  /** From spawning the process to the target listening, ms. */
  startupMs: number;
  /** The process's CPU time so far (ms), its resident set size, its V8 heap and external memory (bytes). */
  usage(): Promise<TargetUsage>;
  stop(): Promise<void>;
}

/** Starts `targets/<name>.js` in a child process with `config`; `execArgv` e.g. `--cpu-prof`. */
export async function startTarget(
  name: TargetName,
  config: object,
  execArgv: readonly string[] = [],
): Promise<RunningTarget> {
  const spawnedAt = performance.now();
  const child = fork(new URL(`./targets/${name}.js`, import.meta.url), [JSON.stringify(config)], {
    execArgv: [...execArgv],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${name} exited (${code}) before it was ready`)));
    child.once("message", (message: FromTarget) => {
      if (message.type === "ready") resolve(message.url);
      else
        reject(
          new Error(`${name} did not start: ${message.type === "failed" ? message.message : message.type}`),
        );
    });
  });
  const startupMs = performance.now() - spawnedAt;
  return {
    name,
    url,
    startupMs,
    usage: () => ask(child),
    async stop() {
      if (child.connected) child.send({ type: "stop" } satisfies ToTarget);
      await exited;
    },
  };
}

function ask(child: ChildProcess): Promise<TargetUsage> {
  return new Promise((resolve) => {
    const answer = (message: FromTarget) => {
      if (message.type !== "usage") return;
      child.off("message", answer);
      resolve({
        cpuMs: message.cpuMicros / 1000,
        rssBytes: message.rssBytes,
        heapUsedBytes: message.heapUsedBytes,
        heapTotalBytes: message.heapTotalBytes,
        externalBytes: message.externalBytes,
      });
    };
    child.on("message", answer);
    child.send({ type: "usage" } satisfies ToTarget);
  });
}
