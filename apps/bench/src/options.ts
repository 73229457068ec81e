import { isStoreName, STORES, type StoreName } from "./stores.js";

/** The bench's scenarios, in the order they run (`--only` picks some). */
export const SCENARIOS = ["invoice", "submit", "callbacks", "client", "start-up", "memory"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  rounds: number;
  /** Callbacks in the long run that samples memory. */
  longCallbacks: number;
  store: StoreName;
  /** Scale of each round's work: 1 for the full run, less for `--quick`. */
  scale: number;
  /** Write a V8 CPU profile of the bot's process into the results directory. */
  cpuProf: boolean;
  outDir: string;
  /** The scenarios to run: all unless `--only` names some. */
  only: readonly ScenarioName[];
}

export const USAGE = `pnpm bench [--quick] [--rounds=N] [--callbacks=N] [--store=sqlite|postgres] [--only=A,B] [--cpu-prof] [--out=DIR]
  --quick        a smoke run: 2 rounds of a tenth of the work
  --rounds=N     interleaved rounds per row (default 5)
  --callbacks=N  callbacks in the long run that samples memory (default 5000, about a minute on a loaded 2-core machine)
  --store=NAME   the store the bot and the callback baseline use: sqlite (default) or postgres (a PostgreSQL of the bench's own)
  --only=A,B     only these scenarios (${SCENARIOS.join(", ")}); default all
  --cpu-prof     also write a CPU profile of the bot's process (.cpuprofile, for Chrome DevTools)
  --out=DIR      where the raw rounds go (default bench-results)`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const quick = argv.includes("--quick");
  const options: BenchOptions = {
    rounds: quick ? 2 : 5,
    longCallbacks: quick ? 1000 : 5000,
    store: "sqlite",
    scale: quick ? 0.1 : 1,
    cpuProf: false,
    outDir: "bench-results",
    only: SCENARIOS,
  };
  for (const arg of argv) {
    const [key, value = ""] = arg.split("=", 2) as [string, string | undefined];
    if (key === "--quick") continue;
    else if (key === "--cpu-prof") options.cpuProf = true;
    else if (key === "--rounds") options.rounds = positiveInteger(key, value);
    else if (key === "--callbacks") options.longCallbacks = positiveInteger(key, value);
    else if (key === "--out" && value) options.outDir = value;
    else if (key === "--only") options.only = scenarioNames(value);
    else if (key === "--store") {
      if (!isStoreName(value))
        throw new Error(`--store=${value}: not a store the bench knows (${Object.keys(STORES).join(", ")})`);
      options.store = value;
    } else throw new Error(`Unknown option ${arg}\n${USAGE}`);
  }
  return options;
}

function scenarioNames(value: string): ScenarioName[] {
  const names = value.split(",").filter(Boolean);
  const unknown = names.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0)
    throw new Error(`--only=${value}: name scenarios the bench has (${SCENARIOS.join(", ")})`);
  return SCENARIOS.filter((name) => names.includes(name));
}

function positiveInteger(key: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new Error(`${key}=${value}: give a whole number above 0`);
  return number;
}

/** `count` scaled for a quick run, never below `minimum`. */
export function scaled(options: BenchOptions, count: number, minimum = 1): number {
  return Math.max(minimum, Math.round(count * options.scale));
}
