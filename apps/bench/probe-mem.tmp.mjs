import { createFrontPaymentClient, signCallback } from "@fakturabot/client";
import { startFrontPaymentSandbox, startSlackSandbox } from "@fakturabot/sandbox";
import { SEED_INVOICE_ORDER_EXAMPLE, DEFAULT_TAX_RATES } from "@fakturabot/schema";
import { createBot, createLogger, openSqliteStore } from "@fakturabot/slack-bot";
import pino from "pino";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
const N = Number(process.argv[2] ?? 20000);
const dataDir = mkdtempSync(join(tmpdir(), "probe-"));
const fp = await startFrontPaymentSandbox({ callbackSecret: "s", tokens: ["t"] });
const slack = await startSlackSandbox();
const logger = createLogger({ level: "info", destination: pino.destination({ dest: "/dev/null", sync: true }) });
const store = openSqliteStore({ dataDir });
const bot = createBot({ slack: { botToken: "xoxb-sandbox", signingSecret: "x", apiUrl: slack.apiUrl }, frontPayment: createFrontPaymentClient({ token: "t", baseUrl: fp.url, logger }), callbackSecret: "s", access: { allowedChannelIds: [], allowedUserIds: [], adminUserIds: [] }, taxRates: DEFAULT_TAX_RATES, store, logger });
const running = await bot.start(0);
const orders = [];
for (let i = 0; i < 20; i++) {
  const id = `FB0PROBE${String(i).padStart(6, "0")}`;
  const { order } = await store.beginSubmission({ id, submissionKey: id, teamId: "T", channelId: "C0SALES01", userId: "U0KARINOR", customerType: "private", customerName: "K", customerIdentifier: "280387*****", preferredLanguage: "no", grandTotalOre: 4000, request: { ...SEED_INVOICE_ORDER_EXAMPLE, referenceNo: id } });
  const w = await store.saveOrder({ ...order, state: "created", fpOrderUuid: `ODR9${i}`, fpCustomerUuid: null, bankIdUrl: null, status: { status: "PAID", at: 1 }, version: 2 });
  orders.push(w.value);
}
const base = Math.floor(Date.now() / 1000) - 100;
let sent = 0;
const path = () => { const i = sent++; const o = orders[i % 20]; const r = Math.floor(i / 20);
  return `/frontpayment/callback/${o.id}?${signCallback([["orderUuid", o.fpOrderUuid], ["status", "PAID"], ["paymentMethod", "Visa"], ["amount", "40"], ["createdAt", String(base)], ["timestamp", String(base - (r % 3000))]], "s")}`; };
const mem = (label) => { global.gc?.(); const m = process.memoryUsage(); console.log(label, "rss", (m.rss / 2**20).toFixed(0), "heap", (m.heapUsed / 2**20).toFixed(1), "ext", (m.external/2**20).toFixed(1)); };
mem("start");
let done = 0; const t0 = Date.now();
async function worker() { while (sent < N) { const r = await fetch(running.url + path()); await r.text(); if (r.status !== 200) throw new Error(String(r.status) + await r.text()); done++; if (done % 5000 === 0) mem(`after ${done}`); } }
await Promise.all(Array.from({ length: 50 }, worker));
console.log("per second", (N / (Date.now() - t0) * 1000).toFixed(0));
mem("end");
await running.stop(); await store.close(); await fp.close(); await slack.close();
