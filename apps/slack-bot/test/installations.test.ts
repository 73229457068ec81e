import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Installation } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WorkspaceNotInstalledError } from "../src/installations/errors.js";
import { createInstallations } from "../src/installations/installation-store.js";
import { BOT_SCOPES } from "../src/installations/oauth.js";
import { createSealer, parseEncryptionKey, UnsealError } from "../src/installations/sealing.js";
import { type InvoiceStore, openSqliteStore } from "../src/store/index.js";
import { temporaryDataDir } from "./store.fixtures.js";

const KEY = Buffer.alloc(32, 7);
const BOT_TOKEN = "xoxb-1111-2222-teamonebottoken";
const USER_TOKEN = "xoxp-1111-2222-installerusertoken";

function installation(teamId: string, token = BOT_TOKEN): Installation<"v2", false> {
  return {
    team: { id: teamId, name: `Team ${teamId}` },
    enterprise: undefined,
    user: { id: "U0KARI", token: USER_TOKEN, scopes: ["identify"] },
    bot: { id: "B0BOT", userId: "U0BOT", token, scopes: [...BOT_SCOPES] },
    isEnterpriseInstall: false,
    appId: "A0APP",
    tokenType: "bot",
    authVersion: "v2",
  };
}

describe("the token encryption key", () => {
  it("reads 32 bytes as 64 hex digits or base64 (standard or URL-safe), and nothing else", () => {
    expect(parseEncryptionKey("07".repeat(32))).toEqual(KEY);
    expect(parseEncryptionKey(KEY.toString("base64"))).toEqual(KEY);
    expect(parseEncryptionKey(` ${KEY.toString("base64url")}\n`)).toEqual(KEY);
    for (const wrong of [
      "07".repeat(31),
      Buffer.alloc(31).toString("base64"),
      "not a key at all",
      "",
      "zz".repeat(32),
    ]) {
      expect(parseEncryptionKey(wrong), wrong).toBeNull();
    }
  });
});

describe("sealing (AES-256-GCM)", () => {
  const sealer = createSealer(KEY);

  it("opens what it sealed, for the same team only, and never repeats a ciphertext", () => {
    const sealed = sealer.seal(BOT_TOKEN, "T0ONE");
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(BOT_TOKEN);
    expect(sealer.open(sealed, "T0ONE")).toBe(BOT_TOKEN);
    expect(sealer.seal(BOT_TOKEN, "T0ONE")).not.toBe(sealed);
    expect(() => sealer.open(sealed, "T0TWO")).toThrow(UnsealError);
  });

  it("refuses another key, altered bytes and other formats, naming the key as the likely cause", () => {
    const sealed = sealer.seal(BOT_TOKEN, "T0ONE");
    expect(() => createSealer(Buffer.alloc(32, 8)).open(sealed, "T0ONE")).toThrow(
      "TOKEN_ENCRYPTION_KEY is not the key it was sealed with",
    );
    const [version, iv, tag, ciphertext] = sealed.split(".") as [string, string, string, string];
    const flipped = `${ciphertext.startsWith("A") ? "B" : "A"}${ciphertext.slice(1)}`;
    for (const broken of [
      `${version}.${iv}.${tag}.${flipped}`,
      `v2.${iv}.${tag}.${ciphertext}`,
      "garbage",
      `${sealed}.x`,
    ]) {
      expect(() => sealer.open(broken, "T0ONE"), broken).toThrow(UnsealError);
    }
    expect(() => createSealer(Buffer.alloc(16))).toThrow(RangeError);
  });
});

describe("installations in the bot's database", () => {
  let dataDir: string;
  let remove: () => void;
  let store: InvoiceStore;

  beforeEach(() => {
    ({ dataDir, remove } = temporaryDataDir());
    store = openSqliteStore({ dataDir });
  });

  afterEach(async () => {
    await store.close();
    remove();
  });

  it("gives Bolt each team's installation back, and its bot token to the services", async () => {
    const installations = createInstallations({ store, sealer: createSealer(KEY) });
    await installations.boltStore.storeInstallation(installation("T0ONE"));
    await installations.boltStore.storeInstallation(installation("T0TWO", "xoxb-team-two"));
    const query = { teamId: "T0ONE", enterpriseId: undefined, isEnterpriseInstall: false } as const;
    expect(await installations.boltStore.fetchInstallation(query)).toEqual(installation("T0ONE"));
    expect(await installations.botToken("T0TWO")).toBe("xoxb-team-two");
    expect(await store.getInstallation("T0ONE")).toMatchObject({
      teamName: "Team T0ONE",
      installedBy: "U0KARI",
    });
    await installations.boltStore.deleteInstallation?.(query);
    await expect(installations.boltStore.fetchInstallation(query)).rejects.toThrow(
      WorkspaceNotInstalledError,
    );
    await expect(installations.botToken("T0ONE")).rejects.toThrow(WorkspaceNotInstalledError);
    expect(await installations.remove("T0TWO")).toBe(true);
    await expect(installations.botToken("T0TWO")).rejects.toThrow(WorkspaceNotInstalledError);
  });

  it("refuses org-wide installations", async () => {
    const installations = createInstallations({ store, sealer: createSealer(KEY) });
    const orgWide = {
      ...installation("T0ONE"),
      team: undefined,
      enterprise: { id: "E0ORG" },
      isEnterpriseInstall: true,
    };
    await expect(installations.boltStore.storeInstallation(orgWide as never)).rejects.toThrow("Org-wide");
    await expect(
      installations.boltStore.fetchInstallation({
        teamId: undefined,
        enterpriseId: "E0ORG",
        isEnterpriseInstall: true,
      }),
    ).rejects.toThrow("Org-wide");
  });

  it("leaves no token in clear in the database files, and none opens without the key", async () => {
    const installations = createInstallations({ store, sealer: createSealer(KEY) });
    await installations.boltStore.storeInstallation(installation("T0ONE"));
    await store.close();
    const files = readdirSync(dataDir).map((file) => readFileSync(join(dataDir, file)).toString("latin1"));
    expect(files.join("")).toContain("T0ONE");
    for (const secret of [BOT_TOKEN, USER_TOKEN, "teamonebottoken", "xoxb-", "xoxp-"]) {
      expect(files.join(""), secret).not.toContain(secret);
    }
    store = openSqliteStore({ dataDir });
    const otherKey = createInstallations({ store, sealer: createSealer(Buffer.alloc(32, 9)) });
    await expect(otherKey.botToken("T0ONE")).rejects.toThrow(UnsealError);
  });

  it("asks Slack for the manifest's bot scopes", () => {
    const manifest = JSON.parse(readFileSync(new URL("../manifest.json", import.meta.url), "utf8")) as {
      oauth_config: { scopes: { bot: string[] } };
    };
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });
});
