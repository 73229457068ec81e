import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A server listening on loopback, with its base URL and a close that also ends open connections. */
export interface RunningServer {
  server: Server;
  /** e.g. `http://127.0.0.1:41234`, without a trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts `handler` on 127.0.0.1 at `port` (0, the default, picks any free port). */
export async function listen(handler: RequestListener, port = 0): Promise<RunningServer> {
  const server = createServer(handler);
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The whole request body as text. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Sends a whole UTF-8 body of `contentType`, its length given. */
function sendBody(
  response: ServerResponse,
  status: number,
  contentType: string,
  text: string,
  headers: Record<string, string>,
) {
  response.writeHead(status, {
    "content-type": `${contentType}; charset=utf-8`,
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  sendBody(response, status, "application/json", JSON.stringify(body), headers);
}

export function sendHtml(
  response: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
) {
  sendBody(response, status, "text/html", html, headers);
}

export function sendText(response: ServerResponse, status: number, text: string) {
  sendBody(response, status, "text/plain", text, {});
}

/**
 * An append-only record that tests read and wait on. `waitFor` resolves with the first entry,
 * already recorded or still to come, that matches; it rejects after `timeoutMs` so a test that
 * waits for something that never happens fails with a message instead of hanging.
 */
export class RecordLog<T> {
  readonly #entries: T[] = [];
  readonly #waiters = new Set<() => void>();
  readonly #subscribers = new Set<(entry: T) => void>();

  get entries(): readonly T[] {
    return this.#entries;
  }

  push(entry: T): void {
    this.#entries.push(entry);
    for (const wake of [...this.#waiters]) wake();
    for (const subscriber of [...this.#subscribers]) subscriber(entry);
  }

  /** Calls `subscriber` with every entry pushed from now on, until the returned function is called. */
  subscribe(subscriber: (entry: T) => void): () => void {
    this.#subscribers.add(subscriber);
    return () => {
      this.#subscribers.delete(subscriber);
    };
  }

  /** The first `count` (default 1) matching entries, once there are that many. */
  waitForAll(
    match: (entry: T) => boolean,
    { count = 1, timeoutMs = 5000, what = "a matching entry" }: WaitOptions = {},
  ): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.#entries.filter(match);
        if (found.length < count) return false;
        resolve(found.slice(0, count));
        return true;
      };
      if (check()) return;
      const wake = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.#waiters.delete(wake);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(wake);
        const seen = this.#entries.filter(match).length;
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${count} × ${what} (saw ${seen})`));
      }, timeoutMs);
      this.#waiters.add(wake);
    });
  }

  async waitFor(match: (entry: T) => boolean, options: Omit<WaitOptions, "count"> = {}): Promise<T> {
    const [entry] = await this.waitForAll(match, { ...options, count: 1 });
    return entry as T;
  }
}

export interface WaitOptions {
  /** How many matching entries to wait for. */
  count?: number;
  /** Give up after this long (default 5000 ms). */
  timeoutMs?: number;
  /** What is awaited, for the timeout's message. */
  what?: string;
}

/**
 * Where a stand-in reports what it does: pino's `(fields, message)` shape, so a pino logger fits.
 * Fields never hold secrets or full personal numbers.
 */
export interface SandboxLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}
