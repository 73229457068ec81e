/**
 * Several real bot processes on one database, and what stands between them and the outside world
 * in a deployment: a round-robin load balancer in front of them (for Slack's requests and Front
 * Payment's callbacks) and a gateway to Front Payment that knows which instance called. Both
 * record every request with the instance and process ("life") that got it, so what each process
 * did can be compared with what its `/metrics` says.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { vi } from "vitest";
import { freePort } from "../../src/stack.js";

/** A bot instance: a fixed port and id, run by one process after another (a restart is a new life). */
export interface BotInstance {
  readonly name: string;
  readonly url: string;
  /** 1 for the first process, 2 after the first restart… */
  readonly life: number;
  /** Whether the load balancer sends it requests (between `start` and `kill` or `stop`). */
  readonly up: boolean;
  /** The process's output so far, for a failure's message. */
  output(): string;
  /** Starts a process and resolves once its `/readyz` answers 200. */
  start(): Promise<void>;
  /** `kill -9`: no shutdown, whatever it was doing is cut off. */
  kill(): Promise<void>;
  /** SIGTERM, the graceful stop (finishes claimed work); rejects unless it exits 0. */
  stop(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL("./bot-instance.ts", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url));

/** An instance named `name` on a free port, started by `start()`, with `env` as its whole environment. */
export async function botInstance(
  name: string,
  env: Record<string, string>,
  takeoverMs: number,
): Promise<BotInstance> {
  let port = await freePort();
  let url = `http://127.0.0.1:${port}`;
  let life = 0;
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> = Promise.resolve(null);
  let up = false;
  let output = "";
  const halt = async (signal: NodeJS.Signals) => {
    up = false;
    child?.kill(signal);
    return exited;
  };
  /** Spawns this life's process; resolves once `/readyz` answers 200, rejects if it exits first. */
  const launch = async () => {
    const spawned = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--conditions=@fakturabot/source",
        ENTRY,
        JSON.stringify({ instanceId: name, takeoverMs }),
      ],
      {
        cwd: PACKAGE_DIR,
        env: { PATH: process.env.PATH ?? "", ...env, PORT: String(port) },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child = spawned;
    const keep = (chunk: Buffer) => {
      output += `[${name}#${life}] ${chunk}`;
    };
    spawned.stdout?.on("data", keep);
    spawned.stderr?.on("data", keep);
    exited = new Promise((resolve) => spawned.once("exit", (code) => resolve(code)));
    const early = exited.then((code) => {
      throw new Error(`${name} exited (${code}) before it was ready:\n${output}`);
    });
    // Three processes starting at once on shared cores take a while: the wait is for the answer.
    const ready = vi.waitFor(
      async () => {
        const response = await fetch(`${url}/readyz`);
        if (response.status !== 200) throw new Error(`${name} /readyz answered ${response.status}`);
      },
      { timeout: 60_000, interval: 50 },
    );
    await Promise.race([ready, early]);
  };
  return {
    name,
    get url() {
      return url;
    },
    get life() {
      return life;
    },
    get up() {
      return up;
    },
    output: () => output,
    async start() {
      life += 1;
      for (let tries = 1; ; tries++) {
        const before = output.length;
        try {
          await launch();
          break;
        } catch (error) {
          // Another process took the free port before this one listened: a first life may move
          // (a restart keeps its port, as a load balancer's upstream does).
          const taken = output.slice(before).includes("EADDRINUSE");
          if (!taken || life > 1 || tries >= 3) throw error;
          port = await freePort();
          url = `http://127.0.0.1:${port}`;
        }
      }
      up = true;
    },
    async kill() {
      await halt("SIGKILL");
    },
    async stop() {
      const code = await halt("SIGTERM");
      if (code !== 0) throw new Error(`${name} stopped with exit code ${code}:\n${output}`);
    },
  };
}

/** One request as the load balancer or the gateway passed it on. */
export interface Routed {
  instance: string;
  life: number;
  path: string;
  /** The HTTP status the instance (or Front Payment) answered; null when there was no answer. */
  status: number | null;
  error?: string;
}

/** Where Slack and Front Payment reach "the bot": the load balancer, which no socket listens on. */
export const PUBLIC_ORIGIN = "http://localhost:9";

/**
 * A `fetch` for the Slack stand-in's driver and Front Payment's callback sender that spreads their
 * requests round-robin over the instances that are up. A Slack request whose instance died under
 * it goes to the next one, as a load balancer retries a dead upstream; Front Payment retries its
 * callbacks itself, so those are not.
 */
export function roundRobin(
  instances: readonly BotInstance[],
  /** Called as each request leaves for its instance (to kill one in the middle of a request). */
  onSent: (entry: Routed) => void = () => {},
) {
  // Slack's requests and the callbacks take turns apart, so neither's rhythm decides the other's.
  const turns = { slack: 0, callback: 0 };
  const log: Routed[] = [];
  const route = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const slack = url.pathname.startsWith("/slack/");
    for (let tries = 1; ; tries++) {
      const up = instances.filter((instance) => instance.up);
      const target = up[turns[slack ? "slack" : "callback"]++ % up.length];
      if (!target) throw new Error("no instance is up");
      const entry: Routed = { instance: target.name, life: target.life, path: url.pathname, status: null };
      log.push(entry);
      try {
        const answer = fetch(`${target.url}${url.pathname}${url.search}`, init);
        onSent(entry);
        const response = await answer;
        entry.status = response.status;
        return response;
      } catch (error) {
        entry.error = describe(error);
        if (!slack || !isConnectionError(error) || tries >= 2 * instances.length) throw error;
      }
    }
  };
  return { fetch: route as typeof globalThis.fetch, log };
}

