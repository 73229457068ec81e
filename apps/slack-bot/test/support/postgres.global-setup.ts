// vitest.config.ts's globalSetup: one PostgreSQL for the run (see ./postgres.ts).
export { postgresGlobalSetup as default } from "./postgres.js";
