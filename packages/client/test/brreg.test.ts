import { describe, expect, it } from "vitest";
import { BRREG_BASE_URL, lookupOrganisation, USER_AGENT } from "../src/index.js";
import { fetchFailed, json, scriptedFetch, socketClosed } from "./helpers.js";

const NUMBER = "921876548";

/** An Enhetsregisteret answer in the register's shape, with fields the client does not use. */
function entity(fields: Record<string, unknown> = {}) {
  return {
    organisasjonsnummer: NUMBER,
    navn: "FJORDLYS KONSULT AS",
    organisasjonsform: { kode: "AS", beskrivelse: "Aksjeselskap", _links: {} },
    forretningsadresse: {
      land: "Norge",
      landkode: "NO",
      postnummer: "5013",
      poststed: "BERGEN",
      adresse: ["Strandgaten 12", "", "2. etasje"],
      kommune: "BERGEN",
      kommunenummer: "4601",
    },
    postadresse: {
      landkode: "NO",
      postnummer: "5804",
      poststed: "BERGEN",
      adresse: ["Postboks 341 Sentrum"],
    },
    registrertIMvaregisteret: true,
    konkurs: false,
    underAvvikling: false,
    underTvangsavviklingEllerTvangsopplosning: false,
    antallAnsatte: 14,
    _links: { self: { href: `https://data.brreg.no/enhetsregisteret/api/enheter/${NUMBER}` } },
    ...fields,
  };
}

