/** The database was written by a newer Fakturabot, whose schema this version does not know. */
export class StoreVersionError extends Error {
  override readonly name = "StoreVersionError";
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `The database has schema version ${found}, but this Fakturabot knows versions up to ${known}: upgrade it`,
    );
  }
}

/** The PostgreSQL database cannot be used: unreachable, refusing the login, or missing. */
export class StoreConnectionError extends Error {
  override readonly name = "StoreConnectionError";
  constructor(url: string, cause: unknown) {
    super(
      `Cannot open the PostgreSQL database ${redactedUrl(url)}: ${withoutPassword(reasonOf(cause), url)}`,
    );
  }
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(not a valid URL)";
  }
}

function withoutPassword(text: string, url: string): string {
  const password = URL.canParse(url) ? decodeURIComponent(new URL(url).password) : "";
  return password ? text.replaceAll(password, "***") : text;
}

/** What went wrong, in words an operator can act on (pg's errors carry a code). */
function reasonOf(cause: unknown): string {
  const { code, message } = (cause ?? {}) as { code?: string; message?: string };
  switch (code) {
    case "ECONNREFUSED":
      return "nothing is listening there (connection refused): is the server running, and are the host and port in DATABASE_URL right?";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "the host name does not resolve: check the host in DATABASE_URL";
    case "28P01":
    case "28000":
      return "the server refused the login: check the user and password in DATABASE_URL";
    case "3D000":
      return "the database does not exist: create it (CREATE DATABASE) or fix its name in DATABASE_URL";
    default:
      return message && /timeout/i.test(message)
        ? "no answer within 10 s: is the host in DATABASE_URL reachable from here?"
        : (message ?? String(cause));
  }
}
