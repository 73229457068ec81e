import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  createFrontPaymentClient,
  FrontPaymentNetworkError,
  FrontPaymentTimeoutError,
  isOutcomeUnknown,
  USER_AGENT,
} from "../src/index.js";
import { CREATED, ORDER, rejectionOf, STATUS, TOKEN } from "./helpers.js";

/**
 * The same faults as the fake-transport tests, through Node's real fetch (undici) on loopback:
 * proves that the client reads undici's real errors the way the fakes assume.
 */
interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

/** A loopback server that records each request, then lets `handle` answer (or not). */
async function serve(handle: (request: IncomingMessage, response: ServerResponse) => void) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body });
      handle(request, response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, received };
}

function client(baseUrl: string, timeoutMs = 2_000) {
  return createFrontPaymentClient({
    token: TOKEN,
    baseUrl,
    timeoutMs,
    retry: { sleep: async () => {} },
  });
}

/**
 * The timeout for the tests that wait it out: long enough that a request on a loaded machine still
 * reaches the server before the client gives up (at 100 ms it sometimes did not, and "sent once"
 * counted none), short enough to keep the tests quick.
 */
const WAITED_OUT_MS = 1_000;

function answer(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

describe("over real HTTP on loopback", () => {
  it("submits with the token, the User-Agent and the JSON body", async () => {
    const { baseUrl, received } = await serve((_request, response) => answer(response, 201, CREATED));
    await expect(client(baseUrl).submitInvoiceOrder(ORDER)).resolves.toEqual(CREATED.data);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: "POST", url: "/api/v1/connect/orders/invoice/submit" });
    expect(received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(received[0]?.headers["user-agent"]).toBe(USER_AGENT);
    expect(JSON.parse(received[0]?.body ?? "")).toEqual(ORDER);
  });

  it("a refused connection is 'not sent', with undici's real error code", async () => {
    const { baseUrl } = await serve(() => {});
    await new Promise<void>((resolve) => servers.pop()?.close(() => resolve()));
    const error = await rejectionOf(client(baseUrl).submitInvoiceOrder(ORDER));
    expect(error).toBeInstanceOf(FrontPaymentNetworkError);
    expect(error).toMatchObject({ delivery: "not_sent", code: "ECONNREFUSED" });
  });

  it("a connection dropped after the request arrived is 'outcome unknown', and not re-sent", async () => {
    const { baseUrl, received } = await serve((request) => request.socket.destroy());
    const error = await rejectionOf(client(baseUrl).submitInvoiceOrder(ORDER));
    expect(error).toBeInstanceOf(FrontPaymentNetworkError);
    expect(error).toMatchObject({ delivery: "unknown", code: "UND_ERR_SOCKET" });
    expect(isOutcomeUnknown(error)).toBe(true);
    expect(received).toHaveLength(1);
  });

  it("a body cut off after the headers is 'outcome unknown'", async () => {
    const { baseUrl, received } = await serve((_request, response) => {
      response.writeHead(201, { "content-type": "application/json", "content-length": "500" });
      response.write('{"status_code":201,');
      response.socket?.destroy();
    });
    const error = await rejectionOf(client(baseUrl).submitInvoiceOrder(ORDER));
    expect(error).toBeInstanceOf(FrontPaymentNetworkError);
    expect(error).toMatchObject({ delivery: "unknown" });
    expect(received).toHaveLength(1);
  });

  it("a server that never answers is a timeout, 'outcome unknown', sent once", async () => {
    const { baseUrl, received } = await serve(() => {});
    const error = await rejectionOf(client(baseUrl, WAITED_OUT_MS).submitInvoiceOrder(ORDER));
    expect(error).toBeInstanceOf(FrontPaymentTimeoutError);
    expect(error).toMatchObject({ delivery: "unknown" });
    expect(received).toHaveLength(1);
  });

  it("a read that times out is retried, and succeeds when the server answers", async () => {
    let requests = 0;
    const { baseUrl, received } = await serve((_request, response) => {
      requests += 1;
      if (requests > 1) answer(response, 200, STATUS);
    });
    await expect(client(baseUrl, WAITED_OUT_MS).getOrderStatus("ODR4286244937")).resolves.toEqual(
      STATUS.data,
    );
    expect(received).toHaveLength(2);
  });
});
