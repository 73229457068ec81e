import { lookupOrganisation } from "@fakturabot/client";
import { BrregEntity, BrregRemovedEntity, isValidNorwegianOrganizationNumber } from "@fakturabot/schema";
import { afterEach, describe, expect, it } from "vitest";
import {
  BRREG_SANDBOX_ENTITIES,
  BRREG_SANDBOX_NUMBERS,
  type BrregSandbox,
  type BrregSandboxOptions,
  startBrregSandbox,
} from "../src/index.js";

const sandboxes: BrregSandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close()));
});

async function sandboxForTest(options: BrregSandboxOptions = {}) {
  const sandbox = await startBrregSandbox(options);
  sandboxes.push(sandbox);
  return sandbox;
}

const entityUrl = (sandbox: BrregSandbox, number: string) =>
  `${sandbox.url}/enhetsregisteret/api/enheter/${number}`;

describe("Enhetsregisteret sandbox: entities", () => {
  it("holds one valid, distinct number per case", () => {
    const numbers = Object.values(BRREG_SANDBOX_NUMBERS);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const number of numbers) expect(isValidNorwegianOrganizationNumber(number), number).toBe(true);
    expect(BRREG_SANDBOX_ENTITIES.map((entity) => entity.organisasjonsnummer)).toEqual(
      numbers.filter((number) => number !== BRREG_SANDBOX_NUMBERS.unknown),
    );
  });

  it("answers an entity as the register does: its JSON, extra fields and a self link", async () => {
    const sandbox = await sandboxForTest();
    const response = await fetch(entityUrl(sandbox, BRREG_SANDBOX_NUMBERS.active));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = (await response.json()) as Record<string, unknown>;
    expect(BrregEntity.parse(body)).toMatchObject({
      navn: "FJORDLYS KONSULT AS",
      registrertIMvaregisteret: true,
    });
    expect(body).toMatchObject({
      antallAnsatte: 14,
      _links: {
        self: { href: `https://data.brreg.no/enhetsregisteret/api/enheter/${BRREG_SANDBOX_NUMBERS.active}` },
      },
    });
  });

  it("answers a deleted entity 410 Gone with only what is left of it", async () => {
    const sandbox = await sandboxForTest();
    const response = await fetch(entityUrl(sandbox, BRREG_SANDBOX_NUMBERS.deleted));
    expect(response.status).toBe(410);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      "_links",
      "navn",
      "organisasjonsform",
      "organisasjonsnummer",
      "slettedato",
    ]);
    expect(BrregRemovedEntity.parse(body)).toMatchObject({ slettedato: "2024-03-15" });
  });

  it.each([
    [BRREG_SANDBOX_NUMBERS.unknown, 404, "Enheten finnes ikke"],
    ["12345", 400, "Ugyldig organisasjonsnummer"],
    ["%E0", 400, "Ugyldig organisasjonsnummer"],
  ])("answers %s with %i", async (number, status, message) => {
    const sandbox = await sandboxForTest({ clock: () => Date.UTC(2026, 0, 2) });
    const response = await fetch(entityUrl(sandbox, number));
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({
      timestamp: "2026-01-02T00:00:00.000Z",
      status,
      message,
      path: `/enhetsregisteret/api/enheter/${number}`,
    });
  });

  it("answers other paths 404 and other methods 405, and logs every request", async () => {
    const lines: string[] = [];
    const sandbox = await sandboxForTest({
      logger: { info: (_, message) => lines.push(message), warn: () => {} },
    });
    expect((await fetch(`${sandbox.url}/enhetsregisteret/api/enheter`)).status).toBe(404);
    const posted = await fetch(entityUrl(sandbox, BRREG_SANDBOX_NUMBERS.active), { method: "POST" });
    expect(posted.status).toBe(405);
    expect(
      sandbox.requests.map(({ seq, method, organisationNumber, outcome }) => ({
        seq,
        method,
        organisationNumber,
        outcome,
      })),
    ).toEqual([
      { seq: 1, method: "GET", organisationNumber: null, outcome: { kind: "response", status: 404 } },
      {
        seq: 2,
        method: "POST",
        organisationNumber: BRREG_SANDBOX_NUMBERS.active,
        outcome: { kind: "response", status: 405 },
      },
    ]);
    expect(lines).toEqual([
      "GET /enhetsregisteret/api/enheter",
      `POST /enhetsregisteret/api/enheter/${BRREG_SANDBOX_NUMBERS.active}`,
    ]);
  });

  it("serves the entities it is given, and those put in later", async () => {
    const [active] = BRREG_SANDBOX_ENTITIES;
    if (!active) throw new Error("the defaults have entities");
    const sandbox = await sandboxForTest({ entities: [{ ...active, navn: "OMDØPT AS" }] });
    const options = { baseUrl: sandbox.url };
    expect(await lookupOrganisation(active.organisasjonsnummer, options)).toMatchObject({
      name: "OMDØPT AS",
    });
    expect(await lookupOrganisation(BRREG_SANDBOX_NUMBERS.bankrupt, options)).toMatchObject({
      kind: "not_found",
    });

    const entity = { ...active, organisasjonsnummer: BRREG_SANDBOX_NUMBERS.unknown, navn: "NYTT AS" };
    sandbox.putEntity(entity);
    entity.navn = "CHANGED AFTERWARDS AS"; // the sandbox keeps its own copy
    expect(await lookupOrganisation(BRREG_SANDBOX_NUMBERS.unknown, options)).toMatchObject({
      name: "NYTT AS",
    });
  });
});

