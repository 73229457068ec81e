import { createFrontPaymentClient } from "@fakturabot/client";
import { SEED_INVOICE_ORDER_EXAMPLE } from "@fakturabot/schema";
import { closedLoop } from "../load.js";
import { scaled } from "../options.js";
import { startTarget } from "../processes.js";
import { interleaved, type RowResult } from "../rounds.js";
import { SECRETS } from "../stand-ins.js";
import type { BenchContext } from "./context.js";

/**
 * `getOrderStatus` against a raw `fetch` of the same URL (and `JSON.parse`), one call at a time,
 * to a Front Payment stand-in in another process: the bench's process runs only the calls.
 */
export async function clientRows(context: BenchContext): Promise<RowResult[]> {
  const { options } = context;
  const count = scaled(options, 1000, 200);
  const server = await startTarget("frontpayment", {
    token: SECRETS.frontPaymentToken,
    callbackSecret: SECRETS.callbackSecret,
  });
  try {
    return await measureClient(server.url, count, options.rounds);
  } finally {
    await server.stop();
  }
}

async function measureClient(baseUrl: string, count: number, rounds: number): Promise<RowResult[]> {
  const client = createFrontPaymentClient({ token: SECRETS.frontPaymentToken, baseUrl });
  const { orderUuid } = await client.submitInvoiceOrder(SEED_INVOICE_ORDER_EXAMPLE);
  const url = `${baseUrl}/api/v1/connect/orders/status/${orderUuid}`;
  const headers = { authorization: `Bearer ${SECRETS.frontPaymentToken}` };
  const calls = {
    candidate: async () => {
      await client.getOrderStatus(orderUuid);
    },
    baseline: async () => {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`status ${response.status}`);
      JSON.parse(await response.text());
    },
  };
  for (const call of Object.values(calls)) await closedLoop(200, 1, call);
  const results = await interleaved(rounds, async (side) => {
    const before = process.cpuUsage();
    const result = await closedLoop(count, 1, calls[side]);
    const { user, system } = process.cpuUsage(before);
    if (result.failures > 0) throw new Error(`${result.failures} calls failed: ${result.firstFailure}`);
    return { perSecond: (count / result.elapsedMs) * 1000, cpuMsPerCall: (user + system) / 1000 / count };
  });
  const pick = (key: "perSecond" | "cpuMsPerCall") => ({
    candidate: results.candidate.map((round) => round[key]),
    baseline: results.baseline.map((round) => round[key]),
  });
  const detail = `${count} calls per round, one at a time, against a Front Payment stand-in in its own process`;
  return [
    {
      row: "client getOrderStatus vs raw fetch",
      unit: "ops/s",
      higherIsBetter: true,
      ...pick("perSecond"),
      goal: { ratio: 0.9, kind: "at least" },
      detail,
    },
    {
      row: "client getOrderStatus vs raw fetch, CPU per call",
      unit: "ms",
      higherIsBetter: false,
      ...pick("cpuMsPerCall"),
      detail: `${detail}; the bench's own process, which runs only the calls then`,
    },
  ];
}
