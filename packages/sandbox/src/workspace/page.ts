import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname } from "node:path";
import type { FrontPaymentSandbox } from "../frontpayment/sandbox.js";
import { listen, readBody, sendJson } from "../http.js";
import type { SlackDriver } from "../slack/driver.js";
import type { SlackTeamSandbox } from "../slack/sandbox.js";
import type { SlackSandboxEvent } from "../slack/types.js";
import { runAction, WorkspaceActionError } from "./actions.js";
import { type WorkspaceLink, workspaceSnapshot } from "./snapshot.js";

export interface WorkspacePageOptions {
  /** The workspace shown (the sandbox itself, or one from `addWorkspace`). */
  slack: SlackTeamSandbox;
  /** Acts as Slack towards the bot for everything a person does on the page. */
  driver: SlackDriver;
  frontPayment: FrontPaymentSandbox;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** The app's slash commands (default `/invoice`); others are refused as Slack's client does. */
  commands?: readonly string[];
  /** Every workspace's page (one page per workspace), for the switcher; read on every change. */
  workspaces?: () => readonly WorkspaceLink[];
}

export interface WorkspacePage {
  /** Open this in a browser, e.g. `http://127.0.0.1:3003`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const CLIENT_DIR = new URL("./client/", import.meta.url);
const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};
/** The page loads only its own files and talks only to its own server; links open elsewhere. */
const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};
/** `Host` as a browser sends it for this machine's loopback interface: a name, then the port (none for 80). */
const LOOPBACK_HOST = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::(\d+))?$/i;

/**
 * Whether `Host` names this page on loopback. Anything else is a page of another site whose name
 * was pointed at 127.0.0.1 (DNS rebinding), which must not drive the workspace or read its state.
 */
function isLoopbackHost(host: string | undefined, port: number): boolean {
  const match = LOOPBACK_HOST.exec(host ?? "");
  return match !== null && Number(match[1] ?? 80) === port;
}

/** Changes the page does not show: it would redraw for nothing. */
const UNSHOWN_EVENTS = new Set<SlackSandboxEvent["type"]>(["api_call", "interaction"]);

/**
 * The local workspace: a Slack-like page over the stand-ins, where a person types `/invoice`,
 * fills the modal rendered from the bot's real Block Kit, follows the channel message and its
 * thread, and plays the customer and Front Payment from a sandbox panel. The page gets the
 * workspace as JSON, then every change over Server-Sent Events (`GET /api/events`).
 */
export async function startWorkspacePage(options: WorkspacePageOptions): Promise<WorkspacePage> {
  const { slack, frontPayment } = options;
  const context = { ...options, commands: options.commands ?? ["/invoice"] };
  const current = () =>
    workspaceSnapshot(slack, frontPayment, context.commands, options.workspaces?.() ?? []);
  const snapshot = () => JSON.stringify(current());
  const feeds = new Set<ServerResponse>();

  // Changes come in bursts (a submission updates the view, posts, calls back): one snapshot per turn.
  let pending = false;
  const changed = () => {
    if (pending || feeds.size === 0) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      const frame = `event: state\ndata: ${snapshot()}\n\n`;
      for (const feed of feeds) feed.write(frame);
    });
  };
  const unsubscribe = [
    slack.events.subscribe((event) => {
      if (!UNSHOWN_EVENTS.has(event.type)) changed();
    }),
    frontPayment.onChange(changed),
  ];

  function openFeed(request: IncomingMessage, response: ServerResponse) {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      "content-type": "text/event-stream; charset=utf-8",
      connection: "keep-alive",
    });
    response.write(`retry: 1000\nevent: state\ndata: ${snapshot()}\n\n`);
    feeds.add(response);
    request.on("close", () => feeds.delete(response));
  }

  async function serveFile(response: ServerResponse, name: string) {
    const type = CONTENT_TYPES[extname(name)];
    if (!/^[\w-]+\.\w+$/.test(name) || !type) return sendJson(response, 404, { error: "Not found." });
    const content = await readFile(new URL(name, CLIENT_DIR)).catch(() => undefined);
    if (content === undefined) return sendJson(response, 404, { error: "Not found." });
    response.writeHead(200, { ...SECURITY_HEADERS, "content-type": type, "content-length": content.length });
    response.end(content);
  }

  async function handleAction(request: IncomingMessage, response: ServerResponse, path: string) {
    // Only JSON: a form on another site cannot post it without the browser asking first.
    if (!request.headers["content-type"]?.startsWith("application/json"))
      return sendJson(response, 415, { error: "Send the action as application/json." });
    let body: unknown;
    try {
      body = JSON.parse((await readBody(request)) || "{}");
    } catch {
      return sendJson(response, 400, { error: "The body is not valid JSON." });
    }
    if (typeof body !== "object" || body === null || Array.isArray(body))
      return sendJson(response, 400, { error: "The body must be a JSON object." });
    try {
      sendJson(response, 200, await runAction(path, body as Record<string, unknown>, context));
    } catch (error) {
      if (!(error instanceof WorkspaceActionError)) throw error;
      sendJson(response, error.status, { error: error.message });
    }
  }

  async function route(request: IncomingMessage, response: ServerResponse) {
    const path = new URL(request.url ?? "/", "http://workspace").pathname;
    const method = request.method ?? "GET";
    if (!isLoopbackHost(request.headers.host, server.port))
      return sendJson(response, 421, {
        error: `This page answers only at 127.0.0.1:${server.port}, localhost:${server.port} or [::1]:${server.port}, not at the host ${JSON.stringify(request.headers.host ?? "")}.`,
      });
    if (method === "GET" && path === "/") return serveFile(response, "index.html");
    if (method === "GET" && path === "/api/state")
      return sendJson(response, 200, current(), SECURITY_HEADERS);
    if (method === "GET" && path === "/api/events") return openFeed(request, response);
    if (method === "GET" && path.startsWith("/static/")) return serveFile(response, path.slice(8));
    if (method === "POST" && path.startsWith("/api/")) return handleAction(request, response, path);
    sendJson(response, path.startsWith("/api/") ? 405 : 404, {
      error: `${method} ${path} is not served here.`,
    });
  }

  const server = await listen((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(response, 500, { error: error instanceof Error ? error.message : String(error) });
      else response.destroy();
    });
  }, options.port ?? 0);

  return {
    url: server.url,
    port: server.port,
    close: async () => {
      for (const stop of unsubscribe) stop();
      feeds.clear();
      await server.close();
    },
  };
}
