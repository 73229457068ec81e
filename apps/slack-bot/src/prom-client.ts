import { createRequire } from "node:module";
import type * as PromClient from "prom-client";

// prom-client's index loads everything it has: Summary, the Pushgateway, cluster aggregation and
// every default metric, one of which loads @opentelemetry/api (about 90 modules, 40 ms of CPU at
// every start). These are the files of the classes the bot uses, as published: prom-client 15 has
// no `exports` map and the catalog pins its version. Types still come from the package.
const require = createRequire(import.meta.url);

export const Counter: typeof PromClient.Counter = require("prom-client/lib/counter");
export const Gauge: typeof PromClient.Gauge = require("prom-client/lib/gauge");
export const Histogram: typeof PromClient.Histogram = require("prom-client/lib/histogram");
export const Registry: typeof PromClient.Registry = require("prom-client/lib/registry");
export type Registry = PromClient.Registry;

/** prom-client's default metrics (Node's process and runtime): their modules load when first called. */
export function collectDefaultMetrics(config: Parameters<typeof PromClient.collectDefaultMetrics>[0]): void {
  const collect: typeof PromClient.collectDefaultMetrics = require("prom-client/lib/defaultMetrics");
  collect(config);
}
