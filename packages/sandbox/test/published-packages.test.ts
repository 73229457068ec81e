/**
 * The packages as people outside this repository get them: schema, client and sandbox packed by
 * pnpm (as publishing does), installed with plain npm into a project outside the workspace, the
 * client README's example type-checked and run against the Front Payment stand-in started from
 * the installed sandbox's command, and the packages loaded with require(). Third-party
 * dependencies come from the npm registry (its cache first).
 */
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { priceOrder } from "@fakturabot/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const PUBLISHED = ["schema", "client", "sandbox"] as const;
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");
/** Long enough for three builds and an npm install on a busy machine. */
const SETUP_TIMEOUT_MS = 600_000;
const STEP_TIMEOUT_MS = 180_000;

const LINE = { name: "Konsulenttime", quantity: 2, rate: 100, tax: 25 };
/** CommonJS that requires each package and uses it. */
const REQUIRE_CHECK = `import client = require("@fakturabot/client");
import schema = require("@fakturabot/schema");
import sandbox = require("@fakturabot/sandbox");

const { orderSummary } = schema.priceOrder([${JSON.stringify(LINE)}]);
console.log(JSON.stringify({
  createFrontPaymentClient: typeof client.createFrontPaymentClient,
  startFrontPaymentSandbox: typeof sandbox.startFrontPaymentSandbox,
  grandTotal: orderSummary.grandTotal,
}));
`;

let project: string;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), "fakturabot-published-"));
  await installPackedPackages(project);
  await compileExamples(project);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe("the published packages", () => {
  it.each(PUBLISHED)("@fakturabot/%s has a manifest fit to publish", async (name) => {
    const directory = join(project, "node_modules", "@fakturabot", name);
    const manifest = JSON.parse(await readFile(join(directory, "package.json"), "utf8"));
    expect(manifest.private).toBeUndefined();
    expect(manifest.license).toBe("MIT");
    expect(manifest.engines).toEqual({ node: ">=20.19" });
    // Neither the source condition (src/*.ts) nor pnpm's protocols mean anything outside the workspace.
    const resolved = JSON.stringify([manifest.exports, manifest.dependencies, manifest.peerDependencies]);
    expect(resolved).not.toMatch(/@fakturabot\/source|workspace:|catalog:/);
    const files = await readdir(directory);
    expect(files).toEqual(expect.arrayContaining(["LICENSE", "CHANGELOG.md", "README.md", "dist", "src"]));
    expect(files).not.toContain("test");
  });

  it(
    "runs the client README's example against the stand-in started by the installed command",
    async () => {
      const standIn = await startStandIn(project);
      try {
        await run(process.execPath, ["out/submit-order.js"], {
          cwd: project,
          env: { ...process.env, FP_TOKEN: "sandbox-token", FRONTPAYMENT_BASE_URL: standIn.url },
          timeout: 60_000,
        });
        const orders = await (await fetch(`${standIn.url}/_sandbox/orders`)).json();
        expect(orders).toEqual([
          expect.objectContaining({
            status: "INVOICED",
            request: expect.objectContaining({
              customerDetails: expect.objectContaining({ name: "Eksempel AS" }),
            }),
          }),
        ]);
      } finally {
        await standIn.stop();
      }
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "loads each package with require(), as CommonJS code on Node 20.19 or newer does",
    async () => {
      const { stdout, stderr } = await run(process.execPath, ["out/require-check.cjs"], { cwd: project });
      expect(JSON.parse(stdout)).toEqual({
        createFrontPaymentClient: "function",
        startFrontPaymentSandbox: "function",
        grandTotal: priceOrder([LINE]).orderSummary.grandTotal,
      });
      expect(stderr).toBe("");
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "answers `npx @fakturabot/sandbox --help` from the installed package, with no network",
    async () => {
      const { stdout } = await run("npx", ["--offline", "@fakturabot/sandbox", "--help"], { cwd: project });
      expect(stdout).toContain("Usage: fakturabot-frontpayment [options]");
    },
    STEP_TIMEOUT_MS,
  );
});

/** Packs schema, client and sandbox into `project` and installs them there with npm. */
async function installPackedPackages(project: string) {
  // `prepack` builds each package first, so the tarballs never carry a stale dist/. One at a time
  // and at a lower priority, so the builds do not starve the test files running meanwhile.
  for (const name of PUBLISHED) {
    await runNiced("npx", ["-y", "pnpm@10.34.8", "pack", "--pack-destination", project], {
      cwd: join(ROOT, "packages", name),
    });
  }
  const tarballs = (await readdir(project)).filter((file) => file.endsWith(".tgz"));
  expect(tarballs.sort()).toEqual([
    "fakturabot-client-0.1.0.tgz",
    "fakturabot-sandbox-0.1.0.tgz",
    "fakturabot-schema-0.1.0.tgz",
  ]);
  await writeFile(
    join(project, "package.json"),
    JSON.stringify({ name: "fakturabot-consumer", private: true, type: "module" }),
  );
  // What the example imports besides our packages, at the versions this repository uses.
  const catalog = await readFile(join(ROOT, "pnpm-workspace.yaml"), "utf8");
  await runNiced(
    "npm",
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      ...tarballs.map((file) => `./${file}`),
      `pino@${catalogVersion(catalog, "pino")}`,
      `@types/node@${catalogVersion(catalog, "@types/node")}`,
    ],
    { cwd: project },
  );
}

/**
 * Compiles, with tsc and the published declarations checked too, the client README's example
 * and a CommonJS file that requires each package.
 */
async function compileExamples(project: string) {
  const readme = await readFile(join(ROOT, "packages", "client", "README.md"), "utf8");
  await writeFile(join(project, "submit-order.ts"), codeBlockAfter(readme, "## Submit an order"));
  await writeFile(join(project, "require-check.cts"), REQUIRE_CHECK);
  await writeFile(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "nodenext",
        target: "es2022",
        strict: true,
        types: ["node"],
        outDir: "out",
        skipLibCheck: false,
      },
      files: ["submit-order.ts", "require-check.cts"],
    }),
  );
  await runNiced(process.execPath, [TSC, "-p", "."], { cwd: project }).catch((error) => {
    throw new Error(
      `tsc rejected the README's example or the require() check:\n${error.stdout}${error.stderr}`,
    );
  });
}

