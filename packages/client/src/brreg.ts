import {
  type BrregAddress,
  BrregEntity,
  BrregRemovedEntity,
  organizationNumberProblem,
} from "@fakturabot/schema";
import { USER_AGENT } from "./client.js";
import type { FetchLike } from "./transport.js";

/** Enhetsregisteret's open API (no key needed for entity look-ups). */
export const BRREG_BASE_URL = "https://data.brreg.no";
/** Short: the register only fills in a form, so a person should not wait for it. */
export const BRREG_TIMEOUT_MS = 1500;

/** What a seller should know before invoicing the entity. */
export type OrganisationWarning = "bankrupt" | "dissolving" | "forced_dissolution" | "deleted";

export interface OrganisationAddress {
  /** The register's address lines joined with ", "; empty when it has none. */
  street: string;
  zip: string;
  city: string;
  /** ISO 3166-1 alpha-2, e.g. `NO`; empty when the register gives none. */
  countryCode: string;
}

export type RegisterUnavailableReason = "timeout" | "network" | "status" | "invalid_response" | "aborted";

export type OrganisationLookup =
  | {
      kind: "found";
      organisationNumber: string;
      /** As registered, e.g. `FJORDLYS KONSULT AS`. */
      name: string;
      /** The business address (forretningsadresse), else the postal address; null when neither. */
      address: OrganisationAddress | null;
      /** In the order bankrupt, dissolving, forced_dissolution, deleted; empty for an active entity. */
      warnings: OrganisationWarning[];
      vatRegistered: boolean;
    }
  | { kind: "not_found"; organisationNumber: string }
  /** The number fails its check digits, so the register was not asked. */
  | { kind: "invalid"; message: string }
  | RegisterUnavailable;

/** The register did not answer usefully; the form works without it. */
export interface RegisterUnavailable {
  kind: "unavailable";
  reason: RegisterUnavailableReason;
  /** For people, e.g. "Brønnøysundregistrene did not answer within 1.5 s: fill in the details by hand." */
  message: string;
  /** The HTTP status, for reason `status`. */
  status?: number;
}

export interface LookupOrganisationOptions {
  /** Default `https://data.brreg.no`; the sandbox's URL in tests and local mode. */
  baseUrl?: string;
  /** Default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** For the whole exchange, body included (default 1500 ms). */
  timeoutMs?: number;
  /** Cancels the look-up, which then returns `unavailable` with reason `aborted`. */
  signal?: AbortSignal;
}

/**
 * Looks an organisation number up in Enhetsregisteret. Spaces in the number are ignored
 * (`923 609 016`); one that fails its check digits is `invalid` without a request. Never throws
 * (except for a malformed `baseUrl`): a timeout, a network error, an unexpected status or body
 * is `unavailable`. 404 is `not_found`; 410 (a deleted entity) is `found` with the warning
 * `deleted` when its body names the entity, else `not_found`.
 */
export async function lookupOrganisation(
  organisationNumber: string,
  options: LookupOrganisationOptions = {},
): Promise<OrganisationLookup> {
  const number = organisationNumber.replace(/\s/g, "");
  const problem = organizationNumberProblem(number);
  if (problem !== null) return { kind: "invalid", message: `Organisation number ${problem}` };
  const { baseUrl = BRREG_BASE_URL, fetch = globalThis.fetch, timeoutMs = BRREG_TIMEOUT_MS } = options;
  const url = new URL(`enhetsregisteret/api/enheter/${number}`, `${baseUrl.replace(/\/+$/, "")}/`);

  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(), timeoutMs);
  const signal = AbortSignal.any(options.signal ? [options.signal, timer.signal] : [timer.signal]);
  // Settles the race when time is up or the caller cancels, even if `fetch` ignores its signal.
  const stopped = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  stopped.catch(() => {}); // an abort after the answer is nobody's concern
  try {
    const request = new Request(url, {
      headers: { accept: "application/json", "user-agent": USER_AGENT },
      signal,
    });
    const response = await Promise.race([fetch(request), stopped]);
    const body = await Promise.race([response.text(), stopped]);
    return interpret(number, response.status, body);
  } catch (error) {
    if (options.signal?.aborted) return unavailable("aborted", "The look-up was cancelled.");
    if (timer.signal.aborted)
      return unavailable(
        "timeout",
        `Brønnøysundregistrene did not answer within ${timeoutMs / 1000} s: fill in the details by hand.`,
      );
    return unavailable("network", `Brønnøysundregistrene could not be reached (${errorCode(error)}).`);
  } finally {
    clearTimeout(handle);
  }
}

function interpret(number: string, status: number, body: string): OrganisationLookup {
  if (status === 404) return { kind: "not_found", organisationNumber: number };
  if (status === 410) {
    const removed = BrregRemovedEntity.safeParse(parseJson(body));
    if (!removed.success || removed.data.navn === undefined || removed.data.organisasjonsnummer !== number)
      return { kind: "not_found", organisationNumber: number };
    return {
      kind: "found",
      organisationNumber: number,
      name: removed.data.navn,
      address: null,
      warnings: ["deleted"],
      vatRegistered: false,
    };
  }
  if (status !== 200)
    return { ...unavailable("status", `Brønnøysundregistrene answered ${status}.`), status };
  const entity = BrregEntity.safeParse(parseJson(body));
  if (!entity.success || entity.data.organisasjonsnummer !== number)
    return unavailable("invalid_response", "Brønnøysundregistrene answered with something unexpected.");
  const { data } = entity;
  const flags: [boolean | undefined, OrganisationWarning][] = [
    [data.konkurs, "bankrupt"],
    [data.underAvvikling, "dissolving"],
    [data.underTvangsavviklingEllerTvangsopplosning, "forced_dissolution"],
    [data.slettedato !== undefined, "deleted"],
  ];
  const registered = data.forretningsadresse ?? data.postadresse;
  return {
    kind: "found",
    organisationNumber: number,
    name: data.navn,
    address: registered ? toAddress(registered) : null,
    warnings: flags.filter(([flag]) => flag === true).map(([, warning]) => warning),
    vatRegistered: data.registrertIMvaregisteret === true,
  };
}

function toAddress(address: BrregAddress): OrganisationAddress {
  return {
    street: (address.adresse ?? []).filter((line) => line.trim() !== "").join(", "),
    zip: address.postnummer ?? "",
    city: address.poststed ?? "",
    countryCode: address.landkode ?? "",
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function unavailable(reason: RegisterUnavailableReason, message: string): RegisterUnavailable {
  return { kind: "unavailable", reason, message };
}

/** undici puts the system error (`ECONNREFUSED`…) in `cause`. */
function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === "string") return cause.code;
  return error instanceof Error ? error.message : String(error);
}
