// The baseline for callbacks: node:http, one SHA-256 check of the query and one durable INSERT.
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { STORES, type StoreName, type StorePlace } from "../stores.js";
import { runTarget } from "./protocol.js";

export interface CallbackBaselineConfig {
  store: StoreName;
  storePlace: StorePlace;
  callbackSecret: string;
}

runTarget<CallbackBaselineConfig>(async (config) => {
  const log = await STORES[config.store].openBaselineLog(config.storePlace);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const values: string[] = [];
    let checksum = "";
    for (const [key, value] of url.searchParams) {
      if (key === "checksum") checksum = value;
      else values.push(value);
    }
    const expected = createHash("sha256")
      .update(values.join("") + config.callbackSecret)
      .digest();
    const given = Buffer.from(checksum, "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      response.writeHead(403).end("bad checksum");
      return;
    }
    await log.record(url.pathname.split("/").at(-1) ?? "", url.search);
    response.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("Recorded.");
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await log.close();
    },
  };
});
