import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { DEFAULT_CHANNELS, type ModalHandle } from "@fakturabot/sandbox";
import { ACTION_IDS, BLOCK_IDS, LINE_ACTION_IDS, lineBlockId } from "../src/invoice-form/ids.js";
import { type LocalStack, type LocalStackOptions, startLocalStack } from "../src/local/stack.js";
import { createLogger } from "../src/logger.js";

/** Every log line the bot wrote, as text, for assertions about what reaches the logs. */
export interface CapturedLogs {
  lines: string[];
  text(): string;
}

export interface Harness extends LocalStack {
  dataDir: string;
  logs: CapturedLogs;
  /** Closes everything and removes the data directory. */
  dispose(): Promise<void>;
}

/** The whole local stack (both stand-ins and the real bot over loopback HTTP) on a fresh data dir. */
export async function startHarness(
  options: Partial<Omit<LocalStackOptions, "logger">> & { logs?: CapturedLogs } = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "fakturabot-e2e-")));
  const logs = options.logs ?? captureLogs();
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.lines.push(String(chunk));
      done();
    },
  });
  const stack = await startLocalStack({
    ...options,
    dataDir,
    logger: createLogger({ level: "debug", destination }),
  });
  return {
    ...stack,
    dataDir,
    logs,
    async dispose() {
      await stack.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  return { lines, text: () => lines.join("") };
}

export const KARI = "U0KARINOR";
export const SALES = DEFAULT_CHANNELS.sales;

export interface CustomerInput {
  type?: "private" | "corporate";
  name?: string;
  email?: string;
  mobile?: string;
  personalNumber?: string;
  organizationId?: string;
  street?: string;
  zip?: string;
  city?: string;
}

export const PRIVATE_CUSTOMER: Required<Omit<CustomerInput, "organizationId">> = {
  type: "private",
  name: "Kari Nordmann",
  email: "kari.nordmann@example.com",
  mobile: "46567468",
  personalNumber: "28038712383",
  street: "Klosterenget 144",
  zip: "7030",
  city: "Trondheim",
};

export const CORPORATE_CUSTOMER = {
  type: "corporate",
  name: "Equinor ASA",
  email: "faktura@equinor.example",
  mobile: "46567468",
  organizationId: "923609016",
  street: "Forusbeen 50",
  zip: "4035",
  city: "Stavanger",
} as const;

/** Fills the customer part of the open invoice modal, switching the customer type first if asked. */
export async function fillCustomer(modal: ModalHandle, customer: CustomerInput): Promise<void> {
  if (customer.type === "corporate") {
    await modal.fill(BLOCK_IDS.customerType, ACTION_IDS.customerType, "corporate");
    await modal.waitForView((view) =>
      view.blocks.some((block) => block.block_id === BLOCK_IDS.organizationId),
    );
  }
  const fields: [
    keyof CustomerInput,
    "name" | "email" | "mobile" | "personalNumber" | "organizationId" | "street" | "zip" | "city",
  ][] = [
    ["name", "name"],
    ["email", "email"],
    ["mobile", "mobile"],
    ["personalNumber", "personalNumber"],
    ["organizationId", "organizationId"],
    ["street", "street"],
    ["zip", "zip"],
    ["city", "city"],
  ];
  for (const [key, field] of fields) {
    const value = customer[key];
    if (value !== undefined) await modal.fill(BLOCK_IDS[field], ACTION_IDS[field], value);
  }
}

/** Fills product line `index` (0-based, in display order) of the open invoice modal. */
export async function fillLine(
  modal: ModalHandle,
  lineKey: string,
  line: { name: string; quantity?: string; rate: string; tax?: string },
): Promise<void> {
  await modal.fill(lineBlockId(lineKey, "name"), LINE_ACTION_IDS.name, line.name);
  if (line.quantity !== undefined)
    await modal.fill(lineBlockId(lineKey, "quantity"), LINE_ACTION_IDS.quantity, line.quantity);
  await modal.fill(lineBlockId(lineKey, "rate"), LINE_ACTION_IDS.rate, line.rate);
  if (line.tax !== undefined) await modal.fill(lineBlockId(lineKey, "tax"), LINE_ACTION_IDS.tax, line.tax);
}
