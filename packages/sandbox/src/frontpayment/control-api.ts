import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson } from "../http.js";
import type { CallbackReleaseOrder } from "./callbacks.js";
import { decodedSegment } from "./checks.js";
import { CONNECT_ENDPOINTS, type ConnectEndpoint } from "./connect-api.js";
import { type ConnectFault, FAULT_KINDS } from "./faults.js";
import { FrontPaymentSandboxError } from "./orders.js";
import type { FrontPaymentSandboxControls } from "./sandbox.js";

/** A control request that cannot be carried out as given: answered 400 with its message. */
class BadControlRequest extends Error {}

type Body = Record<string, unknown>;
type Handler = (body: Body, uuid: string) => unknown;

/**
 * The sandbox's controls as JSON over HTTP under `/_sandbox/`, for the demo, the local workspace
 * and other processes: the same functions tests call, so both ways behave alike.
 */
export function createControlApi(sandbox: FrontPaymentSandboxControls) {
  const routes: Record<string, Handler> = {
    "GET /_sandbox/state": () => ({
      orders: sandbox.orders(),
      requests: sandbox.requests,
      callbacks: sandbox.callbacks,
      faults: sandbox.faults(),
    }),
    "GET /_sandbox/orders": () => sandbox.orders(),
    "GET /_sandbox/orders/:uuid": (_body, uuid) => {
      const order = sandbox.order(uuid);
      if (!order)
        throw new FrontPaymentSandboxError("order_not_found", `There is no order ${uuid} in this sandbox.`);
      return order;
    },
    "POST /_sandbox/orders/:uuid/approve": (_body, uuid) => sandbox.approveBankId(uuid),
    "POST /_sandbox/orders/:uuid/reject": (_body, uuid) => sandbox.rejectBankId(uuid),
    "POST /_sandbox/orders/:uuid/pay": (body, uuid) => sandbox.markPaid(uuid, optionalPaymentMethod(body)),
    "POST /_sandbox/orders/:uuid/expire": (_body, uuid) => sandbox.expire(uuid),
    "POST /_sandbox/orders/:uuid/status": (body, uuid) =>
      sandbox.setStatus(uuid, text(body, "status"), optionalPaymentMethod(body)),
    "GET /_sandbox/requests": () => sandbox.requests,
    "GET /_sandbox/callbacks": () => sandbox.callbacks,
    "GET /_sandbox/faults": () => sandbox.faults(),
    "POST /_sandbox/faults/latency": (body) => {
      sandbox.setLatency(count(body, "ms"));
      return sandbox.faults();
    },
    "POST /_sandbox/faults/fail-next": (body) => {
      sandbox.failNext(faultKind(body.kind), {
        ...(body.endpoint !== undefined && { endpoint: endpoint(body.endpoint) }),
        ...(body.times !== undefined && { times: count(body, "times") }),
        ...(body.processFirst !== undefined && { processFirst: flag(body, "processFirst") }),
      });
      return sandbox.faults();
    },
    "POST /_sandbox/faults/clear": () => {
      sandbox.clearFaults();
      return sandbox.faults();
    },
    "POST /_sandbox/callbacks/duplicate": (body) => {
      sandbox.duplicateCallbacks(body.count === undefined ? 1 : count(body, "count"));
      return sandbox.faults();
    },
    "POST /_sandbox/callbacks/hold": () => {
      sandbox.holdCallbacks();
      return sandbox.faults();
    },
    "POST /_sandbox/callbacks/release": async (body) => ({
      released: await sandbox.releaseCallbacks(releaseOrder(body.order)),
    }),
    "POST /_sandbox/callbacks/retry": (body) => {
      const delaysMs = body.delaysMs;
      if (!Array.isArray(delaysMs) || !delaysMs.every((delay) => typeof delay === "number"))
        throw new BadControlRequest("delaysMs must be a list of milliseconds, such as [100, 500].");
      sandbox.setCallbackRetry({ attempts: count(body, "attempts"), delaysMs });
      return sandbox.faults();
    },
    "GET /_sandbox/callbacks/idle": async () => {
      await sandbox.callbacksIdle();
      return { idle: true };
    },
  };

  return async function handleControl(request: IncomingMessage, response: ServerResponse, path: string) {
    const method = request.method ?? "GET";
    const orderRoute = /^\/_sandbox\/orders\/([^/]+)(\/[a-z]+)?$/.exec(path);
    const uuid = orderRoute?.[1] === undefined ? "" : decodedSegment(orderRoute[1]);
    const routeKey = orderRoute ? `/_sandbox/orders/:uuid${orderRoute[2] ?? ""}` : path;
    const handler = routes[`${method} ${routeKey}`];
    if (!handler) {
      const known = Object.keys(routes).some((key) => key.endsWith(` ${routeKey}`));
      sendJson(response, known ? 405 : 404, {
        error: known ? `${routeKey} does not support ${method}.` : `There is no control ${method} ${path}.`,
      });
      return;
    }
    try {
      sendJson(response, 200, await handler(await jsonBody(request), uuid));
    } catch (error) {
      if (error instanceof FrontPaymentSandboxError)
        sendJson(response, error.code === "order_not_found" ? 404 : 409, { error: error.message });
      else if (error instanceof BadControlRequest || error instanceof RangeError)
        sendJson(response, 400, { error: error.message });
      else throw error;
    }
  };
}

async function jsonBody(request: IncomingMessage): Promise<Body> {
  const raw = await readBody(request);
  if (raw.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new BadControlRequest("The body must be JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new BadControlRequest("The body must be a JSON object.");
  return parsed as Body;
}

function text(body: Body, name: string): string {
  const value = body[name];
  if (typeof value !== "string") throw new BadControlRequest(`${name} must be a string.`);
  return value;
}

function count(body: Body, name: string): number {
  const value = body[name];
  if (typeof value !== "number") throw new BadControlRequest(`${name} must be a number.`);
  return value;
}

function flag(body: Body, name: string): boolean {
  const value = body[name];
  if (typeof value !== "boolean") throw new BadControlRequest(`${name} must be true or false.`);
  return value;
}

function optionalPaymentMethod(body: Body): { paymentMethod?: string } {
  return body.paymentMethod === undefined ? {} : { paymentMethod: text(body, "paymentMethod") };
}

function faultKind(value: unknown): ConnectFault {
  const kind = FAULT_KINDS.find((known) => String(known) === String(value));
  if (kind === undefined) throw new BadControlRequest(`kind must be one of ${FAULT_KINDS.join(", ")}.`);
  return kind;
}

function endpoint(value: unknown): ConnectEndpoint {
  const found = CONNECT_ENDPOINTS.find((known) => known === value);
  if (!found) throw new BadControlRequest(`endpoint must be one of ${CONNECT_ENDPOINTS.join(", ")}.`);
  return found;
}

function releaseOrder(value: unknown): CallbackReleaseOrder {
  if (value === undefined || value === "reversed") return "reversed";
  if (value === "as-held") return "as-held";
  throw new BadControlRequest('order must be "reversed" or "as-held".');
}
