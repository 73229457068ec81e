import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  createFrontPaymentClient,
  FrontPaymentError,
  FrontPaymentNetworkError,
  FrontPaymentRateLimitError,
  FrontPaymentTimeoutError,
  isOutcomeUnknown,
  USER_AGENT,
} from "../src/index.js";
import { CREATED, instantRetry, ORDER, rejectionOf, STATUS, TOKEN } from "./helpers.js";

/**
 * The same faults as the fake-transport tests, through the default transport (undici's
 * `request`) on loopback: proves that the client reads undici's real errors the way the fakes
 * assume, and that the timeout covers the whole exchange.
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
  it("submits with the token, the User-Agent, asking for JSON, and the JSON body", async () => {
    const { baseUrl, received } = await serve((_request, response) => answer(response, 201, CREATED));
    await expect(client(baseUrl).submitInvoiceOrder(ORDER)).resolves.toEqual(CREATED.data);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: "POST", url: "/api/v1/connect/orders/invoice/submit" });
    expect(received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(received[0]?.headers["user-agent"]).toBe(USER_AGENT);
    expect(received[0]?.headers.accept).toBe("application/json");
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

  it("an answer whose body stops coming is a timeout too: the timeout covers the body", async () => {
    const { baseUrl, received } = await serve((_request, response) => {
      response.writeHead(201, { "content-type": "application/json", "content-length": "500" });
      response.write('{"status_code":201,');
    });
    const error = await rejectionOf(client(baseUrl, WAITED_OUT_MS).submitInvoiceOrder(ORDER));
    expect(error).toBeInstanceOf(FrontPaymentTimeoutError);
    expect(error).toMatchObject({ delivery: "unknown", timeoutMs: WAITED_OUT_MS });
    expect(received).toHaveLength(1);
  });

  it("the caller's abort while the answer is coming ends a raw call with its reason, not retried", async () => {
    const controller = new AbortController();
    const reason = new Error("the user gave up");
    const { baseUrl, received } = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "500" });
      response.write('{"status_code":200,', () => controller.abort(reason));
    });
    const pending = client(baseUrl).GET("/api/v1/connect/orders/status/{orderUuid}", {
      params: { path: { orderUuid: "ODR4286244937" } },
      signal: controller.signal,
    });
    await expect(pending).rejects.toBe(reason);
    expect(received).toHaveLength(1);
  });

  it("raw calls get a real Response, with the answer's headers", async () => {
    const { baseUrl } = await serve((_request, response) => {
      response.setHeader("set-cookie", ["a=1", "b=2"]);
      response.setHeader("x-request-id", "req-17");
      answer(response, 200, STATUS);
    });
    const { data, response } = await client(baseUrl).GET("/api/v1/connect/orders/status/{orderUuid}", {
      params: { path: { orderUuid: "ODR4286244937" } },
    });
    expect(data).toEqual(STATUS);
    expect(response).toBeInstanceOf(Response);
    expect(response.headers.get("x-request-id")).toBe("req-17");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await response.json()).toEqual(STATUS);
    // Read as often and in whichever form the caller likes; a copy handed out is the caller's own.
    const bytes = new Uint8Array(await response.arrayBuffer());
    bytes.fill(0);
    expect(JSON.parse(await response.text())).toEqual(STATUS);
    expect(await new Response(response.body).json()).toEqual(STATUS);
    expect(await response.clone().json()).toEqual(STATUS);
  });

  it("a raw call answered 204 has no body", async () => {
    const { baseUrl } = await serve((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    const { response } = await client(baseUrl).GET("/api/v1/connect/orders/status/{orderUuid}", {
      params: { path: { orderUuid: "ODR4286244937" } },
    });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    expect(await response.text()).toBe("");
  });

  it("a 429's Retry-After is read from the answer's headers", async () => {
    const { baseUrl, received } = await serve((_request, response) => {
      response.setHeader("retry-after", "7");
      answer(response, 429, { status_code: 429, message: "tooManyRequests" });
    });
    const { delays, retry } = instantRetry();
    const limited = createFrontPaymentClient({ token: TOKEN, baseUrl, retry: { ...retry, maxRetries: 1 } });
    const error = await rejectionOf(limited.getOrderStatus("ODR4286244937"));
    expect(error).toBeInstanceOf(FrontPaymentRateLimitError);
    expect(error).toMatchObject({ retryAfterSeconds: 7 });
    expect(delays).toEqual([7_000]);
    expect(received).toHaveLength(2);
  });

  it.each([300, 302])(
    "a redirect (%i) is not followed: the token stays with the address it was meant for",
    async (status) => {
      const elsewhere = await serve((_request, response) => answer(response, 200, STATUS));
      const { baseUrl, received } = await serve((_request, response) => {
        response.writeHead(status, {
          location: `${elsewhere.baseUrl}/api/v1/connect/orders/status/ODR4286244937`,
        });
        response.end();
      });
      const error = await rejectionOf(client(baseUrl).getOrderStatus("ODR4286244937"));
      expect(error).toBeInstanceOf(FrontPaymentError);
      // An error answer as such (not taken for a 2xx whose body does not fit).
      expect(error?.constructor).toBe(FrontPaymentError);
      expect(error).toMatchObject({ status, message: expect.stringContaining(`with HTTP ${status}`) });
      expect(received).toHaveLength(1);
      expect(elsewhere.received).toHaveLength(0);
    },
  );
});
