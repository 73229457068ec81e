import type { IncomingMessage, ServerResponse } from "node:http";
import { decodedSegment, nonNegativeInteger, pause } from "../frontpayment/checks.js";
import { listen, RecordLog, type SandboxLogger, sendJson, type WaitOptions } from "../http.js";
import { BRREG_SANDBOX_ENTITIES, type BrregSandboxEntity } from "./entities.js";

const ENTITY_PATH = /^\/enhetsregisteret\/api\/enheter\/([^/]+)$/;
const PUBLIC_URL = "https://data.brreg.no";

/**
 * What the next look-up gets instead of its answer: a 500 or 503 error body, no answer at all
 * (`timeout`: held until the client gives up), or its connection closed (`drop`).
 */
export type BrregFault = 500 | 503 | "timeout" | "drop";
const FAULT_KINDS: readonly BrregFault[] = [500, 503, "timeout", "drop"];

export interface BrregSandboxOptions {
  /** Port on 127.0.0.1; any free port when left out. */
  port?: number;
  /** Every answer waits this long first (default 0). */
  latencyMs?: number;
  /** The register's entities (default `BRREG_SANDBOX_ENTITIES`); one with `slettedato` is answered 410. */
  entities?: readonly BrregSandboxEntity[];
  /** Milliseconds since the epoch, for the error bodies' `timestamp` (default `Date.now`). */
  clock?: () => number;
  logger?: SandboxLogger;
}

/** One request, as the requests log keeps it. */
export interface BrregRequestRecord {
  /** 1, 2, 3… in arrival order. */
  seq: number;
  method: string;
  path: string;
  /** The organisation number in the path, as sent; null for another path. */
  organisationNumber: string | null;
  fault: BrregFault | null;
  outcome: { kind: "response"; status: number } | { kind: "dropped" } | { kind: "held" };
}

export interface BrregSandbox {
  /** The base URL to give `lookupOrganisation`, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  /** Stops the server and its held connections; calling it again is harmless. */
  close(): Promise<void>;
  /** Every request, in arrival order. */
  readonly requests: readonly BrregRequestRecord[];
  /** Resolves with the first request, made or to come, that matches. */
  waitForRequest(
    match: (request: BrregRequestRecord) => boolean,
    options?: WaitOptions,
  ): Promise<BrregRequestRecord>;
  /** Adds the entity, or replaces the one with its number. */
  putEntity(entity: BrregSandboxEntity): void;
  /** Every answer waits `ms` first (0 to stop). */
  setLatency(ms: number): void;
  /** The next `times` (default 1) look-ups get `kind` instead of their answer. */
  failNext(kind: BrregFault, options?: { times?: number }): void;
  /** Latency 0 and no pending faults. */
  clearFaults(): void;
}

/** Starts a local stand-in for Enhetsregisteret's `GET /enhetsregisteret/api/enheter/{orgnr}`. */
export async function startBrregSandbox(options: BrregSandboxOptions = {}): Promise<BrregSandbox> {
  const entities = new Map<string, BrregSandboxEntity>();
  const putEntity = (entity: BrregSandboxEntity) =>
    entities.set(entity.organisasjonsnummer, structuredClone(entity));
  for (const entity of options.entities ?? BRREG_SANDBOX_ENTITIES) putEntity(entity);
  let latencyMs = nonNegativeInteger(options.latencyMs ?? 0, "latency");
  const faults: BrregFault[] = [];
  const requestLog = new RecordLog<BrregRequestRecord>();
  const shutdown = new AbortController();
  const { logger, clock = Date.now } = options;
  /** The register's error body, Spring Boot's shape (an assumption: the spec documents none). */
  const springError = (status: number, error: string, message: string, path: string) => ({
    timestamp: new Date(clock()).toISOString(),
    status,
    error,
    message,
    path,
  });
  let sequence = 0;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const seq = ++sequence;
    const method = request.method ?? "GET";
    const path = new URL(request.url ?? "/", "http://sandbox").pathname;
    const segment = ENTITY_PATH.exec(path)?.[1];
    const organisationNumber = segment === undefined ? null : decodedSegment(segment);
    const record = (fault: BrregFault | null, outcome: BrregRequestRecord["outcome"]) => {
      requestLog.push({ seq, method, path, organisationNumber, fault, outcome });
      const answered = outcome.kind === "response" ? outcome.status : outcome.kind;
      logger?.info({ organisationNumber, fault, answered }, `${method} ${path}`);
    };
    const answer = (status: number, body: unknown, fault: BrregFault | null = null) => {
      sendJson(response, status, body);
      record(fault, { kind: "response", status });
    };

    if (organisationNumber === null)
      return answer(404, springError(404, "Not Found", "No static resource", path));
    if (method !== "GET")
      return answer(
        405,
        springError(405, "Method Not Allowed", `Request method '${method}' is not supported`, path),
      );
    if (latencyMs > 0) await pause(latencyMs, shutdown.signal);
    if (shutdown.signal.aborted) return;

    const fault = faults.shift();
    if (fault === "timeout") return record(fault, { kind: "held" }); // nothing is ever written
    if (fault === "drop") {
      request.socket.destroy();
      return record(fault, { kind: "dropped" });
    }
    if (fault !== undefined) {
      const error = fault === 500 ? "Internal Server Error" : "Service Unavailable";
      return answer(fault, springError(fault, error, "", path), fault);
    }

    if (!/^\d{9}$/.test(organisationNumber))
      return answer(400, springError(400, "Bad Request", "Ugyldig organisasjonsnummer", path));
    const entity = entities.get(organisationNumber);
    if (entity === undefined) return answer(404, springError(404, "Not Found", "Enheten finnes ikke", path));
    const links = { self: { href: `${PUBLIC_URL}${path}` } };
    if (entity.slettedato !== undefined) {
      const { organisasjonsnummer, navn, organisasjonsform, slettedato } = entity;
      return answer(410, { organisasjonsnummer, navn, organisasjonsform, slettedato, _links: links });
    }
    answer(200, { ...entity, _links: links });
  }

  const server = await listen((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger?.warn(
        { error: error instanceof Error ? error.message : String(error) },
        "brreg sandbox request failed",
      );
      if (!response.headersSent) sendJson(response, 500, springError(500, "Internal Server Error", "", ""));
      else response.destroy();
    });
  }, options.port ?? 0);

  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    close: () => {
      closing ??= (async () => {
        shutdown.abort();
        await server.close();
      })();
      return closing;
    },
    get requests() {
      return requestLog.entries;
    },
    waitForRequest: (match, waitOptions) =>
      requestLog.waitFor(match, { what: "a register request", ...waitOptions }),
    putEntity,
    setLatency: (ms) => {
      latencyMs = nonNegativeInteger(ms, "latency");
    },
    failNext: (kind, { times = 1 } = {}) => {
      if (!FAULT_KINDS.includes(kind))
        throw new RangeError(`Unknown fault ${JSON.stringify(kind)}; use one of ${FAULT_KINDS.join(", ")}.`);
      faults.push(...Array<BrregFault>(nonNegativeInteger(times, "times")).fill(kind));
    },
    clearFaults: () => {
      latencyMs = 0;
      faults.length = 0;
    },
  };
}