describe("lookupOrganisation", () => {
  it("asks the real register by default, for JSON, and reads the entity", async () => {
    const { fetch, calls } = scriptedFetch(json(200, entity()));
    expect(await lookupOrganisation(NUMBER, { fetch })).toEqual({
      kind: "found",
      organisationNumber: NUMBER,
      name: "FJORDLYS KONSULT AS",
      address: { street: "Strandgaten 12, 2. etasje", zip: "5013", city: "BERGEN", countryCode: "NO" },
      warnings: [],
      vatRegistered: true,
    });
    expect(BRREG_BASE_URL).toBe("https://data.brreg.no");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: "GET",
      url: `https://data.brreg.no/enhetsregisteret/api/enheter/${NUMBER}`,
    });
    expect(calls[0]?.headers.get("accept")).toBe("application/json");
    expect(calls[0]?.headers.get("user-agent")).toBe(USER_AGENT);
  });

  it.each(["http://127.0.0.1:4020", "http://127.0.0.1:4020/", "http://127.0.0.1:4020//"])(
    "joins the base URL %s and the path with one slash",
    async (baseUrl) => {
      const { fetch, calls } = scriptedFetch(json(200, entity()));
      await lookupOrganisation(NUMBER, { fetch, baseUrl });
      expect(calls[0]?.url).toBe(`http://127.0.0.1:4020/enhetsregisteret/api/enheter/${NUMBER}`);
    },
  );

  it("keeps a base URL's own path", async () => {
    const { fetch, calls } = scriptedFetch(json(200, entity()));
    await lookupOrganisation(NUMBER, { fetch, baseUrl: "http://proxy.test/brreg" });
    expect(calls[0]?.url).toBe(`http://proxy.test/brreg/enhetsregisteret/api/enheter/${NUMBER}`);
  });

  it("ignores the spaces a number is written with", async () => {
    const { fetch, calls } = scriptedFetch(json(200, entity()));
    expect(await lookupOrganisation(" 921 876\u00A0548 ", { fetch })).toMatchObject({ kind: "found" });
    expect(calls[0]?.url).toMatch(/\/enheter\/921876548$/);
  });

  it.each([
    ["921876549", "Organisation number has a wrong check digit; look for a typo"],
    ["92187654", "Organisation number must be exactly 9 digits"],
    ["", "Organisation number must be exactly 9 digits"],
    ["92187654x", "Organisation number must be exactly 9 digits"],
  ])("never asks the register about %j", async (number, message) => {
    const { fetch, calls } = scriptedFetch();
    expect(await lookupOrganisation(number, { fetch })).toEqual({ kind: "invalid", message });
    expect(calls).toHaveLength(0);
  });

  it.each([
    [{ konkurs: true }, ["bankrupt"]],
    [{ underAvvikling: true }, ["dissolving"]],
    [{ underTvangsavviklingEllerTvangsopplosning: true }, ["forced_dissolution"]],
    [{ slettedato: "2024-03-15" }, ["deleted"]],
    [
      {
        konkurs: true,
        underAvvikling: true,
        underTvangsavviklingEllerTvangsopplosning: true,
        slettedato: "2024-03-15",
      },
      ["bankrupt", "dissolving", "forced_dissolution", "deleted"],
    ],
  ])("warns about %j", async (fields, warnings) => {
    const { fetch } = scriptedFetch(json(200, entity(fields)));
    expect(await lookupOrganisation(NUMBER, { fetch })).toMatchObject({ kind: "found", warnings });
  });

  it("falls back to the postal address, and copes with missing parts and flags", async () => {
    const bare = { organisasjonsnummer: NUMBER, navn: "VIDDA SNEKKERI Kari Fjellheim" };
    const { fetch } = scriptedFetch(
      json(200, {
        ...bare,
        postadresse: { adresse: ["Fjellheimvegen 5"], postnummer: "3580", poststed: "GEILO", landkode: "NO" },
      }),
      json(200, { ...bare, postadresse: {} }),
      json(200, bare),
    );
    expect(await lookupOrganisation(NUMBER, { fetch })).toEqual({
      kind: "found",
      organisationNumber: NUMBER,
      name: "VIDDA SNEKKERI Kari Fjellheim",
      address: { street: "Fjellheimvegen 5", zip: "3580", city: "GEILO", countryCode: "NO" },
      warnings: [],
      vatRegistered: false,
    });
    expect(await lookupOrganisation(NUMBER, { fetch })).toMatchObject({
      address: { street: "", zip: "", city: "", countryCode: "" },
    });
    expect(await lookupOrganisation(NUMBER, { fetch })).toMatchObject({
      address: null,
      vatRegistered: false,
    });
  });

  it("reads 404 as not found", async () => {
    const { fetch } = scriptedFetch(json(404, { status: 404, error: "Not Found" }));
    expect(await lookupOrganisation(NUMBER, { fetch })).toEqual({
      kind: "not_found",
      organisationNumber: NUMBER,
    });
  });

  it("reads 410 as a deleted entity when its body names it, else as not found", async () => {
    const removed = {
      organisasjonsnummer: NUMBER,
      navn: "GAMLE BRYGGEN HANDEL AS",
      slettedato: "2024-03-15",
    };
    const { fetch } = scriptedFetch(
      json(410, removed),
      json(410, { organisasjonsnummer: NUMBER, slettedato: "2024-03-15" }),
      json(410, { ...removed, organisasjonsnummer: "931456784" }),
      new Response("Gone", { status: 410 }),
    );
    expect(await lookupOrganisation(NUMBER, { fetch })).toEqual({
      kind: "found",
      organisationNumber: NUMBER,
      name: "GAMLE BRYGGEN HANDEL AS",
      address: null,
      warnings: ["deleted"],
      vatRegistered: false,
    });
    for (let answer = 2; answer <= 4; answer++)
      expect(await lookupOrganisation(NUMBER, { fetch }), `answer ${answer}`).toEqual({
        kind: "not_found",
        organisationNumber: NUMBER,
      });
  });

  it.each([500, 503, 429, 400, 301, 201])("reads %i as the register being unavailable", async (status) => {
    const { fetch } = scriptedFetch(new Response("{}", { status }));
    expect(await lookupOrganisation(NUMBER, { fetch })).toEqual({
      kind: "unavailable",
      reason: "status",
      status,
      message: `Brønnøysundregistrene answered ${status}.`,
    });
  });

  it.each([
    ["a body that is not JSON", new Response("<html>", { status: 200 })],
    ["an entity without a name", json(200, { organisasjonsnummer: NUMBER })],
    ["a flag that is not a boolean", json(200, entity({ konkurs: "ja" }))],
    ["another entity", json(200, entity({ organisasjonsnummer: "931456784" }))],
  ])("reads %s as an unexpected answer", async (_, response) => {
    const { fetch } = scriptedFetch(response);
    expect(await lookupOrganisation(NUMBER, { fetch })).toEqual({
      kind: "unavailable",
      reason: "invalid_response",
      message: "Brønnøysundregistrene answered with something unexpected.",
    });
  });

  it("reads a failed connection as unavailable, naming the error", async () => {
    const { fetch } = scriptedFetch(
      { throws: fetchFailed("ECONNREFUSED") },
      { throws: new Error("no route") },
      { throws: "odd" },
      { status: 200, bodyBreaks: socketClosed("terminated") },
    );
    const network = (detail: string) => ({
      kind: "unavailable",
      reason: "network",
      message: `Brønnøysundregistrene could not be reached (${detail}).`,
    });
    expect(await lookupOrganisation(NUMBER, { fetch })).toEqual(network("ECONNREFUSED"));
    expect(await lookupOrganisation(NUMBER, { fetch })).toEqual(network("no route"));
    expect(await lookupOrganisation(NUMBER, { fetch })).toEqual(network("odd"));
    expect(await lookupOrganisation(NUMBER, { fetch })).toEqual(network("UND_ERR_SOCKET"));
  });

  it("gives up after timeoutMs, even when fetch ignores its signal", async () => {
    const { fetch } = scriptedFetch({ hang: true });
    expect(await lookupOrganisation(NUMBER, { fetch, timeoutMs: 20 })).toEqual({
      kind: "unavailable",
      reason: "timeout",
      message: "Brønnøysundregistrene did not answer within 0.02 s: fill in the details by hand.",
    });
  });

  it("times the body too", async () => {
    const stalled = new Response(new ReadableStream({ start: () => {} }), { status: 200 });
    const { fetch } = scriptedFetch(stalled);
    expect(await lookupOrganisation(NUMBER, { fetch, timeoutMs: 20 })).toMatchObject({ reason: "timeout" });
  });

  it("waits 1.5 s by default", async () => {
    const { fetch } = scriptedFetch({ hang: true });
    expect(await lookupOrganisation(NUMBER, { fetch })).toMatchObject({
      reason: "timeout",
      message: "Brønnøysundregistrene did not answer within 1.5 s: fill in the details by hand.",
    });
  });

  it("stops when the caller cancels, before or during the request", async () => {
    const cancelled = { kind: "unavailable", reason: "aborted", message: "The look-up was cancelled." };
    const before = scriptedFetch();
    expect(await lookupOrganisation(NUMBER, { fetch: before.fetch, signal: AbortSignal.abort() })).toEqual(
      cancelled,
    );

    const during = scriptedFetch({ hang: true });
    const controller = new AbortController();
    let fetchCalled: () => void = () => {};
    const called = new Promise<void>((resolve) => {
      fetchCalled = resolve;
    });
    const lookup = lookupOrganisation(NUMBER, {
      fetch: (request) => {
        fetchCalled();
        return during.fetch(request);
      },
      signal: controller.signal,
      timeoutMs: 60_000,
    });
    await called;
    controller.abort();
    expect(await lookup).toEqual(cancelled);
  });

  it("hands fetch a request that carries the signal", async () => {
    const { fetch } = scriptedFetch(json(200, entity()));
    let signal: AbortSignal | undefined;
    await lookupOrganisation(NUMBER, {
      fetch: (request) => {
        signal = request.signal;
        return fetch(request);
      },
    });
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal?.aborted).toBe(false);
  });
});