describe("lookupOrganisation against the sandbox", () => {
  it.each([
    [
      BRREG_SANDBOX_NUMBERS.active,
      {
        kind: "found",
        organisationNumber: BRREG_SANDBOX_NUMBERS.active,
        name: "FJORDLYS KONSULT AS",
        address: { street: "Strandgaten 12", zip: "5013", city: "BERGEN", countryCode: "NO" },
        warnings: [],
        vatRegistered: true,
      },
    ],
    [BRREG_SANDBOX_NUMBERS.bankrupt, { kind: "found", name: "NORDKAPP TRELAST AS", warnings: ["bankrupt"] }],
    [
      BRREG_SANDBOX_NUMBERS.dissolving,
      { kind: "found", name: "SOLBAKKEN REGNSKAP AS", warnings: ["dissolving"] },
    ],
    [
      BRREG_SANDBOX_NUMBERS.forcedDissolution,
      { kind: "found", name: "HAVBRIS EIENDOM AS", warnings: ["forced_dissolution"], vatRegistered: false },
    ],
    [
      BRREG_SANDBOX_NUMBERS.deleted,
      {
        kind: "found",
        name: "GAMLE BRYGGEN HANDEL AS",
        address: null,
        warnings: ["deleted"],
        vatRegistered: false,
      },
    ],
    [
      BRREG_SANDBOX_NUMBERS.postalOnly,
      {
        kind: "found",
        name: "VIDDA SNEKKERI Kari Fjellheim",
        address: { street: "Fjellheimvegen 5", zip: "3580", city: "GEILO", countryCode: "NO" },
        warnings: [],
        vatRegistered: false,
      },
    ],
    [BRREG_SANDBOX_NUMBERS.unknown, { kind: "not_found", organisationNumber: BRREG_SANDBOX_NUMBERS.unknown }],
  ])("looks up %s", async (number, expected) => {
    const sandbox = await sandboxForTest();
    expect(await lookupOrganisation(number, { baseUrl: sandbox.url })).toMatchObject(expected);
  });

  it("reports the register timing out as unavailable, and answers again once it is back", async () => {
    const sandbox = await sandboxForTest();
    sandbox.failNext("timeout");
    expect(
      await lookupOrganisation(BRREG_SANDBOX_NUMBERS.active, { baseUrl: sandbox.url, timeoutMs: 100 }),
    ).toEqual({
      kind: "unavailable",
      reason: "timeout",
      message: "Brønnøysundregistrene did not answer within 0.1 s: fill in the details by hand.",
    });
    expect(sandbox.requests[0]).toMatchObject({ fault: "timeout", outcome: { kind: "held" } });
    expect(await lookupOrganisation(BRREG_SANDBOX_NUMBERS.active, { baseUrl: sandbox.url })).toMatchObject({
      kind: "found",
    });
  });

  it("reports a slow register as unavailable while the latency lasts", async () => {
    const sandbox = await sandboxForTest({ latencyMs: 60_000 });
    const options = { baseUrl: sandbox.url, timeoutMs: 100 };
    expect(await lookupOrganisation(BRREG_SANDBOX_NUMBERS.active, options)).toMatchObject({
      reason: "timeout",
    });
    sandbox.setLatency(0);
    expect(await lookupOrganisation(BRREG_SANDBOX_NUMBERS.active, options)).toMatchObject({ kind: "found" });
    sandbox.setLatency(60_000);
    sandbox.clearFaults();
    expect(await lookupOrganisation(BRREG_SANDBOX_NUMBERS.active, options)).toMatchObject({ kind: "found" });
  });

  it("reports 500, 503 and a dropped connection as unavailable, each fault used once", async () => {
    const sandbox = await sandboxForTest();
    const options = { baseUrl: sandbox.url };
    sandbox.failNext(500);
    sandbox.failNext(503, { times: 2 });
    sandbox.failNext("drop");
    const number = BRREG_SANDBOX_NUMBERS.active;
    expect(await lookupOrganisation(number, options)).toMatchObject({ reason: "status", status: 500 });
    expect(await lookupOrganisation(number, options)).toMatchObject({ reason: "status", status: 503 });
    expect(await lookupOrganisation(number, options)).toMatchObject({ reason: "status", status: 503 });
    expect(await lookupOrganisation(number, options)).toMatchObject({
      kind: "unavailable",
      reason: "network",
    });
    expect(await lookupOrganisation(number, options)).toMatchObject({ kind: "found" });
    expect(sandbox.requests.map((request) => request.fault)).toEqual([500, 503, 503, "drop", null]);
    expect(sandbox.requests[3]?.outcome).toEqual({ kind: "dropped" });
  });

  it("reports a register that refuses connections as unavailable", async () => {
    const sandbox = await startBrregSandbox();
    await sandbox.close();
    expect(await lookupOrganisation(BRREG_SANDBOX_NUMBERS.active, { baseUrl: sandbox.url })).toEqual({
      kind: "unavailable",
      reason: "network",
      message: "Brønnøysundregistrene could not be reached (ECONNREFUSED).",
    });
  });

  it("clearFaults drops pending faults; bad controls are refused", async () => {
    const sandbox = await sandboxForTest();
    sandbox.failNext(500, { times: 3 });
    sandbox.failNext("timeout", { times: 0 });
    sandbox.clearFaults();
    expect(await lookupOrganisation(BRREG_SANDBOX_NUMBERS.active, { baseUrl: sandbox.url })).toMatchObject({
      kind: "found",
    });
    expect(() => sandbox.failNext(418 as 500)).toThrow(
      "Unknown fault 418; use one of 500, 503, timeout, drop.",
    );
    expect(() => sandbox.failNext(500, { times: -1 })).toThrow("times must be a whole number ≥ 0");
    expect(() => sandbox.setLatency(1.5)).toThrow("latency must be a whole number ≥ 0");
    await expect(startBrregSandbox({ latencyMs: -1 })).rejects.toThrow("latency must be a whole number ≥ 0");
  });

  it("waits for a request made or to come, and close releases held connections", async () => {
    const sandbox = await sandboxForTest();
    sandbox.failNext("timeout");
    const lookup = lookupOrganisation(BRREG_SANDBOX_NUMBERS.active, {
      baseUrl: sandbox.url,
      timeoutMs: 60_000,
    });
    const held = await sandbox.waitForRequest((request) => request.outcome.kind === "held");
    expect(held.organisationNumber).toBe(BRREG_SANDBOX_NUMBERS.active);
    await sandbox.close();
    expect(await lookup).toMatchObject({ kind: "unavailable", reason: "network" });
    await sandbox.close(); // harmless a second time
  });
});
