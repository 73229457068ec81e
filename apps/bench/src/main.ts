// `pnpm bench`: the real bot against bare baselines, over loopback HTTP, as ratios. See README.md.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BenchOptions, parseOptions, type ScenarioName, USAGE } from "./options.js";
import { type RunningTarget, startTarget } from "./processes.js";
import type { RowResult } from "./rounds.js";
import { callbackMemoryRows, callbackPaths, callbackRows, orderPoolSize } from "./scenarios/callbacks.js";
import { clientRows } from "./scenarios/client.js";
import type { BenchContext } from "./scenarios/context.js";
import { invoiceRows, submitRows } from "./scenarios/slack.js";
import { startupRows } from "./scenarios/startup.js";
import { openFilledModal, SECRETS, type StandIns, startStandIns, timeSubmission } from "./stand-ins.js";
import { STORES } from "./stores.js";
import { formatTable } from "./table.js";
import type { BareBoltConfig } from "./targets/bare-bolt.js";
import type { FakturabotConfig } from "./targets/fakturabot.js";

function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function main(options: BenchOptions): Promise<void> {
  const startedAt = Date.now();
  const scratch = await mkdtemp(join(tmpdir(), "fakturabot-bench-"));
  const outDir = resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  const standIns = await startStandIns();
  const targets: RunningTarget[] = [];
  // Before the bot: for PostgreSQL, the server its databases are on.
  const storeHost = await STORES[options.store].host(scratch);
  let places = 0;
  const botConfig = async (): Promise<FakturabotConfig> => ({
    store: options.store,
    storePlace: await storeHost.place(`bot_${places++}`),
    slackApiUrl: standIns.slack.apiUrl,
    signingSecret: SECRETS.signingSecret,
    callbackSecret: SECRETS.callbackSecret,
    frontPaymentUrl: standIns.frontPayment.url,
    frontPaymentToken: SECRETS.frontPaymentToken,
    logLevel: "info",
  });
  const started = async (target: Promise<RunningTarget>) => {
    const running = await target;
    targets.push(running);
    return running;
  };
  try {
    // Orders created through the modal before the rounds, for callbacks to be about.
    const orderPool = orderPoolSize(options);
    progress(`starting the bot (store ${options.store}) and creating ${orderPool} orders through the modal`);
    const profile = options.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${join(outDir, "profiles")}`] : [];
    const firstBotConfig = await botConfig();
    const bot = await started(startTarget("fakturabot", firstBotConfig, profile));
    const botDriver = standIns.driverFor(bot.url);
    for (let index = 0; index < orderPool; index++) {
      await timeSubmission(standIns, await openFilledModal(botDriver, { redraws: true }));
    }
    // Front Payment's truth for the pool is PAID (its own callback tells the bot), so the bench's
    // callbacks, all PAID, agree with what the bot may look up.
    for (const order of standIns.frontPayment.orders()) standIns.frontPayment.setStatus(order.uuid, "PAID");
    await standIns.frontPayment.callbacksIdle();
    const capture = captured(standIns, orderPool);
    const bareBoltConfig: BareBoltConfig = {
      slackApiUrl: standIns.slack.apiUrl,
      signingSecret: SECRETS.signingSecret,
      view: capture.view,
      submit: {
        frontPaymentUrl: standIns.frontPayment.url,
        frontPaymentToken: SECRETS.frontPaymentToken,
        order: capture.order,
        message: capture.message,
      },
    };
    const bareBolt = await started(startTarget("bare-bolt", bareBoltConfig));
    const callbackBaselineConfig = {
      store: options.store,
      storePlace: await storeHost.place("baseline"),
      callbackSecret: SECRETS.callbackSecret,
    };
    const callbackBaseline = await started(startTarget("callback-baseline", callbackBaselineConfig));
    const context: BenchContext = {
      options,
      standIns,
      drivers: { candidate: botDriver, baseline: standIns.driverFor(bareBolt.url) },
      bot,
      bareBolt,
      callbackBaseline,
      orders: capture.orders,
      botCallbacks: callbackPaths(capture.orders),
      startTarget: (side) =>
        side === "candidate"
          ? botConfig().then((config) => startTarget("fakturabot", config))
          : startTarget("bare-bolt", bareBoltConfig),
      startAgain: (target) =>
        started(
          target === "bot"
            ? startTarget("fakturabot", firstBotConfig, profile)
            : startTarget("callback-baseline", callbackBaselineConfig),
        ),
    };
    const results: RowResult[] = [];
    const scenarios: Record<ScenarioName, (context: BenchContext) => Promise<RowResult[]>> = {
      invoice: invoiceRows,
      submit: submitRows,
      callbacks: callbackRows,
      client: clientRows,
      "start-up": startupRows,
      memory: callbackMemoryRows,
    };
    for (const name of options.only) {
      progress(name);
      results.push(...(await scenarios[name](context)));
    }
    const table = formatTable(results);
    process.stdout.write(`\n${table}\n\nTotal ${((Date.now() - startedAt) / 1000).toFixed(0)} s.\n`);
    const file = join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    await writeFile(
      file,
      `${JSON.stringify({ startedAt: new Date(startedAt).toISOString(), options, node: process.version, results }, null, 2)}\n`,
    );
    progress(`raw rounds written to ${file}`);
  } finally {
    await Promise.all(targets.map((target) => target.stop()));
    await storeHost.stop();
    await standIns.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** What the bot sent while creating the pool, for the baselines to send the same. */
function captured(standIns: StandIns, orderPool: number) {
  const { calls } = standIns.slack.workspace.state;
  const sent = calls.find((call) => call.method === "views.open")?.args.view;
  // Decoded arguments: JSON-encoded fields arrive parsed, other fields as the form sent them.
  const view: unknown = typeof sent === "string" ? JSON.parse(sent) : sent;
  const message = calls.find(
    (call) => call.method === "chat.postMessage" && call.args.thread_ts === undefined,
  )?.args;
  const created = standIns.frontPayment.orders();
  if (typeof view !== "object" || !message || created.length < orderPool)
    throw new Error(
      `The bot did not open the modal, post the order or create every order (${created.length} of ${orderPool})`,
    );
  const orders = created.map((order) => {
    const id = new URL(order.request.callback.callbackUrl ?? "").pathname.split("/").at(-1) ?? "";
    return { id, fpOrderUuid: order.uuid, amount: order.orderAmount.toFixed(2), createdAt: order.createdAt };
  });
  return { view: view as object, message, order: created[0]?.request as object, orders };
}

try {
  await main(parseOptions(process.argv.slice(2)));
} catch (error) {
  // biome-ignore lint/suspicious/noConsole: the bench's failures go to the terminal running it
  console.error(error instanceof Error && error.message.includes(USAGE) ? error.message : error);
  process.exitCode = 1;
}
