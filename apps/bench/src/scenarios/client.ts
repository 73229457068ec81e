import { createFrontPaymentClient } from "@fakturabot/client";
import { closedLoop } from "../load.js";
import { scaled } from "../options.js";
import { interleaved, type RowResult } from "../rounds.js";
import { SECRETS } from "../stand-ins.js";
import type { BenchContext } from "./context.js";

/** `getOrderStatus` against a raw `fetch` of the same URL (and `JSON.parse`), one call at a time. */
export async function clientRows(context: BenchContext): Promise<RowResult[]> {
  const { options, standIns } = context;
  const count = scaled(options, 1000, 200);
  const baseUrl = standIns.frontPayment.url;
  const orderUuid = context.orders[0]?.fpOrderUuid;
  if (!orderUuid) throw new Error("No order to ask about");
  const client = createFrontPaymentClient({ token: SECRETS.frontPaymentToken, baseUrl });
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
  const rounds = await interleaved(options.rounds, async (side) => {
    const result = await closedLoop(count, 1, calls[side]);
    if (result.failures > 0) throw new Error(`${result.failures} calls failed: ${result.firstFailure}`);
    return (count / result.elapsedMs) * 1000;
  });
  return [
    {
      row: "client getOrderStatus vs raw fetch",
      unit: "ops/s",
      higherIsBetter: true,
      ...rounds,
      goal: { ratio: 0.9, kind: "at least" },
      detail: `${count} calls per round, one at a time, in the bench's process against the Front Payment stand-in (its work is in both)`,
    },
  ];
}