/** Runs a command that needs much CPU but no promptness (packing, installing, compiling) niced. */
function runNiced(command: string, args: string[], options: { cwd: string }) {
  return run("nice", ["-n", "10", command, ...args], options);
}

/** The version of `name` in the catalog of pnpm-workspace.yaml (`  name: 1.2.3` or `  "name": 1.2.3`). */
function catalogVersion(catalog: string, name: string): string {
  const line = catalog.split("\n").find((text) => text.match(/^\s+"?([^":]+)"?:/)?.[1] === name);
  const version = line?.split(":")[1]?.trim();
  if (!version) throw new Error(`${name} is not in the catalog of pnpm-workspace.yaml`);
  return version;
}

/** The first TypeScript code block after `heading`, so the README cannot drift from what is tested. */
function codeBlockAfter(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  const block = start === -1 ? null : /```ts\n([\s\S]*?)\n```/.exec(markdown.slice(start));
  if (!block?.[1]) throw new Error(`No \`\`\`ts block after "${heading}" in the README`);
  return `${block[1]}\n`;
}

/** The installed `fakturabot-frontpayment` command on any free port, once it prints its URL. */
async function startStandIn(cwd: string) {
  const child = spawn(
    join(cwd, "node_modules", ".bin", "fakturabot-frontpayment"),
    ["--port", "0", "--quiet"],
    {
      cwd,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const exited = once(child, "exit");
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on("line", (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) =>
      reject(new Error(`fakturabot-frontpayment exited with ${code} before listening`)),
    );
  });
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      const [code] = await exited;
      expect(code).toBe(0);
    },
  };
}
