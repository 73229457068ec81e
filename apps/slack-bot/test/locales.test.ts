import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configuredLocales, personMessages } from "../src/services/locales.js";
import { type InvoiceStore, openSqliteStore } from "../src/store/index.js";

let dataDir: string;
let store: InvoiceStore;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "fakturabot-locales-"));
  store = openSqliteStore({ dataDir });
});

afterEach(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("the language a workspace and a person read", () => {
  it("is the person's own choice, else their workspace's, else the default", async () => {
    const locales = configuredLocales({ defaultLocale: "nb", workspaces: { T0ENGLISH: "en" }, store });
    expect(locales.forWorkspace("T0NORSK")).toBe("nb");
    expect(locales.forWorkspace("T0ENGLISH")).toBe("en");
    expect(locales.forWorkspace(undefined)).toBe("nb");
    expect(await locales.forPerson("T0ENGLISH", "U0KARI")).toBe("en");

    await store.setPersonLocale("T0ENGLISH", "U0KARI", "nb");
    expect(await locales.forPerson("T0ENGLISH", "U0KARI")).toBe("nb");
    // Her choice is hers, in that workspace: the channel there still reads English, and so does Ola.
    expect(locales.forWorkspace("T0ENGLISH")).toBe("en");
    expect(await locales.forPerson("T0ENGLISH", "U0OLA")).toBe("en");
    expect(await locales.forPerson("T0NORSK", "U0KARI")).toBe("nb");
    expect(
      (await personMessages(locales, { teamId: "T0ENGLISH", userId: "U0KARI" })).invoiceModal.titleNew,
    ).toBe("Ny faktura");
    expect(
      (await personMessages(locales, { teamId: "T0ENGLISH", userId: "U0OLA" })).invoiceModal.titleNew,
    ).toBe("New invoice");
  });

  it("is the workspace's for a request that names no person or team", async () => {
    const locales = configuredLocales({ defaultLocale: "en", store });
    await store.setPersonLocale("T0TEAM", "U0KARI", "nb");
    expect(await locales.forPerson("T0TEAM", undefined)).toBe("en");
    expect(await locales.forPerson(undefined, "U0KARI")).toBe("en");
    // A team id that is an Object property name is no workspace of the configuration.
    expect(locales.forWorkspace("constructor")).toBe("en");
  });
});