const FORWARDED_HEADERS = ["authorization", "content-type", "accept"] as const;

/** Front Payment's URL for instance `name` through the gateway, and the gateway's log. */
export async function frontPaymentGateway(
  frontPaymentUrl: string,
  instances: readonly BotInstance[],
  /** Awaited between Front Payment's answer and passing it on (to kill the instance meanwhile). */
  beforeAnswer: (entry: Routed) => Promise<void> = async () => {},
) {
  const log: Routed[] = [];
  const server = createServer(async (request, response) => {
    const [, name = "", ...rest] = (request.url ?? "/").split("/");
    const path = `/${rest.join("/")}`;
    const instance = instances.find((candidate) => candidate.name === name);
    const entry: Routed = { instance: name, life: instance?.life ?? 0, path, status: null };
    log.push(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    try {
      const answer = await fetch(`${frontPaymentUrl}${path}`, {
        method: request.method ?? "GET",
        headers: Object.fromEntries(
          FORWARDED_HEADERS.flatMap((header) => {
            const value = request.headers[header];
            return typeof value === "string" ? [[header, value]] : [];
          }),
        ),
        ...(body.length > 0 ? { body } : {}),
      });
      entry.status = answer.status;
      await beforeAnswer(entry);
      response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "" });
      response.end(Buffer.from(await answer.arrayBuffer()));
    } catch (error) {
      entry.error = describe(error);
      response.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    urlFor: (name: string) => `${origin}/${name}`,
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The samples of counter `name` on a `/metrics` page, summed over their labels but `label`. */
export function counterBy(page: string, name: string, label: string): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const line of page.split("\n")) {
    const match = new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`).exec(line);
    if (!match) continue;
    const value = new RegExp(`${label}="([^"]*)"`).exec(match[1] ?? "")?.[1] ?? "";
    sums[value] = (sums[value] ?? 0) + Number(match[2]);
  }
  return sums;
}

export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

function isConnectionError(error: unknown): boolean {
  return error instanceof TypeError && error.cause instanceof Error;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error.cause as { code?: string } | undefined)?.code;
  return code ? `${error.name}: ${code}` : `${error.name}: ${error.message}`;
}
