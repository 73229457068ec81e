/**
 * Slack's side of Socket Mode: `apps.connections.open` hands out single-use WebSocket URLs, a new
 * connection gets `hello`, envelopes go to the app and its acknowledgements come back by
 * `envelope_id`, and closing the stand-in says `disconnect`. Shapes as in Slack's "Using Socket
 * Mode" (docs.slack.dev/apis/events-api/using-socket-mode) and as @slack/socket-mode 3.1 reads them.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import { SlackDriverError } from "./errors.js";

/** The envelope types Slack sends for what the driver delivers. */
export type EnvelopeType = "slash_commands" | "interactive" | "events_api";

/** The app's acknowledgement: `{ envelope_id, payload? }`, the payload being what an HTTP body would be. */
export interface SocketAck {
  payload?: unknown;
}

/** Why Slack closes a connection (the `reason` of `disconnect`). */
export type DisconnectReason = "link_disabled" | "refresh_requested" | "warning";

const LINK_PATH = "/link/";
/** Seconds until Slack refreshes a connection, as its `hello` reports (about five hours). */
const APPROXIMATE_CONNECTION_TIME_S = 18_060;
const DEBUG_INFO = { host: "applink-sandbox" };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class SocketModeServer {
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #tickets = new Set<string>();
  readonly #connections = new Set<WebSocket>();
  readonly #waiting = new Map<string, (ack: SocketAck | "timeout") => void>();
  readonly #appId: string;
  readonly #baseUrl: () => string;

  /** `baseUrl`: the stand-in's `http://127.0.0.1:<port>`, known once it listens. */
  constructor(appId: string, baseUrl: () => string) {
    this.#appId = appId;
    this.#baseUrl = baseUrl;
  }

  /** Open connections. */
  get connections(): number {
    return [...this.#connections].filter((socket) => socket.readyState === socket.OPEN).length;
  }

  /** A fresh WebSocket URL with a single-use ticket, as `apps.connections.open` answers. */
  openUrl(): string {
    const ticket = randomUUID();
    this.#tickets.add(ticket);
    const base = this.#baseUrl().replace(/^http/, "ws");
    return `${base}${LINK_PATH}?ticket=${ticket}&app_id=${this.#appId}`;
  }

  /** The HTTP server's `upgrade`: a URL from `openUrl` connects once; anything else is refused. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? "/", "http://sandbox");
    const ticket = url.searchParams.get("ticket");
    if (url.pathname !== LINK_PATH || !ticket || !this.#tickets.delete(ticket)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
      return;
    }
    this.#server.handleUpgrade(request, socket, head, (connection) => this.#accept(connection));
  }

  #accept(connection: WebSocket): void {
    this.#connections.add(connection);
    connection.on("close", () => this.#connections.delete(connection));
    connection.on("message", (data, isBinary) => {
      if (!isBinary) this.#acknowledged(String(data));
    });
    connection.send(
      JSON.stringify({
        type: "hello",
        num_connections: this.connections,
        debug_info: {
          ...DEBUG_INFO,
          build_number: 1,
          approximate_connection_time: APPROXIMATE_CONNECTION_TIME_S,
        },
        connection_info: { app_id: this.#appId },
      }),
    );
  }

  /** An acknowledgement `{ envelope_id, payload? }`; anything else from the app is ignored, as Slack does. */
  #acknowledged(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!isObject(message) || typeof message.envelope_id !== "string") return;
    this.#waiting.get(message.envelope_id)?.("payload" in message ? { payload: message.payload } : {});
  }

  /**
   * Sends `{ envelope_id, type, payload, accepts_response_payload }` over an open connection and
   * resolves with the app's acknowledgement, or `"timeout"` after `timeoutMs` (a late one is ignored).
   */
  async send(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    timeoutMs: number,
    retry?: { num: number; reason: string },
  ): Promise<SocketAck | "timeout"> {
    const connection = [...this.#connections].find((socket) => socket.readyState === socket.OPEN);
    if (!connection) {
      throw new SlackDriverError(
        "No app is connected over Socket Mode: it calls apps.connections.open with the app-level token, then opens the URL",
      );
    }
    const envelopeId = randomUUID();
    return new Promise((resolve, reject) => {
      const settle = (ack: SocketAck | "timeout") => {
        clearTimeout(timer);
        this.#waiting.delete(envelopeId);
        resolve(ack);
      };
      const timer = setTimeout(() => settle("timeout"), timeoutMs);
      this.#waiting.set(envelopeId, settle);
      const envelope = {
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: true,
        ...(retry ? { retry_attempt: retry.num, retry_reason: retry.reason } : {}),
      };
      connection.send(JSON.stringify(envelope), (error) => {
        if (!error) return;
        clearTimeout(timer);
        this.#waiting.delete(envelopeId);
        reject(error);
      });
    });
  }

  /** Says `disconnect` on every open connection (flushed before the caller drops the sockets). */
  async disconnectAll(reason: DisconnectReason): Promise<void> {
    const message = JSON.stringify({ type: "disconnect", reason, debug_info: DEBUG_INFO });
    const open = [...this.#connections].filter((socket) => socket.readyState === socket.OPEN);
    await Promise.all(
      open.map((socket) => new Promise<void>((resolve) => socket.send(message, () => resolve()))),
    );
  }

  /** Before the HTTP server closes: `disconnect` to every app, and envelopes still waiting time out. */
  async close(): Promise<void> {
    await this.disconnectAll("link_disabled");
    for (const settle of [...this.#waiting.values()]) settle("timeout");
    this.#server.close();
  }
}
